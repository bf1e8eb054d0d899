// The server's Content-Security-Policy in real Chromium: the app loads, becomes offline-capable,
// prints an envelope label and scans one offline with the camera (ZXing's WebAssembly), and the
// browser reports no violation of the policy anywhere on the way.
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { jobLinkUrl } from '../../src/scan/jobLink';
import { openedEvent } from '../support/events';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { qrLumaFrames } from './support/qrFrames';
import { seedJobOnTablet } from './support/seedJob';
import { writeY4m } from './support/y4m';

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

/**
 * Every CSP violation the page sees: the DOM event (with the directive and what was blocked), and
 * the console errors Chromium prints for them, in case one fires where no listener was yet.
 */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      seen.push(`console: ${message.text()}`);
    }
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => {
    seen.push(text);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (t: string) => void })
        .__reportCspViolation;
      report(
        `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  return seen;
}

test('the app runs under its Content-Security-Policy: load, offline, label, camera scan', async ({
  loupe,
}) => {
  const { jobId, opened } = openedEvent();
  const label = jobLinkUrl(loupe.url, jobId);
  const work = mkdtempSync(join(tmpdir(), 'loupe-csp-'));
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
    const violations = await watchViolations(page);

    // The policy is really there, on the page and on what it loads.
    const response = await page.goto('/jobs');
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
    await waitForServiceWorkerControl(page);
    await seedJobOnTablet(page, opened);

    // The envelope label writes its print CSS into a <style> element.
    await page.goto(`/jobs/${jobId}/label`);
    await expect(page.locator('.label-sheet').first()).toBeVisible();

    // Offline, from the service worker's cache: the shell, the scanner's code and its .wasm.
    await context.setOffline(true);
    await page.goto('/scan');
    await expect(page).toHaveURL(`${loupe.url}/jobs/${jobId}`, { timeout: 20_000 });
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

    expect(violations).toEqual([]);
    await context.close();
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
});

test('no other site can frame the app', async ({ page, loupe }) => {
  // A page of another origin (about:blank) putting Loupe in a frame: Chromium shows its own error
  // page in the frame instead (frame-ancestors 'none'); without the policy the app would load there.
  await page.setContent(`<iframe src="${loupe.url}/jobs"></iframe>`);
  await expect
    .poll(() =>
      page
        .frames()
        .find((f) => f !== page.mainFrame())
        ?.url(),
    )
    .toBe('chrome-error://chromewebdata/');
  await expect(page.frameLocator('iframe').locator('#root')).toHaveCount(0);
});
