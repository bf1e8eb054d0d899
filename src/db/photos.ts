// Photo bytes by SHA-256: stored once, whatever number of steps or jobs refer to them; and the one
// transaction that files a photo under a job (its bytes and its photo.added event together).
import { useLiveQuery } from 'dexie-react-hooks';
import type { PhotoEntry } from '../domain/job';
import { compareEvents } from '../domain/projection';
import { readStoredEvent, type EventData } from '../protocol/events';
import { eventsOfJob } from './applyEvents';
import { db as appDb } from './db';
import { deviceClock } from './device';
import { recordEvent } from './jobOperations';
import type { LoupeDB, PhotoRow } from './LoupeDB';
import { askPersistentStorage } from './storage';
import { storingTables } from './streams';

/** Changing this key asks every tablet for persistent storage once more; harmless. */
const PERSIST_ASKED_KEY = 'photos.persistAsked';

// Blob objects by content: a live query reads fresh row objects on every change of the table, and
// a stable Blob per hash keeps each <img> from reloading when some other photo is saved. The same
// hash is the same bytes in any database, so the cache can never show a wrong picture.
const BLOB_CACHE_LIMIT = 400;
const blobCache = new Map<string, Blob>();

function stableBlob(key: string, blob: Blob): Blob {
  const cached = blobCache.get(key);
  if (cached && cached.size === blob.size && cached.type === blob.type) return cached;
  blobCache.set(key, blob);
  if (blobCache.size > BLOB_CACHE_LIMIT) {
    const oldest = blobCache.keys().next();
    if (!oldest.done) blobCache.delete(oldest.value);
  }
  return blob;
}

function stableRow(row: PhotoRow): PhotoRow {
  return {
    ...row,
    blob: stableBlob(`${row.sha256}:full`, row.blob),
    thumbnail: stableBlob(`${row.sha256}:thumb`, row.thumbnail),
  };
}

/** True when this tablet has the photo's own bytes, not just its thumbnail (or nothing). */
function hasFullBytes(row: PhotoRow | undefined): boolean {
  return row !== undefined && row.thumbnailOnly !== true;
}

/** Stores a photo unless this tablet already has those exact bytes. */
export async function putPhoto(db: LoupeDB, row: PhotoRow): Promise<void> {
  await db.transaction('rw', db.photos, async () => {
    if (!hasFullBytes(await db.photos.get(row.sha256))) await db.photos.put(row);
  });
}

/**
 * Keeps the thumbnail of another tablet's photo, fetched from the shop server (its hash checked):
 * the gallery shows it at once, and the viewer shows it until the full photo arrives. Never
 * replaces a row that is already here.
 */
export async function storeFetchedThumbnail(
  db: LoupeDB,
  row: Omit<PhotoRow, 'blob' | 'uploaded' | 'thumbnailOnly'>,
): Promise<void> {
  await db.transaction('rw', db.photos, async () => {
    if (await db.photos.get(row.sha256)) return;
    await db.photos.add({ ...row, blob: row.thumbnail, uploaded: 1, thumbnailOnly: true });
  });
}

/**
 * Keeps another tablet's full photo, fetched from the shop server (its hash checked): it takes the
 * place of a thumbnail-only row, keeping that thumbnail; with no thumbnail here, the photo is its
 * own thumbnail. A row that already has the full bytes is left as it is.
 */
export async function storeFetchedPhoto(
  db: LoupeDB,
  row: Omit<PhotoRow, 'thumbnail' | 'uploaded' | 'thumbnailOnly'>,
): Promise<void> {
  await db.transaction('rw', db.photos, async () => {
    const existing = await db.photos.get(row.sha256);
    if (hasFullBytes(existing)) return;
    await db.photos.put({
      ...row,
      thumbnail: existing?.thumbnail ?? row.blob,
      createdAt: existing?.createdAt ?? row.createdAt,
      uploaded: 1,
    });
  });
}

/** The row of a photo's bytes on this tablet, read once (sync code; screens use usePhoto). */
export async function getPhotoRow(db: LoupeDB, sha256: string): Promise<PhotoRow | undefined> {
  return db.photos.get(sha256);
}

export function usePhoto(sha256: string | undefined): PhotoRow | null | undefined {
  return useLiveQuery(async () => {
    const row = sha256 ? await appDb.photos.get(sha256) : undefined;
    return row ? stableRow(row) : null;
  }, [sha256]);
}

/** The stored rows of these hashes, by hash; a hash this tablet has no bytes for maps to null. */
export function usePhotoRows(sha256s: readonly string[]): Map<string, PhotoRow | null> | undefined {
  const key = sha256s.join(' ');
  return useLiveQuery(async () => {
    const wanted = key === '' ? [] : key.split(' ');
    const rows = await appDb.photos.bulkGet(wanted);
    return new Map(wanted.map((sha, i) => [sha, rows[i] ? stableRow(rows[i]) : null]));
  }, [key]);
}

/**
 * The photos of a job, oldest first: from its projection, or, before its job.opened is recorded (a
 * photo taken at the counter while the envelope is being filled in), from its photo.added events.
 */
export async function jobPhotos(db: LoupeDB, jobId: string): Promise<PhotoEntry[]> {
  const job = await db.jobs.get(jobId);
  if (job) return job.photos;
  const entries: PhotoEntry[] = [];
  const events = (await eventsOfJob(db, jobId)).sort(compareEvents);
  for (const stored of events) {
    const read = readStoredEvent(stored);
    if (!read.known || read.event.type !== 'photo.added') continue;
    const e = read.event;
    if (entries.some((p) => p.sha256 === e.data.sha256)) continue;
    entries.push({ by: e.actor, at: e.at, eventId: e.id, ...e.data });
  }
  return entries;
}

export function useJobPhotos(jobId: string): PhotoEntry[] | undefined {
  return useLiveQuery(() => jobPhotos(appDb, jobId), [jobId]);
}

export interface RecordPhotoResult {
  /** The job already showed these exact bytes: nothing new was recorded. */
  alreadyOnJob: boolean;
  /** The bytes were already on this tablet (another job, or a sync) and were not stored twice. */
  bytesWereStored: boolean;
}

/**
 * Files a photo under a job: puts its bytes (unless this tablet has them) and records photo.added,
 * in one transaction, so a full disk leaves neither. Two tablets adding the same bytes offline each
 * record their own event; the projection keeps the photo once (by hash), and the server stores one
 * copy of the bytes because they travel addressed by that same hash.
 */
export async function recordPhoto(
  db: LoupeDB,
  row: PhotoRow,
  data: EventData<'photo.added'>,
  actor: string,
): Promise<RecordPhotoResult> {
  // Made outside the transaction: a first-ever device id must not vanish with an aborted photo.
  await deviceClock(db);
  return db.transaction('rw', [db.photos, db.meta, ...storingTables(db)], async () => {
    const job = await db.jobs.get(row.jobId);
    const alreadyOnJob = job?.photos.some((p) => p.sha256 === row.sha256) ?? false;
    // Only a thumbnail fetched from the server counts as not stored: the full bytes replace it.
    const bytesWereStored = hasFullBytes(await db.photos.get(row.sha256));
    if (!bytesWereStored) await db.photos.put(row);
    if (!alreadyOnJob) {
      await recordEvent(db, { jobId: row.jobId, type: 'photo.added', data }, actor);
    }
    return { alreadyOnJob, bytesWereStored };
  });
}

/**
 * Asks the browser to keep Loupe's data (Safari evicts a site unused for a week) the first time a
 * photo is saved on this tablet; photos are what a person would miss most.
 */
export async function askPersistenceOnce(db: LoupeDB): Promise<boolean | null> {
  const asked = await db.meta.get(PERSIST_ASKED_KEY);
  if (asked) return null;
  await db.meta.put({ key: PERSIST_ASKED_KEY, value: Date.now() });
  return askPersistentStorage();
}

export interface PhotoStorageSummary {
  count: number;
  /** Stored photos and thumbnails together. */
  bytes: number;
  /** Photos this tablet took that the shop server does not have yet. */
  notUploaded: number;
}

export async function photoStorageSummary(db: LoupeDB): Promise<PhotoStorageSummary> {
  let count = 0;
  let bytes = 0;
  let notUploaded = 0;
  await db.photos.each((row) => {
    count += 1;
    bytes += row.blob.size + row.thumbnail.size;
    if (row.uploaded === 0) notUploaded += 1;
  });
  return { count, bytes, notUploaded };
}

export function usePhotoStorageSummary(): PhotoStorageSummary | undefined {
  return useLiveQuery(() => photoStorageSummary(appDb), []);
}
