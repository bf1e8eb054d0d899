// Live-query hooks over the jobs projection: screens re-render when any tablet's change lands.
import { useLiveQuery } from 'dexie-react-hooks';
import type { JobState } from '../domain/job';
import type { JobStatus } from '../protocol/statuses';
import { db } from './db';
import {
  anyJobCollected,
  getJob,
  jobCounts,
  jobListKey,
  jobListPage,
  jobsDueOn,
  jobsWithStatus,
  lateJobs,
  type JobCounts,
  type JobList,
  type JobListPage,
} from './jobQueries';

/** The job, `null` when this tablet does not have it, `undefined` while it is read. */
export function useJob(jobId: string): JobState | null | undefined {
  return useLiveQuery(async () => (await getJob(db, jobId)) ?? null, [jobId]);
}

/** Every live job of a status (for short lists; the jobs tabs read a window: useJobListPage). */
export function useJobsWithStatus(status: JobStatus): JobState[] | undefined {
  return useLiveQuery(() => jobsWithStatus(db, status), [status]);
}

export function useLateJobs(today: string): JobState[] | undefined {
  return useLiveQuery(() => lateJobs(db, today), [today]);
}

export function useJobsDueOn(today: string): JobState[] | undefined {
  return useLiveQuery(() => jobsDueOn(db, today), [today]);
}

/**
 * One window of a list, [offset, offset + limit), as one live query (its length: useJobCounts).
 * While a new window is read the previous one is returned (useLiveQuery keeps its last result),
 * so rows already on screen stay drawn as the list scrolls; `offset` says which rows it holds.
 */
export function useJobListPage(
  list: JobList,
  offset: number,
  limit: number,
): JobListPage | undefined {
  const key = jobListKey(list);
  // `key` stands for `list`: a new object naming the same list must not start a new query.
  return useLiveQuery(() => jobListPage(db, list, offset, limit), [key, offset, limit]);
}

/** Whether any job was ever collected here; undefined while read. One index key is read. */
export function useAnyJobCollected(): boolean | undefined {
  return useLiveQuery(() => anyJobCollected(db), []);
}

/**
 * The tabs' counts, live. `enabled` false holds them back: the jobs list asks for them once its
 * first rows are read, since IndexedDB answers in turn and the counts walk every key of the shop.
 */
export function useJobCounts(today: string, enabled = true): JobCounts | undefined {
  return useLiveQuery(
    () => (enabled ? jobCounts(db, today) : Promise.resolve(undefined)),
    [today, enabled],
  );
}
