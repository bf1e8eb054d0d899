// Sync state in the header: not paired, offline, syncing with progress (sending, receiving,
// uploading photos), or synced at a time, with the changes still waiting and the age of the oldest;
// tap for details: what the last sync moved, photos fetched from other tablets, the last error.
import { lazy, Suspense, useState } from 'react';
import { useSetAsideSummary } from '../db/setAside';
import { clockIsWrong, useClockCheck, useOutboxSummary } from '../db/syncStatus';
import { countFetching, usePhotoFetchStatus } from '../stores/photoFetchStore';
import { useSyncStatus, type SyncStatus } from '../stores/syncStore';
import './syncBadge.css';

/** A time of day as the header shows it, e.g. "14:05". */
export const clockTime = (ms: number) =>
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
      return status.lastSyncedAt ? `Synced ${clockTime(status.lastSyncedAt)}` : 'Synced';
  }
}

// The sheet's details are fetched when it is first opened: the badge is on the first screen.
const SyncDetails = lazy(async () => ({ default: (await import('./SyncDetails')).SyncDetails }));

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
        <Suspense fallback={null}>
          <SyncDetails
            status={status}
            outbox={outbox}
            setAside={setAside}
            clockCheck={clockCheck}
            openedAt={openedAt}
            fetching={fetching}
            fetchFailed={fetchFailed}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      )}
    </>
  );
}
