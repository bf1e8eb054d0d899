// Sync state in the header: not paired, offline, syncing with progress, or synced at a time, with
// the changes still waiting and the age of the oldest; tap for details and the last error.
import { useState } from 'react';
import { Link } from 'react-router';
import { useOutboxSummary } from '../db';
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
      const what = p.phase === 'photos' ? 'photos' : 'changes';
      return p.total !== null
        ? `Syncing ${p.done} of ${p.total} ${what}`
        : `Syncing ${p.done} ${what}`;
    }
    case 'error':
      return 'Sync failed';
    case 'idle':
      return status.lastSyncedAt ? `Synced ${clock(status.lastSyncedAt)}` : 'Synced';
  }
}

export function SyncBadge() {
  const status = useSyncStatus();
  const outbox = useOutboxSummary();
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
        aria-label={`Sync: ${syncLabel(status)}${waiting ? `, ${waiting} waiting` : ''}`}
      >
        {syncLabel(status)}
        {waiting > 0 && <span className="sync-waiting">{waiting}</span>}
        {progress && (
          <progress max={progress.total ?? 1} value={progress.done} aria-label="Sync progress" />
        )}
      </button>
      {open && (
        <div className="sheet-backdrop" onClick={() => setOpen(false)}>
          <div
            className="sheet"
            role="dialog"
            aria-modal="true"
            aria-label="Sync details"
            onClick={(e) => e.stopPropagation()}
          >
            <h2>Sync with the shop server</h2>
            <p>{syncLabel(status)}</p>
            <p>
              {waiting === 0
                ? 'Every change made here is on the shop server.'
                : `${waiting} changes waiting${
                    outbox?.oldestQueuedAt
                      ? `, the oldest for ${age(openedAt - outbox.oldestQueuedAt)}`
                      : ''
                  }.`}
              {outbox && outbox.photosWaiting > 0 && ` ${outbox.photosWaiting} photos waiting.`}
            </p>
            {status.lastError && (
              <p className="error" role="alert">
                Last error: {status.lastError}
                {status.retryAt && ` Trying again at ${clock(status.retryAt)}.`}
              </p>
            )}
            <div className="sheet-actions">
              {status.state === 'unpaired' ? (
                <Link
                  to="/settings"
                  className="button button-primary"
                  onClick={() => setOpen(false)}
                >
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
          </div>
        </div>
      )}
    </>
  );
}
