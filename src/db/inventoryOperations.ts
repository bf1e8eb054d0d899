// Named operations of the inventory: add and change an item, receive, count, use (for the shop or on
// a job) and return a job's material. Each checks its rules against what is stored, inside the
// transaction that records its events, so a refused one stores nothing on any stream.
//
// Who may: anyone signed in, for all of them. The assistant is the one who "manages a detailed
// inventory" in this workshop, adding the new clasp and setting how few is too few; a shop with no
// manager on the staff list must still keep one. Every change is signed and kept in the item's
// history, and nothing is deleted (an item no longer kept is retired), so trust is checked there.
import { newUlid } from '../domain/ids';
import { roundQuantity, type ItemState } from '../domain/inventory/itemState';
import { codeKey } from '../domain/inventory/search';
import { isKnown, linkedStockText, type KnownItem } from '../domain/inventory/stock';
import type { JobState } from '../domain/job';
import type { StaffMember } from '../domain/staff';
import type { EventData, LoupeEvent } from '../protocol/events';
import type { ItemFields } from '../protocol/inventory';
import { BenchInputError, recordEvents, type EventDraft } from './jobOperations';
import type { LoupeDB } from './LoupeDB';
import { getShop } from './staff';
import { storingTables } from './streams';

function refuse(message: string): never {
  throw new BenchInputError(message);
}

/** Every table these operations read or write: recordEvents' transaction nests in it. */
function inventoryTables(db: LoupeDB) {
  return [db.meta, ...storingTables(db)];
}

/** The person recording: someone on the staff list now. */
async function signedInStaff(db: LoupeDB, actor: string): Promise<StaffMember> {
  const person = (await getShop(db)).staff.find((s) => s.id === actor && s.active);
  if (!person) refuse('Sign in first: every movement of stock says who made it.');
  return person;
}

async function knownItem(db: LoupeDB, itemId: string): Promise<KnownItem> {
  const item: ItemState | undefined = await db.items.get(itemId);
  if (!item || !isKnown(item)) refuse('This tablet has no such item in the inventory.');
  return item;
}

/** Stock metal is weighed in and out in the metal ledger: the inventory never books it twice. */
function refuseLinked(item: KnownItem, what: string): void {
  const alloyId = item.fields.alloyId;
  if (alloyId === undefined) return;
  refuse(
    `${item.fields.name} is ${linkedStockText(alloyId)}: ${what} it in Metal → Stock, where every gram is weighed.`,
  );
}

function refuseRetired(item: KnownItem, what: string): void {
  if (item.fields.retired) {
    refuse(`${item.fields.name} is retired: bring it back (Edit) before you ${what} it.`);
  }
}

/** Optional text left out when blank, so an event never carries an empty note. */
function trimmed<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const t = value?.trim();
  return t ? ({ [key]: t } as Record<K, string>) : {};
}

/** Whole pieces and pairs: a third of a clasp was not used. */
function checkQuantityFits(item: KnownItem, quantity: number): void {
  const { unit } = item.fields;
  if ((unit === 'pcs' || unit === 'pair') && !Number.isInteger(quantity)) {
    refuse(`Count ${item.fields.name} in whole ${unit === 'pcs' ? 'pieces' : 'pairs'}.`);
  }
}

// ---- The item ----

export type ItemInput = Omit<ItemFields, 'retired'> & { retired?: boolean };

/** Another item kept with this code: a scan must name one item. */
async function checkCodeFree(db: LoupeDB, code: string | undefined, itemId: string | null) {
  const key = code === undefined ? '' : codeKey(code);
  if (key === '') return;
  const items = await db.items.toArray();
  const clash = items.find(
    (i) =>
      i.id !== itemId &&
      i.fields !== null &&
      !i.fields.retired &&
      i.fields.code !== undefined &&
      codeKey(i.fields.code) === key,
  );
  if (clash?.fields) refuse(`${clash.fields.name} already has the code ${clash.fields.code}.`);
}

/** Stock metal linked to an alloy is counted in grams, as the ledger weighs it. */
function checkLinkUnit(fields: Pick<ItemFields, 'alloyId' | 'unit'>): void {
  if (fields.alloyId !== undefined && fields.unit !== 'g') {
    refuse('Stock metal kept in the metal ledger is counted in grams.');
  }
}

function cleanFields(input: ItemInput): ItemFields {
  const { description, size, code, supplier, ...rest } = input;
  return {
    ...rest,
    name: input.name.trim(),
    ...trimmed('description', description),
    ...trimmed('size', size),
    ...trimmed('code', code),
    ...trimmed('supplier', supplier),
    retired: input.retired ?? false,
  };
}

/**
 * Adds an item to the inventory; returns its id (its stream's). Two tablets adding the same clasp
 * offline get two items: one can be retired, and its history stays.
 */
export async function addItem(db: LoupeDB, input: ItemInput, actor: string): Promise<string> {
  const fields = cleanFields(input);
  checkLinkUnit(fields);
  return db.transaction('rw', inventoryTables(db), async () => {
    await signedInStaff(db, actor);
    await checkCodeFree(db, fields.code, null);
    const itemId = newUlid();
    await recordEvents(db, [{ jobId: itemId, type: 'item.added', data: fields }], actor);
    return itemId;
  });
}

/**
 * Changes an item's fields (and retires it or brings it back): only the fields that differ are
 * sent, so two tablets changing different fields offline both keep theirs (last writer wins per
 * field). A blank description, size, code or supplier clears it.
 */
export async function updateItem(
  db: LoupeDB,
  itemId: string,
  changes: Partial<ItemFields>,
  actor: string,
): Promise<LoupeEvent[]> {
  return db.transaction('rw', inventoryTables(db), async () => {
    await signedInStaff(db, actor);
    const item = await knownItem(db, itemId);
    const differ: Partial<ItemFields> = {};
    for (const [key, raw] of Object.entries(changes) as [keyof ItemFields, unknown][]) {
      if (raw === undefined) continue;
      const value = typeof raw === 'string' ? raw.trim() : raw;
      const now = item.fields[key] ?? (typeof value === 'string' ? '' : undefined);
      if (value !== now) (differ as Record<string, unknown>)[key] = value;
    }
    if (Object.keys(differ).length === 0) refuse('Nothing was changed.');
    const next = { ...item.fields, ...differ };
    checkLinkUnit(next);
    // A new code, or an item brought back with its code: no kept item may answer to it too.
    if (!next.retired && (differ.code !== undefined || differ.retired === false)) {
      await checkCodeFree(db, next.code, itemId);
    }
    return recordEvents(
      db,
      [{ jobId: itemId, type: 'item.updated', data: { changes: differ } }],
      actor,
    );
  });
}

// ---- Stock on the shelf ----

export interface ReceiveInput {
  itemId: string;
  quantity: number;
  unitCostCents?: number;
  supplier?: string;
  note?: string;
}

/** The shelf movements recorded on an item's own stream alone. */
type ShelfMovement = 'stock.received' | 'stock.counted' | 'stock.used';

/**
 * Reads the item and records one movement on its stream, in one 'rw' transaction: who is signed in
 * and what `check` refuses are checked against what is stored, so a refused movement stores nothing.
 */
function recordOnShelf<T extends ShelfMovement>(
  db: LoupeDB,
  actor: string,
  input: { itemId: string; quantity: number },
  type: T,
  check: (item: KnownItem) => void,
  data: EventData<T>,
): Promise<LoupeEvent[]> {
  return db.transaction('rw', inventoryTables(db), async () => {
    await signedInStaff(db, actor);
    const item = await knownItem(db, input.itemId);
    check(item);
    checkQuantityFits(item, input.quantity);
    return recordEvents(db, [{ jobId: item.id, type, data }], actor);
  });
}

/** A delivery onto the shelf; a unit cost given becomes the item's cost for the next use. */
export function receiveStock(db: LoupeDB, input: ReceiveInput, actor: string) {
  return recordOnShelf(
    db,
    actor,
    input,
    'stock.received',
    (item) => {
      refuseLinked(item, 'receive');
      refuseRetired(item, 'receive');
    },
    {
      quantity: input.quantity,
      ...(input.unitCostCents === undefined ? {} : { unitCostCents: input.unitCostCents }),
      ...trimmed('supplier', input.supplier),
      ...trimmed('note', input.note),
    },
  );
}

export interface CountInput {
  itemId: string;
  quantity: number;
  note?: string;
}

/**
 * A count at the shelf: the book becomes what was counted at this moment; uses stamped after it
 * (another tablet's, synced later) count from there. A retired item's leftovers may be counted.
 */
export function countStock(db: LoupeDB, input: CountInput, actor: string) {
  return recordOnShelf(db, actor, input, 'stock.counted', (item) => refuseLinked(item, 'weigh'), {
    quantity: input.quantity,
    ...trimmed('note', input.note),
  });
}

export interface ShopUseInput {
  itemId: string;
  quantity: number;
  /** What it went on: "polishing the week's rings", "investing flasks". */
  note?: string;
}

/**
 * Stock the shop used on no job (polishing compound, investment powder). A use beyond the book is
 * recorded all the same (the stuff was used), and the item then asks to be counted.
 */
export function recordShopUse(db: LoupeDB, input: ShopUseInput, actor: string) {
  return recordOnShelf(
    db,
    actor,
    input,
    'stock.used',
    (item) => {
      refuseLinked(item, 'issue');
      refuseRetired(item, 'use');
    },
    { quantity: input.quantity, ...trimmed('note', input.note) },
  );
}

// ---- Materials on a job ----

export interface JobUseInput {
  jobId: string;
  itemId: string;
  quantity: number;
  serviceId?: string;
  stepKey?: string;
  note?: string;
}

function jobToUseOn(job: JobState | undefined, jobId: string): JobState {
  if (!job) refuse(`This tablet has no job ${jobId}.`);
  if (job.voided) refuse('This job was voided: nothing more is used on it.');
  return job;
}

/**
 * A material used on a job: the job's material.used (the item's name, unit and cost copied as they
 * are now, so the job's cost and history stay true whatever the item becomes) and the item's
 * stock.used, in one transaction: the job and the shelf never disagree. A use beyond what the book
 * says is on hand is still recorded (the part is in the person's hand: the book is what is wrong),
 * and the item then asks to be counted. Returns the use's id.
 *
 * Two tablets offline may each use the last clasp: both uses are kept on both streams, the book
 * goes below 0 and the item asks for a count once they sync.
 */
export async function recordMaterialUse(
  db: LoupeDB,
  input: JobUseInput,
  actor: string,
): Promise<string> {
  return db.transaction('rw', inventoryTables(db), async () => {
    await signedInStaff(db, actor);
    const job = jobToUseOn(await db.jobs.get(input.jobId), input.jobId);
    const item = await knownItem(db, input.itemId);
    refuseLinked(item, 'issue');
    refuseRetired(item, 'use');
    checkQuantityFits(item, input.quantity);
    if (input.serviceId !== undefined) {
      const service = job.services.find((s) => s.id === input.serviceId);
      if (!service) refuse(`Job ${job.envelopeNumber} has no such service.`);
      if (service.cancelled) refuse('That service was cancelled: choose another, or none.');
    }
    const usageId = newUlid();
    const note = trimmed('note', input.note);
    const drafts: EventDraft[] = [
      {
        jobId: job.id,
        type: 'material.used',
        data: {
          usageId,
          itemId: item.id,
          itemName: item.fields.name,
          category: item.fields.category,
          unit: item.fields.unit,
          quantity: input.quantity,
          ...(item.unitCostCents === null ? {} : { unitCostCents: item.unitCostCents }),
          ...(input.serviceId === undefined ? {} : { serviceId: input.serviceId }),
          ...(input.stepKey === undefined ? {} : { stepKey: input.stepKey }),
          ...note,
        },
      },
      {
        jobId: item.id,
        type: 'stock.used',
        data: { quantity: input.quantity, jobId: job.id, usageId, ...note },
      },
    ];
    await recordEvents(db, drafts, actor);
    return usageId;
  });
}

export interface MaterialReturnInput {
  jobId: string;
  usageId: string;
  /** Why it went back: "wrong size", "not needed after all". */
  reason: string;
}

/**
 * A job's material put back on the shelf unused, in whole: the job's material.returned (it no
 * longer counts in the cost) and the item's stock.returned, together. Allowed on a voided or
 * collected job too: the part is back on the shelf, and the shelf's book must say so.
 */
export function returnMaterial(db: LoupeDB, input: MaterialReturnInput, actor: string) {
  return db.transaction('rw', inventoryTables(db), async () => {
    await signedInStaff(db, actor);
    const job = await db.jobs.get(input.jobId);
    if (!job) refuse(`This tablet has no job ${input.jobId}.`);
    const use = job.materialsUsed.find((m) => m.usageId === input.usageId);
    if (!use) refuse('This job has no such material used.');
    if (job.materialsReturned.some((r) => r.usageId === input.usageId)) {
      refuse(`${use.itemName} was already put back.`);
    }
    const reason = input.reason.trim();
    const drafts: EventDraft[] = [
      { jobId: job.id, type: 'material.returned', data: { usageId: use.usageId, reason } },
    ];
    // An item this tablet does not hold (not synced yet) still gets its return: its stream folds
    // it once the item arrives, and the book stays true.
    drafts.push({
      jobId: use.itemId,
      type: 'stock.returned',
      data: {
        quantity: roundQuantity(use.quantity),
        jobId: job.id,
        usageId: use.usageId,
        ...(reason === '' ? {} : { note: reason }),
      },
    });
    return recordEvents(db, drafts, actor);
  });
}
