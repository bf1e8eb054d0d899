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
  NO_RETURN_WEIGHT,
  NO_SIGNATURE,
  VOID_REASON_MESSAGE,
  type Verdict,
} from '../domain/workflow';
import { gramsSchema, sha256Schema, type LoupeEvent } from '../protocol/events';
import { BenchInputError, recordEvents, type EventDraft } from './jobOperations';
import type { LoupeDB } from './LoupeDB';
import { storingTables } from './streams';

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
  /** Each of QC_CHECKS by key; a pass needs every one on. */
  checks: Record<string, boolean>;
  /** Why it failed: required for a fail. */
  reason?: string;
}

/**
 * Records QC by a second person (never someone who ticked the job's steps) and its move together:
 * a pass makes the job ready for pick-up, a fail sends it back to the bench with the reason.
 */
export function recordQc(db: LoupeDB, input: QcInput, actor: string): Promise<LoupeEvent[]> {
  const reason = trimmed(input.reason);
  return recordChecked(db, input.jobId, actor, (job) => {
    demand(canReviewQc(job, actor));
    if (input.result === 'pass') {
      demand(canMoveTo(job, 'ready'));
      demand(checksComplete(input.checks));
      return [
        { jobId: job.id, type: 'qc.recorded', data: { result: 'pass', checks: input.checks } },
        { jobId: job.id, type: 'status.changed', data: { status: 'ready' } },
      ];
    }
    demand(canMoveTo(job, 'in_progress'));
    if (reason === '') throw new BenchInputError(FAIL_REASON_MESSAGE);
    return [
      {
        jobId: job.id,
        type: 'qc.recorded',
        data: { result: 'fail', checks: input.checks, reason },
      },
      { jobId: job.id, type: 'status.changed', data: { status: 'in_progress', reason } },
    ];
  });
}

export interface CollectInput {
  jobId: string;
  /** The piece weighed back on the bench scale. */
  returnWeightG: number;
  /** The customer's signature, already stored on this tablet as a photo (its SHA-256). */
  signatureSha256: string;
}

/**
 * Hands the piece back: the return weight and the collection, with the customer's signature, are
 * recorded together or not at all. DOMAIN.md ("Take-in"): no collection without a signature.
 */
export function collectJob(db: LoupeDB, input: CollectInput, actor: string): Promise<LoupeEvent[]> {
  return recordChecked(db, input.jobId, actor, async (job) => {
    demand(canMoveTo(job, 'collected'));
    const problems: FieldProblem[] = [];
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
    return [
      {
        jobId: job.id,
        type: 'weight.logged',
        data: { kind: 'return', grams: input.returnWeightG },
      },
      {
        jobId: job.id,
        type: 'status.changed',
        data: { status: 'collected', signatureSha256: input.signatureSha256 },
      },
    ];
  });
}

export interface VoidInput {
  jobId: string;
  reason: string;
}

/** Voids a job opened by mistake, with the reason: final, and nothing of it is deleted. */
export function voidJob(db: LoupeDB, input: VoidInput, actor: string): Promise<LoupeEvent[]> {
  const reason = trimmed(input.reason);
  return recordChecked(db, input.jobId, actor, (job) => {
    demand(canVoid(job));
    if (reason === '') throw new BenchInputError(VOID_REASON_MESSAGE);
    return [{ jobId: job.id, type: 'job.voided', data: { reason } }];
  });
}
