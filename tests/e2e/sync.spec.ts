// Sync between two tablets (two browser contexts) through the Loupe server, in real Chromium. Each
// tablet pairs with a code the server's own `npm run pair` code makes; tablet A works a job
// offline (a step, a note, a photo), comes back online and syncs; tablet B then shows the work and
// the photo, its thumbnail fetched first by hash and then the full photo.
import type { Locator } from '@playwright/test';
import { formatStamp } from '../../src/domain/clock';
import { newUlid } from '../../src/domain/ids';
import type { StoredEvent } from '../../src/protocol/events';
import { openedData } from '../support/events';
import { ringPicture } from '../support/png';
import { addFirstPerson, storedPhotoHashes, expect, test, type LoupeServer } from './fixtures';
import { pair, pairingLink, pushAsCounter, syncBadge, tablet } from './support/tablets';

const ENVELOPE = 'E2E-SYNC-1';
const PHOTO_W = 640;
const PHOTO_H = 480;

/** A job opened at the counter on a third device, already on the server when the tablets pair. */
async function jobOnServer(loupe: LoupeServer): Promise<string> {
  const jobId = newUlid();
  const device = 'c0c0c0c0c0c0c0c0';
  const opened: StoredEvent = {
    id: newUlid(),
    jobId,
    type: 'job.opened',
    at: formatStamp({ ms: Date.now() - 60_000, counter: 0, device }),
    actor: 'staff-counter',
    device,
    data: openedData({ envelope: { number: ENVELOPE, preprinted: false } }),
  };
  await pushAsCounter(loupe, [opened]);
  return jobId;
}

/** Waits until an <img> has decoded its bytes and returns its natural size. */
async function naturalSize(img: Locator): Promise<{ w: number; h: number }> {
  await expect(img).toBeVisible();
  await img.evaluate((el: HTMLImageElement) => el.decode());
  return img.evaluate((el: HTMLImageElement) => ({ w: el.naturalWidth, h: el.naturalHeight }));
}

test('work done offline on one tablet reaches the other, photo and all', async ({
  browser,
  loupe,
}) => {
  test.setTimeout(120_000);
  const jobId = await jobOnServer(loupe);
  const contextA = await tablet(browser, loupe);
  const contextB = await tablet(browser, loupe);
  try {
    const a = await contextA.newPage();
    const b = await contextB.newPage();
    await pair(a, await pairingLink(loupe, 'Bench A'));
    await pair(b, await pairingLink(loupe, 'Bench B'));

    // A: someone at the bench, the job pulled from the server, everything synced.
    await addFirstPerson(a);
    await a.goto(`/jobs/${jobId}`);
    await expect(a.getByRole('article', { name: `Job ${ENVELOPE}` })).toBeVisible();
    await expect(syncBadge(a)).toHaveAccessibleName(/^Sync: Synced[^,]*$/, {
      timeout: 20_000,
    });

    // B has the job open too (its own sync on opening is done before A's work reaches the server).
    await b.goto(`/jobs/${jobId}`);
    await expect(b.getByRole('article', { name: `Job ${ENVELOPE}` })).toBeVisible();
    await expect(syncBadge(b)).toHaveAccessibleName(/^Sync: Synced[^,]*$/, { timeout: 20_000 });

    // A goes offline (the casting room) and works the job.
    await contextA.setOffline(true);
    await expect(syncBadge(a)).toHaveAccessibleName(/^Sync: Offline/);
    const step = a.getByRole('checkbox', { name: 'True round on the mandrel' });
    await step.click();
    await expect(step).toHaveAttribute('aria-checked', 'true');
    await a.getByLabel('New note').fill('Shank thin at the back — go gently');
    await a.getByRole('button', { name: 'Add note' }).click();
    await expect(a.getByText('Shank thin at the back — go gently', { exact: true })).toBeVisible();
    await a.getByRole('button', { name: 'Add photos' }).click();
    const capture = a.getByRole('region', { name: 'Take photos' }).first();
    await capture.getByLabel('Pick existing photos').setInputFiles({
      name: 'IMG_0042.png',
      mimeType: 'image/png',
      buffer: ringPicture(PHOTO_W, PHOTO_H, 42),
    });
    await expect(capture.getByRole('status')).toHaveText('Photo saved on this tablet.', {
      timeout: 30_000,
    });
    await expect(a.locator('.photo-thumb img')).toHaveCount(1);
    // The step, the note and the photo wait in the outbox; the header says so.
    await expect(syncBadge(a)).toHaveAccessibleName('Sync: Offline, 3 waiting');
    await expect(syncBadge(a).locator('.sync-waiting')).toHaveText('3');

    // Back online: A syncs by itself (the online event) and says so.
    await contextA.setOffline(false);
    await expect(syncBadge(a)).toHaveAccessibleName(/^Sync: Synced[^,]*$/, {
      timeout: 20_000,
    });
    await syncBadge(a).click();
    const sheetA = a.getByRole('dialog', { name: 'Sync details' });
    await expect(sheetA.getByText('Every change made here is on the shop server.')).toBeVisible();
    await expect(sheetA.getByText(/photos? waiting to upload/)).toHaveCount(0);
    await sheetA.getByRole('button', { name: 'Close' }).click();

    // B, on the job page since before, syncs now from the badge's sheet and shows A's work.
    await syncBadge(b).click();
    const sheetB = b.getByRole('dialog', { name: 'Sync details' });
    await sheetB.getByRole('button', { name: 'Sync now' }).click();
    await expect(sheetB.getByText(/^Last sync at .*: .*received \d+ changes?/)).toBeVisible({
      timeout: 20_000,
    });
    await sheetB.getByRole('button', { name: 'Close' }).click();

    await expect(b.getByText('Shank thin at the back — go gently', { exact: true })).toBeVisible();
    await expect(b.getByRole('checkbox', { name: 'True round on the mandrel' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    // The photo: its thumbnail fetched by hash and shown.
    const thumb = b.locator('.photo-thumb img');
    await expect(thumb).toHaveCount(1, { timeout: 20_000 });
    const small = await naturalSize(thumb);
    expect(small.w).toBeGreaterThan(0);
    expect(small.w).toBeLessThanOrEqual(320);
    await expect(b.getByText(/Photo on another tablet/)).toHaveCount(0);

    // Opened full screen: the full photo, fetched after the thumbnail, at its real size. The job
    // is still as received, so the photo was tagged as the piece came in.
    await b.getByRole('button', { name: /^Intake photo 1 of 1/ }).click();
    const viewer = b.getByRole('dialog', { name: 'Intake photo, 1 of 1' });
    await expect(viewer).toBeVisible();
    await expect
      .poll(async () => naturalSize(viewer.getByTestId('photo-viewer-image')), { timeout: 20_000 })
      .toEqual({ w: PHOTO_W, h: PHOTO_H });
    await expect(viewer.getByText(/Showing the thumbnail/)).toHaveCount(0);
    await expect(viewer.getByText(/Mia Berg · /)).toBeVisible();

    // The same bytes on both tablets, filed by the same hash.
    const [onA] = await storedPhotoHashes(a, jobId);
    const [onB] = await storedPhotoHashes(b, jobId);
    expect(onA?.actual).toBe(onA?.sha256);
    expect(onB).toEqual({ sha256: onA?.sha256, actual: onA?.sha256, uploaded: 1 });
  } finally {
    await contextA.close();
    await contextB.close();
  }
});
