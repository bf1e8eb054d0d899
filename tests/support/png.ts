// Test pictures: PNGs drawn by the encoder the app icons use.
import { encodePng } from '../../scripts/png';

/** A ring on a bench mat: a gold annulus on a slate gradient, shifted by `seed` so hashes differ. */
export function ringPicture(width: number, height: number, seed = 0): Buffer {
  const cx = width / 2 + (seed % 7);
  const cy = height / 2;
  const r = Math.min(width, height) * 0.3;
  return encodePng(width, height, (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    if (d > r * 0.75 && d < r) return [217, 169, 75];
    const shade = Math.round((x / width) * 40 + (y / height) * 40) + (seed % 5);
    return [31 + shade, 42 + shade, 54 + shade];
  });
}

/** PNG dimensions read back from the IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
