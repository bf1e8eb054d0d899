// The sync state the header shows: offline, syncing with progress, synced at, or the last error.
import { create } from 'zustand';

export type SyncPhase = 'push' | 'pull' | 'photos';

export interface SyncStatus {
  state: 'unpaired' | 'idle' | 'syncing' | 'offline' | 'error';
  progress: { phase: SyncPhase; done: number; total: number | null } | null;
  lastSyncedAt: number | null;
  lastError: string | null;
  /** When the next automatic try is due after a failure. */
  retryAt: number | null;
  /** What the last successful sync moved. */
  lastReport: {
    pushed: number;
    pulled: number;
    photosUploaded: number;
    resent: number;
    setAside?: number;
    restamped?: number;
    unreadable?: number;
    released?: number;
  } | null;
}

export const useSyncStatus = create<SyncStatus>(() => ({
  state: 'unpaired',
  progress: null,
  lastSyncedAt: null,
  lastError: null,
  retryAt: null,
  lastReport: null,
}));
