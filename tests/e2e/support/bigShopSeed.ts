// Seeds a big shop (tests/support/bigShop.ts) into a tablet's own IndexedDB, in the browser: the
// benchmark page (bench/idb/) is built once, put beside the app the test's server serves (the same
// origin, so the same database), and makes, folds and writes the jobs a few thousand at a time.
import type { Page } from '@playwright/test';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIdbPage, IDB_PAGE_DIR, IDB_PAGE_PATH } from '../../../bench/idb/build';
import type { BigShop } from '../../support/bigShop';
import type { LoupeServer } from '../fixtures';

let built: Promise<string> | null = null;

/** The page's build, made once per test run (a Vite build takes a while). */
function seedPageBuild(): Promise<string> {
  built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-seed-page-'));
    process.once('exit', () => {
      rmSync(dir, { recursive: true, force: true });
    });
    await buildIdbPage(dir);
    return join(dir, IDB_PAGE_DIR);
  })();
  return built;
}

/**
 * Seeds `shop` into the app's database on this page's origin, before the app has opened it (the
 * page is left on the seeding page: go to the app next). Returns what was stored.
 */
export async function seedBigShopOnTablet(
  page: Page,
  loupe: LoupeServer,
  shop: BigShop,
): Promise<{ jobs: number; events: number }> {
  cpSync(await seedPageBuild(), join(loupe.staticDir, IDB_PAGE_DIR), { recursive: true });
  await page.goto(IDB_PAGE_PATH);
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate((s) => {
    const bench = window.idbBench;
    if (!bench) throw new Error('The seeding page did not load.');
    return bench.seed(s);
  }, shop);
  return page.evaluate(() => {
    const bench = window.idbBench;
    if (!bench) throw new Error('The seeding page did not load.');
    return bench.usage();
  });
}
