// Names of the people in a job's history: everyone ever on the staff list, the id when unknown.
import { useCallback, useMemo } from 'react';
import type { StaffMember } from '../../../domain/staff';
import { SERVER_ACTOR } from '../../../protocol/notices';

/**
 * `nameOf(id)`: a person's name, or their id while the staff list has not synced to this tablet.
 * The shop server records what it did (a ready email) as SERVER_ACTOR, which is nobody on the list.
 */
export function useStaffNames(people: readonly StaffMember[]): (staffId: string) => string {
  const names = useMemo(() => new Map(people.map((s) => [s.id, s.name])), [people]);
  return useCallback(
    (staffId: string) =>
      names.get(staffId) ?? (staffId === SERVER_ACTOR ? 'The shop server' : staffId),
    [names],
  );
}
