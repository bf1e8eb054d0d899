// Keeps a photo picked or taken for a checklist step on this tablet, addressed by its hash: the
// step's value is the hash; the photo is not added to the job's gallery (no photo.added event).
import { askPersistenceOnce, db, putPhoto } from '../db';
import { sha256Hex } from './hash';
import { PhotoProcessingError, processPhoto, type ProcessedPhoto } from './process';
import { withStorageRetry } from './storageErrors';

/**
 * Where this browser cannot prepare photos at all, or for a vector image (a signature's SVG), the
 * picture is kept as it is: a step must still be able to record its photo.
 */
async function asTaken(file: Blob): Promise<ProcessedPhoto> {
  return {
    blob: file,
    thumbnail: file,
    mimeType: file.type === 'image/png' || file.type === 'image/webp' ? file.type : 'image/jpeg',
    width: 0,
    height: 0,
    bytes: file.size,
    sha256: await sha256Hex(file),
  };
}

async function prepare(file: Blob): Promise<ProcessedPhoto> {
  if (file.type === 'image/svg+xml') return asTaken(file);
  try {
    return await processPhoto(file);
  } catch (err) {
    if (err instanceof PhotoProcessingError && err.reason === 'unsupported') return asTaken(file);
    throw err;
  }
}

/** Stores the picture (downscaled and compressed) and returns its SHA-256. */
export async function storePickedPhoto(jobId: string, file: Blob): Promise<string> {
  const photo = await prepare(file);
  await withStorageRetry(() =>
    putPhoto(db, {
      sha256: photo.sha256,
      jobId,
      blob: photo.blob,
      thumbnail: photo.thumbnail,
      // An SVG signature keeps its own type, so it is shown as what it is.
      mimeType: file.type === 'image/svg+xml' ? file.type : photo.mimeType,
      bytes: photo.bytes,
      width: photo.width,
      height: photo.height,
      uploaded: 0,
      createdAt: Date.now(),
    }),
  );
  askPersistenceOnce(db).catch((err: unknown) => {
    console.warn('Could not ask for persistent storage', err);
  });
  return photo.sha256;
}
