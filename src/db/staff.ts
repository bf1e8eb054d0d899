// The shop as this tablet knows it (staff, casting settings), read from its projection row, and the
// operations that change the staff list.
import { useLiveQuery } from 'dexie-react-hooks';
import { newUlid } from '../domain/ids';
import { checkPinShape, hashPin, verifyPin } from '../domain/pin';
import { emptyShop, type ShopState } from '../domain/shopState';
import { checkStaffName, type StaffMember } from '../domain/staff';
import { SHOP_JOB_ID, type StaffRole } from '../protocol/events';
import { SHOP_STREAM_ID } from '../protocol/streams';
import { db as appDb } from './db';
import { BenchInputError, recordEvent } from './jobOperations';
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

export interface NewStaff {
  name: string;
  role: StaffRole;
  pin: string;
}

/**
 * Adds a person. The very first person adds themselves (there is nobody else to vouch); after that
 * someone signed in adds them and the event says who.
 */
export async function addStaff(
  db: LoupeDB,
  input: NewStaff,
  addedBy: string | null,
): Promise<StaffMember> {
  const staff = await listStaff(db);
  const name = checkStaffName(input.name, staff);
  if (!name.ok) throw new BenchInputError(name.message, [{ key: 'name', message: name.message }]);
  const pin = checkPinShape(input.pin);
  if (!pin.ok) throw new BenchInputError(pin.message, [{ key: 'pin', message: pin.message }]);
  if (addedBy === null && staff.length > 0) {
    throw new BenchInputError('Sign in first: only staff can add staff.');
  }
  const staffId = newUlid();
  const data = { staffId, name: name.name, role: input.role, pin: await hashPin(input.pin) };
  await recordEvent(db, { jobId: SHOP_JOB_ID, type: 'staff.added', data }, addedBy ?? staffId);
  return { id: staffId, name: name.name, role: input.role, active: true, pin: data.pin };
}

export async function setStaffActive(
  db: LoupeDB,
  staffId: string,
  active: boolean,
  actor: string,
): Promise<void> {
  await recordEvent(
    db,
    { jobId: SHOP_JOB_ID, type: 'staff.updated', data: { staffId, active } },
    actor,
  );
}

/** True when `pin` is this active person's PIN. */
export async function checkStaffPin(db: LoupeDB, staffId: string, pin: string): Promise<boolean> {
  const person = (await listStaff(db)).find((s) => s.id === staffId);
  if (!person?.active) return false;
  return verifyPin(pin, person.pin);
}
