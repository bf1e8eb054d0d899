// A job's row as the tablet stores it: the fold of its events, with the list's index fields.
import { withListFields } from '../../src/domain/jobList';
import type { JobState } from '../../src/domain/job';
import { foldJob } from '../../src/domain/projection';
import type { StoredEvent } from '../../src/protocol/events';

export function storedJob(events: readonly StoredEvent[]): JobState | null {
  const job = foldJob(events);
  return job && withListFields(job);
}
