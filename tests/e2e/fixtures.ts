// Each test gets its own Loupe server on 127.0.0.1 (free port), serving a copy of the built app
// with a fresh data folder; both are removed when the test ends.
import { test as base, expect, type Page } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../src/server/server';

export const BUILD_DIR = resolve('dist');

export interface LoupeServer {
  url: string;
  /** The folder the server serves the app from: a test may put a "new version" there. */
  staticDir: string;
}

export const test = base.extend<{ loupe: LoupeServer }>({
  loupe: async ({}, use) => {
    if (!existsSync(join(BUILD_DIR, 'sw.js'))) {
      throw new Error('No build in dist/: run "npm run build" before the end-to-end tests.');
    }
    const work = mkdtempSync(join(tmpdir(), 'loupe-e2e-'));
    const staticDir = join(work, 'dist');
    cpSync(BUILD_DIR, staticDir, { recursive: true });
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(work, 'data'),
      staticDir,
    });
    await use({ url: server.url, staticDir });
    await server.close();
    rmSync(work, { recursive: true, force: true });
  },
  baseURL: async ({ loupe }, use) => {
    await use(loupe.url);
  },
});

export { expect };

/** Waits until the service worker controls the page: from then on the shell opens offline. */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 20_000,
  });
}
