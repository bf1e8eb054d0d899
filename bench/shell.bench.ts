// Benchmark of the shell in real Chromium (Debian's): the JS and CSS a tablet fetches before the
// first screen (the jobs list at /jobs) shows, against the goal of 125 KB gzip, and what crossed the
// wire for it (the server sends each file as its Brotli or gzip copy, scripts/precompress.ts).
//
// The app is built into a temp folder (or BENCH_APP_DIR, e.g. an older build to compare with) and
// served by the real Loupe server on 127.0.0.1; each run opens /jobs in a fresh browser context (a
// first visit: nothing cached) and waits for the list's first content (its rows, or the empty
// shop's "No jobs on this tablet yet"). The page notes that moment itself (performance.now(), from a
// MutationObserver set before any script) and the counted files are those whose request started
// before it, from the page's Resource Timing: encodedBodySize is the body as it came on the wire
// (compressed), decodedBodySize the file. The gzip figure is each file gzipped at level 9 here,
// which is what the build's .gz copy is. Service workers are blocked: the worker registers after
// the first screen and would only add its precache downloads.
//
// Knobs (environment):
//   BENCH_SHELL_RUNS  first visits measured (3); the files counted are the same each time, or said
//   BENCH_APP_DIR     a built app to measure instead of building this tree (never changed)
import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import { startServer } from '../src/server/server';

const RUNS = Number(process.env.BENCH_SHELL_RUNS ?? 3);
if (!Number.isInteger(RUNS) || RUNS < 1)
  throw new Error('BENCH_SHELL_RUNS must be a whole number.');
/** The goal for the JS and CSS before the first screen, gzip. */
const GOAL_KB = 125;

interface Fetched {
  path: string;
  /** The body as it came on the wire: compressed when the server sent a copy. */
  wire: number;
  /** The file itself. */
  decoded: number;
  encoding: string;
}

interface FirstVisit {
  /** JS and CSS whose request started before the first screen showed, in request order. */
  before: Fetched[];
  /** JS and CSS fetched after it (sync, the alerts, the rest): shown for what moved out. */
  after: Fetched[];
}

/**
 * Set before any of the app's scripts: notes when the jobs list first shows content. A string, not
 * a function: tsx would wrap a function's inner ones in a helper the page does not have.
 */
const WATCH_FIRST_SCREEN = `(() => {
  const shown = () => {
    const panel = document.getElementById('jobs-panel');
    if (!panel) return false;
    return panel.querySelector('a[href^="/jobs/"]') !== null ||
      (panel.textContent || '').includes('No jobs on this tablet yet');
  };
  const observer = new MutationObserver(() => {
    if (window.__firstScreenAt === undefined && shown()) {
      window.__firstScreenAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/** In the page: resolves once a second has passed with no new file fetched (a string, as above). */
const SETTLED = `new Promise((resolve) => {
  let count = performance.getEntriesByType('resource').length;
  const check = () => {
    const now = performance.getEntriesByType('resource').length;
    if (now === count) resolve(true);
    else { count = now; setTimeout(check, 1000); }
  };
  setTimeout(check, 1000);
})`;

const isCode = (path: string) => /\.(m?js|css)$/.test(path);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

async function firstVisit(url: string): Promise<FirstVisit> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({
      serviceWorkers: 'block',
      viewport: { width: 1024, height: 768 },
    });
    const page = await context.newPage();
    const encodings = new Map<string, string>();
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      encodings.set(path, response.headers()['content-encoding'] ?? 'none');
    });
    await page.addInitScript(WATCH_FIRST_SCREEN);
    await page.goto(`${url}/jobs`);
    await page.waitForFunction(
      () => (window as unknown as { __firstScreenAt?: number }).__firstScreenAt !== undefined,
      undefined,
      { timeout: 60_000 },
    );
    // What the app starts once the first screen is up (sync, the alerts) is fetched next: for
    // "after", wait until it has come and a second has passed with no new file.
    await page.waitForFunction(SETTLED, undefined, { timeout: 60_000 });
    const timing = await page.evaluate(() => ({
      shownAt: (window as unknown as { __firstScreenAt: number }).__firstScreenAt,
      resources: performance.getEntriesByType('resource').map((e) => {
        const r = e as PerformanceResourceTiming;
        return {
          name: r.name,
          startTime: r.startTime,
          wire: r.encodedBodySize,
          decoded: r.decodedBodySize,
        };
      }),
    }));
    const visit: FirstVisit = { before: [], after: [] };
    for (const r of timing.resources) {
      const path = new URL(r.name).pathname;
      if (!isCode(path)) continue;
      const fetched = {
        path,
        wire: r.wire,
        decoded: r.decoded,
        encoding: encodings.get(path) ?? '?',
      };
      (r.startTime <= timing.shownAt ? visit.before : visit.after).push(fetched);
    }
    await context.close();
    return visit;
  } finally {
    await browser.close();
  }
}

/** Which files went uncompressed: none, or only those too small for the build to compress. */
function describePlain(rows: readonly Fetched[]): string {
  const plain = rows.filter((r) => r.encoding === 'none');
  if (plain.length === 0) return 'all compressed';
  const small = plain.every((r) => r.decoded < 512);
  return `${plain.length} sent as they are${small ? ', each under 512 bytes' : ''}`;
}

function gzipSize(appDir: string, path: string): number {
  return gzipSync(readFileSync(join(appDir, path)), { level: 9 }).length;
}

const work = mkdtempSync(join(tmpdir(), 'loupe-shell-bench-'));
try {
  const appDir = process.env.BENCH_APP_DIR ?? join(work, 'app');
  console.log('\nShell: JS and CSS before the first screen (/jobs), real Chromium');
  if (process.env.BENCH_APP_DIR === undefined) {
    await build({
      root: process.cwd(),
      logLevel: 'warn',
      build: { outDir: appDir, emptyOutDir: true },
    });
  } else {
    console.log(`  measuring the build in ${appDir}`);
  }
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(work, 'data'),
    staticDir: appDir,
  });
  try {
    const visits: FirstVisit[] = [];
    for (let run = 0; run < RUNS; run++) visits.push(await firstVisit(server.url));

    const last = visits[visits.length - 1];
    if (!last) throw new Error('No run was measured.');
    const lists = new Set(
      visits.map((v) =>
        v.before
          .map((f) => f.path)
          .sort()
          .join(' '),
      ),
    );
    if (lists.size > 1) {
      console.log(
        `  the files fetched before the first screen differed between runs (${lists.size} sets)`,
      );
    }
    const rows = last.before.map((f) => ({ ...f, gzip: gzipSize(appDir, f.path) }));
    console.log('  before the first screen (last run):');
    console.log(
      `    ${'file'.padEnd(44)} ${'file KB'.padStart(8)} ${'gzip KB'.padStart(8)} ${'wire KB'.padStart(8)}  sent as`,
    );
    for (const r of [...rows].sort((a, b) => b.gzip - a.gzip)) {
      console.log(
        `    ${r.path.padEnd(44)} ${kb(r.decoded).padStart(8)} ${kb(r.gzip).padStart(8)} ${kb(r.wire).padStart(8)}  ${r.encoding}`,
      );
    }
    const sum = (pick: (r: (typeof rows)[number]) => number) =>
      rows.reduce((n, r) => n + pick(r), 0);
    const js = rows.filter((r) => !r.path.endsWith('.css'));
    const gzipTotal = sum((r) => r.gzip);
    console.log(
      `    ${'total'.padEnd(44)} ${kb(sum((r) => r.decoded)).padStart(8)} ${kb(gzipTotal).padStart(8)} ${kb(sum((r) => r.wire)).padStart(8)}`,
    );
    console.log(
      `  JS ${kb(js.reduce((n, r) => n + r.gzip, 0))} KB + CSS ${kb(gzipTotal - js.reduce((n, r) => n + r.gzip, 0))} KB gzip, ` +
        `${rows.length} files; on the wire ${kb(sum((r) => r.wire))} KB ` +
        `(${describePlain(rows)})`,
    );
    console.log(
      `  goal ≤ ${GOAL_KB} KB gzip: ${kb(gzipTotal)} KB, ${(gzipTotal / 1024 / GOAL_KB).toFixed(2)}× the goal ` +
        `(${gzipTotal / 1024 <= GOAL_KB ? 'met' : 'not met'})`,
    );
    const totals = visits.map((v) => v.before.reduce((n, f) => n + gzipSize(appDir, f.path), 0));
    console.log(
      `  per run, gzip KB: ${totals.map(kb).join(' / ')}; after the first screen: ` +
        `${last.after.length} files, ${kb(last.after.reduce((n, f) => n + f.wire, 0))} KB on the wire\n`,
    );
  } finally {
    await server.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
