// Time spent on a job on the wire: a person's timer on a job or one of its services, started, paused,
// resumed and stopped at wall-clock moments, and a correction of a timer's total (issue 15, "Time").
import { z } from 'zod';
import { ULID_PATTERN } from '../domain/ids';
import { requiredText } from './text';

const ulid = z.string().regex(ULID_PATTERN, { error: 'Not a valid id (ULID).' });

/**
 * A wall-clock moment in milliseconds since 1970, as the tablet read it when the person pressed the
 * button. The clock stamp orders events; it is not a stopwatch (DESIGN.md, "Time"): a timer's length
 * is the difference of these, never of stamps. Bounded to years a shop can be in (2020–2100).
 */
export const wallMsSchema = z
  .number({ error: 'Missing the time on the clock.' })
  .int({ error: 'Use whole milliseconds.' })
  .min(1_577_836_800_000, { error: 'A time before 2020 is surely a wrong clock.' })
  .max(4_102_444_800_000, { error: 'A time after 2100 is surely a wrong clock.' });

/**
 * A timer started (job stream): the actor is the person timed. `serviceId` when it times one
 * service; the whole job otherwise. The timer's id is the ULID every later mark names.
 */
export const timerStartedSchema = z.object({
  timerId: ulid,
  serviceId: ulid.optional(),
  wallMs: wallMsSchema,
});

/** A pause, resume or stop of a timer (job stream), at a wall-clock moment. */
export const timerMarkSchema = z.object({
  timerId: ulid,
  wallMs: wallMsSchema,
});

/**
 * A timer's worked time set by hand (job stream): a timer left running over lunch, a job timed on
 * paper. It replaces the measured total of that timer; the marks stay in the history.
 */
export const timerCorrectedSchema = z.object({
  timerId: ulid,
  workedMs: z
    .number({ error: 'Enter the time worked.' })
    .int()
    .min(0, { error: 'Time worked cannot be negative.' })
    .max(7 * 24 * 3_600_000, { error: 'More than a week on one timer is surely a typo.' }),
  reason: requiredText(300, 'reason for the correction'),
});

export const TIME_EVENT_SCHEMAS = {
  'timer.started': timerStartedSchema,
  'timer.paused': timerMarkSchema,
  'timer.resumed': timerMarkSchema,
  'timer.stopped': timerMarkSchema,
  'timer.corrected': timerCorrectedSchema,
} as const;
