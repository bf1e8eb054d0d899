// Benchmark of the sync server: push throughput (batches of 100 fresh events over several
// connections, with autocannon) and pull throughput (pages of 500), each against raw better-sqlite3
// doing the same rows in the same table in the same run. The server runs in its own process, as in
// a shop, so the load generator does not share its event loop; the run is bounded by request
// counts and stops by itself.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '../src/protocol/events';
import { pullResponseSchema } from '../src/protocol/sync';
import { resolveShop } from '../src/server/cli/shopArg';
import { openSqliteStore, SQLITE_FILE_NAME } from '../src/server/store/sqliteStore';
import {
  BATCH,
  CONNECTIONS,
  load,
  makeBatch,
  ownCpuMs,
  pairBench,
  processCpuMs,
  startServerProcess,
  stopServerProcess,
} from './serverProcess';
import { reportRatio, time } from './measure';

const PUSH_REQUESTS = Number(process.env.BENCH_PUSH_REQUESTS ?? 400);
const PULL_PAGE = 500;
const PULL_PASSES = 2;

type Synchronous = 'NORMAL' | 'FULL';

async function pair(url: string, dataDir: string): Promise<string> {
  const store = openSqliteStore(dataDir);
  const shop = store.shop((await resolveShop(store, null)).id);
  try {
    return await pairBench(url, shop);
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'loupe-bench-server-'));
  const baseDir = mkdtempSync(join(tmpdir(), 'loupe-bench-sqlite-'));
  const { child, url } = await startServerProcess(dataDir);
  try {
    const token = await pair(url, dataDir);
    const batches = Array.from({ length: PUSH_REQUESTS }, (_, b) => makeBatch(b));
    const bodies = batches.map((events) => JSON.stringify({ events }));
    const total = PUSH_REQUESTS * BATCH;
    console.log(
      `Sync server: push ${total.toLocaleString()} events in batches of ${BATCH} over ` +
        `${CONNECTIONS} connections; pull them ${PULL_PASSES}× in pages of ${PULL_PAGE}`,
    );

    // The baseline: the same rows into the same table, prepared insert, 100 per transaction. The
    // table is the server's own, made by its own migrations (its keys, unique id, stream index and
    // the shop it belongs to), so the baseline follows the schema and the ratio is what the server
    // adds over SQLite storing those rows: HTTP, JSON, validation, auth, its bookkeeping. Once as
    // SQLite's WAL default (synchronous=NORMAL) and once with the durability the server runs with
    // (FULL: an acknowledged event survives a power cut), to give what FULL costs. And once into
    // the bare table of the first server (a rowid and a unique id), the baseline before the
    // shop's table grew its keys, so that figure stays comparable with the earlier ones.
    const openRaw = (file: string, synchronous: Synchronous) => {
      const raw = new Database(file);
      raw.pragma('journal_mode = WAL');
      raw.pragma(`synchronous = ${synchronous}`);
      raw.pragma('foreign_keys = ON');
      return raw;
    };
    const shopTable = async (name: string, synchronous: Synchronous) => {
      const dir = join(baseDir, name);
      const store = openSqliteStore(dir);
      const shopId = (await resolveShop(store, null)).id;
      await store.close();
      const raw = openRaw(join(dir, SQLITE_FILE_NAME), synchronous);
      const insert = raw.prepare(
        `INSERT INTO events_by_shop
           (shop_id, seq, id, job_id, type, at, actor, device, data, received_at, received_from)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      let seq = 0;
      const insertBatch = raw.transaction((events: StoredEvent[]) => {
        const now = Date.now();
        for (const e of events) {
          seq += 1;
          insert.run(
            shopId,
            seq,
            e.id,
            e.jobId,
            e.type,
            e.at,
            e.actor,
            e.device,
            JSON.stringify(e.data),
            now,
            'bench-device',
          );
        }
      });
      return { raw, shopId, ...(await timeInserts(insertBatch)) };
    };
    const bareTable = async (name: string, synchronous: Synchronous) => {
      const raw = openRaw(join(baseDir, `${name}.sqlite`), synchronous);
      raw.exec(`CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL,
        job_id TEXT NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
        device TEXT NOT NULL, data TEXT NOT NULL, received_at INTEGER NOT NULL)`);
      const insert = raw.prepare(
        'INSERT INTO events (id, job_id, type, at, actor, device, data, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const insertBatch = raw.transaction((events: StoredEvent[]) => {
        const now = Date.now();
        for (const e of events) {
          insert.run(e.id, e.jobId, e.type, e.at, e.actor, e.device, JSON.stringify(e.data), now);
        }
      });
      return { raw, ...(await timeInserts(insertBatch)) };
    };
    /** Every batch through `insertBatch`: its time, and this process's CPU time for it. */
    const timeInserts = async (insertBatch: (events: StoredEvent[]) => void) => {
      const cpuBefore = ownCpuMs();
      const ms = await time(() => {
        for (const batch of batches) insertBatch(batch);
        return Promise.resolve();
      });
      return { ms, cpuMs: ownCpuMs() - cpuBefore };
    };
    const normal = await shopTable('shop-normal', 'NORMAL');
    const full = await shopTable('shop-full', 'FULL');
    full.raw.close();
    const bare = await bareTable('bare-full', 'FULL');
    bare.raw.close();
    reportRatio(
      "raw better-sqlite3 inserts with synchronous=FULL (the server's durability)",
      full.ms,
      'the same with synchronous=NORMAL',
      normal.ms,
      { unitCount: total, unit: 'events' },
    );

    const serverCpuBefore = processCpuMs(child.pid);
    const pushMs = await load(url, token, PUSH_REQUESTS, (i) => ({
      method: 'POST',
      path: '/api/v1/events',
      body: bodies[i % bodies.length] ?? '',
    }));
    const serverCpuAfterPush = processCpuMs(child.pid);
    const check = await fetch(`${url}/api/v1/events?after=${total - 1}&limit=10`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const tail = pullResponseSchema.parse(await check.json());
    if (tail.cursor !== total || tail.more) {
      throw new Error(`The server holds up to seq ${tail.cursor}, not ${total}.`);
    }
    const pushBaselines: [string, number][] = [
      ['raw better-sqlite3 inserts into the same table, 100 per transaction (NORMAL)', normal.ms],
      ['raw better-sqlite3 inserts into the same table with synchronous=FULL', full.ms],
      ["raw inserts at FULL into the first server's bare table (rowid, unique id)", bare.ms],
    ];
    for (const [baseline, baselineMs] of pushBaselines) {
      reportRatio(
        `push ${total.toLocaleString()} events over HTTP (validate, store, answer)`,
        pushMs,
        baseline,
        baselineMs,
        { unitCount: total, unit: 'events' },
      );
    }

    // CPU time as well: on a shared machine the wall clock counts others' use of the cores too.
    // The push's CPU is the server process's alone (the load generator runs here), the raw
    // inserts' this process's; neither counts the wait for the disk.
    if (serverCpuBefore !== null && serverCpuAfterPush !== null) {
      reportRatio(
        `CPU time of the server for the push`,
        serverCpuAfterPush - serverCpuBefore,
        'CPU time of the raw inserts with synchronous=FULL',
        full.cpuMs,
        { unitCount: total, unit: 'events' },
      );
    }

    const pages = total / PULL_PAGE;
    const pulls = pages * PULL_PASSES;
    // The same page of the same table as the server reads, in the columns a pull sends.
    const select = normal.raw.prepare(
      `SELECT seq, id, job_id, type, at, actor, device, data FROM events_by_shop
       WHERE shop_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    );
    const rawPullCpuBefore = ownCpuMs();
    const rawPullMs = await time(() => {
      for (let p = 0; p < pulls; p++) {
        const rows = select.all(normal.shopId, (p % pages) * PULL_PAGE, PULL_PAGE);
        if (rows.length !== PULL_PAGE) throw new Error('raw pull came up short');
      }
      return Promise.resolve();
    });
    const rawPullCpuMs = ownCpuMs() - rawPullCpuBefore;
    normal.raw.close();

    const serverCpuBeforePull = processCpuMs(child.pid);
    const pullMs = await load(url, token, pulls, (i) => ({
      method: 'GET',
      path: `/api/v1/events?after=${(i % pages) * PULL_PAGE}&limit=${PULL_PAGE}`,
    }));
    const serverCpuAfterPull = processCpuMs(child.pid);
    reportRatio(
      `pull ${(pulls * PULL_PAGE).toLocaleString()} events over HTTP in pages of ${PULL_PAGE}`,
      pullMs,
      'raw better-sqlite3 selects of the same pages',
      rawPullMs,
      { unitCount: pulls * PULL_PAGE, unit: 'events' },
    );
    if (serverCpuBeforePull !== null && serverCpuAfterPull !== null) {
      reportRatio(
        'CPU time of the server for the pull',
        serverCpuAfterPull - serverCpuBeforePull,
        'CPU time of the raw selects',
        rawPullCpuMs,
        { unitCount: pulls * PULL_PAGE, unit: 'events' },
      );
    }
  } finally {
    await stopServerProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(baseDir, { recursive: true, force: true });
  }
}

await main();
