// Named operations of hand-offs: handing pieces on, the receiver's confirmation, and the end-of-day
// safe count. Each checks its rules against the jobs and the staff as stored, inside the transaction
// that records its events, so a refused hand-off stores nothing.
//
// Two tablets offline: both may hand the same piece on; both moves are kept and the later stamp is
// where the piece is (the trail shows both, as it happened). Both may confirm the same move: the
// earliest confirmation stands (domain/handoffs.ts custodyTrail), the other stays in the history.
import { useLiveQuery } from 'dexie-react-hooks';
import { z } from 'zod';
import {
  currentAwaiting,
  custodyTrail,
  holderOf,
  safeCountOutcome,
  SAFE,
  sameTarget,
  shopPlace,
  tradeShopIdOf,
  type AwaitingMove,
  type SafeCountOutcome,
} from '../domain/handoffs';
import { ULID_PATTERN } from '../domain/ids';
import type { CustodyTarget, JobState } from '../domain/job';
import type { ShopState } from '../domain/shopState';
import type { StaffMember } from '../domain/staff';
import { JOB_STATUSES, type LoupeEvent } from '../protocol/events';
import type { ConfirmMethod } from '../protocol/handoffs';
import { SHOP_STREAM_ID } from '../protocol/streams';
import { db as appDb } from './db';
import { BenchInputError, recordEvents, type EventDraft } from './jobOperations';
import type { LoupeDB } from './LoupeDB';
import { getShop } from './staff';
import { storingTables } from './streams';

function refuse(message: string): never {
  throw new BenchInputError(message);
}

/** Every table these operations read or write: recordEvents' transaction nests in this one. */
function handoffTables(db: LoupeDB) {
  return [db.meta, ...storingTables(db)];
}

/** Why a job takes no hand-off, in words; null when it does. */
function closedReason(job: JobState): string | null {
  if (job.voided) return `Envelope ${job.envelopeNumber} is voided (${job.voided.reason}).`;
  if (job.status === 'collected') {
    return `Envelope ${job.envelopeNumber} was collected: the piece went home with the customer.`;
  }
  return null;
}

async function jobOrRefuse(db: LoupeDB, jobId: string): Promise<JobState> {
  return (await db.jobs.get(jobId)) ?? refuse(`This tablet has no job ${jobId}.`);
}

function activePerson(shop: ShopState, staffId: string): StaffMember {
  const person = shop.staff.find((s) => s.id === staffId);
  if (!person) refuse('That person is not on this tablet’s staff list.');
  if (!person.active) refuse(`${person.name} is no longer on the staff: hand it to someone else.`);
  return person;
}

/**
 * The target as it is recorded: a person by their name now, a place by the shop's label. A trade
 * shop is not handed to here: its send form (trade.sent) records who took it and the insurance.
 */
function recordedTarget(shop: ShopState, to: CustodyTarget): CustodyTarget {
  if (to.kind === 'staff') {
    const person = activePerson(shop, to.id);
    return { kind: 'staff', id: person.id, label: person.name };
  }
  if (tradeShopIdOf(to) !== null) {
    refuse('Send a piece to a trade shop with its send form: it records the work and insurance.');
  }
  return shopPlace(to.id) ?? refuse(`This shop has no place “${to.label}”.`);
}

function holderName(shop: ShopState, holder: CustodyTarget): string {
  return holder.kind === 'staff'
    ? (shop.staff.find((s) => s.id === holder.id)?.name ?? holder.label)
    : holder.label;
}

export interface HandOnInput {
  /** The pieces handed on together (the envelopes scanned), at least one. */
  jobIds: readonly string[];
  to: CustodyTarget;
  note?: string;
}

/**
 * Hands pieces on to a person or a place of the shop: one custody.moved per job, all or nothing.
 * Refused for a voided or collected job, a person no longer on the staff, and a piece already with
 * that person or place (nothing moved). A move to a person then awaits their confirmation.
 */
export function handOn(db: LoupeDB, input: HandOnInput, actor: string): Promise<LoupeEvent[]> {
  const jobIds = [...new Set(input.jobIds)];
  if (jobIds.length === 0) return Promise.reject(new BenchInputError('Scan an envelope first.'));
  const note = (input.note ?? '').trim();
  return db.transaction('rw', handoffTables(db), async () => {
    const shop = await getShop(db);
    const to = recordedTarget(shop, input.to);
    const drafts: EventDraft[] = [];
    for (const jobId of jobIds) {
      const job = await jobOrRefuse(db, jobId);
      const closed = closedReason(job);
      if (closed) refuse(`${closed} Nothing was handed on.`);
      const holder = holderOf(job);
      if (holder && sameTarget(holder, to)) {
        refuse(
          `${holderName(shop, holder)} has envelope ${job.envelopeNumber} already. Nothing was handed on.`,
        );
      }
      drafts.push({
        jobId,
        type: 'custody.moved',
        data: { to, ...(note === '' ? {} : { note }) },
      });
    }
    return recordEvents(db, drafts, actor);
  });
}

export interface ConfirmInput {
  jobId: string;
  /** The custody.moved the receiver signs for. */
  moveEventId: string;
  method: ConfirmMethod;
}

/**
 * The receiver's side of a hand-off, recorded as the receiver (custody.confirmed). Their PIN is
 * verified before this is called, outside the transaction: WebCrypto awaited inside an IndexedDB
 * transaction lets it commit early. Everything else is checked here again: the move is to this
 * person, they are still on the staff, and they have not confirmed it already.
 */
export function confirmCustody(
  db: LoupeDB,
  input: ConfirmInput,
  receiverId: string,
): Promise<LoupeEvent[]> {
  return db.transaction('rw', handoffTables(db), async () => {
    const shop = await getShop(db);
    const job = await jobOrRefuse(db, input.jobId);
    if (job.voided) refuse(`Envelope ${job.envelopeNumber} is voided: nothing more is recorded.`);
    const entry = custodyTrail(job).find((t) => t.move.eventId === input.moveEventId);
    if (!entry) refuse(`This tablet has no such hand-off of envelope ${job.envelopeNumber}.`);
    const { move, state } = entry;
    const receiver = activePerson(shop, receiverId);
    if (move.to.kind !== 'staff') {
      refuse(`Envelope ${job.envelopeNumber} went to ${move.to.label}: a place confirms nothing.`);
    }
    if (move.to.id !== receiverId) {
      refuse(
        `Envelope ${job.envelopeNumber} was handed to ${holderName(shop, move.to)}, not to ${receiver.name}: only they confirm it.`,
      );
    }
    if (state.kind === 'confirmed') {
      refuse(`${receiver.name} already confirmed envelope ${job.envelopeNumber}.`);
    }
    if (state.kind === 'taken') {
      refuse(
        `${receiver.name} took envelope ${job.envelopeNumber} themselves: nothing to confirm.`,
      );
    }
    return recordEvents(
      db,
      [
        {
          jobId: job.id,
          type: 'custody.confirmed',
          data: { moveEventId: move.eventId, method: input.method },
        },
      ],
      receiverId,
    );
  });
}

/**
 * The open jobs whose last hand-off, to a person, awaits that person's confirmation, oldest first:
 * what "Confirm later" left. An older unconfirmed move stays in its job's trail, not here.
 */
export async function awaitingConfirmations(db: LoupeDB): Promise<AwaitingMove[]> {
  const jobs = await openJobs(db);
  return jobs
    .map(currentAwaiting)
    .filter((a): a is AwaitingMove => a !== null)
    .sort((a, b) => (a.move.at < b.move.at ? -1 : a.move.at > b.move.at ? 1 : 0));
}

/** The same, live: undefined while read. */
export function useAwaitingConfirmations(): AwaitingMove[] | undefined {
  return useLiveQuery(() => awaitingConfirmations(appDb), []);
}

// ---- The end-of-day safe count ----

/** Still with the shop: every status but collected, voided left out (the [live+status] index). */
const OPEN_KEYS = JOB_STATUSES.filter((s) => s !== 'collected').map((s) => [1, s]);

/** Every open job on this tablet (not collected, not voided). */
export function openJobs(db: LoupeDB): Promise<JobState[]> {
  return db.jobs.where('[live+status]').anyOf(OPEN_KEYS).toArray();
}

/** How many open jobs this tablet has, live (from the index alone): what a count should reach. */
export function useOpenJobCount(): number | undefined {
  return useLiveQuery(() => appDb.jobs.where('[live+status]').anyOf(OPEN_KEYS).count(), []);
}

/**
 * The count in progress on this tablet, kept in the meta table so it survives a reload or the
 * tablet sleeping. Changing this key loses a count in progress once (harmless): no migration.
 */
const SAFE_COUNT_KEY = 'safeCount.inProgress';

const countDraftSchema = z.object({
  startedAtMs: z.number().int().positive(),
  /** Who started it (the count is finished by whoever is signed in then). */
  by: z.string().min(1),
  /** Job ids scanned, in the order scanned, each once. */
  scanned: z.array(z.string().regex(ULID_PATTERN)),
});
export type SafeCountInProgress = z.infer<typeof countDraftSchema>;

async function readDraft(db: LoupeDB): Promise<SafeCountInProgress | null> {
  const row = await db.meta.get(SAFE_COUNT_KEY);
  const read = countDraftSchema.safeParse(row?.value);
  return read.success ? read.data : null;
}

/** The count in progress on this tablet, or null. */
export function safeCountInProgress(db: LoupeDB): Promise<SafeCountInProgress | null> {
  return readDraft(db);
}

/** The count in progress, live: undefined while read, null when none. */
export function useSafeCountInProgress(): SafeCountInProgress | null | undefined {
  return useLiveQuery(() => readDraft(appDb), []);
}

/** Starts a count (wall-clock start from the tablet's clock); one already started is kept. */
export function startSafeCount(db: LoupeDB, actor: string): Promise<SafeCountInProgress> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await readDraft(db);
    if (existing) return existing;
    const draft: SafeCountInProgress = { startedAtMs: db.wallClock(), by: actor, scanned: [] };
    await db.meta.put({ key: SAFE_COUNT_KEY, value: draft });
    return draft;
  });
}

/** Drops the count in progress. The moves into the safe it recorded stay: they happened. */
export async function cancelSafeCount(db: LoupeDB): Promise<void> {
  await db.meta.delete(SAFE_COUNT_KEY);
}

export interface CountedIntoSafe {
  job: JobState;
  /** A custody move to the safe was recorded (false: it was in the safe already). */
  moved: boolean;
  /** The count in progress had this envelope already: a second scan of it. */
  duplicate: boolean;
}

/**
 * An envelope scanned into the safe: custody.moved to the safe unless it is there already, and, with
 * a count in progress, the job added to it, in one transaction. Refused for a voided or collected
 * job: its envelope has no business in tonight's safe.
 */
export function countIntoSafe(
  db: LoupeDB,
  input: { jobId: string },
  actor: string,
): Promise<CountedIntoSafe> {
  return db.transaction('rw', handoffTables(db), async () => {
    let job = await jobOrRefuse(db, input.jobId);
    const closed = closedReason(job);
    if (closed) refuse(`${closed} It is not counted.`);
    const holder = holderOf(job);
    const moved = !(holder && sameTarget(holder, SAFE));
    if (moved) {
      await recordEvents(db, [{ jobId: job.id, type: 'custody.moved', data: { to: SAFE } }], actor);
      job = await jobOrRefuse(db, input.jobId);
    }
    const draft = await readDraft(db);
    const duplicate = draft?.scanned.includes(job.id) ?? false;
    if (draft && !duplicate) {
      await db.meta.put({
        key: SAFE_COUNT_KEY,
        value: { ...draft, scanned: [...draft.scanned, job.id] },
      });
    }
    return { job, moved, duplicate };
  });
}

export interface FinishCountInput {
  startedAtMs: number;
  /** Job ids scanned into the safe during the count. */
  scanned: readonly string[];
}

export interface FinishedCount extends SafeCountOutcome {
  event: LoupeEvent;
  scanned: string[];
}

/**
 * Ends a count: every open job not scanned, with where it was last, recorded as safe.counted on the
 * shop's stream, and the count in progress cleared, together. `missing` leaves out the jobs out at
 * a trade shop (an open trade.sent): they are accounted for, with a date due back, and are listed
 * apart (`outAtTrade`, not stored: each job's own trade.sent says it), so the stored count is
 * the list of pieces nobody could find.
 */
export function finishSafeCount(
  db: LoupeDB,
  input: FinishCountInput,
  actor: string,
): Promise<FinishedCount> {
  return db.transaction('rw', handoffTables(db), async () => {
    const shop = await getShop(db);
    const jobs = await openJobs(db);
    const scanned = [...new Set(input.scanned)];
    const names = new Map(shop.staff.map((s) => [s.id, s.name]));
    const outcome = safeCountOutcome(jobs, scanned, (id) => names.get(id));
    const [event] = await recordEvents(
      db,
      [
        {
          jobId: SHOP_STREAM_ID,
          type: 'safe.counted',
          data: {
            startedAtMs: input.startedAtMs,
            // Never before the start, whatever the tablet's clock did meanwhile.
            finishedAtMs: Math.max(db.wallClock(), input.startedAtMs),
            scanned,
            missing: outcome.missing,
          },
        },
      ],
      actor,
    );
    if (!event) throw new Error('The safe count was not recorded.');
    await db.meta.delete(SAFE_COUNT_KEY);
    return { ...outcome, event, scanned };
  });
}
