// Named write operations of the metal ledger: each checks its rule against the ledger as stored,
// inside the transaction that records its event (no pulled page lands between the check and the write).
import { newUlid } from '../domain/ids';
import { holderAccount, placeAccount, potAccount, STOCK } from '../domain/ledger/accounts';
import { toMg } from '../domain/ledger/legs';
import type { LedgerState } from '../domain/ledger/ledgerState';
import { scaleById, toleranceFlag, type ToleranceFlag } from '../domain/ledger/scales';
import { estimatedFineGrams, potById, potIdFor } from '../domain/ledger/scrap';
import { balanceOf, lotFamily } from '../domain/ledger/views';
import { alloyById, type AlloyId } from '../domain/metals';
import { SHOP_JOB_ID, type EventData, type EventType, type LoupeEvent } from '../protocol/events';
import {
  CORRECTABLE_TYPES,
  type HolderData,
  type ScaleData,
  type WeighPlaceData,
} from '../protocol/ledger';
import { LEDGER_STREAM_ID } from '../protocol/streams';
import { BenchInputError, recordEvents, type EventDraft } from './jobOperations';
import type { LoupeDB } from './LoupeDB';
import { getLedger } from './ledgerQueries';
import { getShop } from './staff';
import { storingTables } from './streams';

/** Every table a ledger operation reads or writes: recordEvents' transaction nests in it. */
function ledgerTables(db: LoupeDB) {
  return [db.meta, ...storingTables(db)];
}

function refuse(message: string): never {
  throw new BenchInputError(message);
}

// A read, kept with the reads (the jobs list's alerts use it without the write path): named here too.
export { getLedger };

export function ledgerDraft<T extends EventType>(type: T, data: EventData<T>): EventDraft {
  return { jobId: LEDGER_STREAM_ID, type, data };
}

/**
 * Reads the ledger, records what `decide` makes of it, in one 'rw' transaction. A movement weighed
 * with no scale named was weighed on the shop's first scale: it is named, so the accountant's CSV
 * says which scale each gram was read on even after the shop's scales change.
 */
function recordOnLedger(
  db: LoupeDB,
  actor: string,
  decide: (ledger: LedgerState) => EventDraft[] | Promise<EventDraft[]>,
): Promise<LoupeEvent[]> {
  return db.transaction('rw', ledgerTables(db), async () =>
    recordEvents(db, await withScales(db, await decide(await getLedger(db))), actor),
  );
}

/** Names the shop's first scale on each ledger movement weighed with none named. */
export async function withScales(db: LoupeDB, drafts: EventDraft[]): Promise<EventDraft[]> {
  const scaleId = scaleById((await getShop(db)).scales, undefined).scaleId;
  return drafts.map((d) => withScale(d, scaleId));
}

const WEIGHED_TYPES: readonly string[] = [
  'metal.received',
  'metal.issued',
  'metal.returned',
  'metal.used',
  'scrap.deposited',
  'lot.sent',
];

function withScale(draft: EventDraft, scaleId: string): EventDraft {
  if (!WEIGHED_TYPES.includes(draft.type)) return draft;
  const data = draft.data as { scaleId?: string };
  return data.scaleId ? draft : ({ ...draft, data: { ...data, scaleId } } as EventDraft);
}

function gramsText(g: number): string {
  return `${g.toFixed(2)} g`;
}

function alloyName(alloyId: AlloyId): string {
  return alloyById(alloyId).name;
}

/** Optional text left out when blank, so an event never carries an empty note. */
function trimmed<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const t = value?.trim();
  return t ? ({ [key]: t } as Record<K, string>) : {};
}

// ---- Stock ----

export type ReceiveInput = EventData<'metal.received'>;

/** Metal from a supplier into stock. */
export function receiveMetal(db: LoupeDB, input: ReceiveInput, actor: string) {
  const { note, supplierLot, ...rest } = input;
  return recordOnLedger(db, actor, () => [
    ledgerDraft('metal.received', {
      ...rest,
      ...trimmed('supplierLot', supplierLot),
      ...trimmed('note', note),
    }),
  ]);
}

export type IssueInput = EventData<'metal.issued'>;

/** Metal out of stock to a person, a bench or a tree; never more than the book shows in stock. */
export function issueMetalFromStock(db: LoupeDB, input: IssueInput, actor: string) {
  return recordOnLedger(db, actor, (ledger) => [issueDraft(ledger, input)]);
}

/** The issue's event, refused when the stock's book has less of the alloy than it takes. */
export function issueDraft(ledger: LedgerState, input: IssueInput): EventDraft {
  const inStock = balanceOf(ledger, STOCK, input.alloyId);
  if (toMg(input.grams) > toMg(inStock)) {
    refuse(
      `The book shows ${gramsText(Math.max(inStock, 0))} of ${alloyName(input.alloyId)} in stock: receive it first, or weigh in the safe if the book is wrong.`,
    );
  }
  const { note, ...rest } = input;
  return ledgerDraft('metal.issued', { ...rest, ...trimmed('note', note) });
}

export type ReturnInput = EventData<'metal.returned'>;

/** Metal a holder brings back to stock; not more than they hold by the book, within the scale. */
export async function returnMetal(db: LoupeDB, input: ReturnInput, actor: string) {
  const tolerance = await scaleTolerance(db, input.scaleId);
  return recordOnLedger(db, actor, (ledger) => {
    const held = balanceOf(ledger, holderAccount(input.from), input.alloyId);
    if (toMg(input.grams) > toMg(held) + toMg(tolerance)) {
      refuse(
        `The book shows ${gramsText(Math.max(held, 0))} of ${alloyName(input.alloyId)} with them: weigh them in to record what is really there.`,
      );
    }
    const { note, ...rest } = input;
    return [ledgerDraft('metal.returned', { ...rest, ...trimmed('note', note) })];
  });
}

export type UseInput = EventData<'metal.used'>;

/** Metal a holder put into a customer's piece (stock added when sizing a ring up). */
export function recordMetalUsed(db: LoupeDB, input: UseInput, actor: string) {
  return recordOnLedger(db, actor, async () => {
    if (!(await db.jobs.get(input.jobId))) refuse('This tablet has no such job.');
    const { note, ...rest } = input;
    return [ledgerDraft('metal.used', { ...rest, ...trimmed('note', note) })];
  });
}

// ---- Weigh-ins ----

export interface WeighInInput {
  place: WeighPlaceData;
  alloyId: AlloyId;
  session: EventData<'metal.weighed_in'>['session'];
  weighedG: number;
  scaleId?: string;
  note?: string;
}

/** What a weigh-in found: the book, the scale's reading and whether they differ beyond the scale. */
export interface WeighInResult {
  bookG: number;
  weighedG: number;
  differenceG: number;
  flag: ToleranceFlag;
  /** The scale weighed on and the tolerance the difference was held to. */
  scaleId: string;
  toleranceG: number;
  events: LoupeEvent[];
}

/**
 * An opening, closing or spot weigh-in of the safe's stock or a holder's metal against the book. A
 * difference beyond the scale's tolerance is flagged; any difference is booked to loss (or back from
 * it, when over), so the book then says what the scale said. A flagged one needs a note saying why.
 */
export async function weighIn(
  db: LoupeDB,
  input: WeighInInput,
  actor: string,
): Promise<WeighInResult> {
  const scale = scaleById((await getShop(db)).scales, input.scaleId);
  return db.transaction('rw', ledgerTables(db), async () => {
    const ledger = await getLedger(db);
    const bookG = balanceOf(ledger, placeAccount(input.place), input.alloyId);
    const flag = toleranceFlag(input.weighedG, bookG, scale.toleranceG);
    const note = input.note?.trim();
    if (flag !== 'within' && !note) {
      refuse(
        `The scale reads ${gramsText(input.weighedG)}, the book says ${gramsText(bookG)}: weigh again, or say in the note what happened.`,
      );
    }
    const draft = ledgerDraft('metal.weighed_in', {
      place: input.place,
      alloyId: input.alloyId,
      session: input.session,
      bookG,
      weighedG: input.weighedG,
      toleranceG: scale.toleranceG,
      scaleId: scale.scaleId,
      ...(note ? { note } : {}),
    });
    const events = await recordEvents(db, [draft], actor);
    const differenceG = (toMg(input.weighedG) - toMg(bookG)) / 1000;
    const { scaleId, toleranceG } = scale;
    return { bookG, weighedG: input.weighedG, differenceG, flag, scaleId, toleranceG, events };
  });
}

async function scaleTolerance(db: LoupeDB, scaleId: string | undefined): Promise<number> {
  return scaleById((await getShop(db)).scales, scaleId).toleranceG;
}

// ---- Scrap ----

export interface DepositInput {
  alloyId: AlloyId;
  kind: EventData<'scrap.deposited'>['kind'];
  grams: number;
  from?: HolderData;
  jobId?: string;
  treeId?: string;
  scaleId?: string;
  note?: string;
}

/** Scrap into its pot: the alloy's scrap group, clean or sweeps by its kind (DOMAIN.md). */
export function depositScrap(db: LoupeDB, input: DepositInput, actor: string) {
  return recordOnLedger(db, actor, () => [depositDraft(input)]);
}

export function depositDraft(input: DepositInput): EventDraft {
  const { note, ...rest } = input;
  return ledgerDraft('scrap.deposited', {
    ...rest,
    potId: potIdFor(input.alloyId, input.kind),
    ...trimmed('note', note),
  });
}

// ---- Refining lots ----

export interface SealInput {
  potIds: string[];
  sealNumber?: string;
  note?: string;
}

/**
 * Seals a lot from one or more pots of one metal family: what the book shows in each is frozen in
 * the lot, and the pots start again from nothing. A pot's deposits this tablet has not seen stay in
 * the pot for the next lot.
 */
export async function sealLot(db: LoupeDB, input: SealInput, actor: string): Promise<string> {
  const lotId = newUlid();
  await recordOnLedger(db, actor, (ledger) => {
    const potIds = [...new Set(input.potIds)];
    if (potIds.length === 0) refuse('Choose the pots that go in the lot.');
    const unknown = potIds.find((id) => !potById(id));
    if (unknown) refuse(`There is no scrap pot ${unknown}.`);
    if (lotFamily(potIds) === 'mixed') {
      refuse('A lot is one metal family: platinum, palladium, gold and silver refine apart.');
    }
    const contents: EventData<'lot.sealed'>['contents'] = [];
    for (const potId of potIds) {
      const pot = potById(potId) ?? refuse(`There is no scrap pot ${potId}.`);
      const held = ledger.balancesMg[potAccount(potId)] ?? {};
      for (const [alloyId, mg] of Object.entries(held) as [AlloyId, number][]) {
        if (mg < 0) refuse(`${pot.label} shows less than nothing: correct its deposits first.`);
        const grams = mg / 1000;
        contents.push({
          potId,
          alloyId,
          grams,
          estimatedFineG: Math.round(estimatedFineGrams(grams, alloyId, pot.grade) * 1000) / 1000,
        });
      }
    }
    if (contents.length === 0) refuse('Those pots are empty: nothing to seal.');
    return [
      ledgerDraft('lot.sealed', {
        lotId,
        contents,
        ...trimmed('sealNumber', input.sealNumber),
        ...trimmed('note', input.note),
      }),
    ];
  });
  return lotId;
}

export type SendInput = EventData<'lot.sent'>;

/** A sealed lot leaves for the refiner. Sent again (a wrong seal number) corrects the record. */
export function sendLot(db: LoupeDB, input: SendInput, actor: string) {
  return recordOnLedger(db, actor, (ledger) => {
    const lot = ledger.lots[input.lotId];
    if (!lot?.sealed) refuse('This tablet has no such sealed lot.');
    if (lot.settled) refuse('This lot is settled already.');
    const { note, ...rest } = input;
    return [ledgerDraft('lot.sent', { ...rest, ...trimmed('note', note) })];
  });
}

export type SettleInput = EventData<'lot.settled'>;

/** The refiner's settlement: assay, fine weight credited, fees. Settled again corrects it. */
export function settleLot(db: LoupeDB, input: SettleInput, actor: string) {
  return recordOnLedger(db, actor, (ledger) => {
    const lot = ledger.lots[input.lotId];
    if (!lot?.sealed) refuse('This tablet has no such sealed lot.');
    if (!lot.sent) refuse('Record the lot as sent before its settlement.');
    const { note, ...rest } = input;
    return [ledgerDraft('lot.settled', { ...rest, ...trimmed('note', note) })];
  });
}

// ---- Corrections ----

/**
 * Reverses a wrong movement; it stays in the history beside its correction, and the right one is
 * then recorded as a new movement. A movement is corrected once.
 */
export function correctMovement(
  db: LoupeDB,
  input: { eventId: string; reason: string },
  actor: string,
) {
  return recordOnLedger(db, actor, async (ledger) => {
    const original = await db.events.get(input.eventId);
    if (!original || original.jobId !== LEDGER_STREAM_ID) refuse('There is no such movement.');
    if (!(CORRECTABLE_TYPES as readonly string[]).includes(original.type)) {
      refuse(
        'Only a movement of metal or scrap is corrected; a lot is corrected by its next record.',
      );
    }
    if (ledger.corrected[input.eventId]) refuse('That movement is corrected already.');
    return [
      ledgerDraft('metal.corrected', {
        eventId: input.eventId,
        original: {
          type: original.type as (typeof CORRECTABLE_TYPES)[number],
          data: original.data,
        },
        reason: input.reason,
      }),
    ];
  });
}

// ---- Scales (the shop's stream) ----

/** Adds or changes one of the shop's scales. */
export async function setScale(db: LoupeDB, scale: ScaleData, actor: string): Promise<void> {
  await db.transaction('rw', ledgerTables(db), () =>
    recordEvents(db, [{ jobId: SHOP_JOB_ID, type: 'scale.set', data: scale }], actor),
  );
}
