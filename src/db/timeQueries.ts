// Reads of people's timers: who has one running (the runningTimers index) and the jobs a person
// worked on in a local day (the timedDays index), never a scan of every job.
import { useLiveQuery } from 'dexie-react-hooks';
import type { JobState } from '../domain/job';
import { localDayBounds, timedDayKeysOf, type Span } from '../domain/time/personDay';
import { timersOf, type Timer } from '../domain/time/timers';
import { db as appDb } from './db';
import type { LoupeDB } from './LoupeDB';

/** One running timer of a person, with the job it runs on. */
export interface RunningTimer {
  job: JobState;
  timer: Timer;
}

/**
 * The person's running timers on live jobs, longest running first. A voided job's timer is left
 * out: nothing more is recorded on that job, so it could never be paused from here.
 */
export async function runningTimersOf(db: LoupeDB, staffId: string): Promise<RunningTimer[]> {
  const jobs = await db.jobs.where('runningTimers').equals(staffId).toArray();
  return jobs
    .filter((job) => !job.voided)
    .flatMap((job) =>
      timersOf(job.timerMarks)
        .filter((t) => t.staffId === staffId && t.phase === 'running')
        .map((timer) => ({ job, timer })),
    )
    .sort((a, b) => a.timer.startedMs - b.timer.startedMs);
}

export function useRunningTimers(staffId: string | null): RunningTimer[] | undefined {
  return useLiveQuery(() => (staffId === null ? [] : runningTimersOf(appDb, staffId)), [staffId]);
}

/**
 * The jobs a person timed during a span (a local day: localDayBounds): by the timedDays index under
 * every UTC day the span touches (two for a local day away from Greenwich), and by the
 * runningTimers index, since a stretch still running is indexed on the day it began only
 * (domain/time/timers.ts). The caller clips them to the day (personDay), so a timer running past
 * midnight ticks on without a new read. Voided jobs count too: the time was worked.
 */
export async function jobsTimedDuring(
  db: LoupeDB,
  staffId: string,
  span: Span,
): Promise<JobState[]> {
  const keys = timedDayKeysOf(staffId, span);
  const [timed, running] = await Promise.all([
    db.jobs.where('timedDays').anyOf(keys).distinct().toArray(),
    db.jobs.where('runningTimers').equals(staffId).toArray(),
  ]);
  const byId = new Map<string, JobState>();
  for (const job of [...timed, ...running]) byId.set(job.id, job);
  return [...byId.values()];
}

/** The jobs a person timed on a local day (YYYY-MM-DD) on this tablet, live. */
export function useJobsTimedOn(staffId: string | null, day: string): JobState[] | undefined {
  return useLiveQuery(
    () => (staffId === null ? [] : jobsTimedDuring(appDb, staffId, localDayBounds(day))),
    [staffId, day],
  );
}
