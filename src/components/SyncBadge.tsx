// Sync state in the header: not paired, offline, syncing with progress (sending, receiving,
// uploading photos), or synced at a time, with the changes still waiting and the age of the oldest;
// tap for details: what the last sync moved, photos fetched from other tablets, the last error.
import { useState } from 'react';
import { Link } from 'react-router';
import { Sheet } from './Sheet';
import { useClockCheck, useOutboxSummary, useSetAsideSummary, type SetAsideSummary } from '../db';
import { clockIsWrong, ClockWarning } from './ClockWarning';
import { countFetching, usePhotoFetchStatus } from '../stores/photoFetchStore';
import { useSyncStatus, type SyncStatus } from '../stores/syncStore';
import { syncNow } from '../sync';

function age(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} days`;
}

const clock = (ms: number) =>
  new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function syncLabel(status: SyncStatus): string {
  switch (status.state) {
    case 'unpaired':
      return 'Not paired';
    case 'offline':
      return 'Offline';
    case 'syncing': {
      const p = status.progress;
      if (!p) return 'Syncing…';
      // Receiving has no total until the server says there is no more.
      if (p.phase === 'pull') return p.done > 0 ? `Receiving ${p.done} changes` : 'Receiving…';
      if (p.total === null || p.total === 0) return 'Syncing…';
      return p.phase === 'photos'
        ? `Uploading ${p.done} of ${p.total} photos`
        : `Sending ${p.done} of ${p.total} changes`;
    }
    case 'error':
      return 'Sync failed';
    case 'idle':
      return status.lastSyncedAt ? `Synced ${clock(status.lastSyncedAt)}` : 'Synced';
  }
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

export function SyncBadge() {
  const status = useSyncStatus();
  const outbox = useOutboxSummary();
  const setAside = useSetAsideSummary();
  const clockCheck = useClockCheck();
  const fetches = usePhotoFetchStatus((s) => s.photos);
  const fetching = countFetching(fetches);
  const fetchFailed = Object.values(fetches).filter((f) => f.state === 'failed').length;
  // When the sheet opened: "the oldest for 12 min" is as of then, not re-read on every render.
  const [openedAt, setOpenedAt] = useState<number | null>(null);
  const open = openedAt !== null;
  const setOpen = (next: boolean) => {
    setOpenedAt(next ? Date.now() : null);
  };
  const waiting = outbox?.waiting ?? 0;
  const progress = status.state === 'syncing' && status.progress?.total ? status.progress : null;

  return (
    <>
      <button
        type="button"
        className={`badge sync-badge sync-${status.state}`}
        onClick={() => setOpen(true)}
        aria-label={`Sync: ${syncLabel(status)}${waiting ? `, ${waiting} waiting` : ''}${
          setAside?.count ? `, ${setAside.count} refused` : ''
        }${clockIsWrong(clockCheck) ? ', clock wrong' : ''}`}
      >
        {syncLabel(status)}
        {waiting > 0 && <span className="sync-waiting">{waiting}</span>}
        {((setAside?.count ?? 0) > 0 || clockIsWrong(clockCheck)) && (
          <span className="sync-attention" aria-hidden="true">
            !
          </span>
        )}
        {progress && (
          <progress max={progress.total ?? 1} value={progress.done} aria-label="Sync progress" />
        )}
      </button>
      {open && (
        <Sheet label="Sync details" onClose={() => setOpen(false)}>
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
              Last sync at {clock(status.lastSyncedAt)}: {reportText(status.lastReport)}.
            </p>
          )}
          {(fetching > 0 || fetchFailed > 0) && (
            <p>
              {fetching > 0 &&
                `Fetching ${plural(fetching, 'photo', 'photos')} from other tablets. `}
              {fetchFailed > 0 &&
                `${plural(fetchFailed, 'photo', 'photos')} could not be fetched; Loupe tries again after a later sync.`}
            </p>
          )}
          {setAside && <SetAsideDetails summary={setAside} />}
          {status.lastError && (
            <p className="error" role="alert">
              Last error: {status.lastError}
              {status.retryAt && ` Trying again at ${clock(status.retryAt)}.`}
            </p>
          )}
          <div className="sheet-actions">
            {status.state === 'unpaired' ? (
              <Link to="/settings" className="button button-primary" onClick={() => setOpen(false)}>
                Pair in Settings
              </Link>
            ) : (
              <button type="button" className="button button-primary" onClick={syncNow}>
                Sync now
              </button>
            )}
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </Sheet>
      )}
    </>
  );
}
