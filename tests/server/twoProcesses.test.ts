// Two real server processes on one PostgreSQL serving the same shop at once: tablets push to both,
// one process is killed mid-push, its tablets send again to the other; nothing is lost or doubled,
// and tablets pulling all along, from either process, miss nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/protocol/events';
import {
  pairResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
} from '../../src/protocol/sync';
import { issuePairingCode } from '../../src/server/auth/pairing';
import { openStore, type StoreConfig } from '../../src/server/store/openStore';
import { FIRST_SHOP_NAME } from '../../src/server/store/sqliteStore';
import { testDatabase, type TestDatabase } from '../support/postgres';
import { notes, postJson } from './syncHelpers';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** How long a process may take to start (tsx compiles the server first) before the test gives up. */
const START_LIMIT_MS = 60_000;

const PUSHERS_PER_PROCESS = 3;
const BATCHES = 12;
const BATCH_SIZE = 50;
/** Process A is killed once it has acknowledged this many pushes, with others in flight. */
const KILL_AFTER_ACKS = 8;

interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Resolves once the process has exited (killed, or stopped by itself). */
  exited: Promise<void>;
  /** What it printed so far, for a failure's message. */
  output(): string;
}

const running: ServerProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  // Killed whatever happened in the test: no server process outlives it.
  for (const p of running.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The environment of `npm run serve` on PostgreSQL, with nothing of the test runner's mail or TLS. */
function serverEnv(over: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(SMTP_|TLS_|PUBLIC_URL$|PORT$|HOST$)/.test(key)) env[key] = value;
  }
  return { ...env, ...over };
}

/** `node --import tsx src/server/main.ts`, as `npm run serve` runs it; its URL read from stdout. */
function startProcess(name: string, env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let output = '';
  const started: ServerProcess = { name, url: '', child, exited, output: () => output };
  running.push(started);
  return new Promise((resolve, reject) => {
    const limit = setTimeout(() => {
      reject(new Error(`Server ${name} did not start within ${START_LIMIT_MS} ms:\n${output}`));
    }, START_LIMIT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Loupe is running at (\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(limit);
        resolve({ ...started, url });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(limit);
      reject(
        new Error(`Server ${name} exited (${code ?? signal ?? '?'}) before it ran:\n${output}`),
      );
    });
  });
}

/** What a tablet does on a network error: nothing is taken as stored until the server says so. */
const isNetworkError = (err: unknown) => err instanceof TypeError; // fetch failed

describe('two server processes on one PostgreSQL', () => {
  it('serve one shop at once; one killed mid-push loses and doubles nothing', async () => {
    const database: TestDatabase = await testDatabase();
    cleanups.push(() => database.drop());
    const dataDir = mkdtempSync(join(tmpdir(), 'loupe-two-data-'));
    const staticDir = mkdtempSync(join(tmpdir(), 'loupe-two-static-'));
    cleanups.push(() => {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(staticDir, { recursive: true, force: true });
    });
    const data: StoreConfig = { dataDir, databaseUrl: database.url };

    // The shop and its pairing codes, as `npm run shops` and `npm run pair` make them beside the
    // servers; the side store also runs the migrations once, before the processes start.
    const side = await openStore(data);
    cleanups.push(() => side.close());
    const shop = await side.addShop(FIRST_SHOP_NAME, Date.now());
    const env = serverEnv({
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      STATIC_DIR: staticDir,
      HOST: '127.0.0.1',
      PORT: '0',
    });
    const [a, b] = await Promise.all([startProcess('A', env), startProcess('B', env)]);
    const servers = { A: a, B: b };

    const pair = async (on: ServerProcess) => {
      const { code } = await issuePairingCode(side.shop(shop.id), { now: Date.now() });
      const res = await postJson(`${on.url}/api/v1/pair`, { code });
      expect(res.status).toBe(200);
      return pairResponseSchema.parse(await res.json()).token;
    };

    interface Pusher {
      token: string;
      on: 'A' | 'B';
      batches: StoredEvent[][];
      failures: number;
    }
    const pushers: Pusher[] = [];
    for (const on of ['A', 'B'] as const) {
      for (let i = 0; i < PUSHERS_PER_PROCESS; i++) {
        const outbox = notes(BATCHES * BATCH_SIZE, `Tablet ${on}${i}`);
        pushers.push({
          token: await pair(servers[on]),
          on,
          batches: Array.from({ length: BATCHES }, (_, n) =>
            outbox.slice(n * BATCH_SIZE, (n + 1) * BATCH_SIZE),
          ),
          failures: 0,
        });
      }
    }
    const pullerTokens = { A: await pair(a), B: await pair(b) };

    let answerLost: StoredEvent[] | null = null;
    let answerLostResent = false;
    let killed = false;
    let ackedByA = 0;
    let inFlightOnA = 0;
    let inFlightAtKill = 0;
    const killA = () => {
      killed = true;
      inFlightAtKill = inFlightOnA;
      a.child.kill('SIGKILL');
    };

    /** Sends its outbox batch by batch; a batch is sent again, to B, when A does not answer. */
    const push = async (p: Pusher) => {
      for (const batch of p.batches) {
        for (;;) {
          const on = p.on;
          if (on === 'A') inFlightOnA += 1;
          let status: number;
          let body: string;
          try {
            const res = await postJson(
              `${servers[on].url}/api/v1/events`,
              { events: batch },
              p.token,
            );
            status = res.status;
            body = await res.text();
          } catch (err) {
            if (on === 'A' && killed && isNetworkError(err)) {
              p.failures += 1;
              p.on = 'B';
              continue;
            }
            throw err;
          } finally {
            if (on === 'A') inFlightOnA -= 1;
          }
          expect(status, `${body}\n${servers[on].output()}`).toBe(200);
          const result = pushResponseSchema.parse(JSON.parse(body));
          expect(result.accepted + result.duplicates).toBe(batch.length);
          if (on === 'A') {
            ackedByA += 1;
            // Killed while other tablets' pushes to it are under way.
            if (!killed && ackedByA >= KILL_AFTER_ACKS && inFlightOnA > 0) {
              killA();
              // This answer came in as A died: its tablet acts as if the kill had cut it off and
              // sends the batch again, to B, which has it already (stored by A).
              answerLost = batch;
              p.failures += 1;
              p.on = 'B';
              continue;
            }
          }
          if (batch === answerLost) {
            expect(result).toMatchObject({ accepted: 0, duplicates: batch.length });
            answerLostResent = true;
          }
          break;
        }
      }
    };

    interface Puller {
      token: string;
      on: 'A' | 'B';
      cursor: number;
      seen: { seq: number; id: string }[];
    }
    let pushing = true;
    /** Pulls by cursor all along, as a tablet does; moves to B when A is gone. */
    const pull = async (p: Puller) => {
      for (;;) {
        const finishing = !pushing;
        let more = true;
        while (more) {
          let status: number;
          let body: string;
          try {
            const res = await fetch(
              `${servers[p.on].url}/api/v1/events?after=${p.cursor}&limit=200`,
              { headers: { Authorization: `Bearer ${p.token}` } },
            );
            status = res.status;
            body = await res.text();
          } catch (err) {
            if (p.on === 'A' && killed && isNetworkError(err)) {
              p.on = 'B';
              p.token = pullerTokens.B;
              continue;
            }
            throw err;
          }
          expect(status, `${body}\n${servers[p.on].output()}`).toBe(200);
          const page = pullResponseSchema.parse(JSON.parse(body));
          p.seen.push(...page.events.map((e) => ({ seq: e.seq, id: e.id })));
          p.cursor = page.cursor;
          more = page.more;
        }
        if (finishing) return;
        // A tablet's sync interval, between pulls that found nothing more.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const pullers: Puller[] = (['A', 'B'] as const).map((on) => ({
      token: pullerTokens[on],
      on,
      cursor: 0,
      seen: [],
    }));

    const pushed = Promise.all(pushers.map(push)).finally(() => {
      pushing = false;
    });
    await Promise.all([pushed, Promise.all(pullers.map(pull))]);

    expect(killed, 'A was killed mid-run').toBe(true);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(answerLostResent, 'a batch A stored was sent again to B').toBe(true);
    await a.exited;
    expect(a.child.signalCode).toBe('SIGKILL');
    // Every tablet of A found it gone and sent the rest, from the batch cut off, to B.
    expect(pushers.slice(0, PUSHERS_PER_PROCESS).every((p) => p.on === 'B' && p.failures > 0)).toBe(
      true,
    );

    // The survivor's log: each event exactly once, seqs 1..N dense.
    const all: { seq: number; id: string }[] = [];
    for (let cursor = 0, more = true; more;) {
      const res = await fetch(`${b.url}/api/v1/events?after=${cursor}&limit=1000`, {
        headers: { Authorization: `Bearer ${pullerTokens.B}` },
      });
      const page = pullResponseSchema.parse(await res.json());
      all.push(...page.events.map((e) => ({ seq: e.seq, id: e.id })));
      cursor = page.cursor;
      more = page.more;
    }
    const sent = pushers.flatMap((p) => p.batches.flat().map((e) => e.id));
    const total = PUSHERS_PER_PROCESS * 2 * BATCHES * BATCH_SIZE;
    expect(sent).toHaveLength(total);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(all.map((e) => e.id)).size).toBe(total);
    expect(all.map((e) => e.id).sort()).toEqual([...sent].sort());
    // And the tablets that pulled while both processes appended missed nothing, skipped no seq.
    for (const p of pullers) expect(p.seen).toEqual(all);
  }, 180_000);
});
