// The page bench/photos.bench.ts drives in Chromium: makes a 12-MP camera-like JPEG, then times
// Loupe's photo pipeline against plain baselines measured on the same picture in the same run.
import { processOnThisThread } from '../../src/photos/pixels';
import { processPhoto, workerCanProcess, type ProcessedPhoto } from '../../src/photos/process';

export interface PipelineResult {
  ms: number;
  bytes: number;
  thumbnailBytes: number;
  width: number;
  height: number;
  type: string;
  thumbnailType: string;
  /** Still true after the run: the photo worker did the work (no fallback to the main thread). */
  viaWorker: boolean;
  /** The longest the page's thread was blocked during the run: what a person feels as a freeze. */
  longestStallMs: number;
}

export interface BaselineResult {
  ms: number;
  bytes: number;
  type: string;
}

export interface PhotoBench {
  makeInput(width: number, height: number): Promise<{ bytes: number; type: string }>;
  pipeline(): Promise<PipelineResult>;
  mainThread(): Promise<PipelineResult>;
  fullSizeReencode(): Promise<BaselineResult>;
  rawStore(): Promise<BaselineResult>;
}

let input: Blob | null = null;

/** A textured scene (mat, gradient, rings, sensor noise) so the encoder has real detail to keep. */
async function makeInput(width: number, height: number) {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  const gradient = ctx.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#2c3a4a');
  gradient.addColorStop(1, '#7a8794');
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, width, height);
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let i = 0; i < 400; i++) {
    ctx.strokeStyle = `hsl(${40 + random() * 20}, 70%, ${40 + random() * 30}%)`;
    ctx.lineWidth = 2 + random() * 30;
    ctx.beginPath();
    ctx.arc(random() * width, random() * height, 20 + random() * 300, 0, Math.PI * 2);
    ctx.stroke();
  }
  // Sensor noise in tiles: a real photo is never flat.
  const tile = ctx.createImageData(256, 256);
  for (let i = 0; i < tile.data.length; i += 4) {
    const v = random() * 40;
    tile.data[i] = v;
    tile.data[i + 1] = v;
    tile.data[i + 2] = v;
    tile.data[i + 3] = 40;
  }
  const noise = await createImageBitmap(tile);
  for (let y = 0; y < height; y += 256) {
    for (let x = 0; x < width; x += 256) ctx.drawImage(noise, x, y);
  }
  input = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
  return { bytes: input.size, type: input.type };
}

function needInput(): Blob {
  if (!input) throw new Error('makeInput first');
  return input;
}

let dbPromise: Promise<IDBDatabase> | null = null;
function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open('loupe-photo-bench', 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('photos');
    };
    req.onsuccess = () => {
      resolve(req.result);
    };
    req.onerror = () => {
      reject(req.error ?? new Error('open failed'));
    };
  });
  return dbPromise;
}

async function put(key: string, value: unknown): Promise<void> {
  const db = await openDb();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('photos', 'readwrite');
    tx.objectStore('photos').put(value, key);
    tx.oncomplete = () => {
      resolve();
    };
    tx.onerror = () => {
      reject(tx.error ?? new Error('put failed'));
    };
  });
}

let n = 0;

/** Ticks every few ms on the page's thread and keeps the longest gap between two ticks. */
function watchStalls(): () => number {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 4);
  return () => {
    clearInterval(timer);
    return Math.max(longest, performance.now() - last);
  };
}

async function run(process: (file: Blob) => Promise<ProcessedPhoto>): Promise<PipelineResult> {
  const file = needInput();
  const stalls = watchStalls();
  const start = performance.now();
  const photo = await process(file);
  await put(`p${n++}`, { blob: photo.blob, thumbnail: photo.thumbnail, sha256: photo.sha256 });
  return {
    ms: performance.now() - start,
    bytes: photo.bytes,
    thumbnailBytes: photo.thumbnail.size,
    width: photo.width,
    height: photo.height,
    type: photo.mimeType,
    thumbnailType: photo.thumbnail.type,
    viaWorker: workerCanProcess(),
    longestStallMs: stalls(),
  };
}

const bench: PhotoBench = {
  makeInput,
  pipeline: () => run(processPhoto),
  /** The fallback for browsers whose workers cannot draw: the same path on the page's thread. */
  mainThread: () => run(processOnThisThread),
  /** What a naive app does: decode, draw at full size, encode WebP at 0.85 — no downscale. */
  async fullSizeReencode() {
    const file = needInput();
    const start = performance.now();
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    bitmap.close();
    const blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
    await put(`f${n++}`, { blob });
    return { ms: performance.now() - start, bytes: blob.size, type: blob.type };
  },
  /** Keeping the camera's file as it is: a copy of its bytes into IndexedDB. */
  async rawStore() {
    const file = needInput();
    const start = performance.now();
    const copy = new Blob([await file.arrayBuffer()], { type: file.type });
    await put(`r${n++}`, { blob: copy });
    return { ms: performance.now() - start, bytes: copy.size, type: copy.type };
  },
};

(window as unknown as { photoBench: PhotoBench }).photoBench = bench;
document.body.dataset.ready = 'true';
