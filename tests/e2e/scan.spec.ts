// Scanning in real Chromium, offline: the fake camera shows a job's label and the job opens; a
// keyboard-wedge scanner typing the label does the same; a label of a job not here says so kindly.
import { chromium, type Browser } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { newJobId } from '../../src/domain/ids';
import { jobLinkUrl } from '../../src/scan/jobLink';
import { openedEvent } from '../support/events';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { qrLumaFrames } from './support/qrFrames';
import { seedJobOnTablet } from './support/seedJob';
import { writeY4m } from './support/y4m';

/** A browser whose camera plays `file` (launch options are fixed per browser, so one per test). */
function browserWithCamera(file: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${file}`,
    ],
  });
}

test('offline, the camera reads a job label and opens the job; so does a wedge scanner', async ({
  loupe,
}) => {
  const { jobId, opened } = openedEvent();
  const label = jobLinkUrl(loupe.url, jobId);
  const work = mkdtempSync(join(tmpdir(), 'loupe-camera-'));
  const video = join(work, 'label.y4m');
  writeY4m(video, 640, 480, qrLumaFrames({ text: label, width: 640, height: 480, frames: 10 }));
  const browser = await browserWithCamera(video);
  try {
    const context = await browser.newContext({
      baseURL: loupe.url,
      serviceWorkers: 'allow',
      viewport: { width: 1024, height: 768 },
    });
    const page = await context.newPage();
    await page.goto('/jobs');
    await waitForServiceWorkerControl(page);
    // The job was opened at the front counter and has synced to this tablet.
    await seedJobOnTablet(page, opened);

    // The casting room: no network at all. The shell, the scanner's code and its .wasm all come
    // from the service worker's precache.
    await context.setOffline(true);
    await page.goto('/scan');
    await expect(page).toHaveURL(`${loupe.url}/jobs/${jobId}`, { timeout: 20_000 });

    // A USB scanner reading the same label, with the focus on no field.
    await page.goto('/jobs');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    // Playwright sends each key only once the page took the last one, so a long task of the
    // jobs list settling would show up as a pause inside the burst: start when the page is idle.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          (document.activeElement as HTMLElement | null)?.blur();
          requestIdleCallback(
            () => {
              resolve();
            },
            { timeout: 2000 },
          );
        }),
    );
    await page.keyboard.type(label, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`${loupe.url}/jobs/${jobId}`);

    // A label of a job that has not synced here yet: a kind word, offline too.
    await page.goto(`/j/${newJobId()}`);
    await expect(page.getByRole('heading', { name: 'Not on this tablet yet' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Scan', exact: true }).first()).toBeVisible();
    await context.close();
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
});

test('refused camera: the scanner says how to allow it, and typing the number still works', async ({
  page,
  context,
}) => {
  await page.goto('/jobs');
  await waitForServiceWorkerControl(page);
  // Without --use-fake-ui-for-media-stream a headless browser refuses the camera.
  await context.clearPermissions();
  await page.goto('/scan');
  await expect(page.getByRole('alert')).toContainText(
    /Loupe may not use the camera|No camera found/,
  );
  await page.getByLabel('Type the envelope number').fill('00012345');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(
    page.getByRole('link', { name: 'Open a new job on envelope 00012345' }),
  ).toHaveAttribute('href', '/intake?envelope=00012345');
});
