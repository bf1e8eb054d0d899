// Seeded randomized convergence test (DESIGN.md, "Lessons from other sync engines"): several
// tablets, each its own Dexie, edit offline against a real server while requests are dropped,
// replies are lost after the server committed, pushes are duplicated and the server restarts.
// In the end every tablet and the server agree, and no event is lost or doubled.
// Replay one seed: SYNC_SEED=123 npx vitest run --project sync
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoupeDB, openJob, recordEvent, type OpenJobInput } from '../../src/db';
import { foldJob } from '../../src/domain/projection';
import type { StoredEvent } from '../../src/protocol/events';
import { startServer, type RunningServer } from '../../src/server/server';
import { createApiClient, type ApiClient } from '../../src/sync/apiClient';
import { runSync } from '../../src/sync/engine';
import { openedData } from '../support/events';
import { pairDevice } from '../server/syncHelpers';

const SEED_COUNT = Number(process.env.SYNC_SEEDS ?? 12);
const SEEDS = process.env.SYNC_SEED
  ? [Number(process.env.SYNC_SEED)]
  : Array.from({ length: SEED_COUNT }, (_, i) => 1000 + i * 7919);
const TABLETS = 3;
const STEPS = 70;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
  };
}
type Rng = ReturnType<typeof rng>;

interface Faults {
  online: boolean;
  enabled: boolean;
}

/** A fetch that fails the way a shop network does; the faults are drawn from the seed. */
function faultyFetch(random: Rng, faults: Faults): typeof fetch {
  return async (input, init) => {
    if (!faults.online) throw new TypeError('offline');
    if (faults.enabled && random.chance(0.12)) throw new TypeError('request dropped');
    const res = await fetch(input, init);
    if (faults.enabled && init?.method === 'POST' && random.chance(0.15)) {
      // The same push again, as a retrying proxy might: the server must count duplicates.
      await fetch(input, init);
    }
    if (faults.enabled && random.chance(0.12)) {
      await res.arrayBuffer();
      throw new TypeError('reply lost after the server committed');
    }
    return res;
  };
}

interface Tablet {
  db: LoupeDB;
  actor: string;
  api: ApiClient;
  faults: Faults;
}

function intake(random: Rng, n: number): OpenJobInput {
  const { envelope: _e, services: _s, ...rest } = openedData();
  return {
    ...rest,
    customer: { name: `Customer ${n}`, phone: `555-${1000 + n}` },
    rush: random.chance(0.2),
    services: [{ kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } }],
  };
}

async function knownJobIds(db: LoupeDB): Promise<string[]> {
  return (await db.jobs.toCollection().primaryKeys()).sort();
}

async function randomEdit(t: Tablet, random: Rng, step: number): Promise<void> {
  const jobs = await knownJobIds(t.db);
  if (jobs.length === 0 || random.chance(0.15)) {
    await openJob(t.db, intake(random, step), t.actor);
    return;
  }
  const jobId = random.pick(jobs);
  const job = await t.db.jobs.get(jobId);
  const serviceId = job?.services[0]?.id ?? '';
  const kind = Math.floor(random.next() * 6);
  const draft =
    kind === 0
      ? {
          jobId,
          type: 'job.updated' as const,
          data: { changes: { customer: { name: `Name ${step}` } } },
        }
      : kind === 1
        ? { jobId, type: 'job.updated' as const, data: { changes: { rush: random.chance(0.5) } } }
        : kind === 2
          ? {
              jobId,
              type: 'step.set' as const,
              data: {
                serviceId,
                stepId: random.pick(['inspect', 'measure', 'solder', 'polish', 'clean']),
                done: random.chance(0.7),
                values: {},
              },
            }
          : kind === 3
            ? {
                jobId,
                type: 'custody.moved' as const,
                data: {
                  to: {
                    kind: 'place' as const,
                    id: `bench-${step % 4}`,
                    label: `Bench ${step % 4}`,
                  },
                },
              }
            : kind === 4
              ? {
                  jobId,
                  type: 'weight.logged' as const,
                  data: { kind: 'check' as const, grams: 3 + (step % 10) / 10 },
                }
              : {
                  jobId,
                  type: 'note.added' as const,
                  data: { text: `Note ${step} from ${t.actor}` },
                };
  await recordEvent(t.db, draft, t.actor);
}

async function allServerEvents(url: string, token: string): Promise<StoredEvent[]> {
  const api = createApiClient({ serverUrl: url, token });
  const events: StoredEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await api.pull(after, 500);
    events.push(...page.events.map(({ seq: _seq, ...e }) => e));
    after = page.cursor;
    if (!page.more) return events;
  }
}

async function runSeed(seed: number): Promise<void> {
  const random = rng(seed);
  const work = mkdtempSync(join(tmpdir(), `loupe-sync-${seed}-`));
  const dataDir = join(work, 'data');
  const config = { port: 0, host: '127.0.0.1', dataDir, staticDir: join(work, 'dist') };
  let server: RunningServer = await startServer(config);
  const port = Number(new URL(server.url).port);
  const tablets: Tablet[] = [];
  try {
    for (let i = 0; i < TABLETS; i++) {
      const { token } = await pairDevice({ url: server.url, dataDir });
      const faults: Faults = { online: true, enabled: true };
      const api = createApiClient({
        serverUrl: server.url,
        token,
        fetch: faultyFetch(random, faults),
      });
      tablets.push({ db: new LoupeDB(`sync-${seed}-${i}`), actor: `staff-${i}`, api, faults });
    }

    for (let step = 0; step < STEPS; step++) {
      const t = random.pick(tablets);
      const roll = random.next();
      if (roll < 0.55) await randomEdit(t, random, step);
      else if (roll < 0.85) await runSync(t.db, t.api).catch(() => undefined);
      else if (roll < 0.95) t.faults.online = !t.faults.online;
      else {
        // The server restarts between requests, on the same port and data.
        await server.close();
        server = await startServer({ ...config, port });
      }
    }

    // The network heals: everyone syncs until nothing moves.
    for (const t of tablets) Object.assign(t.faults, { online: true, enabled: false });
    for (let round = 0; round < 2; round++) for (const t of tablets) await runSync(t.db, t.api);

    const { token } = await pairDevice({ url: server.url, dataDir });
    const onServer = await allServerEvents(server.url, token);
    const ids = onServer.map((e) => e.id);
    expect(new Set(ids).size, 'no event doubled on the server').toBe(ids.length);

    const serverJobs = new Map<string, StoredEvent[]>();
    for (const e of onServer) serverJobs.set(e.jobId, [...(serverJobs.get(e.jobId) ?? []), e]);
    const expectedIds = [...ids].sort();
    for (const t of tablets) {
      expect(await t.db.outbox.count(), `${t.actor}: outbox empty`).toBe(0);
      const mine = (await t.db.events.toCollection().primaryKeys()).sort();
      expect(mine, `${t.actor}: same events as the server`).toEqual(expectedIds);
      for (const [jobId, events] of serverJobs) {
        expect(await t.db.jobs.get(jobId), `${t.actor}: job ${jobId}`).toEqual(foldJob(events));
      }
    }
  } finally {
    await server.close();
    for (const t of tablets) await t.db.delete();
    rmSync(work, { recursive: true, force: true });
  }
}

describe('sync convergence under faults', () => {
  it.each(SEEDS)(
    'seed %i: every tablet and the server agree, nothing lost or doubled',
    async (seed) => {
      try {
        await runSeed(seed);
      } catch (err) {
        const replay = `Replay: SYNC_SEED=${seed} npx vitest run --project sync`;
        if (err instanceof Error) err.message = `${err.message}\n${replay}`;
        throw err;
      }
    },
  );
});
