// Two windows of the app on one tablet sync one at a time: the scheduler takes the tablet-wide
// lock (navigator.locks in a browser) around each run, not only its own in-memory guard.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LoupeDB, savePairing } from '../../src/db';
import type { ApiClient, PullResult } from '../../src/sync/apiClient';
import { SyncScheduler, type SyncLocks } from '../../src/sync/scheduler';

/** The Web Locks API's exclusive mode, as one tablet's windows share it: first come, first served. */
class TabletLocks implements SyncLocks {
  private readonly tails = new Map<string, Promise<unknown>>();
  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    const before = this.tails.get(name) ?? Promise.resolve();
    const run = before.then(callback, callback);
    this.tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  }
}

const EMPTY: PullResult = { events: [], unreadable: [], cursor: 0, more: false };

/** A server that answers a pull only when the test lets it, and counts the syncs under way. */
function gatedApi(state: { active: number; most: number; probes: number }, gate: Promise<void>) {
  const api: ApiClient = {
    pair: () => Promise.reject(new Error('not used')),
    push: () => Promise.reject(new Error('nothing to push')),
    reportDiverged: () => Promise.reject(new Error('not used')),
    envelopePrefix: () => Promise.resolve({ envelopePrefix: 'K7M' }),
    missingPhotos: () => Promise.resolve([]),
    hasBlob: () => Promise.resolve(true),
    putBlob: () => Promise.resolve(),
    getBlob: () => Promise.reject(new Error('not used')),
    pull: async (_after, limit) => {
      if (limit === 1) {
        // The probe opens a run.
        state.probes += 1;
        state.active += 1;
        state.most = Math.max(state.most, state.active);
        await gate;
        return EMPTY;
      }
      // The last pull closes it (nothing to pull, no photos).
      state.active -= 1;
      return EMPTY;
    },
  };
  return api;
}

const dbs: LoupeDB[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/**
 * Two windows of one paired tablet (two connections to its database), each with its scheduler,
 * over a server that holds every probe until `open()`.
 */
async function twoWindows(locks: SyncLocks | null) {
  const name = `sync-lock-${Date.now()}-${dbs.length}`;
  const windowA = new LoupeDB(name);
  const windowB = new LoupeDB(name);
  dbs.push(windowA);
  await savePairing(windowA, {
    serverUrl: 'http://127.0.0.1:1',
    token: 't',
    serverDeviceId: 'd',
    pairedAt: 0,
  });
  const state = { active: 0, most: 0, probes: 0 };
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const makeApi = () => gatedApi(state, gate);
  const a = new SyncScheduler(windowA, { locks, makeApi });
  const b = new SyncScheduler(windowB, { locks, makeApi });
  return {
    state,
    open,
    syncBoth: () => [a.syncNow(), b.syncNow()],
    /** Lets both runs get as far as they can: without the lock both reach their probe by then. */
    settle: async () => {
      for (let i = 0; i < 50 && state.probes < 2; i++) await new Promise((r) => setImmediate(r));
    },
    close: () => {
      a.stop();
      b.stop();
      windowB.close();
    },
  };
}

describe('one sync at a time on a tablet', () => {
  it('makes a second window wait for the first window’s run, then run its own', async () => {
    const tablet = await twoWindows(new TabletLocks());
    const runs = tablet.syncBoth();
    await tablet.settle();
    // Only A's run has started.
    expect(tablet.state.probes).toBe(1);
    tablet.open();
    await Promise.all(runs);
    expect(tablet.state.probes).toBe(2);
    expect(tablet.state.most).toBe(1);
    tablet.close();
  });

  it('without the lock, the two windows’ runs overlap (what the lock prevents)', async () => {
    const tablet = await twoWindows(null);
    const runs = tablet.syncBoth();
    await tablet.settle();
    expect(tablet.state.most).toBe(2);
    tablet.open();
    await Promise.all(runs);
    tablet.close();
  });
});
