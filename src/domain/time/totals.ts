// Time spent on a job added up: per service (and the whole job's own timers), per person, and per
// person on each service, from the job's timers at a wall-clock moment.
import type { TimerMark } from '../job';
import { workedMs, type Timer } from './timers';

/** The key of a timer's target in the totals: its service id, or this for the job as a whole. */
export const WHOLE_JOB = '';

export function targetKey(timer: Pick<Timer, 'serviceId'>): string {
  return timer.serviceId ?? WHOLE_JOB;
}

export interface TimeTotals {
  /** Everyone's time on the job and all its services. */
  totalMs: number;
  /** By target: service id, or WHOLE_JOB for timers on the job as a whole. */
  byTarget: Record<string, number>;
  /** By the person timed (staff id). */
  byPerson: Record<string, number>;
  /** By person, then target: the labour of one person on one service. */
  byPersonTarget: Record<string, Record<string, number>>;
}

/**
 * The job's time at `nowMs`: a running timer counts to now, a corrected one its corrected total.
 * Pure and cheap, so the panel recomputes it every tick instead of keeping a running sum.
 */
export function timeTotals(timers: readonly Timer[], nowMs: number): TimeTotals {
  const totals: TimeTotals = { totalMs: 0, byTarget: {}, byPerson: {}, byPersonTarget: {} };
  for (const timer of timers) {
    const ms = workedMs(timer, nowMs);
    const target = targetKey(timer);
    totals.totalMs += ms;
    totals.byTarget[target] = (totals.byTarget[target] ?? 0) + ms;
    totals.byPerson[timer.staffId] = (totals.byPerson[timer.staffId] ?? 0) + ms;
    const person = (totals.byPersonTarget[timer.staffId] ??= {});
    person[target] = (person[target] ?? 0) + ms;
  }
  return totals;
}

/** The timers still open (running or paused): shown with their controls, counted by the rules. */
export function openTimers(timers: readonly Timer[]): Timer[] {
  return timers.filter((t) => t.phase !== 'stopped');
}

/** A person's open timer on one target of the job, if they have one (the most recent). */
export function openTimerOn(
  timers: readonly Timer[],
  staffId: string,
  serviceId: string | null,
): Timer | undefined {
  return openTimers(timers)
    .filter((t) => t.staffId === staffId && t.serviceId === serviceId)
    .at(-1);
}

/**
 * The moment a job's running timers count to: now, or on a voided job its last recorded mark. A
 * voided job takes no more marks, so a timer left running on it would otherwise count for ever;
 * the time it ran after its last mark is not known from the record.
 */
export function countUntil(
  job: { timerMarks: readonly TimerMark[]; voided?: unknown },
  nowMs: number,
): number {
  if (!job.voided) return nowMs;
  let last = 0;
  for (const m of job.timerMarks) if (m.wallMs !== undefined && m.wallMs > last) last = m.wallMs;
  return last;
}
