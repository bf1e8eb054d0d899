// Photos in real Chromium: a photo from a (fake) camera is stored with its bytes and still shows
// offline after a reload; a 12-MP picture is made ≤ 2048 px WebP/JPEG with a ≤ 320 px thumbnail;
// an EXIF-rotated JPEG is stored upright. Needs <PhotoCapture> and <JobPhotos> on the job page.
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import { formatStamp } from '../../src/domain/clock';
import { newUlid } from '../../src/domain/ids';
import { foldJob } from '../../src/domain/projection';
import { withListFields } from '../../src/domain/jobList';
import type { StoredEvent } from '../../src/protocol/events';
import { openedData } from '../support/events';
import { ringPicture } from '../support/png';
import {
  addFirstPerson,
  expect,
  storedPhotoHashes,
  test,
  waitForServiceWorkerControl,
} from './fixtures';

const CAMERA_W = 640;
const CAMERA_H = 480;

/**
 * A Y4M clip for Chromium's fake camera: a bright ring drifting over a textured bench mat, in
 * colour (C420: full-size luma, quarter-size chroma planes).
 */
function writeCameraClip(path: string, frames = 10): void {
  const header = `YUV4MPEG2 W${CAMERA_W} H${CAMERA_H} F30:1 Ip A1:1 C420jpeg\n`;
  const ySize = CAMERA_W * CAMERA_H;
  const cSize = (CAMERA_W / 2) * (CAMERA_H / 2);
  const parts: Buffer[] = [Buffer.from(header, 'ascii')];
  for (let f = 0; f < frames; f++) {
    const y = Buffer.alloc(ySize);
    const u = Buffer.alloc(cSize, 128);
    const v = Buffer.alloc(cSize, 128);
    const cx = CAMERA_W / 2 + f;
    const cy = CAMERA_H / 2;
    for (let py = 0; py < CAMERA_H; py++) {
      for (let px = 0; px < CAMERA_W; px++) {
        const d = Math.hypot(px - cx, py - cy);
        const ring = d > 90 && d < 130;
        const mat = 50 + (((px >> 3) ^ (py >> 3)) % 4) * 12 + ((px * 7 + py * 13 + f) % 9);
        y[py * CAMERA_W + px] = ring ? 200 : mat;
        if (ring && px % 2 === 0 && py % 2 === 0) {
          const c = (py / 2) * (CAMERA_W / 2) + px / 2;
          u[c] = 80; // gold: less blue,
          v[c] = 160; // more red
        }
      }
    }
    parts.push(Buffer.from('FRAME\n', 'ascii'), y, u, v);
  }
  writeFileSync(path, Buffer.concat(parts));
}

/** The first person on the staff list adds themselves and is signed in; returns their id. */
async function signInFirstPerson(page: Page): Promise<string> {
  await addFirstPerson(page);
  const staffId = await page.evaluate(() => {
    const raw = localStorage.getItem('loupe.session') ?? '{}';
    return (JSON.parse(raw) as { state?: { staffId?: string } }).state?.staffId ?? '';
  });
  expect(staffId).not.toBe('');
  return staffId;
}

/**
 * Puts a job on this tablet as if it had been opened at the counter: its job.opened event and
 * projection, written to the app's IndexedDB. (Until the intake screen exists; then open it there.)
 */
async function seedJob(page: Page, staffId: string): Promise<string> {
  const jobId = newUlid();
  const at = formatStamp({ ms: Date.now() - 60_000, counter: 0, device: 'e2e0e2e0e2e0e2e0' });
  const opened: StoredEvent = {
    id: newUlid(),
    jobId,
    type: 'job.opened',
    at,
    actor: staffId,
    device: 'e2e0e2e0e2e0e2e0',
    data: openedData({ envelope: { number: 'E2E-0001', preprinted: false } }),
  };
  const folded = foldJob([opened]);
  // Stored as the app's registry writes it: with the list's index fields.
  const job = folded && withListFields(folded);
  expect(job).not.toBeNull();
  await page.evaluate(
    ([event, projection]) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('loupe');
        req.onerror = () => {
          reject(new Error('could not open the app database'));
        };
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['events', 'jobs'], 'readwrite');
          tx.objectStore('events').put(event);
          tx.objectStore('jobs').put(projection);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => {
            reject(tx.error ?? new Error('seeding failed'));
          };
        };
      }),
    [opened, job] as const,
  );
  return jobId;
}

interface StoredPhotoFacts {
  sha256: string;
  mimeType: string;
  width: number;
  height: number;
  bytes: number;
  blobType: string;
  blobSize: number;
  decoded: { width: number; height: number };
  /** meanLuma: a black frame (a fake camera that failed) would be near 0. */
  thumbnail: { type: string; width: number; height: number; meanLuma: number };
}

/** What IndexedDB holds for the job's photos, each decoded back from its stored bytes. */
function storedPhotos(page: Page, jobId: string): Promise<StoredPhotoFacts[]> {
  return page.evaluate(
    (id) =>
      new Promise<StoredPhotoFacts[]>((resolve, reject) => {
        const req = indexedDB.open('loupe');
        req.onerror = () => {
          reject(new Error('could not open the app database'));
        };
        req.onsuccess = () => {
          const db = req.result;
          const get = db.transaction('photos').objectStore('photos').index('jobId').getAll(id);
          get.onsuccess = async () => {
            const rows = get.result as {
              sha256: string;
              mimeType: string;
              width: number;
              height: number;
              bytes: number;
              blob: Blob;
              thumbnail: Blob;
            }[];
            const facts: StoredPhotoFacts[] = [];
            for (const row of rows) {
              const full = await createImageBitmap(row.blob);
              const thumb = await createImageBitmap(row.thumbnail);
              const canvas = new OffscreenCanvas(thumb.width, thumb.height);
              const ctx = canvas.getContext('2d');
              ctx?.drawImage(thumb, 0, 0);
              const pixels = ctx?.getImageData(0, 0, thumb.width, thumb.height).data ?? [];
              let luma = 0;
              for (let i = 0; i < pixels.length; i += 4) {
                luma +=
                  0.299 * (pixels[i] ?? 0) +
                  0.587 * (pixels[i + 1] ?? 0) +
                  0.114 * (pixels[i + 2] ?? 0);
              }
              facts.push({
                sha256: row.sha256,
                mimeType: row.mimeType,
                width: row.width,
                height: row.height,
                bytes: row.bytes,
                blobType: row.blob.type,
                blobSize: row.blob.size,
                decoded: { width: full.width, height: full.height },
                thumbnail: {
                  type: row.thumbnail.type,
                  width: thumb.width,
                  height: thumb.height,
                  meanLuma: luma / Math.max(1, pixels.length / 4),
                },
              });
            }
            db.close();
            resolve(facts);
          };
          get.onerror = () => {
            reject(get.error ?? new Error('read failed'));
          };
        };
      }),
    jobId,
  );
}

/** The capture panel on the job page, opened with "Add photos" where the page keeps it folded. */
async function openCapture(page: Page) {
  const capture = page.getByRole('region', { name: 'Take photos' }).first();
  const add = page.getByRole('button', { name: 'Add photos' }).first();
  await expect(capture.or(add).first()).toBeVisible();
  if (await add.isVisible()) await add.click();
  await expect(capture).toBeVisible();
  return capture;
}

/** Waits until an <img> has decoded its bytes and returns its natural size. */
async function naturalSize(page: Page, selector: string) {
  const img = page.locator(selector).first();
  await expect(img).toBeVisible();
  await img.evaluate((el: HTMLImageElement) => el.decode());
  return img.evaluate((el: HTMLImageElement) => ({ w: el.naturalWidth, h: el.naturalHeight }));
}

test('a photo from the camera shows in the gallery and stays, bytes and all, offline', async ({
  loupe,
}) => {
  const work = mkdtempSync(join(tmpdir(), 'loupe-camera-'));
  const clip = join(work, 'camera.y4m');
  writeCameraClip(clip);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${clip}`,
    ],
  });
  try {
    const context = await browser.newContext({
      baseURL: loupe.url,
      serviceWorkers: 'allow',
      viewport: { width: 1024, height: 768 },
    });
    const page = await context.newPage();
    await page.goto('/settings');
    await waitForServiceWorkerControl(page);
    const staffId = await signInFirstPerson(page);
    const jobId = await seedJob(page, staffId);

    await page.goto(`/jobs/${jobId}`);
    const capture = await openCapture(page);
    await capture.getByRole('radio', { name: 'Before' }).click();
    await expect(capture.getByRole('radio', { name: 'Before' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await capture.getByLabel(/Note for the next photo/).fill('Worn prong at 3 o’clock');
    await capture.getByRole('button', { name: 'Open camera' }).click();
    const shutter = capture.getByRole('button', { name: 'Take photo' });
    await expect(shutter).toBeEnabled();
    await shutter.click();
    await expect(capture.getByRole('status')).toHaveText('Photo saved on this tablet.');

    const thumb = page.getByRole('button', {
      name: 'Before photo 1 of 1: Worn prong at 3 o’clock',
    });
    await expect(thumb.first()).toBeVisible();
    expect((await naturalSize(page, '.photo-thumb img')).w).toBeGreaterThan(0);

    const [stored] = await storedPhotos(page, jobId);
    expect(stored).toMatchObject({
      width: CAMERA_W,
      height: CAMERA_H,
      decoded: { width: CAMERA_W, height: CAMERA_H },
    });
    expect(['image/webp', 'image/jpeg']).toContain(stored?.mimeType);
    expect(stored?.blobType).toBe(stored?.mimeType);
    expect(stored?.thumbnail).toMatchObject({ type: stored?.mimeType, width: 320, height: 240 });
    expect(stored?.thumbnail.meanLuma).toBeGreaterThan(40);

    // The camera is closed when the bench moves on: no track keeps running.
    await capture.getByRole('button', { name: 'Close camera' }).click();
    await expect(capture.getByLabel('Camera preview')).toHaveCount(0);

    await context.setOffline(true);
    await page.reload();
    await expect(thumb.first()).toBeVisible();
    expect((await naturalSize(page, '.photo-thumb img')).w).toBeGreaterThan(0);

    // The full photo opens offline too, with what it shows and who took it.
    await thumb.first().click();
    const viewer = page.getByRole('dialog', { name: 'Before photo, 1 of 1' });
    await expect(viewer).toBeVisible();
    await expect(viewer.getByText('Worn prong at 3 o’clock')).toBeVisible();
    await expect(viewer.getByText(/Mia Berg · /)).toBeVisible();
    const full = await naturalSize(page, '[data-testid="photo-viewer-image"]');
    expect(full).toEqual({ w: CAMERA_W, h: CAMERA_H });
    const close = viewer.getByRole('button', { name: 'Close photo' });
    const box = await close.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(48);
    expect(box?.height).toBeGreaterThanOrEqual(48);
    // Double tap (here a double click: the same pointer events) zooms in, and again back out.
    const image = viewer.getByTestId('photo-viewer-image');
    await viewer.getByTestId('photo-viewer-stage').dblclick();
    await expect(image).toHaveCSS('transform', /matrix\(2\.5, 0, 0, 2\.5,/);
    await viewer.getByTestId('photo-viewer-stage').dblclick();
    await expect(image).toHaveCSS('transform', /none|matrix\(1, 0, 0, 1, 0, 0\)/);
    await page.keyboard.press('Escape');
    await expect(viewer).toHaveCount(0);
    await context.close();
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
});

/** A JPEG made in the page, with an EXIF APP1 segment saying "rotate 90° clockwise" (6). */
function rotatedJpeg(page: Page, width: number, height: number): Promise<number[]> {
  return page.evaluate(
    async ([w, h]) => {
      const canvas = new OffscreenCanvas(w, h);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.fillStyle = '#d9a94b';
      ctx.fillRect(0, 0, w, h);
      ctx.fillStyle = '#1f2a36';
      ctx.fillRect(0, 0, w / 4, h);
      const jpeg = new Uint8Array(
        await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer(),
      );
      // APP1: "Exif\0\0", big-endian TIFF header, one IFD entry: Orientation (0x0112) SHORT = 6.
      const tiff = [
        0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00,
        0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      ];
      const payload = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff];
      const length = payload.length + 2;
      const app1 = [0xff, 0xe1, length >> 8, length & 0xff, ...payload];
      return [...jpeg.subarray(0, 2), ...app1, ...jpeg.subarray(2)];
    },
    [width, height] as const,
  );
}

test('a 12-megapixel picture is stored at most 2048 px, WebP or JPEG, with a small thumbnail', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const fellBack: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('main thread')) fellBack.push(message.text());
  });
  await page.goto('/settings');
  await waitForServiceWorkerControl(page);
  const staffId = await signInFirstPerson(page);
  const jobId = await seedJob(page, staffId);
  await page.goto(`/jobs/${jobId}`);
  const capture = await openCapture(page);
  await capture.getByRole('radio', { name: 'Damage' }).click();

  const big = ringPicture(4000, 3000, 1);
  const rotated = Buffer.from(await rotatedJpeg(page, 400, 200));
  await capture.getByLabel('Pick existing photos').setInputFiles([
    { name: 'IMG_0001.png', mimeType: 'image/png', buffer: big },
    { name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: rotated },
  ]);
  await expect(capture.getByRole('status')).toHaveText(/Saving [12] of 2…/);
  await expect(capture.getByRole('status')).toHaveText('2 photos saved on this tablet.', {
    timeout: 60_000,
  });
  await expect(page.getByRole('button', { name: /^Damage photo [12] of 2$/ })).toHaveCount(2);

  const stored = await storedPhotos(page, jobId);
  expect(stored).toHaveLength(2);
  const large = stored.find((p) => p.width > 400);
  const upright = stored.find((p) => p.width <= 400);
  // The long edge is 2048 exactly: downscaled, never upscaled, the aspect kept.
  expect(large).toMatchObject({
    width: 2048,
    height: 1536,
    decoded: { width: 2048, height: 1536 },
  });
  expect(['image/webp', 'image/jpeg']).toContain(large?.mimeType);
  expect(large?.blobType).toBe(large?.mimeType);
  expect(large?.bytes).toBe(large?.blobSize);
  expect(large?.bytes).toBeLessThan(big.length);
  expect(large?.thumbnail).toMatchObject({ type: large?.mimeType, width: 320, height: 240 });
  // EXIF orientation 6: the 400×200 landscape frame is a 200×400 portrait photo, stored upright.
  expect(upright).toMatchObject({ width: 200, height: 400, decoded: { width: 200, height: 400 } });
  expect(upright?.thumbnail).toMatchObject({ width: 160, height: 320 });
  // Each photo is filed by the SHA-256 of exactly the bytes stored.
  const rehashed = await storedPhotoHashes(page, jobId);
  expect(rehashed).toHaveLength(2);
  for (const { sha256, actual } of rehashed) expect(actual).toBe(sha256);
  // Chromium prepares photos in the worker, never falling back to the page's thread.
  expect(fellBack).toEqual([]);
});
