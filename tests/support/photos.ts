// Stored photos for tests made from generated PNGs, standing in for the pixel path (which needs a
// canvas: jsdom has none, so it is tested in Chromium). Node's Blob survives fake-indexeddb's
// structured clone; jsdom's Blob does not, so these are Node Blobs in every environment.
import { Blob as NodeBlob } from 'node:buffer';
import { sha256Hex } from '../../src/photos/hash';
import type { ProcessedPhoto } from '../../src/photos/process';
import { pngSize, ringPicture } from './png';

export function pngBlob(bytes: Uint8Array): Blob {
  return new NodeBlob([bytes], { type: 'image/png' }) as unknown as Blob;
}

let seed = 1;

/** A "processed" photo: a small PNG and a smaller thumbnail, hashed like the real pipeline. */
export async function fakeProcessed(width = 64, height = 48): Promise<ProcessedPhoto> {
  const s = seed++;
  const full = ringPicture(width, height, s);
  const thumb = ringPicture(Math.max(1, width >> 1), Math.max(1, height >> 1), s);
  const blob = pngBlob(full);
  const size = pngSize(full);
  return {
    blob,
    thumbnail: pngBlob(thumb),
    mimeType: 'image/png',
    width: size.width,
    height: size.height,
    bytes: blob.size,
    sha256: await sha256Hex(blob),
  };
}

/** A process() for savePhoto that ignores its input and returns a fresh generated photo. */
export function fakeProcess(): Promise<ProcessedPhoto> {
  return fakeProcessed();
}
