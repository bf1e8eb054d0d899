// A job status in the bench's words: plain constants, so the jobs list shows them without loading
// the workflow's rules (and the checklists those need).
import type { JobStatus } from '../protocol/statuses';

export const STATUS_LABELS: Record<JobStatus, string> = {
  received: 'Received',
  in_progress: 'In progress',
  qc: 'Waiting for QC',
  ready: 'Ready for pick-up',
  collected: 'Collected',
  on_hold: 'On hold',
};
