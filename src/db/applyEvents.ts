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
  storingTables,
  type ProjectedStream,
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
}

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
  { local }: ApplyOptions,
): Promise<ApplyResult> {
  const unique = [...new Map(events.map((e) => [e.id, e])).values()];
  const result = await storeAndProject(db, unique, events.length, local);
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
): Promise<ApplyResult> {
  return db.transaction('rw', storingTables(db), async () => {
    const have = await db.events.bulkGet(unique.map((e) => e.id));
    const fresh = unique.filter((_, i) => have[i] === undefined);
    if (fresh.length > 0) {
      await db.events.bulkAdd(fresh);
      if (local) {
        const queuedAt = Date.now();
        await db.outbox.bulkAdd(fresh.map((e) => ({ eventId: e.id, queuedAt })));
      }
    }
    const streams = fresh.length > 0 ? await projectStreams(db, fresh, 'extend') : [];
    return {
      applied: fresh.length,
      duplicates: received - fresh.length,
      jobIds: streams.filter((s) => s.kind === 'job').map((s) => s.id),
      streams,
    };
  });
}

/**
 * Re-folds every stream of every kind from its stored events when the folds' rules changed since
 * this tablet last ran (PROJECTION_VERSION): events skipped as unknown by an older version (a
 * newer kind's among them) are folded in now.
 */
export async function ensureProjectionsCurrent(db: LoupeDB): Promise<{ refolded: number }> {
  const row = await db.meta.get(META_KEYS.projectionVersion);
  if (row?.value === PROJECTION_VERSION) return { refolded: 0 };
  return db.transaction('rw', [...storingTables(db), db.meta], async () => {
    const refolded = await refoldAllStreams(db);
    await db.meta.put({ key: META_KEYS.projectionVersion, value: PROJECTION_VERSION });
    return { refolded };
  });
}
