// The person signed in on this tablet, if they are still active on the staff list.
import { useStaff } from '../../db/staffList';
import type { StaffMember } from '../../domain/staff';
import { useSession } from '../../stores/sessionStore';

/** `undefined` while the staff list is read, `null` when nobody (active) is signed in. */
export function useCurrentStaff(): StaffMember | null | undefined {
  const staffId = useSession((s) => s.staffId);
  const staff = useStaff();
  if (staff === undefined) return undefined;
  return staff.find((s) => s.id === staffId && s.active) ?? null;
}
