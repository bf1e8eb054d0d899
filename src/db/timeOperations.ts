// Named operations of a person's timers on jobs: start, pause, resume, stop and a correction of a
// stopped timer's total. Each checks its rules against what is stored, inside the transaction that
// records its events, so a refused one stores nothing; "one timer running per person" is kept here,
// across every job, not in a component.
import { newUlid } from '../domain/ids';
import type { JobState } from '../domain/job';
import type { ShopState } from '../domain/shopState';
import type { StaffMember } from '../domain/staff';
import { openTimerOn } from '../domain/time/totals';
import { timersOf, type Timer } from '../domain/time/timers';
import type { LoupeEvent } from '../protocol/events';
import { BenchInputError, recordEvents, type EventDraft } from './jobOperations';
import type { LoupeDB } from './LoupeDB';
import { getShop } from './staff';
import { storingTables } from './streams';

function refuse(message: string): never {
  throw new BenchInputError(message);
}

/** Every table these operations read or write: recordEvents' transaction nests in it. */
function timeTables(db: LoupeDB) {
  return [db.meta, ...storingTables(db)];
}

/** Whom the timer belongs to and who may touch it, read in the transaction. */
interface Context {
  job: JobState;
  timers: Timer[];
  person: StaffMember;
  nowMs: number;
}

/**
 * Reads the job, its timers and the person acting and records what `decide` makes of them, in one
 * 'rw' transaction: no pulled page or other window lands between the check and the write. The wall
 * clock is read once, so the marks of one tap (a start and the pause it causes) share one moment.
 */
function recordOnJob(
  db: LoupeDB,
  jobId: string,
  actor: string,
  decide: (ctx: Context, shop: ShopState) => Promise<EventDraft[]> | EventDraft[],
): Promise<LoupeEvent[]> {
  return db.transaction('rw', timeTables(db), async () => {
    const job = await db.jobs.get(jobId);
    if (!job) refuse(`This tablet has no job ${jobId}.`);
    // A voided job is a record: nothing more is timed on it, not even a stop (DESIGN.md, "Data").
    if (job.voided) refuse('This job was voided: nothing more is recorded on it.');
    const shop = await getShop(db);
    const person = shop.staff.find((s) => s.id === actor && s.active);
    if (!person) refuse('Sign in first: a timer is always somebody’s.');
    const ctx: Context = {
      job,
      // A row folded before projection version 7 has no marks until its re-fold on start.
      timers: timersOf((job as Partial<JobState>).timerMarks ?? []),
      person,
      nowMs: db.wallClock(),
    };
    return recordEvents(db, await decide(ctx, shop), actor);
  });
}

function timerOrRefuse(ctx: Context, timerId: string): Timer {
  return (
    ctx.timers.find((t) => t.timerId === timerId) ??
    refuse('This tablet has no such timer on this job.')
  );
}

/** The person's own timer, or anyone's for a manager: who may pause, stop or correct it. */
function mayHandle(ctx: Context, timer: Timer, what: string, nameOf: (id: string) => string): void {
  if (timer.staffId === ctx.person.id || ctx.person.role === 'manager') return;
  refuse(`Only ${nameOf(timer.staffId)} or a manager can ${what} this timer.`);
}

function staffNames(shop: ShopState): (id: string) => string {
  return (id) => shop.staff.find((s) => s.id === id)?.name ?? 'the person timed';
}

function serviceOrRefuse(job: JobState, serviceId: string | undefined): void {
  if (serviceId === undefined) return;
  const service = job.services.find((s) => s.id === serviceId);
  if (!service) refuse('This job has no such service.');
  if (service.cancelled) refuse('This service was cancelled: time the job or another service.');
}

/**
 * Pauses every other timer the person has running, on any job, at `nowMs`: found by the
 * runningTimers index, so it never reads the whole shop. A voided job's timer is left alone
 * (nothing more is recorded on a voided job); a collected job's is paused like any other.
 *
 * Offline on two tablets a person can still start two timers: each tablet pauses only what it
 * knows. Both then run until one is paused; the job page and the day show both, so it is seen.
 */
async function pauseOthers(
  db: LoupeDB,
  staffId: string,
  except: string,
  nowMs: number,
): Promise<EventDraft[]> {
  const jobs = await db.jobs.where('runningTimers').equals(staffId).toArray();
  const drafts: EventDraft[] = [];
  for (const job of jobs) {
    if (job.voided) continue;
    for (const t of timersOf(job.timerMarks)) {
      if (t.staffId !== staffId || t.phase !== 'running' || t.timerId === except) continue;
      drafts.push({
        jobId: job.id,
        type: 'timer.paused',
        data: { timerId: t.timerId, wallMs: nowMs },
      });
    }
  }
  return drafts;
}

export interface StartTimerInput {
  jobId: string;
  /** The service timed; absent for the job as a whole. */
  serviceId?: string;
  /** Leave the person's other running timers running (two pieces in the ultrasonic, say). */
  keepOthersRunning?: boolean;
}

/**
 * Starts the person's timer on the job or one of its services, pausing their other running timers
 * (on this job or any other) in the same transaction unless they chose to keep them running.
 * A collected job takes no new timer: the piece went home. A person with an open timer on the same
 * target resumes it instead of starting a second. Returns the new timer's id.
 */
export async function startTimer(
  db: LoupeDB,
  input: StartTimerInput,
  actor: string,
): Promise<string> {
  const timerId = newUlid();
  await recordOnJob(db, input.jobId, actor, async (ctx) => {
    if (ctx.job.status === 'collected') {
      refuse('This job was collected: the piece went home, so no new timer starts on it.');
    }
    serviceOrRefuse(ctx.job, input.serviceId);
    const open = openTimerOn(ctx.timers, ctx.person.id, input.serviceId ?? null);
    if (open) {
      refuse(
        open.phase === 'running'
          ? 'Your timer on this is already running.'
          : 'Your timer on this is paused: resume it instead of starting another.',
      );
    }
    const others = input.keepOthersRunning
      ? []
      : await pauseOthers(db, ctx.person.id, timerId, ctx.nowMs);
    return [
      ...others,
      {
        jobId: ctx.job.id,
        type: 'timer.started',
        data: {
          timerId,
          ...(input.serviceId === undefined ? {} : { serviceId: input.serviceId }),
          wallMs: ctx.nowMs,
        },
      },
    ];
  });
  return timerId;
}

export interface TimerInput {
  jobId: string;
  timerId: string;
}

/** Pauses a running timer: the person's own, or anyone's for a manager (someone left for lunch). */
export function pauseTimer(db: LoupeDB, input: TimerInput, actor: string): Promise<LoupeEvent[]> {
  return recordOnJob(db, input.jobId, actor, (ctx, shop) => {
    const timer = timerOrRefuse(ctx, input.timerId);
    mayHandle(ctx, timer, 'pause', staffNames(shop));
    if (timer.phase !== 'running') {
      refuse(
        timer.phase === 'paused' ? 'This timer is paused already.' : 'This timer was stopped.',
      );
    }
    return [
      {
        jobId: ctx.job.id,
        type: 'timer.paused',
        data: { timerId: timer.timerId, wallMs: ctx.nowMs },
      },
    ];
  });
}

export interface ResumeTimerInput extends TimerInput {
  keepOthersRunning?: boolean;
}

/**
 * Resumes the person's own paused timer, pausing their other running ones as a start does. Only
 * the person timed resumes it: a manager resuming it would record work nobody is doing. Not on a
 * collected job.
 */
export function resumeTimer(
  db: LoupeDB,
  input: ResumeTimerInput,
  actor: string,
): Promise<LoupeEvent[]> {
  return recordOnJob(db, input.jobId, actor, async (ctx, shop) => {
    const timer = timerOrRefuse(ctx, input.timerId);
    if (timer.staffId !== ctx.person.id) {
      refuse(`Only ${staffNames(shop)(timer.staffId)} can resume their own timer.`);
    }
    if (timer.phase !== 'paused') {
      refuse(
        timer.phase === 'running' ? 'This timer is running already.' : 'This timer was stopped.',
      );
    }
    if (ctx.job.status === 'collected') {
      refuse('This job was collected: stop the timer; no more time is worked on it.');
    }
    const others = input.keepOthersRunning
      ? []
      : await pauseOthers(db, ctx.person.id, timer.timerId, ctx.nowMs);
    return [
      ...others,
      {
        jobId: ctx.job.id,
        type: 'timer.resumed',
        data: { timerId: timer.timerId, wallMs: ctx.nowMs },
      },
    ];
  });
}

/**
 * Stops a running or paused timer for good: the person's own, or anyone's for a manager. A timer on
 * a collected job can still be stopped: the time was worked before the pick-up.
 */
export function stopTimer(db: LoupeDB, input: TimerInput, actor: string): Promise<LoupeEvent[]> {
  return recordOnJob(db, input.jobId, actor, (ctx, shop) => {
    const timer = timerOrRefuse(ctx, input.timerId);
    mayHandle(ctx, timer, 'stop', staffNames(shop));
    if (timer.phase === 'stopped') refuse('This timer was stopped already.');
    return [
      {
        jobId: ctx.job.id,
        type: 'timer.stopped',
        data: { timerId: timer.timerId, wallMs: ctx.nowMs },
      },
    ];
  });
}

export interface CorrectTimerInput extends TimerInput {
  /** The time it should count for, replacing what was measured. */
  workedMs: number;
  reason: string;
}

/**
 * Sets a stopped timer's total by hand (left running over lunch, timed on paper), with a reason:
 * the person's own, or anyone's for a manager. The marks stay in the history; the latest
 * correction counts. Allowed on a collected job: a dispute about the bill comes after the pick-up.
 */
export function correctTimer(
  db: LoupeDB,
  input: CorrectTimerInput,
  actor: string,
): Promise<LoupeEvent[]> {
  return recordOnJob(db, input.jobId, actor, (ctx, shop) => {
    const timer = timerOrRefuse(ctx, input.timerId);
    mayHandle(ctx, timer, 'correct', staffNames(shop));
    if (timer.phase !== 'stopped') refuse('Stop the timer before correcting its time.');
    return [
      {
        jobId: ctx.job.id,
        type: 'timer.corrected',
        data: { timerId: timer.timerId, workedMs: input.workedMs, reason: input.reason.trim() },
      },
    ];
  });
}
