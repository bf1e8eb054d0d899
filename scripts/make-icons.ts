// Draws Loupe's app icons (a gold loupe on slate) into public/ as PNGs; run with `npm run icons`.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const SLATE = [0x1f, 0x2a, 0x36] as const;
const GOLD = [0xd9, 0xa9, 0x4b] as const;
const GLASS = [0x9f, 0xc6, 0xd9] as const;

type Rgb = readonly [number, number, number];

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function encodePng(size: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixel(x + 0.5, y + 0.5);
      raw.set([r, g, b], row + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

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
  writeFileSync(new URL(name, out), encodePng(size, loupe(size, scale)));
  console.log(`wrote public/${name}`);
}
