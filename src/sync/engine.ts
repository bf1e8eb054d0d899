// One sync run: push the outbox in batches, pull pages by server seq, upload photos (and their
// thumbnails) the server lacks.
// Every step is safe to repeat, so a run cut short anywhere (network, crash, reload) loses nothing.
import {
  acknowledge,
  applyPulledPage,
  markPhotoUploaded,
  markResent,
  outboxBatch,
  outboxSummary,
  photosToUpload,
  resendBatch,
  resendPoint,
  saveServerHistory,
  serverHistory,
  startResend,
  syncCursor,
  type LoupeDB,
} from '../db';
import { sha256Hex } from '../photos/hash';
import type { ApiClient, PullResult } from './apiClient';

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
  /** Events sent again because the server had lost them (restored from an older backup). */
  resent: number;
}

export async function runSync(
  db: LoupeDB,
  api: ApiClient,
  onProgress: (p: SyncProgress) => void = () => undefined,
): Promise<SyncReport> {
  const report: SyncReport = { pushed: 0, pulled: 0, photosUploaded: 0, resent: 0 };
  // A resend cut short by a crash or the network goes on first. Then, before pushing (which
  // moves the server's last seq on), a look at where the server stands: has it lost events?
  report.resent += await resend(db, api, onProgress);
  const probeAfter = await syncCursor(db);
  const probe = await api.pull(probeAfter, 1);
  if (await serverLostEvents(db, probe, probeAfter)) {
    await startResend(db, probe.history);
    report.resent += await resend(db, api, onProgress);
  } else if (probe.history !== undefined && (await serverHistory(db)) === null) {
    await saveServerHistory(db, probe.history);
  }

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
    if (await serverLostEvents(db, page, after)) {
      await startResend(db, page.history);
      report.resent += await resend(db, api, onProgress);
      continue;
    }
    if (page.events.length > 0 || page.cursor !== after) {
      const events = page.events.map(({ seq: _seq, ...event }) => event);
      report.pulled += await applyPulledPage(db, events, page.cursor, page.history);
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

/**
 * Whether the server has lost events (restored from an older backup): its last seq is before
 * this tablet's cursor, or its history id changed because another tablet found that out. What it
 * lost may be only here, so everything here goes to it again.
 */
async function serverLostEvents(db: LoupeDB, page: PullResult, after: number): Promise<boolean> {
  const known = await serverHistory(db);
  const behind = page.cursor < after;
  const newHistory = page.history !== undefined && known !== null && page.history !== known;
  if (!behind && !newHistory) return false;
  console.warn(
    behind
      ? `The shop server's last change is ${page.cursor}, but this tablet has seen ${after}: sending everything again.`
      : 'The shop server lost changes (another tablet found out): sending everything again.',
  );
  return true;
}

/** Sends every event here again, in id order, resuming where a cut-short resend stopped. */
async function resend(
  db: LoupeDB,
  api: ApiClient,
  onProgress: (p: SyncProgress) => void,
): Promise<number> {
  let after = await resendPoint(db);
  if (after === null) return 0;
  const total = await db.events.count();
  let sent = 0;
  for (;;) {
    const batch = await resendBatch(db, after, PUSH_BATCH);
    const last = batch.at(-1);
    if (!last) break;
    await api.push(batch);
    await markResent(db, last.id);
    after = last.id;
    sent += batch.length;
    onProgress({ phase: 'push', done: sent, total: Math.max(total, sent) });
  }
  await markResent(db, null);
  return sent;
}
