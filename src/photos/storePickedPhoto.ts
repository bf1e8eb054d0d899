// Keeps a photo picked or taken for a job on this tablet, addressed by its hash.
import { db, putPhoto } from '../db';
import { sha256Hex } from './hash';

async function dimensions(blob: Blob): Promise<{ width: number; height: number }> {
  if (typeof createImageBitmap !== 'function') return { width: 0, height: 0 };
  try {
    const bitmap = await createImageBitmap(blob);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return { width: 0, height: 0 };
  }
}

/** Stores the picture as taken and returns its SHA-256 (downscaling comes with the photos work). */
export async function storePickedPhoto(jobId: string, file: Blob): Promise<string> {
  const sha256 = await sha256Hex(file);
  const { width, height } = await dimensions(file);
  await putPhoto(db, {
    sha256,
    jobId,
    blob: file,
    thumbnail: file,
    mimeType: file.type || 'image/jpeg',
    bytes: file.size,
    width,
    height,
    uploaded: 0,
    createdAt: Date.now(),
  });
  return sha256;
}
