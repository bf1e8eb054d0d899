// Benchmark of IndexedDB at a busy shop's scale in real Chromium (Debian's), each figure a ratio to a
// baseline measured in the same page and run, the set run BENCH_RUNS times (min / median / max):
//   apply  — 100,000 events (BENCH_JOBS jobs × 20) applied by the app a page at a time, by
//            applyEvents per page and through the sync's catch-up window (applyCatchUp) / a raw
//            Dexie bulkPut of the same event rows in the same pages plus the final job rows;
//   pull   — a fresh tablet's initial pull of those events from the real server (runSync) / a raw
//            bulkPut of the very pages it fetched (asked for again after it); also the longest task
//            and the longest gap of a 4 ms timer during the pull;
//   list   — each tab of the jobs list, navigation to its first rows painted, and the JS heap after,
//            in the real app with BENCH_SHOP_JOBS jobs / the same with BENCH_SHOP_SMALL jobs;
//   job    — a typed envelope number, /jobs/:id and /j/:id to the job page painted, big / small shop.
// One Loupe server on 127.0.0.1 serves the built app, this page (bench/idb/, in a folder of the app's
// build, so it seeds the app's own database) and the API. Each browser has a profile on disk, as a
// tablet does (an incognito profile keeps IndexedDB in memory). Service workers are blocked: the
// app's shell then comes from the server each time, the same for both shop sizes.
//
// Knobs (environment):
//   BENCH_RUNS        runs of the whole set (3)
//   BENCH_JOBS        jobs of the apply and pull history, 20 events each (5,000: 100,000 events)
//   BENCH_APPLY_PAGE  events per applied page (1,000)
//   BENCH_SHOP_JOBS   jobs of the big shop for the list and the job page (100,000)
//   BENCH_SHOP_SMALL  jobs of the small shop they are compared with (1,000)
//   BENCH_REPS        navigations per list tab / job measure in a run, the median kept (3)
//   BENCH_ONLY        a comma list of apply, pull, list, job (all)
//   BENCH_APP_DIR     a built app to measure instead of building this tree: an older build (copied,
//                     never changed) gives the list's and the job page's "before" beside "after"
//   BENCH_NAV_TIMEOUT_MS     a screen not shown after this is reported stuck (180,000)
//   BENCH_IDB_TIME_LIMIT_MS  the whole benchmark stops after this (2,400,000: 40 min)
//   BENCH_PROFILE     a path: each pull run's CPU profile (Chromium's, over CDP) is written to
//                     `${BENCH_PROFILE}-${run}.cpuprofile`, the bench page built unminified so its
//                     functions keep their names; a profile spans the pull, then its baselines
//                     (the figures of such a run are the profiler's too)
import { chromium, errors, type BrowserContext, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import { issuePairingCode } from '../src/server/auth/pairing';
import { resolveShop } from '../src/server/cli/shopArg';
import { startServer, type RunningServer } from '../src/server/server';
import { openSqliteStore } from '../src/server/store/sqliteStore';
import { planJob, type BigShop } from '../tests/support/bigShop';
import { makeHistory } from './history';
import { buildApp, buildIdbPage, IDB_PAGE_PATH } from './idb/build';
import type { ApplyFigures, PullFigures } from './idb/page';

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number.`);
  return value;
};
const RUNS = num('BENCH_RUNS', 3);
const HISTORY_JOBS = num('BENCH_JOBS', 5_000);
const APPLY_PAGE = num('BENCH_APPLY_PAGE', 1_000);
const BIG = num('BENCH_SHOP_JOBS', 100_000);
const SMALL = num('BENCH_SHOP_SMALL', 1_000);
const REPS = num('BENCH_REPS', 3);
const TIME_LIMIT_MS = num('BENCH_IDB_TIME_LIMIT_MS', 2_400_000);
const ONLY = new Set(
  (process.env.BENCH_ONLY ?? 'apply,pull,list,job').split(',').map((s) => s.trim()),
);
/** Where each pull run's CPU profile goes ('' for none). */
const PROFILE = process.env.BENCH_PROFILE ?? '';
/** A screen slower than this to show is reported as stuck, and not asked for again. */
const NAVIGATION_TIMEOUT_MS = num('BENCH_NAV_TIMEOUT_MS', 180_000);

/** The jobs list's tabs, by the ids the address names them with. */
const TABS = [
  { id: 'open', label: 'All open' },
  { id: 'today', label: 'Due today' },
  { id: 'late', label: 'Late' },
  { id: 'in_progress', label: 'In progress' },
  { id: 'qc', label: 'QC' },
  { id: 'ready', label: 'Ready' },
] as const;

/** A row of the jobs list: a link to its job inside the tab's panel. */
const ROW_SELECTOR = '[role="tabpanel"] a[href^="/jobs/"]';
/** The job page's header: the envelope number. */
const JOB_SELECTOR = '.jp-envelope';

/** What the page marks as it draws: set by the init script below, read after each navigation. */
interface Marks {
  rowsAt: number | null;
  rowsPaintedAt: number | null;
  jobAt: number | null;
  jobPaintedAt: number | null;
  submitAt: number | null;
}

declare global {
  interface Window {
    __loupeMarks?: Marks;
  }
}

/**
 * Runs in every document before the app: notes when the first list row and the job page's header
 * are in the DOM and then painted (the frame after), and when a form is submitted. Times are
 * performance.now(): from the navigation's start. A string, not a function: tsx wraps functions
 * in a naming helper the page does not have.
 */
const INSTALL_MARKS = `(() => {
  const marks = { rowsAt: null, rowsPaintedAt: null, jobAt: null, jobPaintedAt: null, submitAt: null };
  window.__loupeMarks = marks;
  const afterPaint = (set) => requestAnimationFrame(() => setTimeout(() => set(performance.now()), 0));
  const check = () => {
    if (marks.rowsAt === null && document.querySelector(${JSON.stringify(ROW_SELECTOR)})) {
      marks.rowsAt = performance.now();
      afterPaint((t) => { marks.rowsPaintedAt = t; });
    }
    if (marks.jobAt === null && document.querySelector(${JSON.stringify(JOB_SELECTOR)})) {
      marks.jobAt = performance.now();
      afterPaint((t) => { marks.jobPaintedAt = t; });
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  document.addEventListener('submit', () => {
    marks.submitAt = performance.now();
    marks.jobAt = null;
    marks.jobPaintedAt = null;
  }, true);
})();`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const ms = (t: number) => `${t.toFixed(0)} ms`;
/** Chromium reports only tasks over 50 ms: none is said so, not as 0 ms. */
const task = (t: number) => (t === 0 ? 'none over 50 ms' : ms(t));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Ratios per measure across runs, printed as min / median / max at the end. */
const ratios = new Map<string, number[]>();
function keep(what: string, ratio: number): void {
  const list = ratios.get(what) ?? [];
  list.push(ratio);
  ratios.set(what, list);
}

async function openBrowser(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    serviceWorkers: 'block',
    viewport: { width: 1024, height: 768 },
  });
}

async function benchPage(context: BrowserContext, url: string): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url + IDB_PAGE_PATH);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  return page;
}

async function pairingCode(dataDir: string): Promise<string> {
  const store = openSqliteStore(dataDir);
  try {
    const shop = store.shop((await resolveShop(store, null)).id);
    return (await issuePairingCode(shop, { now: Date.now() })).code;
  } finally {
    await store.close();
  }
}

// ---- apply and pull ----

async function applyRun(page: Page, run: number): Promise<void> {
  const f: ApplyFigures = await page.evaluate(
    (o) => {
      const bench = window.idbBench;
      if (!bench) throw new Error('The benchmark page did not load.');
      return bench.apply(o);
    },
    { jobs: HISTORY_JOBS, pageSize: APPLY_PAGE, run },
  );
  keep('apply, applyEvents per page / raw bulkPut', f.appMs / f.rawMs);
  keep('apply, catch-up window / raw bulkPut', f.catchUpMs / f.rawMs);
  console.log(
    `  run ${run} apply ${f.events.toLocaleString()} events in pages of ${APPLY_PAGE}: raw bulkPut ${ms(f.rawMs)}; ` +
      `applyEvents per page ${ms(f.appMs)} = ${(f.appMs / f.rawMs).toFixed(2)}× (longest task ${task(f.longestTaskMs)}); ` +
      `catch-up window ${ms(f.catchUpMs)} = ${(f.catchUpMs / f.rawMs).toFixed(2)}× (longest task ${task(f.catchUpLongestTaskMs)})`,
  );
}

async function pullRun(page: Page, dataDir: string, run: number): Promise<void> {
  const code = await pairingCode(dataDir);
  const cdp = PROFILE === '' ? null : await page.context().newCDPSession(page);
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const f: PullFigures = await page.evaluate(
    (o) => {
      const bench = window.idbBench;
      if (!bench) throw new Error('The benchmark page did not load.');
      return bench.pull(o);
    },
    { code, expected: HISTORY_JOBS * 20 },
  );
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(`${PROFILE}-${run}.cpuprofile`, JSON.stringify(profile));
    await cdp.detach();
  }
  const ratio = f.pullMs / f.rawMs;
  keep('pull / raw bulkPut of its pages', ratio);
  keep('pull / fetching its pages alone', f.pullMs / f.fetchMs);
  keep('pull: longest task (ms)', f.longestTaskMs);
  console.log(
    `  run ${run} pull ${f.events.toLocaleString()} events in ${f.pages} pages: ${ms(f.pullMs)} / raw ${ms(f.rawMs)} = ${ratio.toFixed(2)}×; ` +
      `fetching alone ${ms(f.fetchMs)} (${(f.pullMs / f.fetchMs).toFixed(1)}×); longest task ${task(f.longestTaskMs)}, longest gap ${ms(f.longestGapMs)}`,
  );
}

// ---- the list and the job page ----

interface ShopTablet {
  jobs: number;
  shop: BigShop;
  context: BrowserContext;
  page: Page;
  /** The job the job-page measures open: one of the newest, still in the shop. */
  job: { id: string; envelope: string };
}

async function seededTablet(
  url: string,
  profile: string,
  jobs: number,
  now: number,
): Promise<ShopTablet> {
  const context = await openBrowser(profile);
  await context.addInitScript(INSTALL_MARKS);
  const page = await benchPage(context, url);
  const shop: BigShop = { jobs, now };
  const seeded = await page.evaluate((s) => {
    const bench = window.idbBench;
    if (!bench) throw new Error('The benchmark page did not load.');
    return bench.seed(s);
  }, shop);
  const usage = await page.evaluate(() => {
    const bench = window.idbBench;
    if (!bench) throw new Error('The benchmark page did not load.');
    return bench.usage();
  });
  console.log(
    `  seeded ${usage.jobs.toLocaleString()} jobs, ${usage.events.toLocaleString()} events in ${ms(seeded.ms)}` +
      (usage.bytes !== null ? `, ${mb(usage.bytes)} stored` : ''),
  );
  const plan = planJob(shop, Math.floor(jobs * 0.97));
  return { jobs, shop, context, page, job: { id: plan.jobId, envelope: plan.envelopeNumber } };
}

async function marks(page: Page): Promise<Marks> {
  const m = await page.evaluate(() => window.__loupeMarks);
  if (!m) throw new Error('The page has no marks: the init script did not run.');
  return m;
}

async function waitForMark(page: Page, key: keyof Marks): Promise<number> {
  await page.waitForFunction((k) => (window.__loupeMarks?.[k] ?? null) !== null, key, {
    timeout: NAVIGATION_TIMEOUT_MS,
  });
  const value = (await marks(page))[key];
  if (value === null) throw new Error(`No ${key} mark.`);
  return value;
}

/** The JS heap in use after a full garbage collection, once the page is idle. */
async function heapAfter(context: BrowserContext, page: Page): Promise<number> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestIdleCallback(
          () => {
            resolve();
          },
          { timeout: 5_000 },
        );
      }),
  );
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await cdp.detach();
  }
}

/** Navigation to a tab's first rows painted, and the heap after: the median of REPS. */
async function tabFigures(
  t: ShopTablet,
  url: string,
  tab: string,
): Promise<{ ms: number; heap: number }> {
  const times: number[] = [];
  const heaps: number[] = [];
  for (let i = 0; i < REPS; i++) {
    await t.page.goto(`${url}/jobs?tab=${tab}`);
    times.push(await waitForMark(t.page, 'rowsPaintedAt'));
    heaps.push(await heapAfter(t.context, t.page));
  }
  return { ms: median(times), heap: median(heaps) };
}

type JobWay = 'typed envelope' | '/jobs/:id' | '/j/:id';

async function jobFigure(t: ShopTablet, url: string, way: JobWay): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    if (way === 'typed envelope') {
      await t.page.goto(`${url}/scan`);
      const field = t.page.getByLabel('Type the envelope number');
      await field.fill(t.job.envelope);
      await t.page.getByRole('button', { name: 'Open', exact: true }).click();
      const painted = await waitForMark(t.page, 'jobPaintedAt');
      const submitted = (await marks(t.page)).submitAt;
      if (submitted === null) throw new Error('The envelope form was not submitted.');
      times.push(painted - submitted);
    } else {
      const path = way === '/jobs/:id' ? `/jobs/${t.job.id}` : `/j/${t.job.id}`;
      await t.page.goto(url + path);
      times.push(await waitForMark(t.page, 'jobPaintedAt'));
    }
    const shown = await t.page.locator(JOB_SELECTOR).textContent();
    if (shown !== t.job.envelope || !t.page.url().endsWith(`/jobs/${t.job.id}`)) {
      throw new Error(`${way} opened ${t.page.url()} showing ${shown ?? 'nothing'}.`);
    }
  }
  return median(times);
}

/** Measures that timed out once, by shop size and name: not asked for again in later runs. */
const stuck = new Set<string>();

/** A measure, or null when its screen did not show in time (the page is then left for a blank one). */
async function guarded<T>(
  t: ShopTablet,
  what: string,
  measure: () => Promise<T>,
): Promise<T | null> {
  const key = `${t.jobs}:${what}`;
  if (stuck.has(key)) return null;
  try {
    return await measure();
  } catch (err) {
    if (!(err instanceof errors.TimeoutError)) throw err;
    stuck.add(key);
    await t.page.goto('about:blank');
    return null;
  }
}

const stuckText = `not shown within ${NAVIGATION_TIMEOUT_MS / 1000} s`;

async function listRun(small: ShopTablet, big: ShopTablet, url: string, run: number) {
  for (const tab of TABS) {
    const s = await guarded(small, tab.id, () => tabFigures(small, url, tab.id));
    const b = await guarded(big, tab.id, () => tabFigures(big, url, tab.id));
    if (s === null || b === null) {
      console.log(
        `  run ${run} "${tab.label}": ${b === null ? stuckText : ms(b.ms)} at ${BIG.toLocaleString()} jobs / ` +
          `${s === null ? stuckText : ms(s.ms)} at ${SMALL.toLocaleString()}`,
      );
      continue;
    }
    keep(`list "${tab.label}" time, big / small`, b.ms / s.ms);
    keep(`list "${tab.label}" heap, big / small`, b.heap / s.heap);
    console.log(
      `  run ${run} "${tab.label}": ${ms(b.ms)} at ${BIG.toLocaleString()} jobs / ${ms(s.ms)} at ${SMALL.toLocaleString()} = ${(b.ms / s.ms).toFixed(2)}×; ` +
        `heap ${mb(b.heap)} / ${mb(s.heap)} = ${(b.heap / s.heap).toFixed(2)}×`,
    );
  }
}

async function jobRun(small: ShopTablet, big: ShopTablet, url: string, run: number) {
  for (const way of ['typed envelope', '/jobs/:id', '/j/:id'] as const) {
    const s = await guarded(small, way, () => jobFigure(small, url, way));
    const b = await guarded(big, way, () => jobFigure(big, url, way));
    if (s === null || b === null) {
      console.log(
        `  run ${run} ${way} → job page: ${b === null ? stuckText : ms(b)} at ${BIG.toLocaleString()} jobs / ` +
          `${s === null ? stuckText : ms(s)} at ${SMALL.toLocaleString()}`,
      );
      continue;
    }
    keep(`job page by ${way}, big / small`, b / s);
    console.log(
      `  run ${run} ${way} → job page: ${ms(b)} at ${BIG.toLocaleString()} jobs / ${ms(s)} at ${SMALL.toLocaleString()} = ${(b / s).toFixed(2)}×`,
    );
  }
}

// ---- the whole run ----

async function seedServer(dataDir: string): Promise<number> {
  const history = makeHistory(HISTORY_JOBS);
  // Filled through the store: this benchmark measures the pull, not the push.
  const store = openSqliteStore(dataDir);
  try {
    const side = store.shop((await resolveShop(store, null)).id);
    for (let i = 0; i < history.length; i += 500) {
      await side.appendEvents(history.slice(i, i + 500), Date.now(), 'bench');
    }
  } finally {
    await store.close();
  }
  return history.length;
}

/** What is running, so that the time limit can stop it as well as the end of the run. */
const running: { contexts: BrowserContext[]; server: RunningServer | null; work: string | null } = {
  contexts: [],
  server: null,
  work: null,
};

async function stopEverything(): Promise<void> {
  for (const context of running.contexts.splice(0)) await context.close().catch(() => undefined);
  const { server, work } = running;
  running.server = null;
  running.work = null;
  await server?.close();
  if (work !== null) rmSync(work, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'loupe-bench-idb-'));
  running.work = work;
  const appDir = join(work, 'app');
  const dataDir = join(work, 'data');
  const open = running.contexts;
  try {
    const prebuilt = process.env.BENCH_APP_DIR;
    if (prebuilt !== undefined && prebuilt !== '') {
      cpSync(prebuilt, appDir, { recursive: true });
      console.log(`  the app measured: the build in ${prebuilt}`);
    } else {
      await buildApp(appDir);
    }
    await buildIdbPage(appDir, { minify: PROFILE === '' });
    if (ONLY.has('pull')) await seedServer(dataDir);
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      staticDir: appDir,
    });
    running.server = server;
    const { url } = server;

    if (ONLY.has('apply') || ONLY.has('pull')) {
      for (let run = 1; run <= RUNS; run++) {
        // A fresh profile each run: the databases a run drops leave Chromium's files behind it,
        // and in one profile each run was slower than the one before (a raw bulkPut of the same
        // rows 25 s, then 36 s, then 89 s), which the ratios hide but the runs should not share.
        const profile = join(work, `profile-sync-${run}`);
        const context = await openBrowser(profile);
        open.push(context);
        const page = await benchPage(context, url);
        if (run === 1) console.log(`  ${await page.evaluate(() => navigator.userAgent)}`);
        if (ONLY.has('apply')) await applyRun(page, run);
        if (ONLY.has('pull')) await pullRun(page, dataDir, run);
        await context.close();
        open.splice(open.indexOf(context), 1);
        rmSync(profile, { recursive: true, force: true });
      }
    }

    if (ONLY.has('list') || ONLY.has('job')) {
      const now = Date.now();
      const small = await seededTablet(url, join(work, 'profile-small'), SMALL, now);
      open.push(small.context);
      const big = await seededTablet(url, join(work, 'profile-big'), BIG, now);
      open.push(big.context);
      // A first visit of each warms the HTTP cache and the database's files, for both alike.
      for (const t of [small, big]) {
        await t.page.goto(`${url}/jobs`);
        await waitForMark(t.page, 'rowsPaintedAt');
      }
      for (let run = 1; run <= RUNS; run++) {
        if (ONLY.has('list')) await listRun(small, big, url, run);
        if (ONLY.has('job')) await jobRun(small, big, url, run);
      }
    }

    console.log(`\n  min / median / max over ${RUNS} run(s):`);
    for (const [what, values] of ratios) {
      const unit = what.endsWith('(ms)') ? ' ms' : '×';
      const f = (v: number) => `${v.toFixed(unit === '×' ? 2 : 0)}${unit}`;
      console.log(
        `    ${what}: ${f(Math.min(...values))} / ${f(median(values))} / ${f(Math.max(...values))}`,
      );
    }
    for (const key of stuck) {
      const at = key.indexOf(':');
      const jobs = Number(key.slice(0, at)).toLocaleString();
      console.log(`    ${key.slice(at + 1)} at ${jobs} jobs: ${stuckText}`);
    }
    console.log('');
  } finally {
    await stopEverything();
  }
}

function withTimeLimit<T>(work: Promise<T>, limitMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void stopEverything().finally(() => {
        reject(new Error(`The IndexedDB benchmark took over ${limitMs / 1000} s and was stopped.`));
      });
    }, limitMs);
  });
  return Promise.race([work, limit]).finally(() => {
    clearTimeout(timer);
  });
}

console.log(
  `IndexedDB in real Chromium: apply and pull of ${(HISTORY_JOBS * 20).toLocaleString()} events, ` +
    `the list and the job page at ${BIG.toLocaleString()} / ${SMALL.toLocaleString()} jobs, ${RUNS} run(s)`,
);
await withTimeLimit(main(), TIME_LIMIT_MS);
