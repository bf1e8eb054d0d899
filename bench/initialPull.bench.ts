// Benchmark: a fresh tablet's initial pull of 100,000 events from a real server on 127.0.0.1,
// through the sync engine into Dexie (fake-indexeddb): pages growing once it is behind, the next
// fetched while one is applied, rows held by a catch-up window (db/catchUp.ts); against a raw
// bulkPut of the very pages it fetched, and against fetching them alone. fake-indexeddb is not
// Chromium's IndexedDB: a direction only (bench/indexedDb.bench.ts measures it in Chromium).
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoupeDB } from '../src/db';
import { issuePairingCode } from '../src/server/auth/pairing';
import { startServer } from '../src/server/server';
import { resolveShop } from '../src/server/cli/shopArg';
import { openSqliteStore } from '../src/server/store/sqliteStore';
import type { StoredEvent } from '../src/protocol/events';
import { createApiClient, type ApiClient } from '../src/sync/apiClient';
import { runSync } from '../src/sync/engine';
import { makeHistory } from './history';
import { reportRatio, time } from './measure';

const work = mkdtempSync(join(tmpdir(), 'loupe-bench-pull-'));
const dataDir = join(work, 'data');
try {
  const history = makeHistory(Number(process.env.BENCH_JOBS ?? 5_000));
  // Fill the server's store directly: this benchmark measures the pull, not the push.
  const store = openSqliteStore(dataDir);
  const side = store.shop((await resolveShop(store, null)).id);
  for (let i = 0; i < history.length; i += 500) {
    await side.appendEvents(history.slice(i, i + 500), Date.now(), 'bench');
  }
  const { code } = await issuePairingCode(side, { now: Date.now() });
  await store.close();

  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    staticDir: join(work, 'dist'),
  });
  try {
    const { token } = await createApiClient({ serverUrl: server.url }).pair(code);
    console.log(`Initial pull: ${history.length.toLocaleString()} events from ${server.url}`);

    const tablet = new LoupeDB('bench-pull-tablet');
    const api = createApiClient({ serverUrl: server.url, token });
    // The same client, keeping what each pull asked for and got: the baselines replay exactly that.
    const calls: { after: number; limit: number; seen: string | null | undefined }[] = [];
    const pages: StoredEvent[][] = [];
    const recording: ApiClient = {
      ...api,
      pull: async (after, limit, seen) => {
        const page = await api.pull(after, limit, seen);
        calls.push({ after, limit, seen });
        pages.push(page.events.map(({ seq: _seq, ...event }) => event));
        return page;
      },
    };
    const pullMs = await time(async () => {
      const report = await runSync(tablet, recording);
      if (report.pulled !== history.length) throw new Error(`pulled ${report.pulled}`);
    });
    if ((await tablet.catchUp.count()) !== 0) throw new Error('the catch-up left marks');

    const raw = new LoupeDB('bench-pull-raw');
    const rawMs = await time(async () => {
      for (const page of pages) if (page.length > 0) await raw.events.bulkPut(page);
    });
    const fetchMs = await time(async () => {
      for (const { after, limit, seen } of calls) await api.pull(after, limit, seen);
    });
    console.log(
      `  ${calls.length} pulls, of ${[...new Set(calls.map((c) => c.limit))].join(', ')}`,
    );
    reportRatio(
      'initial pull over HTTP into Dexie (events + projections)',
      pullMs,
      'raw bulkPut of the pages it fetched',
      rawMs,
      { unitCount: history.length, unit: 'events' },
    );
    reportRatio('the same pull', pullMs, 'fetching and checking its pages alone', fetchMs, {
      unitCount: history.length,
      unit: 'events',
    });
    await raw.delete();
    await tablet.delete();
  } finally {
    await server.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
