// A live list of one job's events, for the job page's history: re-renders when any tablet's change lands.
import { useLiveQuery } from 'dexie-react-hooks';
import { compareEvents } from '../domain/projection';
import type { StoredEvent } from '../protocol/events';
import { eventsOfJob } from './applyEvents';
import { db } from './db';

/** The job's events in their total order (stamp, then id); `undefined` while they are read. */
export function useJobEvents(jobId: string): StoredEvent[] | undefined {
  return useLiveQuery(async () => (await eventsOfJob(db, jobId)).sort(compareEvents), [jobId]);
}
