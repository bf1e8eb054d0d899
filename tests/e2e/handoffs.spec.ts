// Hand-offs in real Chromium, offline: a piece handed on by its envelope and the receiver's badge
// (read by the fake camera), signed for with the receiver's PIN; and the end-of-day safe count that
// survives a reload and lists the envelope that is not in the safe, with where it was last.
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { DATABASE_NAME } from '../../src/db/LoupeDB';
import { newUlid } from '../../src/domain/ids';
import { hashPin } from '../../src/domain/pin';
import { foldShop } from '../../src/domain/shopState';
import { parseEvent, type StoredEvent } from '../../src/protocol/events';
import { SHOP_STREAM_ID } from '../../src/protocol/streams';
import { badgeLinkUrl } from '../../src/scan/badgeLink';
import { event, openedData, openedEvent, stampAt } from '../support/events';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { qrLumaFrames } from './support/qrFrames';
import { seedJobOnTablet } from './support/seedJob';
import { writeY4m } from './support/y4m';

const MIA = { id: newUlid(), name: 'Mia Berg', pin: '2468' };
const JO = { id: newUlid(), name: 'Jo Smith', pin: '1357' };

/** The staff as if they had synced in from another tablet: their events and the shop row folded. */
async function seedStaff(page: Page): Promise<void> {
  const events: StoredEvent[] = [];
  for (const [i, p] of [MIA, JO].entries()) {
    const data = {
      staffId: p.id,
      name: p.name,
      role: 'jeweler' as const,
      pin: await hashPin(p.pin),
    };
    events.push(parseEvent(event(SHOP_STREAM_ID, 'staff.added', data, stampAt(i), p.id)));
  }
  const shop = foldShop(events);
  await page.waitForFunction(
    async (name) => (await indexedDB.databases()).some((d) => d.name === name),
    DATABASE_NAME,
  );
  await page.evaluate(
    ({ name, events, shop }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
        request.onsuccess = () => {
          const idb = request.result;
          const tx = idb.transaction(['events', 'shop'], 'readwrite');
          for (const e of events) tx.objectStore('events').put(e);
          tx.objectStore('shop').put(shop);
          tx.oncomplete = () => {
            idb.close();
            resolve();
          };
          tx.onerror = () => {
            idb.close();
            reject(tx.error ?? new Error('The seed transaction failed'));
          };
        };
      }),
    { name: DATABASE_NAME, events, shop },
  );
}

/** A job Mia took in, on envelope `number`, as if it had synced in from the front counter. */
function jobOn(number: string) {
  const { jobId } = openedEvent();
  const opened = event(
    jobId,
    'job.opened',
    openedData({ envelope: { number, preprinted: false } }),
    stampAt(5),
    MIA.id,
  );
  return { jobId, opened };
}

async function signIn(page: Page, person: { name: string; pin: string }): Promise<void> {
  await page.getByRole('button', { name: 'Who’s at the bench?' }).click();
  const sheet = page.getByRole('dialog', { name: 'Who’s at the bench?' });
  await sheet.getByRole('button', { name: person.name, exact: true }).click();
  await pressPin(page, person);
  await expect(sheet).toBeHidden();
  await expect(
    page.getByRole('banner').getByRole('button', { name: person.name, exact: true }),
  ).toBeVisible();
}

async function pressPin(page: Page, person: { name: string; pin: string }): Promise<void> {
  const pad = page.getByRole('group', { name: `PIN for ${person.name}` });
  for (const digit of person.pin)
    await pad.getByRole('button', { name: digit, exact: true }).click();
}

async function typeEnvelope(page: Page, number: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Envelope number' });
  await form.getByLabel('Envelope number').fill(number);
  await form.getByRole('button', { name: 'Add' }).click();
}

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

test('offline, a piece is handed on by its envelope and the receiver’s badge, and the receiver signs with their PIN', async ({
  loupe,
}) => {
  const work = mkdtempSync(join(tmpdir(), 'loupe-badge-'));
  const video = join(work, 'badge.y4m');
  const badge = badgeLinkUrl(loupe.url, { kind: 'staff', id: JO.id });
  writeY4m(video, 640, 480, qrLumaFrames({ text: badge, width: 640, height: 480, frames: 10 }));
  const browser = await browserWithCamera(video);
  try {
    const context = await browser.newContext({
      baseURL: loupe.url,
      serviceWorkers: 'allow',
      viewport: { width: 1180, height: 820 },
    });
    const page = await context.newPage();
    await page.goto('/jobs');
    await waitForServiceWorkerControl(page);
    const ring = jobOn('K7-0042');
    await seedStaff(page);
    await seedJobOnTablet(page, ring.opened);

    // The bench has no network: the shell, the scanner and its .wasm come from the precache.
    await context.setOffline(true);
    await page.goto('/custody?tab=hand-on');
    await signIn(page, MIA);

    await typeEnvelope(page, 'K7-0042');
    await expect(page.locator('.ho-notice')).toContainText('Envelope K7-0042 added');
    // Jo holds up their badge to the tablet's camera.
    await page.getByRole('button', { name: 'Scan with the camera' }).click();
    const confirm = page.getByRole('region', { name: 'Confirm receipt' });
    await expect(confirm.getByRole('heading')).toHaveText('Jo Smith, confirm you have K7-0042', {
      timeout: 20_000,
    });
    await page.getByRole('button', { name: 'Stop the camera' }).click();

    await pressPin(page, { name: JO.name, pin: '0000' });
    await expect(confirm.getByRole('alert')).toHaveText('That is not Jo Smith’s PIN. Try again.');
    await pressPin(page, JO);
    await expect(page.locator('.ho-notice')).toHaveText(
      '✓ Jo Smith confirmed receipt of K7-0042 with their PIN.',
    );

    // The job's custody says so, from both sides.
    await page.goto(`/jobs/${ring.jobId}`);
    const custody = page.getByRole('region', { name: 'Custody' });
    await expect(custody.getByRole('listitem')).toContainText(
      /Mia Berg handed it to Jo Smith — confirmed by Jo Smith with their PIN/,
    );
    await context.close();
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
});

test('offline, the safe count survives a reload and lists the envelope not in the safe', async ({
  page,
  context,
}) => {
  await page.setViewportSize({ width: 1180, height: 820 });
  await page.goto('/jobs');
  await waitForServiceWorkerControl(page);
  const inSafe = jobOn('K7-0042');
  const missing = jobOn('K7-0043');
  await seedStaff(page);
  await seedJobOnTablet(page, inSafe.opened);
  await seedJobOnTablet(page, missing.opened);

  await context.setOffline(true);
  await page.goto('/custody?tab=safe');
  await signIn(page, MIA);
  await page.getByRole('button', { name: 'Start count' }).click();
  await typeEnvelope(page, 'K7-0042');
  await expect(page.locator('.ho-notice')).toHaveText('✓ Envelope K7-0042 is in the safe.');
  await expect(page.getByTestId('safe-count-scanned')).toHaveText('1');

  // The tablet is reloaded mid-count: the count goes on where it was.
  await page.reload();
  await expect(page.getByTestId('safe-count-scanned')).toHaveText('1');
  await expect(page.getByText('scanned of 2 open jobs')).toBeVisible();
  // A scanner typing the same envelope again: said, counted once.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.type('K7-0042', { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page.locator('.ho-notice')).toHaveText(
    '✓ Envelope K7-0042 was scanned already: it counts once.',
  );

  await page.getByRole('button', { name: 'Finish count' }).click();
  const notInSafe = page.getByRole('region', { name: 'Not in the safe' });
  await expect(notInSafe.getByRole('heading')).toHaveText('1 open job not in the safe');
  await expect(notInSafe.getByRole('listitem')).toHaveText(
    'K7-0043 — last with Mia Berg (took it in)',
  );
  await notInSafe.getByRole('link', { name: 'K7-0043' }).click();
  await expect(page).toHaveURL(`${new URL(page.url()).origin}/jobs/${missing.jobId}`);
});
