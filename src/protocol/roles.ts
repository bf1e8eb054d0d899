// The roles a member of staff can have: what they may do (QC by a second person, settings by a
// manager) and, for the job's cost, their labour rate when they have none of their own.
export const STAFF_ROLES = ['jeweler', 'assistant', 'counter', 'caster', 'manager'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
