// Gives this tablet's own events that the shop server refused as stamped in the future the time
// they really happened, by the measured difference between this tablet's clock and the server's.
//
// Why rewriting a stamp is safe here, and only here: the server refused these events (a refused
// batch stores nothing), and tablets get each other's events only through the server, so no other
// device holds them. Their ids stay, so nothing is doubled; their order among themselves stays.
import { formatStamp, parseStamp, stampMs } from '../domain/clock';
import { compareEvents, foldJob } from '../domain/projection';
import { SHOP_JOB_ID, type StoredEvent } from '../protocol/events';
import { eventsOfJob } from './applyEvents';
import type { JobRow, LoupeDB } from './LoupeDB';

const MAX_COUNTER = 0xffff;

/**
 * Moves each event's stamp by `offsetMs` (the shop server's clock minus this tablet's), never past
 * `serverNow`, keeping them strictly increasing in their old order; re-folds their jobs. Returns
 * the ids re-stamped: those still waiting for the server.
 */
export async function restampEvents(
  db: LoupeDB,
  eventIds: readonly string[],
  offsetMs: number,
  serverNow: number,
): Promise<Set<string>> {
  return db.transaction('rw', [db.events, db.jobs, db.outbox], async () => {
    const found = (await db.events.bulkGet([...eventIds])).filter(
      (e): e is StoredEvent => e !== undefined,
    );
    // Only events still waiting for the server: one it has is never changed.
    const waiting = await db.outbox.bulkGet(found.map((e) => e.id));
    const events = found.filter((_, i) => waiting[i] !== undefined).sort(compareEvents);
    let lastMs = -1;
    let lastCounter = 0;
    const moved: StoredEvent[] = [];
    for (const e of events) {
      const ms = stampMs(e.at);
      if (ms === null) continue;
      let target = Math.max(0, Math.min(ms + offsetMs, serverNow));
      let counter = 0;
      if (target <= lastMs) {
        target = lastMs;
        counter = lastCounter + 1;
        if (counter > MAX_COUNTER) {
          target += 1;
          counter = 0;
        }
      }
      lastMs = target;
      lastCounter = counter;
      moved.push({
        ...e,
        at: formatStamp({ ms: target, counter, device: parseStamp(e.at).device }),
      });
    }
    if (moved.length === 0) return new Set();
    await db.events.bulkPut(moved);
    const jobIds = [...new Set(moved.map((e) => e.jobId))].filter((id) => id !== SHOP_JOB_ID);
    const jobs: JobRow[] = [];
    for (const jobId of jobIds) {
      const job = foldJob(await eventsOfJob(db, jobId));
      if (job) jobs.push(job);
    }
    if (jobs.length > 0) await db.jobs.bulkPut(jobs);
    return new Set(moved.map((e) => e.id));
  });
}
