// Named operations that move a job through the shop: each checks the workflow rules against the job
// as stored, inside the transaction that records its events, so a refused move stores nothing.
import type { FieldProblem } from '../domain/checklists';
import type { JobState } from '../domain/job';
import {
  canMoveTo,
  canReviewQc,
  canVoid,
  checksComplete,
  FAIL_REASON_MESSAGE,
  HOLD_REASON_MESSAGE,
  intakeStoneCount,
  needsPickupPhoto,
  NO_PICKUP_PHOTO,
  NO_RETURN_WEIGHT,
  NO_SIGNATURE,
  PICKUP_PHOTO_ALREADY_ON_JOB,
  PICKUP_PHOTO_NOT_HERE,
  PICKUP_PHOTO_UNUSABLE,
  qcChecksToRecord,
  stoneCountProblem,
  stoneNoteText,
  VOID_REASON_MESSAGE,
  weighedForQc,
  type Verdict,
} from '../domain/workflow';
import { promisedWarrantyDays } from '../domain/warranty';
import { timersOf } from '../domain/time/timers';
import { sha256Hex } from '../photos/hash';
import {
  gramsSchema,
  photoAddedSchema,
  sha256Schema,
  type EventData,
  type LoupeEvent,
} from '../protocol/events';
import { BenchInputError, recordEvents, type EventDraft } from './jobOperations';
import type { LoupeDB } from './LoupeDB';
import { storingTables } from './streams';
import { getShop } from './staff';

function demand(verdict: Verdict): void {
  if (!verdict.ok) throw new BenchInputError(verdict.message);
}

/**
 * Reads the job's projection and records what `decide` makes of it, in one 'rw' transaction:
 * no other write to the job (a pulled page, another window) lands between the check and the write.
 * recordEvents' own transaction nests in this one, whose tables it covers; `decide` throws
 * BenchInputError to refuse, and the transaction then stores nothing.
 */
function recordChecked(
  db: LoupeDB,
  jobId: string,
  actor: string,
  decide: (job: JobState) => EventDraft[] | Promise<EventDraft[]>,
): Promise<LoupeEvent[]> {
  return db.transaction('rw', [db.meta, db.photos, ...storingTables(db)], async () => {
    const job = await db.jobs.get(jobId);
    if (!job) throw new BenchInputError(`This tablet has no job ${jobId}.`);
    const drafts = await decide(job);
    return recordEvents(db, drafts, actor);
  });
}

function trimmed(text: string | undefined): string {
  return (text ?? '').trim();
}

/** The moves made with a tap of "Next": the ones QC and pick-up make have operations of their own. */
export type BenchMove = 'in_progress' | 'qc' | 'on_hold';

export interface MoveInput {
  jobId: string;
  to: BenchMove;
  /** Why it goes on hold: required for on_hold, kept with any move. */
  reason?: string;
}

/** Starts work, sends to QC, puts on hold or brings back to the bench, as canMoveTo allows. */
export function moveJobStatus(db: LoupeDB, input: MoveInput, actor: string): Promise<LoupeEvent[]> {
  const reason = trimmed(input.reason);
  return recordChecked(db, input.jobId, actor, (job) => {
    // A caller typed loosely (or a future screen) must not bypass QC or the pick-up.
    const to: string = input.to;
    if (to === 'ready')
      throw new BenchInputError('A job is ready only by passing QC: record the QC.');
    if (to === 'collected') {
      throw new BenchInputError(
        'A job is collected only at pick-up, with its weight and signature.',
      );
    }
    demand(canMoveTo(job, input.to));
    if (input.to === 'on_hold' && reason === '') throw new BenchInputError(HOLD_REASON_MESSAGE);
    return [
      {
        jobId: job.id,
        type: 'status.changed',
        data: { status: input.to, ...(reason ? { reason } : {}) },
      },
    ];
  });
}

export interface QcInput {
  jobId: string;
  result: 'pass' | 'fail';
  /**
   * Each of QC_CHECKS by key; a pass needs every one on. The return weight's check is not the
   * caller's to give: it is read from the job's weighings (qcWeighing) as the QC is recorded.
   */
  checks: Record<string, boolean>;
  /** Why it failed: required for a fail. */
  reason?: string;
}

/**
 * Records QC by a second person (never someone who ticked the job's steps) and its move together:
 * a pass makes the job ready for pick-up, a fail sends it back to the bench with the reason. A pass
 * also needs the piece weighed back since the bench work, checked here against the job as stored:
 * a weight logged on another tablet counts once it has synced, a step ticked there since counts too.
 */
export function recordQc(db: LoupeDB, input: QcInput, actor: string): Promise<LoupeEvent[]> {
  const reason = trimmed(input.reason);
  return recordChecked(db, input.jobId, actor, (job) => {
    demand(canReviewQc(job, actor));
    const checks = qcChecksToRecord(job, input.checks);
    if (input.result === 'pass') {
      demand(canMoveTo(job, 'ready'));
      demand(checksComplete(input.checks));
      demand(weighedForQc(job));
      return [
        { jobId: job.id, type: 'qc.recorded', data: { result: 'pass', checks } },
        { jobId: job.id, type: 'status.changed', data: { status: 'ready' } },
      ];
    }
    demand(canMoveTo(job, 'in_progress'));
    if (reason === '') throw new BenchInputError(FAIL_REASON_MESSAGE);
    return [
      {
        jobId: job.id,
        type: 'qc.recorded',
        data: { result: 'fail', checks, reason },
      },
      { jobId: job.id, type: 'status.changed', data: { status: 'in_progress', reason } },
    ];
  });
}

export interface CollectInput {
  jobId: string;
  /** The piece weighed back on the bench scale. */
  returnWeightG: number;
  /** The shop scale it was weighed on (a weighing on a scale out of calibration is flagged). */
  scaleId?: string;
  /** The customer's signature, already stored on this tablet as a photo (its SHA-256). */
  signatureSha256: string;
  /**
   * The piece photographed at the counter as it goes home, already stored on this tablet (its
   * SHA-256): required when the job has an intake photo, so the two can be set side by side.
   */
  pickupPhotoSha256?: string;
  /** The stones counted with the customer: required when the intake noted stones. */
  stoneCount?: number;
  /** Why the count differs from the intake's: required when it does; kept as a note. */
  stoneReason?: string;
}

/**
 * The SHA-256 of the stored pick-up photo's thumbnail, which its photo.added event names so other
 * tablets can fetch it first. Worked out before the write transaction: awaiting WebCrypto inside an
 * IndexedDB transaction would let it commit half-way.
 */
async function storedThumbnailHash(
  db: LoupeDB,
  sha256: string | undefined,
): Promise<string | null> {
  if (sha256 === undefined || !sha256Schema.safeParse(sha256).success) return null;
  const row = await db.photos.get(sha256);
  if (!row || row.thumbnailOnly) return null;
  return sha256Hex(row.thumbnail);
}

/** The pick-up photo's photo.added data from its stored row, or what is wrong with it. */
async function pickupPhotoData(
  db: LoupeDB,
  job: JobState,
  sha256: string | undefined,
  thumbnailSha256: string | null,
): Promise<{ data: EventData<'photo.added'> | null; problem: string | null }> {
  if (sha256 === undefined || sha256 === '') {
    return { data: null, problem: needsPickupPhoto(job) ? NO_PICKUP_PHOTO : null };
  }
  const row = sha256Schema.safeParse(sha256).success ? await db.photos.get(sha256) : undefined;
  // A thumbnail fetched from the server is another tablet's photo, not one taken here now.
  if (!row || row.thumbnailOnly) return { data: null, problem: PICKUP_PHOTO_NOT_HERE };
  // An intake photo passed off as the pick-up photo would prove nothing.
  if (job.photos.some((p) => p.sha256 === sha256) || job.intakeSignatureSha256 === sha256) {
    return { data: null, problem: PICKUP_PHOTO_ALREADY_ON_JOB };
  }
  const data = photoAddedSchema.safeParse({
    sha256,
    ...(thumbnailSha256 ? { thumbnailSha256 } : {}),
    tag: 'pickup',
    mimeType: row.mimeType,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
  });
  return data.success
    ? { data: data.data, problem: null }
    : { data: null, problem: PICKUP_PHOTO_UNUSABLE };
}

/**
 * Hands the piece back, proving it is the same piece: the pick-up photo (to set beside the intake
 * photos), the return weight, a note of why the stone count differs (if it does) and the collection,
 * with the customer's signature and the stones counted, are recorded together or not at all.
 * DOMAIN.md ("Take-in"): no collection without a signature. Two tablets collecting the same job
 * offline each record a pick-up; the fold keeps the first collection and shows the other as refused.
 */
export async function collectJob(
  db: LoupeDB,
  input: CollectInput,
  actor: string,
): Promise<LoupeEvent[]> {
  const thumbnailSha256 = await storedThumbnailHash(db, input.pickupPhotoSha256);
  return recordChecked(db, input.jobId, actor, async (job) => {
    demand(canMoveTo(job, 'collected'));
    const problems: FieldProblem[] = [];
    const photo = await pickupPhotoData(db, job, input.pickupPhotoSha256, thumbnailSha256);
    if (photo.problem) problems.push({ key: 'pickupPhoto', message: photo.problem });
    const stones = stoneCountProblem(job, input.stoneCount, input.stoneReason ?? '');
    if (stones) problems.push(stones);
    const weight = gramsSchema.safeParse(input.returnWeightG);
    if (!weight.success) {
      const message = Number.isFinite(input.returnWeightG)
        ? weight.error.issues.map((i) => i.message).join(' ')
        : NO_RETURN_WEIGHT;
      problems.push({ key: 'returnWeightG', message });
    }
    const signed =
      sha256Schema.safeParse(input.signatureSha256).success &&
      (await db.photos.get(input.signatureSha256)) !== undefined;
    if (!signed) problems.push({ key: 'signature', message: NO_SIGNATURE });
    if (problems.length > 0) {
      throw new BenchInputError(problems.map((p) => p.message).join(' '), problems);
    }
    const atIntake = intakeStoneCount(job);
    const { stoneCount } = input;
    // The bench work ends at the pick-up: a timer left running or paused stops now.
    const drafts: EventDraft[] = stopRunningTimers(db, job);
    if (photo.data) drafts.push({ jobId: job.id, type: 'photo.added', data: photo.data });
    drafts.push({
      jobId: job.id,
      type: 'weight.logged',
      data: {
        kind: 'return',
        grams: input.returnWeightG,
        ...(input.scaleId === undefined ? {} : { scaleId: input.scaleId }),
      },
    });
    if (stoneCount !== undefined && stoneCount !== atIntake) {
      drafts.push({
        jobId: job.id,
        type: 'note.added',
        data: { text: stoneNoteText(stoneCount, atIntake, input.stoneReason ?? '') },
      });
    }
    drafts.push({
      jobId: job.id,
      type: 'status.changed',
      data: {
        status: 'collected',
        signatureSha256: input.signatureSha256,
        ...(stoneCount === undefined ? {} : { stoneCount }),
        // The warranty the receipt promises, as the shop sets it today: a later change keeps it.
        warrantyDays: promisedWarrantyDays(job, (await getShop(db)).warrantyDays),
      },
    });
    return drafts;
  });
}

export interface VoidInput {
  jobId: string;
  reason: string;
}

/**
 * Voids a job opened by mistake, with the reason: final, and nothing of it is deleted. A timer still
 * running on it is stopped first, at this moment: nothing can be recorded on the job afterwards.
 */
export function voidJob(db: LoupeDB, input: VoidInput, actor: string): Promise<LoupeEvent[]> {
  const reason = trimmed(input.reason);
  return recordChecked(db, input.jobId, actor, (job) => {
    demand(canVoid(job));
    if (reason === '') throw new BenchInputError(VOID_REASON_MESSAGE);
    return [...stopRunningTimers(db, job), { jobId: job.id, type: 'job.voided', data: { reason } }];
  });
}

/**
 * A timer.stopped, at this tablet's wall-clock moment, for every timer still running or paused on
 * the job: the work on it ends with its pick-up or its voiding.
 */
function stopRunningTimers(db: LoupeDB, job: JobState): EventDraft[] {
  const wallMs = db.wallClock();
  return timersOf(job.timerMarks)
    .filter((t) => t.phase !== 'stopped')
    .map((t) => ({ jobId: job.id, type: 'timer.stopped', data: { timerId: t.timerId, wallMs } }));
}
