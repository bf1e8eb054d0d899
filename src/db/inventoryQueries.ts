// Reads of the inventory the screens use: the items, one item and its whole history, the shortage
// list and the supply order (stock metal's on hand read from the metal ledger), an item by its code.
//
// The items table is keyed by id only: a shop keeps hundreds of items, a few thousand at most, and
// every list here reads them all and sorts in memory (no index needed, no schema version).
import { useLiveQuery } from 'dexie-react-hooks';
import { itemHistory, type HistoryLine } from '../domain/inventory/history';
import type { ItemState } from '../domain/inventory/itemState';
import { itemsWithCode } from '../domain/inventory/search';
import {
  inventoryOrder,
  isKnown,
  shortages,
  supplyOrder,
  type KnownItem,
  type OrderLine,
  type ShortItem,
} from '../domain/inventory/stock';
import type { LedgerState } from '../domain/ledger/ledgerState';
import { db as appDb } from './db';
import { envelopeNumbers, getLedger } from './ledgerQueries';
import type { LoupeDB } from './LoupeDB';
import { eventsOfStream } from './streams';

/** Every item this tablet knows (its item.added folded), by category and name; retired ones too. */
export async function listItems(db: LoupeDB): Promise<KnownItem[]> {
  const rows = await db.items.toArray();
  return inventoryOrder(rows.filter(isKnown));
}

export async function getItem(db: LoupeDB, itemId: string): Promise<ItemState | null> {
  return (await db.items.get(itemId)) ?? null;
}

/** The items whose code is this one (a scanned or typed code); none for a blank code. */
export async function itemsByCode(db: LoupeDB, code: string): Promise<KnownItem[]> {
  return itemsWithCode(await listItems(db), code);
}

/** The items below their minimum, furthest below first (stock metal by the ledger's balance). */
export async function shortItems(db: LoupeDB): Promise<ShortItem[]> {
  const [items, ledger] = await Promise.all([db.items.toArray(), getLedger(db)]);
  return shortages(items, ledger);
}

/** The supply order: what to order of each short item, by supplier. */
export async function orderLines(db: LoupeDB): Promise<OrderLine[]> {
  const [items, ledger] = await Promise.all([db.items.toArray(), getLedger(db)]);
  return supplyOrder(items, ledger);
}

/** An item's whole history, from its events on the [jobId+at] index (the row keeps the last few). */
export async function historyOfItem(db: LoupeDB, itemId: string): Promise<HistoryLine[]> {
  return itemHistory(await eventsOfStream(db, itemId));
}

// ---- Live hooks ----

/** The items with the ledger (stock metal's on hand), live; undefined while first read. */
export function useInventory(): { items: KnownItem[]; ledger: LedgerState } | undefined {
  return useLiveQuery(async () => {
    const [items, ledger] = await Promise.all([listItems(appDb), getLedger(appDb)]);
    return { items, ledger };
  }, []);
}

/** One item, live: null when this tablet has no such item, undefined while first read. */
export function useItem(itemId: string): ItemState | null | undefined {
  return useLiveQuery(() => getItem(appDb, itemId), [itemId]);
}

export function useItemHistory(itemId: string): HistoryLine[] | undefined {
  return useLiveQuery(() => historyOfItem(appDb, itemId), [itemId]);
}

export function useShortages(): ShortItem[] | undefined {
  return useLiveQuery(() => shortItems(appDb), []);
}

export function useOrderLines(): OrderLine[] | undefined {
  return useLiveQuery(() => orderLines(appDb), []);
}

/** Envelope numbers of the jobs an item's history names (those this tablet holds), live. */
export function useEnvelopesOf(jobIds: readonly string[]): Record<string, string> | undefined {
  const key = [...new Set(jobIds)].sort().join(' ');
  return useLiveQuery(() => envelopeNumbers(appDb, key === '' ? [] : key.split(' ')), [key]);
}
