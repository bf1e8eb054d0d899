// Everything that happened to the job, in words and in order: the record a dispute is settled with.
import { useId } from 'react';
import { useJobEvents } from '../../../db/jobEventsHook';
import type { JobState } from '../../../domain/job';
import { refusedMoves } from '../../../domain/projection';
import { stampDate, whenText } from './format';
import { describeEvent, skippedSummary } from './historyText';

export function HistoryPanel({
  job,
  nameOf,
}: {
  job: JobState;
  nameOf: (staffId: string) => string;
}) {
  const headingId = useId();
  const events = useJobEvents(job.id);
  const skipped = skippedSummary(job);
  const refusedIds = new Set(refusedMoves(job).map((r) => r.eventId));
  return (
    <section className="jp-card" aria-labelledby={headingId}>
      <h3 id={headingId}>History</h3>
      {skipped && (
        <p className="jp-banner jp-banner-warn" role="status">
          {skipped}
        </p>
      )}
      {events === undefined ? null : (
        <ol className="jp-list jp-history">
          {events.map((e) => (
            <li key={e.id} className={refusedIds.has(e.id) ? 'jp-refused' : undefined}>
              <time className="jp-when" dateTime={stampDate(e.at)?.toISOString()}>
                {whenText(e.at)}
              </time>{' '}
              <span>{describeEvent(e, job, nameOf)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
