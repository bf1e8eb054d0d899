// Benchmark of sync on PostgreSQL: push throughput (batches of 100 fresh events from several
// connections at once) and pull throughput (pages of 500), through the store and over HTTP, each
// against raw `pg` inserts and selects of the same rows in the same run. It starts its own durable
// throwaway cluster (fsync on, as a chain's server runs) and the server in its own process; the run
// is bounded by request counts and stops by itself.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pullResponseSchema } from '../src/protocol/sync';
import { openPostgresStore } from '../src/server/store/postgresStore';
import { startPostgresCluster } from '../tests/support/postgresCluster';
import {
  BATCH,
  CONNECTIONS,
  load,
  makeBatch,
  pairBench,
  startServerProcess,
  stopServerProcess,
} from './serverProcess';
import { reportRatio, time } from './measure';

const PUSH_REQUESTS = Number(process.env.BENCH_PUSH_REQUESTS ?? 400);
const PULL_PAGE = 500;
const PULL_PASSES = 2;

/** Runs `task(i)` for i from 0 to count − 1, `CONNECTIONS` at a time, as that many clients would. */
async function inParallel(count: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** Opens `CONNECTIONS` connections before the clock starts: no side pays for connecting. */
async function warm(query: () => Promise<unknown>): Promise<void> {
  await Promise.all(Array.from({ length: CONNECTIONS }, query));
}

/** A database of its own on the cluster, for one side of the comparison. */
async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main(): Promise<void> {
  const cluster = await startPostgresCluster({ durable: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'loupe-bench-pg-server-'));
  let child: ChildProcess | undefined;
  try {
    const rawUrl = await createDatabase(cluster.url, 'loupe_raw');
    const storeUrl = await createDatabase(cluster.url, 'loupe_store');
    const batches = Array.from({ length: PUSH_REQUESTS }, (_, b) => makeBatch(b));
    const bodies = batches.map((events) => JSON.stringify({ events }));
    const total = PUSH_REQUESTS * BATCH;
    const pages = total / PULL_PAGE;
    const pulls = pages * PULL_PASSES;
    console.log(
      `Sync on PostgreSQL: push ${total.toLocaleString()} events in batches of ${BATCH} over ` +
        `${CONNECTIONS} connections; pull them ${PULL_PASSES}× in pages of ${PULL_PAGE}`,
    );

    // The baseline: the same rows into a table of the same shape, one multi-row INSERT (its own
    // transaction, committed durably) per batch, the seq from a bigserial: no counter row, no
    // duplicate check, no blob list. What ordering and deduplication cost is the difference.
    const raw = new pg.Pool({ connectionString: rawUrl, max: CONNECTIONS });
    await raw.query(`CREATE TABLE events (seq BIGSERIAL PRIMARY KEY, id TEXT UNIQUE NOT NULL,
      job_id TEXT NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
      device TEXT NOT NULL, data TEXT NOT NULL, received_at BIGINT NOT NULL)`);
    await warm(() => raw.query('SELECT 1'));
    const rawPushMs = await time(() =>
      inParallel(batches.length, async (b) => {
        const events = batches[b] ?? [];
        await raw.query(
          `INSERT INTO events (id, job_id, type, at, actor, device, data, received_at)
           SELECT *, $8 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
             $6::text[], $7::text[])`,
          [
            events.map((e) => e.id),
            events.map((e) => e.jobId),
            events.map((e) => e.type),
            events.map((e) => e.at),
            events.map((e) => e.actor),
            events.map((e) => e.device),
            events.map((e) => JSON.stringify(e.data)),
            Date.now(),
          ],
        );
      }),
    );
    const rawPullMs = await time(() =>
      inParallel(pulls, async (p) => {
        const { rows } = await raw.query(
          'SELECT * FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
          [(p % pages) * PULL_PAGE, PULL_PAGE],
        );
        if (rows.length !== PULL_PAGE) throw new Error('raw pull came up short');
      }),
    );
    await raw.end();

    // The store itself, as the routes call it: one shop, appends from several connections.
    const store = await openPostgresStore(storeUrl);
    const direct = store.shop((await store.addShop('Bench store', Date.now())).id);
    const overHttp = store.shop((await store.addShop('Bench HTTP', Date.now())).id);
    await warm(() => direct.greatestSeq());
    const storePushMs = await time(() =>
      inParallel(batches.length, async (b) => {
        const result = await direct.appendEvents(batches[b] ?? [], Date.now(), 'bench');
        if (result.accepted !== BATCH) throw new Error('the store took fewer events than sent');
      }),
    );
    const storePullMs = await time(() =>
      inParallel(pulls, async (p) => {
        // As the pull route reads: each event the JSON text of its stored row.
        const page = await direct.readEventTexts((p % pages) * PULL_PAGE, PULL_PAGE);
        if (page.events.length !== PULL_PAGE) throw new Error('store pull came up short');
      }),
    );
    if ((await direct.greatestSeq()) !== total)
      throw new Error(`The store holds fewer than ${total}.`);

    const started = await startServerProcess(dataDir, storeUrl);
    child = started.child;
    const url = started.url;
    const token = await pairBench(url, overHttp);
    await store.close();

    const pushMs = await load(url, token, PUSH_REQUESTS, (i) => ({
      method: 'POST',
      path: '/api/v1/events',
      body: bodies[i % bodies.length] ?? '',
    }));
    const check = await fetch(`${url}/api/v1/events?after=${total - 1}&limit=10`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const tail = pullResponseSchema.parse(await check.json());
    if (tail.cursor !== total || tail.more) {
      throw new Error(`The server holds up to seq ${tail.cursor}, not ${total}.`);
    }
    const pullMs = await load(url, token, pulls, (i) => ({
      method: 'GET',
      path: `/api/v1/events?after=${(i % pages) * PULL_PAGE}&limit=${PULL_PAGE}`,
    }));

    const pushed = { unitCount: total, unit: 'events' };
    const pulled = { unitCount: pulls * PULL_PAGE, unit: 'events' };
    const rawInserts = `raw pg inserts, ${BATCH} per statement over ${CONNECTIONS} connections`;
    const rawSelects = `raw pg selects of the same pages over ${CONNECTIONS} connections`;
    reportRatio(
      `push ${total.toLocaleString()} events to the store (counter row locked, duplicates checked)`,
      storePushMs,
      rawInserts,
      rawPushMs,
      pushed,
    );
    reportRatio(
      `push ${total.toLocaleString()} events over HTTP (validate, store, answer)`,
      pushMs,
      rawInserts,
      rawPushMs,
      pushed,
    );
    reportRatio(
      `pull ${(pulls * PULL_PAGE).toLocaleString()} events from the store in pages of ${PULL_PAGE}`,
      storePullMs,
      rawSelects,
      rawPullMs,
      pulled,
    );
    reportRatio(
      `pull ${(pulls * PULL_PAGE).toLocaleString()} events over HTTP in pages of ${PULL_PAGE}`,
      pullMs,
      rawSelects,
      rawPullMs,
      pulled,
    );
  } finally {
    if (child) await stopServerProcess(child);
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
