// What sync keeps on the tablet: the outbox, the pull cursor and the pairing, each changed atomically.
import { useLiveQuery } from 'dexie-react-hooks';
import type { StoredEvent } from '../protocol/events';
import { applyEvents } from './applyEvents';
import { db as appDb } from './db';
import type { LoupeDB, PhotoRow } from './LoupeDB';

/** Changing these keys forgets a tablet's pairing or makes it pull everything again. */
const SYNC_KEYS = {
  cursor: 'sync.cursor',
  pairing: 'sync.pairing',
  /** While set, every event here is being sent again, in id order, after this id. */
  resendAfter: 'sync.resendAfter',
  /** The server's event history id as of the last pull (DESIGN.md, "Sync"). */
  history: 'sync.history',
} as const;

export interface Pairing {
  serverUrl: string;
  token: string;
  /** The id the server gave this tablet (for `npm run unpair`). */
  serverDeviceId: string;
  pairedAt: number;
}

export async function getPairing(db: LoupeDB): Promise<Pairing | null> {
  const row = await db.meta.get(SYNC_KEYS.pairing);
  return (row?.value as Pairing | undefined) ?? null;
}

export async function savePairing(db: LoupeDB, pairing: Pairing): Promise<void> {
  await db.meta.put({ key: SYNC_KEYS.pairing, value: pairing });
}

export async function forgetPairing(db: LoupeDB): Promise<void> {
  await db.meta.delete(SYNC_KEYS.pairing);
}

export function usePairing(): Pairing | null | undefined {
  return useLiveQuery(() => getPairing(appDb), []);
}

export async function syncCursor(db: LoupeDB): Promise<number> {
  const row = await db.meta.get(SYNC_KEYS.cursor);
  return typeof row?.value === 'number' ? row.value : 0;
}

/** The oldest events waiting for the server, in the order they were made. */
export async function outboxBatch(db: LoupeDB, limit: number): Promise<StoredEvent[]> {
  return db.transaction('r', [db.outbox, db.events], async () => {
    const rows = await db.outbox.orderBy('queuedAt').limit(limit).toArray();
    const events = await db.events.bulkGet(rows.map((r) => r.eventId));
    return events.filter((e): e is StoredEvent => e !== undefined);
  });
}

/** The server has these events: they leave the outbox (never the events table). */
export async function acknowledge(db: LoupeDB, eventIds: readonly string[]): Promise<void> {
  await db.outbox.bulkDelete([...eventIds]);
}

/**
 * Applies one pulled page and moves the cursor past it in the same transaction: a crash between
 * the two can neither skip this page nor apply it twice (and applying twice would change nothing).
 */
export async function applyPulledPage(
  db: LoupeDB,
  events: readonly StoredEvent[],
  cursor: number,
  history?: string,
): Promise<number> {
  return db.transaction('rw', [db.events, db.jobs, db.outbox, db.meta], async () => {
    const result = await applyEvents(db, events, { local: false });
    await db.meta.put({ key: SYNC_KEYS.cursor, value: cursor });
    if (history !== undefined) await db.meta.put({ key: SYNC_KEYS.history, value: history });
    return result.applied;
  });
}

/**
 * The shop server has lost events this tablet or another has seen (restored from an older
 * backup): pull again from the start, send every event here again (the server keeps one of
 * each), and upload every photo again. One transaction, so a crash leaves it to be resumed.
 */
export async function startResend(db: LoupeDB, history: string | undefined): Promise<void> {
  await db.transaction('rw', [db.meta, db.photos], async () => {
    await db.meta.put({ key: SYNC_KEYS.cursor, value: 0 });
    await db.meta.put({ key: SYNC_KEYS.resendAfter, value: '' });
    if (history !== undefined) await db.meta.put({ key: SYNC_KEYS.history, value: history });
    await db.photos
      .where('uploaded')
      .equals(1)
      .modify((row) => {
        // A photo that is only a thumbnail here is the tablet that took it to send.
        if (row.thumbnailOnly !== true) row.uploaded = 0;
      });
  });
}

/** The server's event history id as of the last pull, or null before the first. */
export async function serverHistory(db: LoupeDB): Promise<string | null> {
  const row = await db.meta.get(SYNC_KEYS.history);
  return typeof row?.value === 'string' ? row.value : null;
}

export async function saveServerHistory(db: LoupeDB, history: string): Promise<void> {
  await db.meta.put({ key: SYNC_KEYS.history, value: history });
}

/** Where an interrupted resend goes on from (an event id), or null when none is under way. */
export async function resendPoint(db: LoupeDB): Promise<string | null> {
  const row = await db.meta.get(SYNC_KEYS.resendAfter);
  return typeof row?.value === 'string' ? row.value : null;
}

/** The next events to send again, by id, after `afterId`. */
export async function resendBatch(
  db: LoupeDB,
  afterId: string,
  limit: number,
): Promise<StoredEvent[]> {
  return db.events.where('id').above(afterId).limit(limit).toArray();
}

/** The server has the events up to `lastId`; with null, the resend is done. */
export async function markResent(db: LoupeDB, lastId: string | null): Promise<void> {
  if (lastId === null) await db.meta.delete(SYNC_KEYS.resendAfter);
  else await db.meta.put({ key: SYNC_KEYS.resendAfter, value: lastId });
}

export interface OutboxSummary {
  waiting: number;
  oldestQueuedAt: number | null;
  photosWaiting: number;
}

export async function outboxSummary(db: LoupeDB): Promise<OutboxSummary> {
  const [waiting, oldest, photosWaiting] = await Promise.all([
    db.outbox.count(),
    db.outbox.orderBy('queuedAt').first(),
    db.photos.where('uploaded').equals(0).count(),
  ]);
  return { waiting, oldestQueuedAt: oldest?.queuedAt ?? null, photosWaiting };
}

export function useOutboxSummary(): OutboxSummary | undefined {
  return useLiveQuery(() => outboxSummary(appDb), []);
}

export async function photosToUpload(db: LoupeDB, limit: number): Promise<PhotoRow[]> {
  return db.photos.where('uploaded').equals(0).limit(limit).toArray();
}

export async function markPhotoUploaded(db: LoupeDB, sha256: string): Promise<void> {
  await db.photos.update(sha256, { uploaded: 1 });
}
