// One sync run: push the outbox in batches, pull pages by server seq, upload photos (and their
// thumbnails) the server lacks.
// Every step is safe to repeat, so a run cut short anywhere (network, crash, reload) loses nothing.
import {
  acknowledge,
  applyPulledPage,
  markPhotoUploaded,
  outboxBatch,
  outboxSummary,
  photosToUpload,
  syncCursor,
  type LoupeDB,
} from '../db';
import { sha256Hex } from '../photos/hash';
import type { ApiClient } from './apiClient';

/** At most this many events per push: the server answers 413 above 500. */
export const PUSH_BATCH = 200;
export const PULL_PAGE = 500;
const PHOTO_BATCH = 20;

export interface SyncProgress {
  phase: 'push' | 'pull' | 'photos';
  done: number;
  /** Known for push and photos; unknown (null) for pull until the server says there is no more. */
  total: number | null;
}

export interface SyncReport {
  pushed: number;
  pulled: number;
  photosUploaded: number;
}

export async function runSync(
  db: LoupeDB,
  api: ApiClient,
  onProgress: (p: SyncProgress) => void = () => undefined,
): Promise<SyncReport> {
  const report: SyncReport = { pushed: 0, pulled: 0, photosUploaded: 0 };

  // Push first, so what this tablet did is on the server before it reads what others did.
  const { waiting, photosWaiting } = await outboxSummary(db);
  onProgress({ phase: 'push', done: 0, total: waiting });
  for (;;) {
    const batch = await outboxBatch(db, PUSH_BATCH);
    if (batch.length === 0) break;
    await api.push(batch);
    // Only after the server answered: a lost answer means the batch is sent again, and the
    // server counts it as duplicates.
    await acknowledge(
      db,
      batch.map((e) => e.id),
    );
    report.pushed += batch.length;
    onProgress({ phase: 'push', done: report.pushed, total: Math.max(waiting, report.pushed) });
  }

  onProgress({ phase: 'pull', done: 0, total: null });
  for (;;) {
    const after = await syncCursor(db);
    const page = await api.pull(after, PULL_PAGE);
    if (page.events.length > 0 || page.cursor !== after) {
      const events = page.events.map(({ seq: _seq, ...event }) => event);
      report.pulled += await applyPulledPage(db, events, page.cursor);
    }
    onProgress({ phase: 'pull', done: report.pulled, total: page.more ? null : report.pulled });
    if (!page.more) break;
  }

  onProgress({ phase: 'photos', done: 0, total: photosWaiting });
  for (;;) {
    const photos = await photosToUpload(db, PHOTO_BATCH);
    if (photos.length === 0) break;
    for (const photo of photos) {
      // The thumbnail first, under the hash of its own bytes (the photo.added event names it), so
      // other tablets can show it before the full photo arrives; a photo that is its own
      // thumbnail (a signature, a picture this browser could not shrink) goes once.
      const thumbnailSha256 = await sha256Hex(photo.thumbnail);
      if (thumbnailSha256 !== photo.sha256) {
        await uploadBlob(api, thumbnailSha256, photo.thumbnail);
      }
      await uploadBlob(api, photo.sha256, photo.blob);
      // Only once both are on the server: a run cut short in between sends them again (HEAD
      // makes that cheap).
      await markPhotoUploaded(db, photo.sha256);
      report.photosUploaded += 1;
      onProgress({
        phase: 'photos',
        done: report.photosUploaded,
        total: Math.max(photosWaiting, report.photosUploaded),
      });
    }
  }
  return report;
}

/** HEAD first: the bytes may already be there from another tablet or a lost answer. */
async function uploadBlob(api: ApiClient, sha256: string, bytes: Blob): Promise<void> {
  if (!(await api.hasBlob(sha256))) await api.putBlob(sha256, bytes);
}
