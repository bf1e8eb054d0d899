// The shop's staff: who they are, their roles' names, and the check of a new person's name.
import type { StaffRole, StoredEvent } from '../protocol/events';
import type { PinHash } from './pin';
import { foldShop } from './shopState';

export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
  active: boolean;
  pin: PinHash;
}

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  jeweler: 'Bench jeweler',
  assistant: 'Assistant',
  counter: 'Front counter',
  caster: 'Caster',
  manager: 'Manager',
};

export type StaffNameCheck = { ok: true; name: string } | { ok: false; message: string };

export function checkStaffName(input: string, others: readonly StaffMember[]): StaffNameCheck {
  const name = input.trim().replace(/\s+/g, ' ');
  if (name === '') return { ok: false, message: 'Enter the person’s name.' };
  if (name.length > 60) return { ok: false, message: 'Keep the name to 60 characters.' };
  const taken = others.some((s) => s.active && s.name.toLowerCase() === name.toLowerCase());
  // Names are what people tap on the bench: two the same would make the audit trail ambiguous.
  if (taken) return { ok: false, message: `${name} is already on the staff list.` };
  return { ok: true, name };
}

/**
 * Staff as of these shop events, in name order: the shop stream's fold (shopState.ts), whose rules
 * are first addition stands, last-writer-wins per field. Events of other types are skipped.
 */
export function foldStaff(events: readonly StoredEvent[]): StaffMember[] {
  return foldShop(events).staff;
}
