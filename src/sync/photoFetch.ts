// Another tablet's photo, fetched lazily from the shop server by the SHA-256 of its bytes: the
// thumbnail first (the gallery can show it at once), then the full photo. Every fetched blob is
// hashed before it is stored; bytes that do not hash to their address are refused, nothing kept.
import { getPhotoRow, storeFetchedPhoto, storeFetchedThumbnail, type LoupeDB } from '../db';
import type { PhotoEntry } from '../domain/job';
import { sha256Hex } from '../photos/hash';
import { SyncRequestError, type ApiClient } from './apiClient';

/** What is needed to fetch a photo: its job and addresses, from its photo.added event. */
export interface PhotoAddress {
  jobId: string;
  sha256: string;
  /** The thumbnail's own address; photos recorded before thumbnails travelled have none. */
  thumbnailSha256?: string | undefined;
  /** From the event, for the stored row; the server answers every blob as octet-stream. */
  mimeType?: string | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

/** A photo's address as its photo.added entry on job `jobId` gives it. */
export function photoAddress(jobId: string, entry: PhotoEntry): PhotoAddress {
  return {
    jobId,
    sha256: entry.sha256,
    thumbnailSha256: entry.thumbnailSha256,
    mimeType: entry.mimeType,
    width: entry.width,
    height: entry.height,
  };
}

export type PhotoFetchFailure = 'mismatch' | 'not_on_server' | 'request';

/** A photo that could not be fetched; `reason` says whether trying again soon makes sense. */
export class PhotoFetchError extends Error {
  constructor(
    message: string,
    readonly reason: PhotoFetchFailure,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PhotoFetchError';
  }
}

/** What the tablet has of the photo afterwards. */
export type PhotoBytesHere = 'full' | 'thumbnail';

export interface FetchPhotoOptions {
  /** Stop once something can be shown: the thumbnail (or, with no thumbnail address, the photo). */
  thumbnailOnly?: boolean;
}

async function fetchVerified(api: ApiClient, sha256: string, type: string): Promise<Blob> {
  let fetched: Blob;
  try {
    fetched = await api.getBlob(sha256);
  } catch (err) {
    if (err instanceof SyncRequestError && err.status === 404) {
      throw new PhotoFetchError(
        'The photo is not on the shop server yet: it arrives once the tablet that took it syncs.',
        'not_on_server',
        { cause: err },
      );
    }
    const message = err instanceof Error ? err.message : String(err);
    throw new PhotoFetchError(message, 'request', { cause: err });
  }
  // Stored with the photo's own type: the server answers application/octet-stream.
  const blob = new Blob([await fetched.arrayBuffer()], { type });
  const actual = await sha256Hex(blob);
  if (actual !== sha256) {
    throw new PhotoFetchError(
      `The shop server sent ${blob.size} bytes that hash to ${actual}, not to ${sha256}: they ` +
        'are damaged or not this photo, and were not kept.',
      'mismatch',
    );
  }
  return blob;
}

/**
 * Fetches a photo's bytes this tablet lacks: the thumbnail first, stored at once (the row then
 * shows the thumbnail as the photo too, flagged thumbnailOnly), then the full photo, unless
 * `thumbnailOnly`. Safe to repeat and to run beside a sync: what is already here is not fetched.
 * Throws PhotoFetchError; whatever failed its hash check is not stored.
 */
export async function fetchPhotoBytes(
  db: LoupeDB,
  api: ApiClient,
  photo: PhotoAddress,
  { thumbnailOnly = false }: FetchPhotoOptions = {},
): Promise<PhotoBytesHere> {
  const type = photo.mimeType ?? 'image/jpeg';
  const meta = {
    sha256: photo.sha256,
    jobId: photo.jobId,
    mimeType: type,
    width: photo.width ?? 0,
    height: photo.height ?? 0,
  };
  let row = await getPhotoRow(db, photo.sha256);
  if (row && row.thumbnailOnly !== true) return 'full';

  const thumbSha = photo.thumbnailSha256;
  if (!row && thumbSha !== undefined && thumbSha !== photo.sha256) {
    const thumbnail = await fetchVerified(api, thumbSha, type);
    await storeFetchedThumbnail(db, {
      ...meta,
      thumbnail,
      bytes: thumbnail.size,
      createdAt: Date.now(),
    });
    row = await getPhotoRow(db, photo.sha256);
    if (row && row.thumbnailOnly !== true) return 'full'; // saved here meanwhile
  }
  if (thumbnailOnly && row) return 'thumbnail';

  const blob = await fetchVerified(api, photo.sha256, type);
  await storeFetchedPhoto(db, { ...meta, blob, bytes: blob.size, createdAt: Date.now() });
  return 'full';
}
