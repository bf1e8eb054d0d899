// What every side panel of the job page is given: the job, who is signed in (null: read only), and
// names for the staff ids the records carry.
import type { StaffMember } from '../../../domain/staff';
import type { JobState } from '../../../domain/job';

export interface JobPanelProps {
  job: JobState;
  /** The person signed in, or null (nobody, or a voided job: nothing more is recorded). */
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}
