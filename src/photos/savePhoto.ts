// Saves a photo of a job on this tablet: prepared (downscaled, compressed, hashed), then its bytes
// and its photo.added event stored in one transaction, with a clear message when the tablet is full.
import { askPersistenceOnce, BenchInputError, recordPhoto, type LoupeDB } from '../db';
import type { EventData, PhotoTag } from '../protocol/events';
import { sha256Hex } from './hash';
import { processPhoto, type ProcessedPhoto } from './process';
import { withStorageRetry } from './storageErrors';

export { PhotoStorageError } from './storageErrors';

export const NOTE_MAX = 500;

export interface SavePhotoInput {
  jobId: string;
  /** A file picked or taken, or a frame grabbed from the camera preview. */
  file: Blob | ImageBitmap;
  tag: PhotoTag;
  note?: string;
  serviceId?: string;
}

export interface SavedPhoto {
  sha256: string;
  tag: PhotoTag;
  mimeType: ProcessedPhoto['mimeType'];
  width: number;
  height: number;
  bytes: number;
  /** These exact bytes were already on the job: nothing new was recorded. */
  alreadyOnJob: boolean;
}

export interface SavePhotoOptions {
  /** The pixel path; tests in jsdom (no canvas) pass a stand-in. */
  process?: (file: Blob | ImageBitmap) => Promise<ProcessedPhoto>;
}

/**
 * Saves one photo. Throws BenchInputError for a note that is too long (before any work),
 * PhotoProcessingError when the picture cannot be read, PhotoStorageError when the tablet is full;
 * in each case nothing of the photo is kept.
 */
export async function savePhoto(
  db: LoupeDB,
  input: SavePhotoInput,
  actor: string,
  options: SavePhotoOptions = {},
): Promise<SavedPhoto> {
  const note = input.note?.trim() ?? '';
  if (note.length > NOTE_MAX) {
    throw new BenchInputError(`Keep the note to ${NOTE_MAX} characters.`, [
      { key: 'note', message: `Keep it to ${NOTE_MAX} characters.` },
    ]);
  }
  const photo = await (options.process ?? processPhoto)(input.file);
  // The thumbnail travels under its own hash, so another tablet can show it before the photo.
  const thumbnailSha256 = await sha256Hex(photo.thumbnail);
  const data: EventData<'photo.added'> = {
    sha256: photo.sha256,
    thumbnailSha256,
    tag: input.tag,
    mimeType: photo.mimeType,
    bytes: photo.bytes,
    width: photo.width,
    height: photo.height,
    ...(input.serviceId ? { serviceId: input.serviceId } : {}),
    ...(note ? { note } : {}),
  };
  const row = {
    sha256: photo.sha256,
    jobId: input.jobId,
    blob: photo.blob,
    thumbnail: photo.thumbnail,
    mimeType: photo.mimeType,
    bytes: photo.bytes,
    width: photo.width,
    height: photo.height,
    uploaded: 0 as const,
    createdAt: Date.now(),
  };
  const { alreadyOnJob } = await withStorageRetry(() => recordPhoto(db, row, data, actor));
  // Not awaited: Firefox may show a prompt, and the photo is already safe.
  askPersistenceOnce(db).catch((err: unknown) => {
    console.warn('Could not ask for persistent storage', err);
  });
  return {
    sha256: photo.sha256,
    tag: input.tag,
    mimeType: photo.mimeType,
    width: photo.width,
    height: photo.height,
    bytes: photo.bytes,
    alreadyOnJob,
  };
}
