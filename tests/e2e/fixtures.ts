// Each test gets its own Loupe server on 127.0.0.1 (free port), serving a copy of the built app
// with a fresh data folder; both are removed when the test ends.
import { test as base, expect, type Page } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../src/server/server';

// LOUPE_DIST lets a second build (another working copy's) be tested beside the usual one.
export const BUILD_DIR = resolve(process.env.LOUPE_DIST ?? 'dist');

export interface LoupeServer {
  url: string;
  /** The folder the server serves the app from: a test may put a "new version" there. */
  staticDir: string;
  /** The server's data folder (SQLite file, blobs): a test makes pairing codes against it. */
  dataDir: string;
}

export const test = base.extend<{ loupe: LoupeServer }>({
  loupe: async ({}, use) => {
    if (!existsSync(join(BUILD_DIR, 'sw.js'))) {
      throw new Error('No build in dist/: run "npm run build" before the end-to-end tests.');
    }
    const work = mkdtempSync(join(tmpdir(), 'loupe-e2e-'));
    const staticDir = join(work, 'dist');
    cpSync(BUILD_DIR, staticDir, { recursive: true });
    const dataDir = join(work, 'data');
    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, staticDir });
    await use({ url: server.url, staticDir, dataDir });
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

/** The first person on an empty staff list adds themselves from the header and is signed in. */
export async function addFirstPerson(
  page: Page,
  person: { name: string; role: string; pin: string } = {
    name: 'Mia Berg',
    role: 'Bench jeweler',
    pin: '2468',
  },
): Promise<void> {
  await page.getByRole('button', { name: 'Who’s at the bench?' }).click();
  const sheet = page.getByRole('dialog', { name: 'Who’s at the bench?' });
  await sheet.getByLabel('Name').fill(person.name);
  await sheet.getByRole('button', { name: person.role, exact: true }).click();
  await sheet.getByLabel('PIN (4 digits)').fill(person.pin);
  await sheet.getByLabel('PIN again').fill(person.pin);
  await sheet.getByRole('button', { name: 'Add person' }).click();
  await expect(sheet).toBeHidden();
  await expect(page.getByRole('button', { name: person.name, exact: true })).toBeVisible();
}

/** A job's photo rows in the page's IndexedDB: the hash each is filed by, the hash of its bytes. */
export async function storedPhotoHashes(
  page: Page,
  jobId: string,
): Promise<{ sha256: string; actual: string; uploaded: number }[]> {
  return page.evaluate(
    (id) =>
      new Promise<{ sha256: string; actual: string; uploaded: number }[]>((resolve, reject) => {
        const req = indexedDB.open('loupe');
        req.onerror = () => {
          reject(new Error('could not open the app database'));
        };
        req.onsuccess = () => {
          const get = req.result
            .transaction('photos')
            .objectStore('photos')
            .index('jobId')
            .getAll(id);
          get.onsuccess = async () => {
            const out = [];
            for (const row of get.result as { sha256: string; blob: Blob; uploaded: number }[]) {
              const digest = await crypto.subtle.digest('SHA-256', await row.blob.arrayBuffer());
              const actual = [...new Uint8Array(digest)]
                .map((x) => x.toString(16).padStart(2, '0'))
                .join('');
              out.push({ sha256: row.sha256, actual, uploaded: row.uploaded });
            }
            req.result.close();
            resolve(out);
          };
        };
      }),
    jobId,
  );
}
