// The shop as this tablet knows it (staff, casting settings), read from its projection row, and the
// operations that change the staff list.
import { newUlid } from '../domain/ids';
import { checkPinShape, hashPin, verifyPin } from '../domain/pin';
import { checkStaffName, type StaffMember } from '../domain/staff';
import { SHOP_JOB_ID, type StaffRole } from '../protocol/events';
import { BenchInputError, recordEvent } from './jobOperations';
import type { LoupeDB } from './LoupeDB';
import { listStaff } from './staffList';

// The reads live in staffList.ts: the first screen needs them without these operations.
export { getShop, listStaff, useShop, useStaff } from './staffList';

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
