// Live reads for the warranty panel: the redo jobs a job's warranty claims opened.
import { useLiveQuery } from 'dexie-react-hooks';
import type { JobState } from '../domain/job';
import { db } from './db';
import { redoJobsOf } from './warrantyOperations';

/** The redos of `job` this tablet has, by id; undefined while they are first read. */
export function useRedoJobs(job: JobState): ReadonlyMap<string, JobState> | undefined {
  const ids = job.warrantyClaims.map((c) => c.redoJobId).join(',');
  // Keyed by the claims' ids: a new claim (or a redo's change, via the live query) re-reads them.
  return useLiveQuery(() => redoJobsOf(db, job), [job.id, ids]);
}
