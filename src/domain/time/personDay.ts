// A person's day of work: their timers on every job clipped to one local day, the time per job and
// in all. The jobs come from the index of timed days (two UTC days per local day) and of running
// timers; this module only clips and adds up, so it is the same on every tablet.
import type { TimerMark } from '../job';
import { timersOf, type Timer } from './timers';
import { countUntil } from './totals';

const DAY_MS = 86_400_000;

/** A stretch of wall-clock time, [startMs, endMs): a local day, or the part of one worked. */
export interface Span {
  startMs: number;
  endMs: number;
}

/**
 * The wall-clock bounds of a local calendar day (YYYY-MM-DD) on this tablet: from its midnight to
 * the next. A day of a clock change is 23 or 25 hours long, as the bench lived it.
 */
export function localDayBounds(day: string): Span {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return { startMs: new Date(y, m - 1, d).getTime(), endMs: new Date(y, m - 1, d + 1).getTime() };
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The `staffId|YYYY-MM-DD` keys (UTC days, as the jobs table indexes timedDays) a span touches: a
 * local day east or west of Greenwich straddles two UTC days, so both are asked for.
 */
export function timedDayKeysOf(staffId: string, span: Span): string[] {
  const keys: string[] = [];
  const last = utcDay(Math.max(span.startMs, span.endMs - 1));
  for (let ms = span.startMs; ; ms += DAY_MS) {
    const day = utcDay(ms);
    keys.push(`${staffId}|${day}`);
    if (day >= last) break;
  }
  return keys;
}

/** One timer's part of the day: the pieces of its stretches inside the day, and what they count. */
export interface DayTimer<J> {
  job: J;
  timer: Timer;
  /** Its stretches clipped to the day, in start order; a running one ends at now. */
  pieces: Span[];
  /** The time it counts for on this day (a corrected timer's correction, shared out: see below). */
  ms: number;
}

export interface DayJob<J> {
  job: J;
  ms: number;
  timers: DayTimer<J>[];
}

export interface PersonDay<J> {
  totalMs: number;
  /** The jobs worked on that day, in the order work on them began. */
  jobs: DayJob<J>[];
}

function overlap(a: Span, b: Span): Span | null {
  const startMs = Math.max(a.startMs, b.startMs);
  const endMs = Math.min(a.endMs, b.endMs);
  return endMs > startMs ? { startMs, endMs } : null;
}

function length(spans: readonly Span[]): number {
  return spans.reduce((sum, s) => sum + (s.endMs - s.startMs), 0);
}

/**
 * One timer's share of a day at `nowMs`. A running stretch lasts to now (never less than nothing).
 * A corrected total replaces what was measured: it is shared out over the days in proportion to
 * the time measured on each, so the days of a timer add up to its corrected total; a correction of
 * a timer that measured nothing counts on the day it started.
 */
export function timerOnDay<J>(job: J, timer: Timer, day: Span, nowMs: number): DayTimer<J> | null {
  const whole = timer.segments.map((s) => ({
    startMs: s.startMs,
    endMs: Math.max(s.startMs, s.endMs ?? nowMs),
  }));
  const pieces = whole
    .map((s) => overlap(s, day))
    .filter((s): s is Span => s !== null)
    .sort((a, b) => a.startMs - b.startMs);
  const measuredToday = length(pieces);
  const startedToday = timer.startedMs >= day.startMs && timer.startedMs < day.endMs;
  let ms = measuredToday;
  if (timer.corrected) {
    const measured = length(whole);
    ms =
      measured > 0
        ? Math.round((timer.corrected.workedMs * measuredToday) / measured)
        : startedToday
          ? timer.corrected.workedMs
          : 0;
  }
  if (pieces.length === 0 && !startedToday) return null;
  return { job, timer, pieces, ms };
}

/**
 * A person's day from the jobs the indexes found: only `staffId`'s timers, clipped to `day`. A job
 * found by both indexes (or twice by one) is counted once; a voided job's timers count to its last
 * mark (countUntil).
 */
export function personDay<
  J extends { id: string; timerMarks: readonly TimerMark[]; voided?: unknown },
>(jobs: readonly J[], staffId: string, day: Span, nowMs: number): PersonDay<J> {
  const seen = new Set<string>();
  const worked: DayJob<J>[] = [];
  for (const job of jobs) {
    if (seen.has(job.id)) continue;
    seen.add(job.id);
    const timers = timersOf(job.timerMarks)
      .filter((t) => t.staffId === staffId)
      .map((t) => timerOnDay(job, t, day, countUntil(job, nowMs)))
      .filter((t): t is DayTimer<J> => t !== null)
      .sort((a, b) => firstMoment(a) - firstMoment(b));
    if (timers.length === 0) continue;
    worked.push({ job, ms: timers.reduce((sum, t) => sum + t.ms, 0), timers });
  }
  worked.sort((a, b) => firstMoment(a.timers[0]) - firstMoment(b.timers[0]));
  return { totalMs: worked.reduce((sum, j) => sum + j.ms, 0), jobs: worked };
}

function firstMoment(t: DayTimer<unknown> | undefined): number {
  return t ? (t.pieces[0]?.startMs ?? t.timer.startedMs) : 0;
}
