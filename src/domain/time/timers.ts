// A job's timers from their marks: each person's runs of work on the job or one of its services, from
// wall-clock starts, pauses, resumes and stops (never from clock stamps: DESIGN.md, "Time").
import type { TimerMark } from '../job';
import { compareStreamEvents } from '../streamProjection';

/** One stretch of work: from a start or resume to a pause or stop, or still running (end null). */
export interface TimerSegment {
  startMs: number;
  endMs: number | null;
}

export type TimerPhase = 'running' | 'paused' | 'stopped';

/** One timer as its marks say: whose, on what, its stretches, and its correction if it has one. */
export interface Timer {
  timerId: string;
  staffId: string;
  /** The service it times; null when it times the job as a whole. */
  serviceId: string | null;
  phase: TimerPhase;
  segments: TimerSegment[];
  startedMs: number;
  /** When it was stopped, by the wall clock; null while it runs or is paused. */
  stoppedMs: number | null;
  /** The total set by hand (timer.corrected, the latest by stamp), replacing what was measured. */
  corrected: { workedMs: number; reason: string; by: string; at: string } | null;
}

/**
 * The job's timers from its marks, in the order they were started. Marks are taken in stamp order
 * (the fold's total order), so every tablet reads the same timers: a mark before its timer's start,
 * a second start, or anything after a stop changes nothing. A pause or stop whose wall clock reads
 * before the stretch began (a tablet's clock set back) ends the stretch where it began: never less
 * than nothing.
 */
export function timersOf(marks: readonly TimerMark[]): Timer[] {
  const ordered = marks
    .slice()
    .sort((a, b) => compareStreamEvents({ at: a.at, id: a.eventId }, { at: b.at, id: b.eventId }));
  const timers = new Map<string, Timer>();
  for (const mark of ordered) {
    const timer = timers.get(mark.timerId);
    if (mark.mark === 'started') {
      if (timer || mark.wallMs === undefined) continue;
      timers.set(mark.timerId, {
        timerId: mark.timerId,
        staffId: mark.by,
        serviceId: mark.serviceId ?? null,
        phase: 'running',
        segments: [{ startMs: mark.wallMs, endMs: null }],
        startedMs: mark.wallMs,
        stoppedMs: null,
        corrected: null,
      });
      continue;
    }
    if (!timer) continue;
    if (mark.mark === 'corrected') {
      if (mark.workedMs !== undefined) {
        timer.corrected = {
          workedMs: mark.workedMs,
          reason: mark.reason ?? '',
          by: mark.by,
          at: mark.at,
        };
      }
      continue;
    }
    if (timer.phase === 'stopped' || mark.wallMs === undefined) continue;
    const open = timer.segments.at(-1);
    const closeAt = (segment: TimerSegment) => {
      segment.endMs = Math.max(segment.startMs, mark.wallMs as number);
    };
    if (mark.mark === 'paused' && timer.phase === 'running' && open) {
      closeAt(open);
      timer.phase = 'paused';
    } else if (mark.mark === 'resumed' && timer.phase === 'paused') {
      timer.segments.push({ startMs: mark.wallMs, endMs: null });
      timer.phase = 'running';
    } else if (mark.mark === 'stopped') {
      if (timer.phase === 'running' && open) closeAt(open);
      timer.phase = 'stopped';
      timer.stoppedMs = mark.wallMs;
    }
  }
  return [...timers.values()];
}

/** Milliseconds measured on a timer up to `nowMs` (a running stretch counts to now, never below 0). */
export function measuredMs(timer: Timer, nowMs: number): number {
  let total = 0;
  for (const s of timer.segments) total += Math.max(0, (s.endMs ?? nowMs) - s.startMs);
  return total;
}

/** The time a timer counts for: its correction when it has one, what was measured otherwise. */
export function workedMs(timer: Timer, nowMs: number): number {
  return timer.corrected ? timer.corrected.workedMs : measuredMs(timer, nowMs);
}

/** The UTC day (YYYY-MM-DD) of a wall-clock moment. */
function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/**
 * The `staffId|YYYY-MM-DD` keys (UTC days) a job's timers touch: the jobs table indexes them, so a
 * person's day is read by index (a local day spans at most two UTC days: the query asks for both and
 * filters by the local day's bounds). A running stretch counts its start day only: it is indexed
 * again when it is paused or stopped.
 */
export function timedDayKeys(timers: readonly Timer[]): string[] {
  const keys = new Set<string>();
  for (const t of timers) {
    for (const s of t.segments) {
      const end = s.endMs ?? s.startMs;
      // Stretches over days are rare (a timer left over a weekend); a week is the most indexed.
      for (let day = s.startMs; day <= end && day <= s.startMs + 7 * DAY_MS; day += DAY_MS) {
        keys.add(`${t.staffId}|${utcDay(day)}`);
      }
      keys.add(`${t.staffId}|${utcDay(end)}`);
    }
  }
  return [...keys].sort();
}

/** The people with a timer running on the job now: indexed, for "one running per person". */
export function runningStaff(timers: readonly Timer[]): string[] {
  return [...new Set(timers.filter((t) => t.phase === 'running').map((t) => t.staffId))].sort();
}
