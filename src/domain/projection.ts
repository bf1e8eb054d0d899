// The job projection: a pure fold of a job's events, the same for any arrival order or duplication.
import { templateFor } from './checklists';
import { isRealStamp } from './clock';
import { envelopeKey } from './envelopes';
import type { Attribution, FinalReason, JobState, RefusedMove, ServiceState } from './job';
import { searchTermsForJob } from './search';
import { runningStaff, timedDayKeys, timersOf } from './time/timers';
import {
  compareStreamEvents,
  inStreamOrder,
  sortsAfter,
  withSkipped,
  type StreamProjection,
} from './streamProjection';
import { readStoredEvent, type LoupeEvent, type StoredEvent } from '../protocol/events';

/**
 * Bump when the fold's rules or the event types it knows change: every tablet then re-folds its jobs
 * from their stored events on start, so events it skipped as unknown are folded in at last.
 * 3: collected and voided are final (later moves kept, refused); unfoldable events are skipped.
 * 4: streams — trees and the shop get projection tables.
 * 5: the metal ledger gets its table; the shop keeps its scales.
 * 6: hand-offs confirmed, trade shops, warranty, customer notices, the stones counted at pick-up.
 * 7: timers and materials on jobs; inventory items, machines, rhodium baths and the chemical waste
 *    log get their tables; the shop keeps labour rates and metal prices.
 */
export const PROJECTION_VERSION = 7;

/**
 * The total order of events: by clock stamp, ties broken by id (DESIGN.md); the same for every
 * stream kind (streamProjection.ts), named here for the job's callers.
 */
export const compareEvents = compareStreamEvents;

/** True when `event` sorts after everything already folded into `job`. */
export function comesAfter(job: JobState, event: { at: string; id: string }): boolean {
  return sortsAfter(job, event);
}

/** The job.opened a fold can start from, or null (unreadable, or a stamp that is not a real time). */
function opening(stored: StoredEvent): JobState | null {
  if (stored.type !== 'job.opened' || !isRealStamp(stored.at)) return null;
  try {
    const read = readStoredEvent(stored);
    return read.known && read.event.type === 'job.opened' ? openJob(read.event) : null;
  } catch {
    return null;
  }
}

/**
 * Folds all of one job's events into its state, or null while no job.opened it can start from has
 * arrived (its other events are kept and folded once one does). Never throws because of an event:
 * one that cannot be folded is counted in `skipped` and the rest of the job still folds.
 */
export function foldJob(events: readonly StoredEvent[]): JobState | null {
  const ordered = inStreamOrder(events);
  let openedAt = -1;
  let job: JobState | null = null;
  for (const [i, e] of ordered.entries()) {
    job = opening(e);
    if (job) {
      openedAt = i;
      break;
    }
  }
  if (!job) return null;
  // Causality puts job.opened first; only a tablet with a broken clock can stamp something earlier.
  // Those events still count: list entries are kept, field edits lose to the later opening (LWW).
  for (const early of ordered.slice(0, openedAt)) job = applyOne(job, early, { early: true });
  for (const later of ordered.slice(openedAt + 1)) job = applyOne(job, later, { early: false });
  return finish(job);
}

/**
 * Applies events that all sort after the job's last folded event: the same result as folding every
 * event again, without reading them. Callers check `comesAfter` first and fold in full otherwise.
 */
export function applyToJob(job: JobState, events: readonly StoredEvent[]): JobState {
  // A row folded by an older version lacks the newer fields until its re-fold (PROJECTION_VERSION).
  let next: JobState = { ...withListsOfVersion7(job), refused: refusedMoves(job).slice() };
  for (const e of inStreamOrder(events)) {
    if (!comesAfter(next, e)) {
      throw new Error(
        `Event ${e.id} sorts before job ${job.id}'s last event: fold the job in full.`,
      );
    }
    next = applyOne(next, e, { early: false });
  }
  return finish(next);
}

/** A row folded before version 7 lacks these lists until its re-fold: read them as empty. */
function withListsOfVersion7(job: JobState): JobState {
  const row: Partial<JobState> = job;
  return {
    ...job,
    custodyConfirmations: row.custodyConfirmations ?? [],
    tradeSent: row.tradeSent ?? [],
    tradeReturned: row.tradeReturned ?? [],
    warrantyClaims: row.warrantyClaims ?? [],
    notices: row.notices ?? [],
    timerMarks: row.timerMarks ?? [],
    materialsUsed: row.materialsUsed ?? [],
    materialsReturned: row.materialsReturned ?? [],
  };
}

function attribution(e: { actor: string; at: string; id: string }): Attribution {
  return { by: e.actor, at: e.at, eventId: e.id };
}

function openJob(e: Extract<LoupeEvent, { type: 'job.opened' }>): JobState {
  const d = e.data;
  const who = attribution(e);
  return {
    id: e.jobId,
    envelopeNumber: d.envelope.number,
    preprinted: d.envelope.preprinted,
    ...(d.envelope.part ? { part: d.envelope.part } : {}),
    envelopeKeys: [envelopeKey(d.envelope.number)],
    customer: d.customer,
    item: d.item,
    condition: d.condition,
    promisedDate: d.promisedDate,
    rush: d.rush,
    estimateCents: d.estimateCents ?? null,
    statedValueCents: d.statedValueCents ?? null,
    insuranceValueCents: d.insuranceValueCents ?? null,
    intakeWeightG: d.intakeWeightG,
    ...(d.notes ? { intakeNotes: d.notes } : {}),
    ...(d.signatureSha256 ? { intakeSignatureSha256: d.signatureSha256 } : {}),
    ...(d.redoOf ? { redoOf: d.redoOf } : {}),
    assignee: null,
    status: 'received',
    statusChanged: who,
    voided: null,
    refused: [],
    services: d.services.map((s) => ({
      id: s.id,
      kind: s.kind,
      details: s.details,
      added: who,
      cancelled: null,
      steps: {},
    })),
    custody: [],
    weights: [{ ...who, kind: 'intake', grams: d.intakeWeightG }],
    photos: [],
    notes: [],
    qc: [],
    custodyConfirmations: [],
    tradeSent: [],
    tradeReturned: [],
    warrantyClaims: [],
    notices: [],
    timerMarks: [],
    materialsUsed: [],
    materialsReturned: [],
    opened: who,
    lastAt: e.at,
    lastEventId: e.id,
    eventCount: 1,
    skipped: { count: 0, types: [] },
    live: 1,
    progress: { stepsDone: 0, stepsRequired: 0 },
    searchTerms: [],
    timedDays: [],
    runningTimers: [],
  };
}

/** Whether the job takes no more moves, and why. */
export function finalReason(job: JobState): FinalReason | null {
  if (job.voided) return 'voided';
  return job.status === 'collected' ? 'collected' : null;
}

/** The moves refused on a job, also on a row an older version folded before `refused` existed. */
export function refusedMoves(job: JobState): readonly RefusedMove[] {
  return (job as Partial<JobState>).refused ?? [];
}

function refuse(
  job: JobState,
  e: Extract<LoupeEvent, { type: RefusedMove['type'] }>,
  who: Attribution,
  after: FinalReason,
): JobState {
  return { ...job, refused: [...job.refused, { ...who, type: e.type, device: e.device, after }] };
}

function withService(
  job: JobState,
  serviceId: string,
  change: (s: ServiceState) => ServiceState,
): JobState | null {
  const index = job.services.findIndex((s) => s.id === serviceId);
  if (index < 0) return null;
  const services = job.services.slice();
  services[index] = change(services[index] as ServiceState);
  return { ...job, services };
}

function applyOne(job: JobState, stored: StoredEvent, { early }: { early: boolean }): JobState {
  const eventCount = job.eventCount + 1;
  // A stamp that is not a real time sorts last and is never folded: it must not become lastAt,
  // which later events are compared with.
  if (!isRealStamp(stored.at)) return withSkipped({ ...job, eventCount }, stored.type);
  // One copy of the job an event, not two: a catch-up folds 100,000 of them on the main thread.
  const base = early
    ? { ...job, eventCount }
    : { ...job, eventCount, lastAt: stored.at, lastEventId: stored.id };
  try {
    const read = readStoredEvent(stored);
    if (!read.known) return withSkipped(base, stored.type);
    const e = read.event;
    return applyKnown(base, e, attribution(e), early) ?? withSkipped(base, e.type);
  } catch {
    // Data that slipped past the schemas in a shape the fold did not expect: kept, not folded.
    return withSkipped(base, stored.type);
  }
}

/**
 * One known event's effect; null when it cannot apply (e.g. a step of a service the job lacks).
 *
 * Collected and voided are final (DESIGN.md): a move stamped after the pick-up or the voiding is
 * kept in `refused` and the history, never applied, so a stale tablet cannot re-open a job that went
 * home signed for. "After" is in stamp order, so every tablet refuses the same moves. A final job
 * refuses status moves, QC results and a (further) voiding: the first voiding stands, and a piece
 * handed back is not voided afterwards. It still takes what records the piece and the talk about it
 * (custody, weights, photos, notes, field edits, step ticks): those are facts of the physical piece
 * and stay true in the history; the screens and db/ operations offer none of them on a voided job.
 */
function applyKnown(
  job: JobState,
  e: LoupeEvent,
  who: Attribution,
  early: boolean,
): JobState | null {
  switch (e.type) {
    case 'job.opened':
      // A second opening of the same job id changes nothing: the first one stands.
      return job;
    case 'job.updated':
      return early ? job : { ...job, ...e.data.changes };
    case 'status.changed': {
      if (early) return job;
      const final = finalReason(job);
      if (final) return refuse(job, e, who, final);
      return {
        ...job,
        status: e.data.status,
        statusChanged: { ...who, ...(e.data.reason ? { reason: e.data.reason } : {}) },
        ...(e.data.signatureSha256 ? { pickupSignatureSha256: e.data.signatureSha256 } : {}),
        ...(e.data.stoneCount !== undefined ? { pickupStoneCount: e.data.stoneCount } : {}),
        ...(e.data.warrantyDays ? { pickupWarrantyDays: e.data.warrantyDays } : {}),
      };
    }
    case 'job.voided': {
      const final = finalReason(job);
      if (final) return refuse(job, e, who, final);
      return { ...job, voided: { ...who, reason: e.data.reason } };
    }
    case 'envelope.bound': {
      const key = envelopeKey(e.data.code);
      const keys = job.envelopeKeys.includes(key) ? job.envelopeKeys : [...job.envelopeKeys, key];
      return { ...job, envelopeNumber: e.data.code, preprinted: true, envelopeKeys: keys };
    }
    case 'service.added':
      if (job.services.some((s) => s.id === e.data.service.id)) return job;
      // A kind without a template here (a newer version's) throws, and the event is skipped.
      templateFor(e.data.service.kind);
      return {
        ...job,
        services: [...job.services, { ...e.data.service, added: who, cancelled: null, steps: {} }],
      };
    case 'service.cancelled':
      return withService(job, e.data.serviceId, (s) => ({
        ...s,
        cancelled: { ...who, reason: e.data.reason },
      }));
    case 'step.set':
      return withService(job, e.data.serviceId, (s) => ({
        ...s,
        steps: {
          ...s.steps,
          [e.data.stepId]: { ...who, done: e.data.done, values: e.data.values },
        },
      }));
    case 'custody.moved':
      return { ...job, custody: [...job.custody, { ...who, ...e.data }] };
    case 'weight.logged':
      return { ...job, weights: [...job.weights, { ...who, ...e.data }] };
    case 'photo.added':
      if (job.photos.some((p) => p.sha256 === e.data.sha256)) return job;
      return { ...job, photos: [...job.photos, { ...who, ...e.data }] };
    case 'note.added':
      return { ...job, notes: [...job.notes, { ...who, text: e.data.text }] };
    case 'qc.recorded': {
      const final = finalReason(job);
      if (final) return refuse(job, e, who, final);
      return { ...job, qc: [...job.qc, { ...who, ...e.data }] };
    }
    // Facts of the piece: kept on a final job too (a trade shop's return, a warranty claimed after
    // pick-up, the server's word on a notice). Lists, sorted by stamp in finish().
    case 'custody.confirmed':
      return {
        ...job,
        custodyConfirmations: [...job.custodyConfirmations, { ...who, ...e.data }],
      };
    case 'trade.sent':
      return { ...job, tradeSent: [...job.tradeSent, { ...who, ...e.data }] };
    case 'trade.returned':
      return { ...job, tradeReturned: [...job.tradeReturned, { ...who, ...e.data }] };
    case 'warranty.claimed':
      return { ...job, warrantyClaims: [...job.warrantyClaims, { ...who, ...e.data }] };
    case 'notice.recorded':
      return { ...job, notices: [...job.notices, { ...who, ...e.data }] };
    // Time and materials: records of work done, kept on a final job too (a timer stopped after the
    // pick-up was work done before it; a correction settles a dispute later).
    case 'timer.started':
      return { ...job, timerMarks: [...job.timerMarks, { ...who, mark: 'started', ...e.data }] };
    case 'timer.paused':
    case 'timer.resumed':
    case 'timer.stopped': {
      const mark =
        e.type === 'timer.paused' ? 'paused' : e.type === 'timer.resumed' ? 'resumed' : 'stopped';
      return { ...job, timerMarks: [...job.timerMarks, { ...who, mark, ...e.data }] };
    }
    case 'timer.corrected':
      return { ...job, timerMarks: [...job.timerMarks, { ...who, mark: 'corrected', ...e.data }] };
    case 'material.used':
      if (job.materialsUsed.some((m) => m.usageId === e.data.usageId)) return job;
      return { ...job, materialsUsed: [...job.materialsUsed, { ...who, ...e.data }] };
    case 'material.returned':
      return { ...job, materialsReturned: [...job.materialsReturned, { ...who, ...e.data }] };
    default:
      // Another stream kind's event (the shop's, a tree's) never belongs to a job: skipped.
      return null;
  }
}

function sortByStamp<T extends Attribution>(list: T[]): T[] {
  return list
    .slice()
    .sort((a, b) => compareEvents({ at: a.at, id: a.eventId }, { at: b.at, id: b.eventId }));
}

/** A service's template steps; none for a kind this version has no template for (workflow.ts). */
function stepsOf(service: ServiceState) {
  try {
    return templateFor(service.kind).steps;
  } catch {
    return [];
  }
}

/** Recomputes what is derived: list orders (early events), progress and search terms. */
function finish(job: JobState): JobState {
  let stepsDone = 0;
  let stepsRequired = 0;
  for (const service of job.services) {
    if (service.cancelled) continue;
    for (const step of stepsOf(service)) {
      if (!step.requiredBeforeQc) continue;
      stepsRequired += 1;
      if (service.steps[step.id]?.done) stepsDone += 1;
    }
  }
  const result: JobState = {
    ...job,
    custody: sortByStamp(job.custody),
    weights: sortByStamp(job.weights),
    photos: sortByStamp(job.photos),
    notes: sortByStamp(job.notes),
    qc: sortByStamp(job.qc),
    refused: sortByStamp(job.refused),
    custodyConfirmations: sortByStamp(job.custodyConfirmations),
    tradeSent: sortByStamp(job.tradeSent),
    tradeReturned: sortByStamp(job.tradeReturned),
    warrantyClaims: sortByStamp(job.warrantyClaims),
    notices: sortByStamp(job.notices),
    timerMarks: sortByStamp(job.timerMarks),
    materialsUsed: sortByStamp(job.materialsUsed),
    materialsReturned: sortByStamp(job.materialsReturned),
    live: job.voided ? 0 : 1,
    progress: { stepsDone, stepsRequired },
  };
  const timers = timersOf(result.timerMarks);
  return {
    ...result,
    searchTerms: searchTermsForJob(result),
    timedDays: timedDayKeys(timers),
    runningTimers: runningStaff(timers),
  };
}

/** The job stream kind's fold, for the database's stream registry (db/streams.ts). */
export const JOB_PROJECTION: StreamProjection<JobState> = {
  kind: 'job',
  fold: foldJob,
  extend: applyToJob,
};

/** Where the piece is now: the last custody move, if any (its own module, for the jobs list). */
export { currentHolder } from './custody';
