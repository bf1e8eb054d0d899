// The server in a process of its own, for the benchmarks that load it over HTTP (SQLite and
// PostgreSQL alike): started on a free port of 127.0.0.1, paired with, loaded, stopped at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { StoredEvent } from '../src/protocol/events';
import { pairResponseSchema } from '../src/protocol/sync';
import { issuePairingCode } from '../src/server/auth/pairing';
import type { ShopStore } from '../src/server/store/store';
import { EVENTS_PER_JOB, jobHistory } from './history';

/** Events a push request holds, and clients sending at once: the same in every server benchmark. */
export const BATCH = 100;
export const CONNECTIONS = 8;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Starts `src/server/main.ts` in its own process on a free port of 127.0.0.1, on `dataDir` (and
 * DATABASE_URL's PostgreSQL when given), and resolves with its address once it listens.
 */
export function startServerProcess(
  dataDir: string,
  databaseUrl?: string,
): Promise<{ child: ChildProcess; url: string }> {
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server itself.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ...(databaseUrl !== undefined ? { DATABASE_URL: databaseUrl } : {}),
      STATIC_DIR: join(dataDir, 'no-build'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`The server did not start within 20 s:\n${out}`));
    }, 20_000);
    // Read stderr too (a full pipe would stall the server), keeping its start for error messages.
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (out.length < 10_000) out += chunk;
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code ?? 'signal'}) before it started:\n${out}`));
    });
  });
}

/**
 * The CPU time (user and system, ms) a process has used, from Linux's /proc; null elsewhere. On a
 * shared machine the wall clock also counts the time others had the cores: CPU time does not.
 */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces), from the third: utime and stime are 14, 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    // Linux counts in USER_HZ, 100 a second on every architecture Node runs on.
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

/** This process's CPU time (user and system, ms). */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Stops a server started by startServerProcess, and resolves once it has exited. */
export function stopServerProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => {
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** 100 events as a bench makes them: 5 jobs, each opened and then worked through 19 steps. */
export function makeBatch(batchIndex: number): StoredEvent[] {
  const jobs = BATCH / EVENTS_PER_JOB;
  return Array.from({ length: jobs }, (_, j) => jobHistory(batchIndex * jobs + j)).flat();
}

/** Pairs a bench tablet into `shop` over HTTP, as a tablet does; its token. */
export async function pairBench(url: string, shop: ShopStore): Promise<string> {
  const { code } = await issuePairingCode(shop, { now: Date.now() });
  const res = await fetch(`${url}/api/v1/pair`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, name: 'Bench' }),
  });
  return pairResponseSchema.parse(await res.json()).token;
}

/**
 * Runs autocannon; each request's body or path comes from `next`, so every request differs. The
 * time is from the start to the last response: autocannon itself settles only at its next sample
 * tick (once a second), which would round every run up to whole seconds.
 */
export async function load(
  url: string,
  token: string,
  amount: number,
  next: (i: number) => { method: 'GET' | 'POST'; path: string; body?: string },
): Promise<number> {
  let i = 0;
  const start = performance.now();
  let lastResponse = start;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
        url,
        connections: CONNECTIONS,
        amount,
        timeout: 30,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        // One request definition whose setup makes each request new (unique event ids, pages).
        requests: [{ setupRequest: (req) => ({ ...req, ...next(i++) }) }],
      },
      (err: unknown, done: autocannon.Result) => {
        if (err) reject(err instanceof Error ? err : new Error('autocannon failed'));
        else resolve(done);
      },
    );
    run.on('response', () => {
      lastResponse = performance.now();
    });
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0 || result.requests.total < amount) {
    throw new Error(
      `${failed} requests failed and ${result.requests.total} of ${amount} completed: the numbers would lie.`,
    );
  }
  return lastResponse - start;
}
