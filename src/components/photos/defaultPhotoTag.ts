// The tag a new photo of a job starts with, from where the job is: the bench rarely has a hand free
// to change it, so the default must be right (a photo after the work is not a "before").
import type { JobState } from '../../domain/job';
import { stepsLeft } from '../../domain/workflow';
import type { PhotoTag } from '../../photos/tags';

export function defaultPhotoTag(job: JobState): PhotoTag {
  switch (job.status) {
    // Taken in, not started: the piece as it came in.
    case 'received':
      return 'intake';
    // At the bench or held: "before" while required steps are left, "after" once they are all done.
    case 'in_progress':
    case 'on_hold':
      return stepsLeft(job).length === 0 ? 'after' : 'before';
    case 'qc':
      return 'qc';
    case 'ready':
    case 'collected':
      return 'after';
  }
}
