// The job projection: a pure fold of a job's events, the same for any arrival order or duplication.
import { templateFor } from './checklists';
import { envelopeKey } from './envelopes';
import type { Attribution, JobState, ServiceState } from './job';
import { searchTermsForJob } from './search';
import { readStoredEvent, type LoupeEvent, type StoredEvent } from '../protocol/events';

/**
 * Bump when the fold's rules or the event types it knows change: every tablet then re-folds its jobs
 * from their stored events on start, so events it skipped as unknown are folded in at last.
 */
export const PROJECTION_VERSION = 2;

/** The total order of events: by clock stamp, ties broken by id (DESIGN.md). */
export function compareEvents(
  a: { at: string; id: string },
  b: { at: string; id: string },
): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/** True when `event` sorts after everything already folded into `job`. */
export function comesAfter(job: JobState, event: { at: string; id: string }): boolean {
  return compareEvents(event, { at: job.lastAt, id: job.lastEventId }) > 0;
}

function sortedUnique(events: readonly StoredEvent[]): StoredEvent[] {
  const byId = new Map<string, StoredEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  return [...byId.values()].sort(compareEvents);
}

/**
 * Folds all of one job's events into its state, or null while its job.opened has not arrived (its
 * other events are kept and folded once it does).
 */
export function foldJob(events: readonly StoredEvent[]): JobState | null {
  const ordered = sortedUnique(events);
  const openedAt = ordered.findIndex((e) => e.type === 'job.opened' && readStoredEvent(e).known);
  if (openedAt < 0) return null;
  const opened = readStoredEvent(ordered[openedAt] as StoredEvent);
  if (!opened.known || opened.event.type !== 'job.opened') return null;
  let job = openJob(opened.event);
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
  let next = job;
  for (const e of sortedUnique(events)) {
    if (!comesAfter(next, e)) {
      throw new Error(
        `Event ${e.id} sorts before job ${job.id}'s last event: fold the job in full.`,
      );
    }
    next = applyOne(next, e, { early: false });
  }
  return finish(next);
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
    assignee: null,
    status: 'received',
    statusChanged: who,
    voided: null,
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
    opened: who,
    lastAt: e.at,
    lastEventId: e.id,
    eventCount: 1,
    skipped: { count: 0, types: [] },
    live: 1,
    progress: { stepsDone: 0, stepsRequired: 0 },
    searchTerms: [],
  };
}

function skip(job: JobState, type: string): JobState {
  const types = job.skipped.types.includes(type) ? job.skipped.types : [...job.skipped.types, type];
  return { ...job, skipped: { count: job.skipped.count + 1, types } };
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
  const read = readStoredEvent(stored);
  const base = early
    ? { ...job, eventCount: job.eventCount + 1 }
    : { ...job, eventCount: job.eventCount + 1, lastAt: stored.at, lastEventId: stored.id };
  if (!read.known) return skip(base, stored.type);
  const e = read.event;
  const who = attribution(e);
  const next = applyKnown(base, e, who, early);
  return next ?? skip(base, e.type);
}

/** One known event's effect; null when it cannot apply (e.g. a step of a service the job lacks). */
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
    case 'status.changed':
      if (early) return job;
      return {
        ...job,
        status: e.data.status,
        statusChanged: { ...who, ...(e.data.reason ? { reason: e.data.reason } : {}) },
        ...(e.data.signatureSha256 ? { pickupSignatureSha256: e.data.signatureSha256 } : {}),
      };
    case 'job.voided':
      return { ...job, voided: { ...who, reason: e.data.reason } };
    case 'envelope.bound': {
      const key = envelopeKey(e.data.code);
      const keys = job.envelopeKeys.includes(key) ? job.envelopeKeys : [...job.envelopeKeys, key];
      return { ...job, envelopeNumber: e.data.code, preprinted: true, envelopeKeys: keys };
    }
    case 'service.added':
      if (job.services.some((s) => s.id === e.data.service.id)) return job;
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
    case 'qc.recorded':
      return { ...job, qc: [...job.qc, { ...who, ...e.data }] };
    case 'staff.added':
    case 'staff.updated':
      // Shop-level events never belong to a job.
      return null;
  }
}

function sortByStamp<T extends Attribution>(list: T[]): T[] {
  return list
    .slice()
    .sort((a, b) => compareEvents({ at: a.at, id: a.eventId }, { at: b.at, id: b.eventId }));
}

/** Recomputes what is derived: list orders (early events), progress and search terms. */
function finish(job: JobState): JobState {
  let stepsDone = 0;
  let stepsRequired = 0;
  for (const service of job.services) {
    if (service.cancelled) continue;
    for (const step of templateFor(service.kind).steps) {
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
    live: job.voided ? 0 : 1,
    progress: { stepsDone, stepsRequired },
  };
  return { ...result, searchTerms: searchTermsForJob(result) };
}

/** Where the piece is now: the last custody move, if any. */
export function currentHolder(job: JobState) {
  return job.custody.at(-1)?.to ?? null;
}
