// Puts a real staff member on the list and signs them in, as the sign-in panel would.
import { addStaff, db } from '../../src/db';
import type { StaffMember } from '../../src/domain/staff';
import type { StaffRole } from '../../src/protocol/events';
import { useSession } from '../../src/stores/sessionStore';

export async function addPerson(
  name: string,
  pin = '1234',
  role: StaffRole = 'jeweler',
  addedBy: string | null = null,
): Promise<StaffMember> {
  return addStaff(db, { name, role, pin }, addedBy);
}

export async function signedIn(name = 'Mia Berg'): Promise<StaffMember> {
  const person = await addPerson(name);
  useSession.getState().signIn(person.id);
  return person;
}
