// Live-query hooks over the jobs projection: screens re-render when any tablet's change lands.
import { useLiveQuery } from 'dexie-react-hooks';
import type { JobState } from '../domain/job';
import type { JobStatus } from '../protocol/events';
import { db } from './db';
import {
  getJob,
  jobCounts,
  jobsByEnvelope,
  jobsDueOn,
  jobsWithStatus,
  lateJobs,
  searchJobs,
  type JobCounts,
} from './jobQueries';

/** The job, `null` when this tablet does not have it, `undefined` while it is read. */
export function useJob(jobId: string): JobState | null | undefined {
  return useLiveQuery(async () => (await getJob(db, jobId)) ?? null, [jobId]);
}

export function useJobsByEnvelope(text: string): JobState[] | undefined {
  return useLiveQuery(() => jobsByEnvelope(db, text), [text]);
}

export function useJobsWithStatus(status: JobStatus): JobState[] | undefined {
  return useLiveQuery(() => jobsWithStatus(db, status), [status]);
}

export function useLateJobs(today: string): JobState[] | undefined {
  return useLiveQuery(() => lateJobs(db, today), [today]);
}

export function useJobsDueOn(today: string): JobState[] | undefined {
  return useLiveQuery(() => jobsDueOn(db, today), [today]);
}

export function useJobSearch(query: string): JobState[] | undefined {
  return useLiveQuery(() => searchJobs(db, query), [query]);
}

export function useJobCounts(today: string): JobCounts | undefined {
  return useLiveQuery(() => jobCounts(db, today), [today]);
}
