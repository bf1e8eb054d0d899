// What sync keeps on the tablet: the outbox, the pull cursor and the pairing, each changed atomically.
import { useLiveQuery } from 'dexie-react-hooks';
import type { StoredEvent } from '../protocol/events';
import { applyEvents } from './applyEvents';
import { db as appDb } from './db';
import type { LoupeDB, PhotoRow } from './LoupeDB';
import { storingTables, type ProjectionWindow } from './streams';

// The keys and the reads the header shows live in syncStatus.ts: the first screen needs them
// without sync's writes (which apply pulled events).
import { SYNC_KEYS, type ClockCheck } from './syncStatus';
export {
  clockCheck,
  outboxSummary,
  useClockCheck,
  useOutboxSummary,
  type ClockCheck,
  type OutboxSummary,
} from './syncStatus';

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

/** Where the pulls have got to: the last seq, and the id of the event pulled there. */
export async function syncPosition(
  db: LoupeDB,
): Promise<{ cursor: number; eventId: string | null }> {
  const [cursor, id] = await db.meta.bulkGet([SYNC_KEYS.cursor, SYNC_KEYS.cursorEventId]);
  return {
    cursor: typeof cursor?.value === 'number' ? cursor.value : 0,
    eventId: typeof id?.value === 'string' ? id.value : null,
  };
}

/** UTF-8 bytes of an event as pushed, to keep a batch under the server's body limit. */
const encoder = new TextEncoder();
export function eventBytes(event: StoredEvent): number {
  return encoder.encode(JSON.stringify(event)).length;
}

/**
 * The oldest events waiting for the server, in the order they were made, at most `limit` of them
 * and `maxBytes` of JSON (one event at least, however large: the server then says it is too
 * large, and it is set aside). Events already sent and waiting to come back in a pull are skipped.
 */
export async function outboxBatch(
  db: LoupeDB,
  limit: number,
  maxBytes: number = Number.POSITIVE_INFINITY,
): Promise<StoredEvent[]> {
  return db.transaction('r', [db.outbox, db.events], async () => {
    const rows = await db.outbox
      .orderBy('queuedAt')
      .filter((r) => r.sentAt === undefined)
      .limit(limit)
      .toArray();
    const events = (await db.events.bulkGet(rows.map((r) => r.eventId))).filter(
      (e): e is StoredEvent => e !== undefined,
    );
    return withinBytes(events, maxBytes);
  });
}

/** The first events that fit in `maxBytes` of JSON (the first one always). */
function withinBytes(events: readonly StoredEvent[], maxBytes: number): StoredEvent[] {
  const batch: StoredEvent[] = [];
  let bytes = 0;
  for (const e of events) {
    bytes += eventBytes(e) + 1;
    if (batch.length > 0 && bytes > maxBytes) break;
    batch.push(e);
  }
  return batch;
}

/**
 * The server acknowledged these events. They stay in the outbox, marked sent, until they come back
 * in a pull (`applyPulledPage`): a server restored from a backup taken in between has lost them,
 * and `requeueUnseen` sends them again. Never out of the events table.
 */
export async function markSent(
  db: LoupeDB,
  eventIds: readonly string[],
  at: number = Date.now(),
): Promise<void> {
  await db.outbox
    .where('eventId')
    .anyOf([...eventIds])
    .modify((row) => {
      row.sentAt = at;
      row.held = true;
    });
}

/**
 * After a pull that reached the end of the server's log: events the server acknowledged but that
 * did not come back are not there any more (restored from an older backup). Back to waiting.
 */
export async function requeueUnseen(db: LoupeDB): Promise<number> {
  return db.outbox
    .filter((r) => r.sentAt !== undefined)
    .modify((row) => {
      delete row.sentAt;
    });
}

export interface PulledPage {
  events: readonly StoredEvent[];
  /** Events of the page this version cannot read: kept as they came, shown, never folded. */
  unreadable?: readonly { seq: number; id: string | null; raw: unknown; reason: string }[];
  cursor: number;
  /** The id of the event at `cursor`, when the page ends on one with a readable id. */
  cursorEventId: string | null;
  history?: string | undefined;
  /** Called inside the transaction, after the events: a test throws here to crash mid-page. */
  duringApply?: () => void;
}

/**
 * Applies one pulled page and moves the cursor past it in the same transaction: a crash between
 * the two can neither skip this page nor apply it twice (and applying twice would change nothing).
 * This tablet's own events that came back leave the outbox here: the server has them for sure.
 * Within a catch-up `window` (db/catchUp.ts: openCatchUp), the page's rows stay in its memory.
 */
export async function applyPulledPage(
  db: LoupeDB,
  page: PulledPage,
  window?: ProjectionWindow,
): Promise<number> {
  const tables = [...storingTables(db), db.meta, db.unreadable, db.setAside];
  return db.transaction('rw', tables, async () => {
    const result = await applyEvents(db, page.events, { local: false, window });
    page.duringApply?.();
    const ids = page.events.map((e) => e.id);
    // Counted first: an initial pull of 100,000 events meets an empty outbox, and deleting 1,000
    // absent keys a page is work for nothing. Both at once: each answer is a wait.
    const [waiting, setAside] = await Promise.all([db.outbox.count(), db.setAside.count()]);
    if (waiting > 0) await db.outbox.bulkDelete(ids);
    // One set aside here that reached the server another way (another tablet resent it) is done.
    if (setAside > 0) await db.setAside.bulkDelete(ids);
    if (page.unreadable && page.unreadable.length > 0) {
      const history = page.history ?? (await serverHistory(db)) ?? '';
      const receivedAt = Date.now();
      await db.unreadable.bulkPut(
        page.unreadable.map((u) => ({
          key: `${history}:${u.seq}`,
          seq: u.seq,
          eventId: u.id,
          raw: u.raw,
          reason: u.reason,
          receivedAt,
        })),
      );
    }
    await db.meta.bulkPut([
      { key: SYNC_KEYS.cursor, value: page.cursor },
      { key: SYNC_KEYS.cursorEventId, value: page.cursorEventId },
      ...(page.history !== undefined ? [{ key: SYNC_KEYS.history, value: page.history }] : []),
    ]);
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
    await db.meta.delete(SYNC_KEYS.cursorEventId);
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
  maxBytes: number = Number.POSITIVE_INFINITY,
): Promise<StoredEvent[]> {
  return withinBytes(await db.events.where('id').above(afterId).limit(limit).toArray(), maxBytes);
}

/** The server has the events up to `lastId`; with null, the resend is done. */
export async function markResent(db: LoupeDB, lastId: string | null): Promise<void> {
  if (lastId === null) await db.meta.delete(SYNC_KEYS.resendAfter);
  else await db.meta.put({ key: SYNC_KEYS.resendAfter, value: lastId });
}

export async function photosToUpload(db: LoupeDB, limit: number): Promise<PhotoRow[]> {
  return db.photos.where('uploaded').equals(0).limit(limit).toArray();
}

/**
 * The shop server lacks these photos' bytes (a restore from a backup taken before they reached it):
 * those held here in full go back to waiting for upload.
 */
export async function uploadPhotosAgain(db: LoupeDB, sha256s: readonly string[]): Promise<void> {
  if (sha256s.length === 0) return;
  await db.photos
    .where('sha256')
    .anyOf([...sha256s])
    .modify((row) => {
      // A photo that is only a thumbnail here is the tablet that took it to send.
      if (row.thumbnailOnly !== true) row.uploaded = 0;
    });
}

export async function markPhotoUploaded(db: LoupeDB, sha256: string): Promise<void> {
  await db.photos.update(sha256, { uploaded: 1 });
}

/** The shop server's version as of the last pull, or null before any said one. */
export async function lastServerVersion(db: LoupeDB): Promise<string | null> {
  const row = await db.meta.get(SYNC_KEYS.serverVersion);
  return typeof row?.value === 'string' ? row.value : null;
}

export async function saveServerVersion(db: LoupeDB, version: string): Promise<void> {
  await db.meta.put({ key: SYNC_KEYS.serverVersion, value: version });
}

export async function saveClockCheck(db: LoupeDB, check: ClockCheck): Promise<void> {
  await db.meta.put({ key: SYNC_KEYS.clock, value: check });
}
