// The sync sheet's details: what the last sync moved, what waits, what the server refused or sent
// that this version cannot read, the last error; and Sync now. Loaded when the sheet first opens.
import { Link } from 'react-router';
import type { SetAsideSummary } from '../db/setAside';
import { clockIsWrong, type ClockCheck, type OutboxSummary } from '../db/syncStatus';
import type { SyncStatus } from '../stores/syncStore';
import { ClockWarning } from './ClockWarning';
import { Sheet } from './Sheet';
import { clockTime, syncLabel } from './SyncBadge';
import './syncDetails.css';

function age(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} days`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What the last successful sync moved, e.g. "sent 3 changes, received 12 changes". */
export function reportText(report: NonNullable<SyncStatus['lastReport']>): string {
  const parts = [
    report.pushed > 0 && `sent ${plural(report.pushed, 'change', 'changes')}`,
    report.pulled > 0 && `received ${plural(report.pulled, 'change', 'changes')}`,
    report.photosUploaded > 0 && `uploaded ${plural(report.photosUploaded, 'photo', 'photos')}`,
    report.resent > 0 &&
      `sent ${plural(report.resent, 'change', 'changes')} again, as the shop server had lost some (restored from a backup?)`,
    (report.restamped ?? 0) > 0 &&
      `gave ${plural(report.restamped ?? 0, 'change', 'changes')} the shop’s time, as this tablet’s clock is wrong`,
    (report.setAside ?? 0) > 0 &&
      `the server refused ${plural(report.setAside ?? 0, 'change', 'changes')} (set aside, below)`,
    (report.unreadable ?? 0) > 0 &&
      `could not read ${plural(report.unreadable ?? 0, 'change', 'changes')} from the server`,
  ].filter((p): p is string => typeof p === 'string');
  return parts.length === 0 ? 'nothing new either way' : parts.join(', ');
}

const REFUSAL_WORDS: Record<string, string> = {
  unknown_type: 'the server does not know this kind of change yet (update the server)',
  invalid: 'the server found it invalid',
  too_large: 'too large for the server',
  future_stamp: 'stamped by a wrong clock',
};

/** Changes the server refused and changes from it this version cannot read: how many, which, why. */
function SetAsideDetails({ summary }: { summary: SetAsideSummary }) {
  if (summary.count === 0 && summary.unreadable === 0) return null;
  return (
    <div className="sync-set-aside">
      {summary.count > 0 && (
        <>
          <p>
            {plural(summary.count, 'change', 'changes')} the shop server refused{' '}
            {summary.count === 1 ? 'is' : 'are'} set aside on this tablet: kept, not lost, and sent
            again when the server is updated. The rest syncs as usual.
          </p>
          <ul>
            {summary.examples.map((r) => (
              <li key={r.eventId}>
                {r.envelopeNumber !== null ? (
                  <Link to={`/jobs/${r.jobId}`}>Envelope {r.envelopeNumber}</Link>
                ) : (
                  'A shop change'
                )}
                : {r.type},{REFUSAL_WORDS[r.code] ?? r.code}.{' '}
                <span className="muted">{r.reason}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.unreadable > 0 && (
        <p>
          {plural(summary.unreadable, 'change', 'changes')} from the shop server could not be read
          by this version of Loupe and {summary.unreadable === 1 ? 'was' : 'were'} kept aside (
          {summary.unreadableReasons.join('; ')}).
        </p>
      )}
    </div>
  );
}

export function SyncDetails({
  status,
  outbox,
  setAside,
  clockCheck,
  openedAt,
  fetching,
  fetchFailed,
  onClose,
}: {
  status: SyncStatus;
  outbox: OutboxSummary | undefined;
  setAside: SetAsideSummary | undefined;
  clockCheck: ClockCheck | null | undefined;
  /** When the sheet opened: "the oldest for 12 min" is as of then, not re-read on every render. */
  openedAt: number;
  fetching: number;
  fetchFailed: number;
  onClose: () => void;
}) {
  const waiting = outbox?.waiting ?? 0;
  return (
    <Sheet label="Sync details" onClose={onClose}>
      <h2>Sync with the shop server</h2>
      <p>{syncLabel(status)}</p>
      {clockIsWrong(clockCheck) && <ClockWarning check={clockCheck} />}
      <p>
        {waiting === 0
          ? 'Every change made here is on the shop server.'
          : `${plural(waiting, 'change', 'changes')} waiting${
              outbox?.oldestQueuedAt
                ? `, the oldest for ${age(openedAt - outbox.oldestQueuedAt)}`
                : ''
            }.`}
        {outbox &&
          outbox.photosWaiting > 0 &&
          ` ${plural(outbox.photosWaiting, 'photo', 'photos')} waiting to upload.`}
      </p>
      {status.lastReport && status.lastSyncedAt && (
        <p>
          Last sync at {clockTime(status.lastSyncedAt)}: {reportText(status.lastReport)}.
        </p>
      )}
      {(fetching > 0 || fetchFailed > 0) && (
        <p>
          {fetching > 0 && `Fetching ${plural(fetching, 'photo', 'photos')} from other tablets. `}
          {fetchFailed > 0 &&
            `${plural(fetchFailed, 'photo', 'photos')} could not be fetched; Loupe tries again after a later sync.`}
        </p>
      )}
      {setAside && <SetAsideDetails summary={setAside} />}
      {status.lastError && (
        <p className="error" role="alert">
          Last error: {status.lastError}
          {status.retryAt && ` Trying again at ${clockTime(status.retryAt)}.`}
        </p>
      )}
      <div className="sheet-actions">
        {status.state === 'unpaired' ? (
          <Link to="/settings" className="button button-primary" onClick={onClose}>
            Pair in Settings
          </Link>
        ) : (
          <button type="button" className="button button-primary" onClick={syncNowLater}>
            Sync now
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Sheet>
  );
}

/** Sync is loaded after the first screen (main.tsx); by the time a person taps, it is there. */
function syncNowLater(): void {
  void import('../sync').then(({ syncNow }) => {
    syncNow();
  });
}
