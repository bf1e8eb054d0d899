// The shop's staff: folded from shop-level events, last-writer-wins per field like a job.
import type { EventData, StaffRole, StoredEvent } from '../protocol/events';
import { readStoredEvent } from '../protocol/events';
import type { PinHash } from './pin';
import { compareEvents } from './projection';

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

/** Staff as of these shop events, in name order. Events of other types are ignored. */
export function foldStaff(events: readonly StoredEvent[]): StaffMember[] {
  const staff = new Map<string, StaffMember>();
  const ordered = [...new Map(events.map((e) => [e.id, e])).values()].sort(compareEvents);
  for (const stored of ordered) {
    const read = readStoredEvent(stored);
    if (!read.known) continue;
    const e = read.event;
    if (e.type === 'staff.added') {
      if (!staff.has(e.data.staffId)) staff.set(e.data.staffId, added(e.data));
    } else if (e.type === 'staff.updated') {
      const current = staff.get(e.data.staffId);
      if (current) staff.set(current.id, { ...current, ...definedOnly(e.data) });
    }
  }
  return [...staff.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function added(d: EventData<'staff.added'>): StaffMember {
  return { id: d.staffId, name: d.name, role: d.role, active: true, pin: d.pin };
}

function definedOnly(d: EventData<'staff.updated'>): Partial<StaffMember> {
  return {
    ...(d.name !== undefined ? { name: d.name } : {}),
    ...(d.role !== undefined ? { role: d.role } : {}),
    ...(d.active !== undefined ? { active: d.active } : {}),
    ...(d.pin !== undefined ? { pin: d.pin } : {}),
  };
}
