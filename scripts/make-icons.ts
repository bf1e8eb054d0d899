// Draws Loupe's app icons (a gold loupe on slate) into public/ as PNGs; run with `npm run icons`.
import { writeFileSync } from 'node:fs';
import { encodePng, type Rgb } from './png';

const SLATE = [0x1f, 0x2a, 0x36] as const;
const GOLD = [0xd9, 0xa9, 0x4b] as const;
const GLASS = [0x9f, 0xc6, 0xd9] as const;

/** The loupe drawn in a unit square; `scale` < 1 keeps it inside a maskable icon's safe zone. */
function loupe(size: number, scale: number) {
  return (x: number, y: number): Rgb => {
    const u = (x / size - 0.5) / scale + 0.5;
    const v = (y / size - 0.5) / scale + 0.5;
    const dx = u - 0.42;
    const dy = v - 0.42;
    const r = Math.hypot(dx, dy);
    if (r < 0.22) return GLASS;
    if (r < 0.28) return GOLD;
    // The handle: a thick segment from the rim towards the lower right.
    const t = (u - 0.62 + (v - 0.62)) / 2;
    const off = Math.abs(u - v);
    if (t > 0 && t < 0.2 && off < 0.09) return GOLD;
    return SLATE;
  };
}

const out = new URL('../public/', import.meta.url);
const icons: [string, number, number][] = [
  ['icon-192.png', 192, 0.9],
  ['icon-512.png', 512, 0.9],
  ['icon-maskable-512.png', 512, 0.62],
  ['apple-touch-icon.png', 180, 0.75],
];
for (const [name, size, scale] of icons) {
  writeFileSync(
    new URL(name, out),
    encodePng(size, size, (x, y) => loupe(size, scale)(x + 0.5, y + 0.5), 9),
  );
  console.log(`wrote public/${name}`);
}
