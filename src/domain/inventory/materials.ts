// The materials a job used, as its page reads them: each use with its return (if it went back).
// What they cost the job is domain/costing/jobCost.ts's to say (one owner of the job's cost).
import type { JobState, MaterialReturnEntry, MaterialUseEntry } from '../job';

export interface MaterialLine {
  use: MaterialUseEntry;
  /**
   * The return that put it back, or null while it counts. Two tablets may each record the return
   * of one use offline: the first by stamp is the one (the item's fold puts it back once too).
   */
  returned: MaterialReturnEntry | null;
}

/** The job's uses in stamp order, each with its return. */
export function materialLines(job: Pick<JobState, 'materialsUsed' | 'materialsReturned'>) {
  const returns = new Map<string, MaterialReturnEntry>();
  // materialsReturned is in stamp order (the job fold sorts it): the first one seen stays.
  for (const r of job.materialsReturned) if (!returns.has(r.usageId)) returns.set(r.usageId, r);
  return job.materialsUsed.map((use): MaterialLine => ({
    use,
    returned: returns.get(use.usageId) ?? null,
  }));
}

/** The uses that still count (not put back). */
export function materialsInUse(job: Pick<JobState, 'materialsUsed' | 'materialsReturned'>) {
  return materialLines(job)
    .filter((l) => l.returned === null)
    .map((l) => l.use);
}
