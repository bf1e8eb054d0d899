// Writes events and their streams' new projections in one transaction: the only way events get stored.
import { PROJECTION_VERSION } from '../domain/projection';
import type { StoredEvent } from '../protocol/events';
import { ClockError } from '../domain/clock';
import { deviceClock, META_KEYS } from './device';
import type { LoupeDB } from './LoupeDB';
import {
  eventsOfStream,
  projectStreams,
  refoldAllStreams,
  refoldMarkedStreams,
  storingTables,
  type ProjectedStream,
  type ProjectionWindow,
} from './streams';

export interface ApplyResult {
  /** Events stored now for the first time. */
  applied: number;
  /** Events this tablet already had: stored once, never twice. */
  duplicates: number;
  /** Jobs whose projection changed. */
  jobIds: string[];
  /** Every stream whose projection row was written, of any kind (jobs among them). */
  streams: ProjectedStream[];
}

export interface ApplyOptions {
  /** Made on this tablet: queue for the server in the same transaction (DESIGN.md, "Sync"). */
  local: boolean;
  /**
   * A sync catch-up window (db/catchUp.ts): the streams' rows stay in its memory until its flush,
   * and only the events and the window's marks are written. Pulled pages only.
   */
  window?: ProjectionWindow | undefined;
}

/** Events added at most this many at a time, awaited in between (the page can paint). */
export const ADD_CHUNK = 200;

/** All events of one job (of any stream: the name from before streams), from the [jobId+at] index. */
export function eventsOfJob(db: LoupeDB, jobId: string): Promise<StoredEvent[]> {
  return eventsOfStream(db, jobId);
}

/**
 * Stores the events this tablet does not have yet and re-projects their streams, all or nothing.
 * Two tablets doing this offline with overlapping events end up the same: events are keyed by id
 * and no fold depends on arrival order.
 */
export async function applyEvents(
  db: LoupeDB,
  events: readonly StoredEvent[],
  { local, window }: ApplyOptions,
): Promise<ApplyResult> {
  const unique = [...new Map(events.map((e) => [e.id, e])).values()];
  const result = await storeAndProject(db, unique, events.length, local, window);
  if (!local && result.applied > 0) await observeNewest(db, unique);
  return result;
}

/**
 * Moves this tablet's clock past the newest event another tablet made, so what is recorded here next
 * sorts after it (last-writer-wins). A stamp too far ahead is still stored; the clock is left alone,
 * so no tablet's clock is pulled into the future by another's (and `deviceClock` resumes below it).
 */
async function observeNewest(db: LoupeDB, events: readonly StoredEvent[]): Promise<void> {
  const newest = events.reduce((a, b) => (b.at > a.at ? b : a));
  const clock = await deviceClock(db);
  try {
    clock.observe(newest.at);
  } catch (err) {
    // Too far ahead (another tablet's clock is wrong) or not a stamp at all: either way it must
    // not move this clock, nor stop the page it came in. The event itself is kept.
    if (!(err instanceof ClockError)) throw err;
    console.warn(err.message);
  }
}

function storeAndProject(
  db: LoupeDB,
  unique: StoredEvent[],
  received: number,
  local: boolean,
  window: ProjectionWindow | undefined,
): Promise<ApplyResult> {
  return db.transaction('rw', storingTables(db), async () => {
    const fresh = await notStored(db, unique);
    if (fresh.length > 0) {
      // In chunks: IndexedDB clones and sends each event on the main thread as it is added (some
      // 60 µs an event in Chromium), so a page of 2,000 in one call would block it for 100 ms.
      for (let i = 0; i < fresh.length; i += ADD_CHUNK) {
        await db.events.bulkAdd(fresh.slice(i, i + ADD_CHUNK));
      }
      if (local) {
        const queuedAt = Date.now();
        await db.outbox.bulkAdd(fresh.map((e) => ({ eventId: e.id, queuedAt })));
      }
    }
    const streams = fresh.length > 0 ? await projectStreams(db, fresh, 'extend', window) : [];
    return {
      applied: fresh.length,
      duplicates: received - fresh.length,
      jobIds: streams.filter((s) => s.kind === 'job').map((s) => s.id),
      streams,
    };
  });
}

/**
 * Stored ids a range of the page's ids may hold per id before it is split: past it, the range spans
 * other events (an old event among new ones) and reading all their keys would cost more than it saves.
 */
const RANGE_SPREAD = 4;
/** Ids checked one by one once a range of them is this small and still spans too many stored ones. */
const FEW_IDS = 32;

/**
 * The events not stored yet, by a keys-only read of the stored ids between the batch's least and
 * greatest (a page's ids are mostly close together: one read of its range, never whole events).
 */
async function notStored(db: LoupeDB, events: readonly StoredEvent[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  // IndexedDB orders string keys by UTF-16 code units, as sort() does.
  const have = await storedIdsAmong(db, events.map((e) => e.id).sort());
  return have.size === 0 ? [...events] : events.filter((e) => !have.has(e.id));
}

/** Which of these ids (sorted) are stored: ranges of them read keys-only, split while too sparse. */
async function storedIdsAmong(db: LoupeDB, ids: readonly string[]): Promise<Set<string>> {
  const first = ids[0];
  const last = ids.at(-1);
  if (first === undefined || last === undefined) return new Set();
  const limit = ids.length * RANGE_SPREAD + 16;
  const keys = await db.events
    .where(':id')
    .between(first, last, true, true)
    .limit(limit + 1)
    .primaryKeys();
  if (keys.length <= limit) return new Set(keys);
  if (ids.length <= FEW_IDS) {
    // A handful spread over a long range: asked for one by one. Absent ones cost no read.
    const found = await db.events.bulkGet([...ids]);
    return new Set(ids.filter((_, i) => found[i] !== undefined));
  }
  const half = Math.ceil(ids.length / 2);
  const [a, b] = await Promise.all([
    storedIdsAmong(db, ids.slice(0, half)),
    storedIdsAmong(db, ids.slice(half)),
  ]);
  for (const id of b) a.add(id);
  return a;
}

/**
 * Re-folds every stream of every kind from its stored events when the folds' rules changed since
 * this tablet last ran (PROJECTION_VERSION): events skipped as unknown by an older version (a
 * newer kind's among them) are folded in now. First, rows a sync catch-up left behind its events
 * (the tablet closed or crashed mid-window) are folded again from them.
 */
export async function ensureProjectionsCurrent(db: LoupeDB): Promise<{ refolded: number }> {
  await refoldMarkedStreams(db);
  const row = await db.meta.get(META_KEYS.projectionVersion);
  if (row?.value === PROJECTION_VERSION) return { refolded: 0 };
  return db.transaction('rw', [...storingTables(db), db.meta], async () => {
    const refolded = await refoldAllStreams(db);
    await db.meta.put({ key: META_KEYS.projectionVersion, value: PROJECTION_VERSION });
    return { refolded };
  });
}
