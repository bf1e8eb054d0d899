// Where a piece is now, read from its job's custody moves: on its own so the jobs list reads it
// without loading the job's fold (domain/projection.ts names it too).
import type { JobState } from './job';

/** Where the piece is now: the last custody move, if any. */
export function currentHolder(job: JobState) {
  return job.custody.at(-1)?.to ?? null;
}
