// An inventory item's stream folded into its row: what it is, what is on the shelf by the book, and
// the last few receipts, uses and counts. Folded in stamp order (sortedFold), so every tablet agrees.
import type { ItemFields } from '../../protocol/inventory';
import type { LoupeEvent } from '../../protocol/events';
import type { Attribution } from '../job';
import { emptyHead, sortedProjection } from '../sortedFold';
import type { StreamHead } from '../streamProjection';

/** What moved stock on the shelf: a delivery, a use (a job's or the shop's), a return, a count. */
export type MovementKind = 'received' | 'used' | 'returned' | 'counted';

/** One movement as the item's row keeps it: what, how much, and the book after it. */
export interface ItemMovement extends Attribution {
  kind: MovementKind;
  /** Received, used or returned; for a count, what was counted. */
  quantity: number;
  /** On hand by the book once it was folded. */
  onHandAfter: number;
  /** A count's book before it: the difference is what the shelf disagreed by. */
  bookBefore?: number;
  /** The job a use or a return was for; none for the shop's own use. */
  jobId?: string;
  usageId?: string;
  supplier?: string;
  unitCostCents?: number;
  note?: string;
}

/** How many movements the row keeps: enough for the list and a glance, never a year of them. */
export const RECENT_MOVEMENTS = 8;

export interface ItemState extends StreamHead {
  /** Null until its item.added is folded (a use synced before it stays counted). */
  fields: ItemFields | null;
  /** What the book says is on the shelf now, in the item's unit. Below 0 after a use beyond it. */
  onHand: number;
  added: Attribution | null;
  /**
   * What one unit costs the shop now: the item's own cost or a later delivery's, whichever was
   * recorded last (the newest price paid is what the next use costs a job).
   */
  unitCostCents: number | null;
  totalReceived: number;
  /** Used on jobs and by the shop, less what came back unused. */
  totalUsed: number;
  lastCount: ItemMovement | null;
  lastReceived: ItemMovement | null;
  /**
   * A use took more than the book had: the parts were in someone's hand, so the book is wrong.
   * Cleared by the next count.
   */
  needsCount: boolean;
  /** The last RECENT_MOVEMENTS movements, oldest first; the item page reads all from the events. */
  recent: ItemMovement[];
  /**
   * Uses already put back: two tablets returning the same use offline put it on the shelf once.
   * Returns are rare, so the list stays short.
   */
  returnedUsageIds: string[];
}

export function emptyItem(id: string): ItemState {
  return {
    ...emptyHead(id),
    fields: null,
    onHand: 0,
    added: null,
    unitCostCents: null,
    totalReceived: 0,
    totalUsed: 0,
    lastCount: null,
    lastReceived: null,
    needsCount: false,
    recent: [],
    returnedUsageIds: [],
  };
}

/**
 * Quantities are kept to a thousandth of the unit (a milligram of solder, a tenth of a millilitre
 * and finer): each step is rounded, so 0.1 g + 0.2 g is 0.3 g on every tablet and in every list.
 */
export function roundQuantity(q: number): number {
  return Math.round(q * 1000) / 1000;
}

/** Optional text fields sent blank are cleared: the row never holds an empty code or supplier. */
const CLEARABLE_TEXT = ['description', 'size', 'code', 'supplier'] as const;

function withChanges(fields: ItemFields, changes: Partial<ItemFields>): ItemFields {
  const cleared: readonly string[] = CLEARABLE_TEXT;
  // A key present with no value (a caller's undefined) changes nothing.
  const changed = Object.entries(changes as Record<string, unknown>).filter(
    ([, value]) => value !== undefined,
  );
  const merged: Record<string, unknown> = { ...fields, ...Object.fromEntries(changed) };
  return Object.fromEntries(
    Object.entries(merged).filter(([key, value]) => !(cleared.includes(key) && value === '')),
  ) as ItemFields;
}

function moved(state: ItemState, movement: ItemMovement): ItemState {
  const recent = [...state.recent, movement].slice(-RECENT_MOVEMENTS);
  return { ...state, onHand: movement.onHandAfter, recent };
}

/** Optional data copied onto a movement only when there. */
function optional<T extends object>(data: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (data[k] !== undefined) out[k] = data[k];
  return out;
}

/**
 * One event's effect on the item, in stamp order: fields last writer wins per field; a delivery
 * and a return add, a use takes away, a count sets the book to what was counted at that stamp
 * (movements stamped after it count from there). Null for an event that is not the item's.
 */
export function applyItemEvent(state: ItemState, e: LoupeEvent): ItemState | null {
  const who: Attribution = { by: e.actor, at: e.at, eventId: e.id };
  switch (e.type) {
    case 'item.added': {
      // One add per item (its id is made with it). Fields any update stamped before it named are
      // written over: an update is made on a tablet that had the add, so its stamp is later (HLC).
      const fields = withChanges(e.data, {});
      return {
        ...state,
        fields,
        added: who,
        unitCostCents: fields.unitCostCents ?? state.unitCostCents,
      };
    }
    case 'item.updated': {
      if (!state.fields) return null;
      const fields = withChanges(state.fields, e.data.changes);
      const cost = e.data.changes.unitCostCents;
      return { ...state, fields, unitCostCents: cost ?? state.unitCostCents };
    }
    case 'stock.received': {
      const movement: ItemMovement = {
        ...who,
        kind: 'received',
        quantity: e.data.quantity,
        onHandAfter: roundQuantity(state.onHand + e.data.quantity),
        ...optional(e.data, ['supplier', 'unitCostCents', 'note']),
      };
      return {
        ...moved(state, movement),
        totalReceived: roundQuantity(state.totalReceived + e.data.quantity),
        lastReceived: movement,
        unitCostCents: e.data.unitCostCents ?? state.unitCostCents,
      };
    }
    case 'stock.used': {
      const after = roundQuantity(state.onHand - e.data.quantity);
      const movement: ItemMovement = {
        ...who,
        kind: 'used',
        quantity: e.data.quantity,
        onHandAfter: after,
        ...optional(e.data, ['jobId', 'usageId', 'note']),
      };
      return {
        ...moved(state, movement),
        totalUsed: roundQuantity(state.totalUsed + e.data.quantity),
        needsCount: state.needsCount || after < 0,
      };
    }
    case 'stock.returned': {
      const usageId = e.data.usageId;
      if (usageId !== undefined && state.returnedUsageIds.includes(usageId)) return null;
      const movement: ItemMovement = {
        ...who,
        kind: 'returned',
        quantity: e.data.quantity,
        onHandAfter: roundQuantity(state.onHand + e.data.quantity),
        ...optional(e.data, ['jobId', 'usageId', 'note']),
      };
      return {
        ...moved(state, movement),
        totalUsed: roundQuantity(state.totalUsed - e.data.quantity),
        returnedUsageIds:
          usageId === undefined ? state.returnedUsageIds : [...state.returnedUsageIds, usageId],
      };
    }
    case 'stock.counted': {
      const movement: ItemMovement = {
        ...who,
        kind: 'counted',
        quantity: e.data.quantity,
        onHandAfter: roundQuantity(e.data.quantity),
        bookBefore: state.onHand,
        ...optional(e.data, ['note']),
      };
      return { ...moved(state, movement), lastCount: movement, needsCount: false };
    }
    default:
      // A job's, the shop's or another kind's event never belongs to an item: kept, skipped.
      return null;
  }
}

/** A row folded by an older build of this version, read with every field this one has. */
function upgradeItem(row: ItemState): ItemState {
  return { ...emptyItem(row.id), ...row };
}

export const ITEM_PROJECTION = sortedProjection<ItemState>({
  kind: 'item',
  empty: emptyItem,
  apply: applyItemEvent,
  upgrade: upgradeItem,
});
