// Writes events and their jobs' new projections in one transaction: the only way events get stored.
import { Dexie } from 'dexie';
import type { JobState } from '../domain/job';
import { applyToJob, comesAfter, foldJob, PROJECTION_VERSION } from '../domain/projection';
import { SHOP_JOB_ID, type StoredEvent } from '../protocol/events';
import { ClockError } from '../domain/clock';
import { deviceClock, META_KEYS } from './device';
import type { LoupeDB } from './LoupeDB';

export interface ApplyResult {
  /** Events stored now for the first time. */
  applied: number;
  /** Events this tablet already had: stored once, never twice. */
  duplicates: number;
  /** Jobs whose projection changed. */
  jobIds: string[];
}

export interface ApplyOptions {
  /** Made on this tablet: queue for the server in the same transaction (DESIGN.md, "Sync"). */
  local: boolean;
}

/** All events of one job, from the [jobId+at] index. */
export function eventsOfJob(db: LoupeDB, jobId: string): Promise<StoredEvent[]> {
  return db.events
    .where('[jobId+at]')
    .between([jobId, Dexie.minKey], [jobId, Dexie.maxKey])
    .toArray();
}

/**
 * Stores the events this tablet does not have yet and re-projects their jobs, all or nothing.
 * Two tablets doing this offline with overlapping events end up the same: events are keyed by id
 * and the fold does not depend on arrival order.
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
  return db.transaction('rw', [db.events, db.jobs, db.outbox], async () => {
    const have = await db.events.bulkGet(unique.map((e) => e.id));
    const fresh = unique.filter((_, i) => have[i] === undefined);
    if (fresh.length > 0) {
      await db.events.bulkAdd(fresh);
      if (local) {
        const queuedAt = Date.now();
        await db.outbox.bulkAdd(fresh.map((e) => ({ eventId: e.id, queuedAt })));
      }
    }

    const byJob = new Map<string, StoredEvent[]>();
    for (const e of fresh) {
      if (e.jobId === SHOP_JOB_ID) continue;
      const list = byJob.get(e.jobId);
      if (list) list.push(e);
      else byJob.set(e.jobId, [e]);
    }
    const jobIds = [...byJob.keys()];
    const current = await db.jobs.bulkGet(jobIds);
    const changed: JobState[] = [];
    for (const [i, jobId] of jobIds.entries()) {
      const job = current[i];
      const newEvents = byJob.get(jobId) ?? [];
      // Usually events arrive in order and extend the projection; otherwise fold the job again.
      const next =
        job && newEvents.every((e) => comesAfter(job, e))
          ? applyToJob(job, newEvents)
          : foldJob(await eventsOfJob(db, jobId));
      if (next) changed.push(next);
    }
    if (changed.length > 0) await db.jobs.bulkPut(changed);
    return {
      applied: fresh.length,
      duplicates: received - fresh.length,
      jobIds: changed.map((j) => j.id),
    };
  });
}

/**
 * Re-folds every job from its stored events when the fold's rules changed since this tablet last
 * ran (PROJECTION_VERSION): events skipped as unknown by an older version are folded in now.
 */
export async function ensureProjectionsCurrent(db: LoupeDB): Promise<{ refolded: number }> {
  const row = await db.meta.get(META_KEYS.projectionVersion);
  if (row?.value === PROJECTION_VERSION) return { refolded: 0 };
  return db.transaction('rw', [db.events, db.jobs, db.meta], async () => {
    const jobs: JobState[] = [];
    let group: StoredEvent[] = [];
    const flush = () => {
      const job = group.length > 0 ? foldJob(group) : null;
      if (job) jobs.push(job);
      group = [];
    };
    await db.events.orderBy('[jobId+at]').each((e) => {
      if (group.length > 0 && group[0]?.jobId !== e.jobId) flush();
      if (e.jobId !== SHOP_JOB_ID) group.push(e);
    });
    flush();
    await db.jobs.bulkPut(jobs);
    await db.meta.put({ key: META_KEYS.projectionVersion, value: PROJECTION_VERSION });
    return { refolded: jobs.length };
  });
}
