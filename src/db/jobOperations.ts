// Named write operations of the bench: each validates, stamps and stores its events in one transaction.
import {
  checkServiceDetails,
  checkStepValues,
  stepById,
  type FieldProblem,
} from '../domain/checklists';
import { checkBathInUse } from '../domain/chemicals/checks';
import { isRhodiumPlateStep, platingFromValues } from '../domain/chemicals/plating';
import { checkPreprintedCode, formatEnvelopeNumber } from '../domain/envelopes';
import type { ServiceState } from '../domain/job';
import { newEventId, newJobId, newUlid } from '../domain/ids';
import { parseEvent, type EventData, type EventType, type LoupeEvent } from '../protocol/events';
import { applyEvents } from './applyEvents';
import { deviceClock, deviceId, envelopePrefix, META_KEYS } from './device';
import type { LoupeDB } from './LoupeDB';
import { storingTables } from './streams';

/** Input a person gave that cannot be stored; `problems` name each field, nothing was written. */
export class BenchInputError extends Error {
  constructor(
    message: string,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'BenchInputError';
  }
}

export interface EventDraft<T extends EventType = EventType> {
  jobId: string;
  type: T;
  data: EventData<T>;
}

/** Stamps drafts as this tablet and this person; throws EventValidationError naming the field. */
async function stamp(
  db: LoupeDB,
  drafts: readonly EventDraft[],
  actor: string,
): Promise<LoupeEvent[]> {
  const device = await deviceId(db);
  const clock = await deviceClock(db);
  return drafts.map((d) =>
    parseEvent({
      id: newEventId(),
      jobId: d.jobId,
      type: d.type,
      at: clock.now(),
      actor,
      device,
      data: d.data,
    }),
  );
}

/** Records events made on this tablet: stored, projected and queued for the server together. */
export async function recordEvents(
  db: LoupeDB,
  drafts: readonly EventDraft[],
  actor: string,
): Promise<LoupeEvent[]> {
  const events = await stamp(db, drafts, actor);
  await applyEvents(db, events, { local: true });
  return events;
}

export function recordEvent<T extends EventType>(
  db: LoupeDB,
  draft: EventDraft<T>,
  actor: string,
): Promise<LoupeEvent[]> {
  return recordEvents(db, [draft], actor);
}

export type OpenJobInput = Omit<EventData<'job.opened'>, 'envelope' | 'services'> & {
  /** A pre-printed envelope's code, scanned or typed; without one the app numbers the envelope. */
  preprintedCode?: string;
  /** An id made beforehand (newJobId), so photos and the signature taken at intake can be filed under it. */
  jobId?: string;
  part?: { index: number; of: number };
  services: {
    kind: EventData<'service.added'>['service']['kind'];
    details: EventData<'service.added'>['service']['details'];
  }[];
};

function problemsMessage(problems: readonly FieldProblem[]): string {
  return problems.map((p) => p.message).join(' ');
}

/**
 * Opens a job on a new envelope. The app's envelope number is taken from this tablet's series in the
 * same transaction, so two jobs opened at once never share one; another tablet offline uses its own
 * series, so their numbers cannot collide either.
 */
export async function openJob(
  db: LoupeDB,
  input: OpenJobInput,
  actor: string,
): Promise<{ jobId: string; envelopeNumber: string }> {
  const problems = input.services.flatMap((s) => checkServiceDetails(s.kind, s.details));
  if (problems.length > 0) throw new BenchInputError(problemsMessage(problems), problems);
  let preprinted: string | undefined;
  if (input.preprintedCode !== undefined) {
    const check = checkPreprintedCode(input.preprintedCode);
    if (!check.ok)
      throw new BenchInputError(check.message, [{ key: 'envelope', message: check.message }]);
    preprinted = check.code;
  }
  const prefix = await envelopePrefix(db);
  const { preprintedCode: _code, jobId: givenId, part, services, ...rest } = input;
  const jobId = givenId ?? newJobId();
  if (givenId !== undefined && (await db.jobs.get(givenId))) {
    throw new BenchInputError('This job was already opened: open it from the jobs list.');
  }

  return db.transaction('rw', [db.meta, ...storingTables(db)], async () => {
    let number = preprinted;
    if (number === undefined) {
      const row = await db.meta.get(META_KEYS.envelopeNextSeq);
      const seq = typeof row?.value === 'number' ? row.value : 1;
      number = formatEnvelopeNumber(prefix, seq);
      await db.meta.put({ key: META_KEYS.envelopeNextSeq, value: seq + 1 });
    }
    const data: EventData<'job.opened'> = {
      ...rest,
      envelope: { number, preprinted: preprinted !== undefined, ...(part ? { part } : {}) },
      services: services.map((s) => ({ id: newUlid(), kind: s.kind, details: s.details })),
    };
    await recordEvent(db, { jobId, type: 'job.opened', data }, actor);
    return { jobId, envelopeNumber: number };
  });
}

export interface StepInput {
  jobId: string;
  serviceId: string;
  stepId: string;
  done: boolean;
  values: EventData<'step.set'>['values'];
  /**
   * The rhodium bath the piece was plated in, when the rhodium plating service's plate step is
   * ticked done: a bath.plated with the step's seconds, volts and temperature goes in its log.
   */
  bathId?: string;
}

/**
 * Ticks (or unticks) one step of a service, with the values the step asks for. Ticking the rhodium
 * plate step done with a bath records the plating in that bath in the same transaction: the
 * checklist and the bath log agree, or neither is written. Two tablets ticking it offline each
 * record their plating: both are kept, as each says the piece went in the bath.
 */
export async function setStep(db: LoupeDB, input: StepInput, actor: string): Promise<void> {
  await db.transaction('rw', [db.meta, ...storingTables(db)], async () => {
    const job = await db.jobs.get(input.jobId);
    if (!job) throw new BenchInputError(`This tablet has no job ${input.jobId}.`);
    const service = job.services.find((s) => s.id === input.serviceId);
    if (!service) throw new BenchInputError(`Job ${job.envelopeNumber} has no such service.`);
    const step = stepById(service.kind, input.stepId);
    if (!step) throw new BenchInputError(`"${input.stepId}" is not a step of this service.`);
    // Unticking needs no values; ticking done needs every value the step requires.
    const problems = input.done ? checkStepValues(step, input.values) : [];
    if (problems.length > 0) throw new BenchInputError(problemsMessage(problems), problems);
    const drafts: EventDraft[] = [
      {
        jobId: input.jobId,
        type: 'step.set',
        data: {
          serviceId: input.serviceId,
          stepId: input.stepId,
          done: input.done,
          values: input.values,
        },
      },
    ];
    if (input.bathId !== undefined) {
      drafts.push(await platingDraft(db, input, input.bathId, service));
    }
    await recordEvents(db, drafts, actor);
  });
}

/** The bath.plated a plate step's tick records, or a refusal (storing nothing) in words. */
async function platingDraft(
  db: LoupeDB,
  input: StepInput,
  bathId: string,
  service: ServiceState,
): Promise<EventDraft<'bath.plated'>> {
  const refuse = (message: string): never => {
    throw new BenchInputError(message, [{ key: 'bath', message }]);
  };
  if (!isRhodiumPlateStep(service.kind, input.stepId)) {
    refuse('Only the rhodium plate step is recorded in a bath.');
  }
  if (!input.done) refuse('A plating goes in the bath log when the step is ticked done.');
  // Changing a done plate's values is not another plating: it is recorded in no bath.
  if (service.steps[input.stepId]?.done === true) {
    refuse('This plate is already ticked done: untick it first to record another plating.');
  }
  const inUse = checkBathInUse(await db.baths.get(bathId), bathId);
  if (!inUse.ok) refuse(inUse.message);
  const plating = platingFromValues(input.values);
  if (typeof plating === 'string') return refuse(plating);
  return {
    jobId: bathId,
    type: 'bath.plated',
    data: { jobId: input.jobId, serviceId: input.serviceId, ...plating },
  };
}
