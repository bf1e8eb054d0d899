// When to sync: on start, when the network returns, when the app comes into view, shortly after a
// local change, and on a timer that backs off while the server cannot be reached. Never two at once,
// in this window or in any other window of the app on this tablet (Web Locks).
import { getPairing, type LoupeDB } from '../db';
import { useSyncStatus } from '../stores/syncStore';
import { createApiClient, SyncRequestError, type ApiClient } from './apiClient';
import { runSync, type SyncReport } from './engine';

/** What the scheduler needs of the Web Locks API (navigator.locks). */
export interface SyncLocks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** One sync at a time per tablet, across every window and tab of the app on it. */
export const SYNC_LOCK_NAME = 'loupe-sync';

function browserLocks(): SyncLocks | null {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks
    ? {
        request: <T>(name: string, callback: () => Promise<T>) =>
          locks.request(name, callback) as Promise<T>,
      }
    : null;
}

export interface SchedulerOptions {
  /**
   * The lock that keeps two windows of the app from syncing at once (two pushes of one outbox,
   * two pulls applying the same page). navigator.locks where the browser has it.
   */
  locks?: SyncLocks | null;
  /** After a local change, wait this long for more before syncing (a person ticks several steps). */
  debounceMs?: number;
  /** How often to sync when all is well. */
  periodMs?: number;
  /** Makes the API client; tests pass one with a fault-injecting fetch. */
  makeApi?: (serverUrl: string, token: string) => ApiClient;
}

const MIN_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/** Exponential backoff with jitter, so tablets do not hammer a server that just came back. */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

export class SyncScheduler {
  private running: Promise<SyncReport | null> | null = null;
  private again = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private readonly cleanups: (() => void)[] = [];
  private readonly debounceMs: number;
  private readonly periodMs: number;
  private readonly makeApi: (serverUrl: string, token: string) => ApiClient;
  private readonly locks: SyncLocks | null;

  constructor(
    private readonly db: LoupeDB,
    options: SchedulerOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 1_500;
    this.periodMs = options.periodMs ?? 60_000;
    this.makeApi = options.makeApi ?? ((serverUrl, token) => createApiClient({ serverUrl, token }));
    this.locks = options.locks === undefined ? browserLocks() : options.locks;
  }

  start(): void {
    const onOnline = () => void this.syncNow();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void this.syncNow();
    };
    const onOffline = () => {
      useSyncStatus.setState({ state: 'offline', progress: null });
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onVisible);
    // Every event made here lands in the outbox: that is the "local change" signal.
    const onQueued = () => {
      this.localChange();
    };
    this.db.outbox.hook('creating', onQueued);
    this.cleanups.push(
      () => window.removeEventListener('online', onOnline),
      () => window.removeEventListener('offline', onOffline),
      () => document.removeEventListener('visibilitychange', onVisible),
      () => this.db.outbox.hook('creating').unsubscribe(onQueued),
    );
    void this.syncNow();
  }

  stop(): void {
    for (const c of this.cleanups.splice(0)) c();
    if (this.timer) clearTimeout(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
  }

  localChange(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.syncNow(), this.debounceMs);
  }

  /** Syncs now, or right after the run in progress; resolves when done. Never throws. */
  async syncNow(): Promise<SyncReport | null> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    // The in-memory guard keeps this window to one run; the lock, every window of the tablet.
    const run = () => this.runOnce();
    this.running = (this.locks ? this.locks.request(SYNC_LOCK_NAME, run) : run()).finally(() => {
      this.running = null;
    });
    const report = await this.running;
    if (this.again) {
      this.again = false;
      return this.syncNow();
    }
    return report;
  }

  private async runOnce(): Promise<SyncReport | null> {
    if (this.timer) clearTimeout(this.timer);
    const pairing = await getPairing(this.db);
    if (!pairing) {
      useSyncStatus.setState({ state: 'unpaired', progress: null });
      return null;
    }
    if (typeof navigator !== 'undefined' && !navigator.onLine) {
      useSyncStatus.setState({ state: 'offline', progress: null });
      this.schedule(this.periodMs);
      return null;
    }
    useSyncStatus.setState({ state: 'syncing', progress: null });
    try {
      const api = this.makeApi(pairing.serverUrl, pairing.token);
      const report = await runSync(this.db, api, (progress) => {
        useSyncStatus.setState({ progress });
      });
      this.failures = 0;
      useSyncStatus.setState({
        state: 'idle',
        progress: null,
        lastSyncedAt: Date.now(),
        lastError: null,
        retryAt: null,
        lastReport: report,
      });
      this.schedule(this.periodMs);
      return report;
    } catch (err) {
      this.failures += 1;
      const delay = backoffDelay(this.failures);
      const message = err instanceof Error ? err.message : String(err);
      const unreachable = err instanceof SyncRequestError && err.status === 0;
      useSyncStatus.setState({
        state: unreachable ? 'offline' : 'error',
        progress: null,
        lastError: message,
        retryAt: Date.now() + delay,
      });
      this.schedule(delay);
      return null;
    }
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.syncNow(), ms);
  }
}
