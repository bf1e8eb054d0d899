// Warranty operations: the shop's warranty days per service, and a warranty redo opened as a new
// job linked both ways to the one it redoes. Each checks its rules in the transaction that writes.
import {
  SERVICE_KINDS,
  templateFor,
  type FieldProblem,
  type ServiceKind,
} from '../domain/checklists';
import { dayText, localDay } from '../domain/dates';
import type { JobState } from '../domain/job';
import { jobWarranty, openRedoEnvelope } from '../domain/warranty';
import { gramsSchema, sha256Schema, SHOP_JOB_ID } from '../protocol/events';
import { warrantySetSchema } from '../protocol/pickup';
import { isoDateSchema } from '../protocol/text';
import { BenchInputError, openJob, recordEvent, recordEvents } from './jobOperations';
import type { LoupeDB } from './LoupeDB';
import { getShop } from './staff';
import { storingTables } from './streams';

/** What a person reads for a kind of service in a message: its checklist's name ("Ring sizing up"). */
function serviceName(kind: ServiceKind): string {
  try {
    return templateFor(kind).name;
  } catch {
    return kind.replace(/_/g, ' ');
  }
}

function refuse(problems: readonly FieldProblem[]): never {
  throw new BenchInputError(problems.map((p) => p.message).join(' '), problems);
}

/**
 * Sets the shop's warranty days for the kinds given, one warranty.set each (last writer wins per
 * kind, so two tablets changing different kinds offline both keep their change; the same kind
 * ends as the later one). Every value is checked first: one bad value stores none of them, and
 * each problem names its service (key: the service kind). Settings are open to anyone signed in,
 * as the shop's other settings are.
 */
export async function setWarrantyDays(
  db: LoupeDB,
  days: Partial<Record<ServiceKind, number>>,
  actor: string,
): Promise<void> {
  const kinds = SERVICE_KINDS.filter((k) => Object.hasOwn(days, k));
  const unknown = Object.keys(days).filter(
    (k) => !(SERVICE_KINDS as readonly string[]).includes(k),
  );
  const problems: FieldProblem[] = unknown.map((k) => ({
    key: k,
    message: `"${k}" is not a kind of service this app knows.`,
  }));
  for (const kind of kinds) {
    const check = warrantySetSchema.safeParse({ serviceKind: kind, days: days[kind] });
    if (!check.success) {
      const why = [...new Set(check.error.issues.map((i) => i.message))].join(' ');
      problems.push({ key: kind, message: `${serviceName(kind)}: ${why}` });
    }
  }
  if (problems.length > 0) refuse(problems);
  if (kinds.length === 0) refuse([{ key: 'days', message: 'No warranty was changed.' }]);
  await db.transaction('rw', [db.meta, ...storingTables(db)], () =>
    recordEvents(
      db,
      kinds.map((serviceKind) => ({
        jobId: SHOP_JOB_ID,
        type: 'warranty.set' as const,
        data: { serviceKind, days: days[serviceKind] as number },
      })),
      actor,
    ),
  );
}

export interface WarrantyRedoInput {
  /** The collected job whose warranty the redo is done under. */
  originalJobId: string;
  /** The original's services to do again (each still covered today). */
  serviceIds: readonly string[];
  /** What came back wrong, in the counter's words. */
  reason: string;
  /** The piece weighed again at this take-in. */
  weightG: number;
  promisedDate: string;
  notes?: string;
  /**
   * The new job's id, made beforehand (newJobId in domain/ids), so the customer's signature for
   * this take-in is stored under it before the job is opened.
   */
  jobId: string;
  /** The customer's signature at this take-in (DOMAIN.md: the customer signs the take-in). */
  signatureSha256: string;
  /** Whether the customer agreed, at this take-in, to be emailed when the redo is ready. */
  notifyByEmail?: boolean;
}

/** The local day on this tablet's clock: what "covered today" and "in the past" are read against. */
function todayOf(db: LoupeDB): string {
  return localDay(new Date(db.wallClock()));
}

/** Why a redo cannot be opened for this job at all, or null. */
function jobRefusal(job: JobState): string | null {
  if (job.voided) return `Job ${job.envelopeNumber} was voided: it carries no warranty.`;
  if (job.status !== 'collected') {
    return (
      `Job ${job.envelopeNumber} has not been picked up: its warranty starts at pick-up. ` +
      'Do the work on that job.'
    );
  }
  return null;
}

/** The redo jobs this job's warranty claims opened, as far as this tablet has them, by id. */
export async function redoJobsOf(
  db: LoupeDB,
  job: JobState,
): Promise<ReadonlyMap<string, JobState>> {
  const ids = job.warrantyClaims.map((c) => c.redoJobId);
  const rows = await db.jobs.bulkGet(ids);
  return new Map(rows.flatMap((r) => (r ? [[r.id, r] as const] : [])));
}

/** Checks the chosen services against the original's warranty today; problems keyed 'services'. */
function serviceProblems(
  original: JobState,
  serviceIds: readonly string[],
  shopDays: Partial<Record<ServiceKind, number>>,
  today: string,
): FieldProblem[] {
  if (serviceIds.length === 0) {
    return [{ key: 'services', message: 'Choose the services to redo under warranty.' }];
  }
  const warranty = jobWarranty(original, shopDays, today);
  const problems: string[] = [];
  const ended: string[] = [];
  const none: string[] = [];
  for (const id of serviceIds) {
    const service = original.services.find((s) => s.id === id);
    if (!service) {
      problems.push(`That is not a service of job ${original.envelopeNumber}.`);
      continue;
    }
    const name = serviceName(service.kind);
    if (service.cancelled) {
      problems.push(`${name} was cancelled on job ${original.envelopeNumber}: it was not done.`);
      continue;
    }
    const w = warranty.find((x) => x.serviceId === id);
    if (!w || w.covered) continue;
    if (w.until === null) none.push(name);
    else ended.push(`${name} (ended ${dayText(w.until)})`);
  }
  if (ended.length > 0) {
    problems.push(`The warranty has ended for ${ended.join(', ')}: that is paid work, a new job.`);
  }
  if (none.length > 0) problems.push(`No warranty is given for ${none.join(', ')}.`);
  return problems.map((message) => ({ key: 'services', message }));
}

/** A redo's input as checked before the signature is stored: the same checks, less the signature. */
export type WarrantyRedoCheck = Omit<WarrantyRedoInput, 'jobId' | 'signatureSha256'> & {
  signatureSha256?: string;
};

export const NO_TAKE_IN_SIGNATURE = 'The customer signs for the piece taken in.';

interface Checked {
  original: JobState;
  problems: FieldProblem[];
}

async function checkRedo(db: LoupeDB, input: WarrantyRedoCheck): Promise<Checked> {
  const original = await db.jobs.get(input.originalJobId);
  if (!original) refuse([{ key: 'job', message: 'This tablet does not have that job.' }]);
  const notHere = jobRefusal(original);
  if (notHere) refuse([{ key: 'job', message: notHere }]);
  const redos = await redoJobsOf(db, original);
  const already = openRedoEnvelope(original, (id) => redos.get(id));
  if (already !== null) {
    refuse([
      {
        key: 'job',
        message: `The piece is already back for a warranty redo, envelope ${already}: record the work there.`,
      },
    ]);
  }

  const today = todayOf(db);
  const shop = await getShop(db);
  const problems = serviceProblems(
    original,
    [...new Set(input.serviceIds)],
    shop.warrantyDays,
    today,
  );
  const reason = input.reason.trim();
  if (reason === '') {
    problems.push({ key: 'reason', message: 'Say what came back wrong.' });
  } else if (reason.length > 500) {
    problems.push({ key: 'reason', message: 'Keep what came back wrong to 500 characters.' });
  }
  const weight = gramsSchema.safeParse(input.weightG);
  if (!weight.success) {
    const message = Number.isFinite(input.weightG)
      ? weight.error.issues.map((i) => i.message).join(' ')
      : 'Weigh the piece on the calibrated scale and enter its weight in grams.';
    problems.push({ key: 'weight', message });
  }
  if (!isoDateSchema.safeParse(input.promisedDate).success) {
    problems.push({ key: 'promisedDate', message: 'Choose the promised date.' });
  } else if (input.promisedDate < today) {
    problems.push({ key: 'promisedDate', message: 'The promised date is in the past.' });
  }
  if ((input.notes ?? '').trim().length > 2000) {
    problems.push({ key: 'notes', message: 'Keep the notes to 2000 characters.' });
  }
  if (input.signatureSha256 !== undefined) {
    const signed =
      sha256Schema.safeParse(input.signatureSha256).success &&
      (await db.photos.get(input.signatureSha256)) !== undefined;
    if (!signed) problems.push({ key: 'signature', message: NO_TAKE_IN_SIGNATURE });
  }
  return { original, problems };
}

/**
 * Everything openWarrantyRedo would refuse, but the signature: the sheet asks first, so a refused
 * redo leaves no signature stored. Throws BenchInputError for a job that takes no redo at all.
 */
export async function warrantyRedoProblems(
  db: LoupeDB,
  input: WarrantyRedoCheck,
): Promise<FieldProblem[]> {
  return (await checkRedo(db, input)).problems;
}

/**
 * Opens a warranty redo: a new job for the same customer and piece (its condition copied, to be
 * checked again), the chosen services again with their original details and no charge, on the
 * next envelope number of this tablet's series (openJob's own numbering), and warranty.claimed on
 * the original, which is collected: the claim is a fact about the piece, which a final job keeps.
 * All in one transaction, after every check: a refusal stores nothing and numbers no envelope.
 *
 * Two tablets offline can each open a redo of the same job: both claims are kept and listed on the
 * original, so the second envelope is seen and voided. On one tablet, a redo still open refuses a
 * second one (the piece is in that envelope already).
 */
export async function openWarrantyRedo(
  db: LoupeDB,
  input: WarrantyRedoInput,
  actor: string,
): Promise<{ jobId: string; envelopeNumber: string }> {
  const reason = input.reason.trim();
  const notes = (input.notes ?? '').trim();
  const serviceIds = [...new Set(input.serviceIds)];
  return db.transaction('rw', [db.meta, db.photos, ...storingTables(db)], async () => {
    const { original, problems } = await checkRedo(db, input);
    if (problems.length > 0) refuse(problems);

    const redone = original.services.filter((s) => serviceIds.includes(s.id));
    const redoOf = { jobId: original.id, envelopeNumber: original.envelopeNumber, serviceIds };
    const { notifyByEmail: _consent, ...customer } = original.customer;
    // openJob's transaction nests in this one (its tables are among these), so the envelope is
    // numbered from this tablet's series exactly as at the intake desk, and rolled back with it.
    const opened = await openJob(
      db,
      {
        jobId: input.jobId,
        customer: {
          ...customer,
          // Consent is asked again at this take-in; without an email address there is none to give.
          ...(customer.email && input.notifyByEmail !== undefined
            ? { notifyByEmail: input.notifyByEmail }
            : {}),
        },
        item: original.item,
        condition: original.condition,
        services: redone.map((s) => ({ kind: s.kind, details: s.details })),
        promisedDate: input.promisedDate,
        rush: false,
        // Under warranty: nothing to charge.
        estimateCents: 0,
        ...(original.statedValueCents !== null
          ? { statedValueCents: original.statedValueCents }
          : {}),
        ...(original.insuranceValueCents !== null
          ? { insuranceValueCents: original.insuranceValueCents }
          : {}),
        intakeWeightG: input.weightG,
        ...(notes ? { notes } : {}),
        signatureSha256: input.signatureSha256,
        redoOf,
      },
      actor,
    );
    await recordEvent(
      db,
      {
        jobId: original.id,
        type: 'warranty.claimed',
        data: { redoJobId: opened.jobId, redoEnvelope: opened.envelopeNumber, serviceIds, reason },
      },
      actor,
    );
    return opened;
  });
}
