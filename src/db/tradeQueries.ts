// Reads of work out at trade shops: the jobs with a trip out not yet recorded back.
import { useLiveQuery } from 'dexie-react-hooks';
import type { JobState } from '../domain/job';
import { openVisits } from '../domain/trade';
import type { JobStatus } from '../protocol/events';
import { db as appDb } from './db';
import { OPEN_STATUSES } from './jobQueries';
import type { LoupeDB } from './LoupeDB';

/**
 * The statuses read: open and ready jobs (a ready piece may go out for engraving). A collected job is
 * left out: the piece went home, and reading every collected job would grow with the shop's whole
 * past; sendToTradeShop refuses one, so only two tablets racing offline could leave it open.
 */
const READ_STATUSES: readonly JobStatus[] = [...OPEN_STATUSES, 'ready'];

/**
 * Live (not voided) jobs with a trip out still open. No index says "out at a trade shop" (the schema
 * is not changed for it), so this reads every open job's row through the [live+status] index and
 * keeps those with an open visit: the cost grows with the open jobs, not with the collected past.
 */
export async function jobsOutAtTradeShops(db: LoupeDB): Promise<JobState[]> {
  const perStatus = await Promise.all(
    READ_STATUSES.map((status) =>
      db.jobs
        .where('[live+status]')
        .equals([1, status])
        // A cheap test first: a job never sent out (nearly all of them) is passed over at once. A
        // row folded before projection version 6 has no trade lists until its re-fold on start.
        .filter((job) => ((job as Partial<JobState>).tradeSent?.length ?? 0) > 0)
        .filter((job) => openVisits(job).length > 0)
        .toArray(),
    ),
  );
  return perStatus.flat();
}

export function useJobsOutAtTradeShops(): JobState[] | undefined {
  return useLiveQuery(() => jobsOutAtTradeShops(appDb), []);
}
