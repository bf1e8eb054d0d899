// The page bench/indexedDb.bench.ts drives in Chromium: the app's apply and pull paths over real
// IndexedDB against raw Dexie baselines measured here, and the seeding of a big shop for the lists.
// Served by the Loupe server itself (same origin as the API and the app), so it runs under its CSP.
import '../../src/protocol/noEval';
import { applyEvents } from '../../src/db/applyEvents';
import { applyCatchUp } from '../../src/db/catchUp';
import { DATABASE_NAME, LoupeDB } from '../../src/db/LoupeDB';
import { withListFields } from '../../src/domain/jobList';
import { API_PREFIX } from '../../src/protocol/api';
import type { StoredEvent } from '../../src/protocol/events';
import { createApiClient, type ApiClient } from '../../src/sync/apiClient';
import { runSync } from '../../src/sync/engine';
import {
  foldedRows,
  seedBigShop,
  type BigShop,
  type SeedTimings,
} from '../../tests/support/bigShop';
import { makeHistory } from '../history';

export interface ApplyOptions {
  jobs: number;
  pageSize: number;
  /** The run's number: which path goes first. */
  run: number;
}

export interface ApplyFigures {
  events: number;
  /** applyEvents once per page: how every pull applied pages before the catch-up window. */
  appMs: number;
  /** The sync's catch-up path: the pages through one window (db/catchUp.ts, applyCatchUp). */
  catchUpMs: number;
  /** The same event rows bulkPut in the same pages, then the final job rows. */
  rawMs: number;
  longestTaskMs: number;
  catchUpLongestTaskMs: number;
}

export interface PullFigures {
  events: number;
  pages: number;
  /** runSync of a fresh tablet against the real server: push (nothing), pull to the end. */
  pullMs: number;
  /** bulkPut of the events of the very pages the pull fetched (fetched again), a page at a time. */
  rawMs: number;
  /** The same requests again, fetched and parsed as JSON only: the network's share. */
  fetchMs: number;
  /** The longest task Chromium reported during the pull (PerformanceObserver 'longtask'). */
  longestTaskMs: number;
  /** The longest the page's thread did not answer a 4 ms timer during the pull. */
  longestGapMs: number;
}

export interface IdbBench {
  apply(options: ApplyOptions): Promise<ApplyFigures>;
  pull(options: { code: string; expected: number }): Promise<PullFigures>;
  /** Seeds the app's own database with a big shop; returns the time it took. */
  seed(shop: BigShop, chunkJobs?: number): Promise<{ ms: number } & SeedTimings>;
  /** Whole-database figures for the report: rows and what the origin stores. */
  usage(): Promise<{ jobs: number; events: number; bytes: number | null }>;
}

declare global {
  interface Window {
    idbBench?: IdbBench;
  }
}

let made = 0;
/** A fresh database for one measure, opened before the clock starts. */
async function freshDb(what: string): Promise<LoupeDB> {
  const db = new LoupeDB(`bench-${what}-${Date.now()}-${made++}`);
  await db.open();
  return db;
}

async function drop(db: LoupeDB): Promise<void> {
  db.close();
  await db.delete();
}

/** Chromium's long tasks (over 50 ms) from now on; read the longest when done. */
function watchLongTasks(): () => number {
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  return () => {
    for (const entry of observer.takeRecords()) longest = Math.max(longest, entry.duration);
    observer.disconnect();
    return longest;
  };
}

/** The longest time a 4 ms timer waited: the main thread busy, whatever ran it. */
function watchGaps(): () => number {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 4);
  return () => {
    clearInterval(timer);
    return Math.max(longest, performance.now() - last);
  };
}

function pagesOf<T>(list: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < list.length; i += size) pages.push(list.slice(i, i + size));
  return pages;
}

async function apply({ jobs, pageSize, run }: ApplyOptions): Promise<ApplyFigures> {
  const history = makeHistory(jobs);
  const pages = pagesOf(history, pageSize);
  // The baseline's job rows: folded beforehand, as the registry writes them (list fields too).
  const jobRows = pagesOf(foldedRows(history).job.map(withListFields), pageSize);
  // The pages as a pull hands them to the catch-up window: events, and the cursor after each.
  const pulled = pages.map((events, i) => ({
    events,
    cursor: i * pageSize + events.length,
    cursorEventId: events.at(-1)?.id ?? null,
  }));

  const figures = { appMs: 0, catchUpMs: 0, rawMs: 0, longestTaskMs: 0, catchUpLongestTaskMs: 0 };
  const paths = [
    async () => {
      const db = await freshDb('apply');
      const tasks = watchLongTasks();
      const start = performance.now();
      for (const page of pages) await applyEvents(db, page, { local: false });
      figures.appMs = performance.now() - start;
      figures.longestTaskMs = tasks();
      await checkAndDrop(db, history.length, jobs);
    },
    async () => {
      const db = await freshDb('catch-up');
      const tasks = watchLongTasks();
      const start = performance.now();
      await applyCatchUp(db, pulled);
      figures.catchUpMs = performance.now() - start;
      figures.catchUpLongestTaskMs = tasks();
      await checkAndDrop(db, history.length, jobs);
    },
    async () => {
      const db = await freshDb('raw');
      const start = performance.now();
      for (const page of pages) await db.events.bulkPut(page);
      for (const page of jobRows) await db.jobs.bulkPut(page);
      figures.rawMs = performance.now() - start;
      await drop(db);
    },
  ];
  // Each run starts with another path: whatever the database's files still do from the path
  // before (compacting a deleted database) falls on each in turn.
  for (let i = 0; i < paths.length; i++) await paths[(i + run) % paths.length]?.();
  return { events: history.length, ...figures };
}

/** Checks a path stored every event and folded every job, then deletes its database. */
async function checkAndDrop(db: LoupeDB, events: number, jobs: number): Promise<void> {
  const [stored, folded] = await Promise.all([db.events.count(), db.jobs.count()]);
  await drop(db);
  if (stored !== events || folded !== jobs) {
    throw new Error(`An apply path stored ${stored} events and ${folded} jobs.`);
  }
}

async function pull({ code, expected }: { code: string; expected: number }): Promise<PullFigures> {
  const serverUrl = window.location.origin;
  const { token } = await createApiClient({ serverUrl }).pair(code);
  const api = createApiClient({ serverUrl, token });
  const calls: { after: number; limit: number; seen: string | null | undefined }[] = [];
  // The same client, keeping what each pull asked for: the baselines replay exactly that. Not what
  // it got: a tablet does not keep every page it pulled, and 100,000 events held here would make
  // the pull's garbage collections longer than a tablet's.
  const recording: ApiClient = {
    ...api,
    pull: async (after, limit, seen) => {
      const page = await api.pull(after, limit, seen);
      calls.push({ after, limit, seen });
      return page;
    },
  };

  const tablet = await freshDb('pull');
  const tasks = watchLongTasks();
  const gaps = watchGaps();
  let start = performance.now();
  const report = await runSync(tablet, recording);
  const pullMs = performance.now() - start;
  const longestGapMs = gaps();
  const longestTaskMs = tasks();
  await drop(tablet);
  if (report.pulled !== expected) {
    throw new Error(`The pull took ${report.pulled} events, not ${expected}.`);
  }

  // The same requests again, fetched and parsed as JSON only (the server's log has not changed, so
  // the very pages the pull got): the network's share, and the pages for the raw baseline.
  const pages: (StoredEvent & { seq: number })[][] = [];
  start = performance.now();
  for (const { after, limit, seen } of calls) {
    const query = `after=${after}&limit=${limit}${seen ? `&seen=${encodeURIComponent(seen)}` : ''}`;
    const res = await fetch(`${serverUrl}${API_PREFIX}/events?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`The server answered ${res.status} to a replayed pull.`);
    pages.push(((await res.json()) as { events: (StoredEvent & { seq: number })[] }).events);
  }
  const fetchMs = performance.now() - start;
  const rows = pages.map((page) => page.map(({ seq: _seq, ...event }) => event));
  // (The probe's one event among them, as in the pull's own fetches.)
  if (rows.reduce((n, page) => n + page.length, 0) < report.pulled) {
    throw new Error('The replayed pulls did not give the events the pull got.');
  }

  const raw = await freshDb('pull-raw');
  start = performance.now();
  for (const page of rows) if (page.length > 0) await raw.events.bulkPut(page);
  const rawMs = performance.now() - start;
  await drop(raw);
  return {
    events: report.pulled,
    pages: calls.length,
    pullMs,
    rawMs,
    fetchMs,
    longestTaskMs,
    longestGapMs,
  };
}

async function seed(shop: BigShop, chunkJobs?: number): Promise<{ ms: number } & SeedTimings> {
  const db = new LoupeDB(DATABASE_NAME);
  const timings: SeedTimings = { makeMs: 0, foldMs: 0, writeMs: 0 };
  const start = performance.now();
  await seedBigShop(db, shop, { timings, ...(chunkJobs === undefined ? {} : { chunkJobs }) });
  const ms = performance.now() - start;
  db.close();
  return { ms, ...timings };
}

async function usage(): Promise<{ jobs: number; events: number; bytes: number | null }> {
  const db = new LoupeDB(DATABASE_NAME);
  const [jobs, events] = await Promise.all([db.jobs.count(), db.events.count()]);
  db.close();
  const estimate = await navigator.storage.estimate().catch(() => null);
  return { jobs, events, bytes: estimate?.usage ?? null };
}

window.idbBench = { apply, pull, seed, usage };
document.body.dataset.ready = 'true';
