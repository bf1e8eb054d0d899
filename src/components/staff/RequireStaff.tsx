// Nothing is recorded with nobody signed in: wraps anything that records, asking who is there first.
import type { ReactNode } from 'react';
import type { StaffMember } from '../../domain/staff';
import { SignInPanel } from './SignInPanel';
import { useCurrentStaff } from './useCurrentStaff';

export function RequireStaff({ children }: { children: (staff: StaffMember) => ReactNode }) {
  const staff = useCurrentStaff();
  if (staff === undefined) return null;
  if (staff === null) return <SignInPanel />;
  return <>{children(staff)}</>;
}
