// Camera-like frames of a QR code for the fake camera and the scanner benchmark: the code on a
// paper label, on a textured grey bench, drifting a pixel or two, softened and with sensor noise.
// Pure (no Node or browser APIs), so the e2e test and the benchmark page draw the very same frames.
import { encode } from 'uqr';

export interface QrFrameSpec {
  text: string;
  width: number;
  height: number;
  frames: number;
  /** Pixels per QR module; by default the code (with its quiet zone) is about half the height. */
  moduleSize?: number;
  seed?: number;
}

/** Luma planes (0 black … 255 white), one per frame, row by row. */
export function qrLumaFrames(spec: QrFrameSpec): Uint8Array[] {
  const { text, width, height, frames, seed = 42 } = spec;
  const qr = encode(text, { ecc: 'M', border: 0 });
  const quiet = 4;
  const modules = qr.size + 2 * quiet;
  const px = spec.moduleSize ?? Math.max(2, Math.floor((Math.min(width, height) * 0.55) / modules));
  const side = modules * px;
  if (side + 8 > width || side + 8 > height) {
    throw new Error(
      `A ${qr.size}-module code at ${px} px a module does not fit ${width}×${height}.`,
    );
  }
  const bench = benchTexture(width, height, seed);
  const drift = [
    [0, 0],
    [1, 0],
    [2, 1],
    [1, 2],
    [0, 1],
    [-1, 0],
    [-2, -1],
    [-1, -2],
    [0, -1],
    [1, 1],
  ] as const;

  const out: Uint8Array[] = [];
  for (let f = 0; f < frames; f++) {
    const [dx, dy] = drift[f % drift.length] ?? [0, 0];
    const left = Math.floor((width - side) / 2) + dx;
    const top = Math.floor((height - side) / 2) + dy;
    const frame = Uint8Array.from(bench);
    for (let y = 0; y < side; y++) {
      const row = Math.floor(y / px) - quiet;
      for (let x = 0; x < side; x++) {
        const col = Math.floor(x / px) - quiet;
        const dark = qr.data[row]?.[col] === true;
        // Paper is not white and toner is not black under a bench lamp.
        frame[(top + y) * width + left + x] = dark ? 40 : 218;
      }
    }
    const soft = boxBlur(frame, width, height);
    const noise = random(seed * 7919 + f);
    for (let i = 0; i < soft.length; i++) {
      soft[i] = clamp((soft[i] ?? 0) + (noise() - 0.5) * 24);
    }
    out.push(soft);
  }
  return out;
}

/** RGBA pixels of a luma plane, as a canvas or ImageData holds them. */
export function lumaToRgba(luma: Uint8Array): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(luma.length * 4);
  for (let i = 0; i < luma.length; i++) {
    const v = luma[i] ?? 0;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

/** Wood-grain-ish grey: slow waves, finer streaks and speckle, never flat. */
function benchTexture(width: number, height: number, seed: number): Uint8Array {
  const speckle = random(seed);
  const plane = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v =
        140 +
        28 * Math.sin(x / 41 + y / 67) +
        16 * Math.sin(x / 9.3 - y / 13.7) +
        10 * Math.sin((x + 2 * y) / 3.1) +
        (speckle() - 0.5) * 40;
      plane[y * width + x] = clamp(v);
    }
  }
  return plane;
}

/** A 3×3 box blur: a camera never sees a perfectly sharp edge. */
function boxBlur(src: Uint8Array, width: number, height: number): Uint8Array {
  const dst = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      for (let j = -1; j <= 1; j++) {
        const yy = y + j;
        if (yy < 0 || yy >= height) continue;
        for (let i = -1; i <= 1; i++) {
          const xx = x + i;
          if (xx < 0 || xx >= width) continue;
          sum += src[yy * width + xx] ?? 0;
          n++;
        }
      }
      dst[y * width + x] = Math.round(sum / n);
    }
  }
  return dst;
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

/** mulberry32: the same frames on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
