// Reads of the shop's row as this tablet knows it (the staff list above all): what the header and
// sign-in show on the first screen, apart from the operations that change it (db/staff.ts).
import { useLiveQuery } from 'dexie-react-hooks';
import { emptyShop } from '../domain/emptyShop';
import type { ShopState } from '../domain/shopState';
import type { StaffMember } from '../domain/staff';
import { SHOP_STREAM_ID } from '../protocol/streamIds';
import { db as appDb } from './db';
import type { LoupeDB } from './LoupeDB';

/**
 * The shop's row, kept by applyEvents in the transaction that stores each shop event; an empty
 * shop on a tablet that has none of its events yet (a first start, before the first person).
 */
export async function getShop(db: LoupeDB): Promise<ShopState> {
  return (await db.shop.get(SHOP_STREAM_ID)) ?? emptyShop();
}

/** The shop, live; undefined while it is first read. */
export function useShop(): ShopState | undefined {
  return useLiveQuery(() => getShop(appDb), []);
}

/** Everyone ever on the staff list, in name order. */
export async function listStaff(db: LoupeDB): Promise<StaffMember[]> {
  return (await getShop(db)).staff;
}

/** Everyone ever on the staff list (the history names them), active first. */
export function useStaff(): StaffMember[] | undefined {
  return useLiveQuery(() => listStaff(appDb), []);
}
