// Benchmark: a fresh tablet's initial pull of 100,000 events from a real server on 127.0.0.1,
// through the sync engine into Dexie (fake-indexeddb), against a raw bulkPut of the same rows.
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoupeDB } from '../src/db';
import { issuePairingCode } from '../src/server/auth/pairing';
import { startServer } from '../src/server/server';
import { resolveShop } from '../src/server/cli/shopArg';
import { openSqliteStore } from '../src/server/store/sqliteStore';
import { createApiClient } from '../src/sync/apiClient';
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

    const raw = new LoupeDB('bench-pull-raw');
    const rawMs = await time(async () => {
      for (let i = 0; i < history.length; i += 500)
        await raw.events.bulkPut(history.slice(i, i + 500));
    });

    const tablet = new LoupeDB('bench-pull-tablet');
    const api = createApiClient({ serverUrl: server.url, token });
    const pullMs = await time(async () => {
      const report = await runSync(tablet, api);
      if (report.pulled !== history.length) throw new Error(`pulled ${report.pulled}`);
    });
    reportRatio(
      'initial pull over HTTP into Dexie (events + projections)',
      pullMs,
      'raw bulkPut of the events',
      rawMs,
      {
        unitCount: history.length,
        unit: 'events',
      },
    );
    await raw.delete();
    await tablet.delete();
  } finally {
    await server.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
