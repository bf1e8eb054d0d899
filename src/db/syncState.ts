// What sync keeps on the tablet: the outbox, the pull cursor and the pairing, each changed atomically.
import { useLiveQuery } from 'dexie-react-hooks';
import type { StoredEvent } from '../protocol/events';
import { applyEvents } from './applyEvents';
import { db as appDb } from './db';
import type { LoupeDB, PhotoRow } from './LoupeDB';

/** Changing these keys forgets a tablet's pairing or makes it pull everything again. */
const SYNC_KEYS = { cursor: 'sync.cursor', pairing: 'sync.pairing' } as const;

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
): Promise<number> {
  return db.transaction('rw', [db.events, db.jobs, db.outbox, db.meta], async () => {
    const result = await applyEvents(db, events, { local: false });
    await db.meta.put({ key: SYNC_KEYS.cursor, value: cursor });
    return result.applied;
  });
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
