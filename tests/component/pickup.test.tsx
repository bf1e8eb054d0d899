// Pick-up that proves it is the same piece, over fake-indexeddb: the pick-up photo beside the intake
// photo, the stones counted (a different count needs a reason), and refusals that store no event,
// in the page and in collectJob itself. Photos are generated PNGs standing in for the pixel path
// (jsdom has no canvas; Chromium tests that path in tests/e2e/pickup.spec.ts).
import { Blob as NodeBlob } from 'node:buffer';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BenchInputError, collectJob, db, putPhoto, recordEvent } from '../../src/db';
import {
  NO_PICKUP_PHOTO,
  NO_RETURN_WEIGHT,
  NO_SIGNATURE,
  NO_STONE_COUNT,
  PICKUP_PHOTO_ALREADY_ON_JOB,
  PICKUP_PHOTO_NOT_HERE,
} from '../../src/domain/workflow';
import { sha256Hex } from '../../src/photos/hash';
import type { ProcessedPhoto } from '../../src/photos/process';
import { savePhoto } from '../../src/photos/savePhoto';
import type { JobStatus } from '../../src/protocol/events';
import { fakeProcess, fakeProcessed } from '../support/photos';
import { job, openTestJob, statusBadge } from './jobPageHelpers';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

// The pick-up camera prepares its picture with processPhoto: a generated PNG stands in for it here.
vi.mock('../../src/photos/process', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/photos/process')>();
  const { fakeProcessed: make } = await import('../support/photos');
  return { ...original, processPhoto: (): Promise<ProcessedPhoto> => make(80, 60) };
});

beforeEach(() => {
  let n = 0;
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: vi.fn(() => `blob:loupe-test/${n++}`),
      revokeObjectURL: vi.fn(),
    }),
  );
  // jsdom has no pointer capture; the signature pad asks for it on every stroke.
  Element.prototype.setPointerCapture = vi.fn();
  // jsdom's Blob cannot be hashed by Node's WebCrypto; Node's own Blob is a real one.
  vi.stubGlobal('Blob', NodeBlob);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

async function moveTo(jobId: string, actor: string, ...statuses: JobStatus[]) {
  for (const status of statuses) {
    await recordEvent(db, { jobId, type: 'status.changed', data: { status } }, actor);
  }
}

/** A ring with one white stone, photographed at intake, passed through to ready for pick-up. */
async function readyRing(options: { intakePhoto?: boolean } = {}) {
  const mia = await signedIn('Mia Berg');
  const { jobId } = await openTestJob(mia.id);
  const intakePhoto =
    options.intakePhoto === false
      ? null
      : await savePhoto(
          db,
          { jobId, file: new Blob(['x']), tag: 'intake', note: 'As received' },
          mia.id,
          { process: fakeProcess },
        );
  await moveTo(jobId, mia.id, 'in_progress', 'qc', 'ready');
  return { mia, jobId, intakePhoto };
}

/** Every event on this tablet in stamp order, to see that a refusal recorded none. */
async function allEvents() {
  return (await db.events.toArray()).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function alerts(): string[] {
  return screen.queryAllByRole('alert').map((a) => a.textContent);
}

function sign() {
  const pad = screen.getByRole('img', { name: 'Customer’s signature' });
  fireEvent.pointerDown(pad, { pointerId: 1, clientX: 40, clientY: 60 });
  fireEvent.pointerMove(pad, { pointerId: 1, clientX: 120, clientY: 90 });
  fireEvent.pointerUp(pad, { pointerId: 1 });
}

/** Takes the pick-up photo through the camera app's file input, as a tablet's camera hands it over. */
async function takePickupPhoto(user: ReturnType<typeof userEvent.setup>) {
  const photo = new File(['pixels'], 'IMG_0042.jpg', { type: 'image/jpeg' });
  await user.upload(screen.getByLabelText('Camera app'), photo);
  await screen.findByRole('button', { name: 'Pick-up photo — tap to enlarge' });
}

// A whole pick-up through the page, typing and all: slower than one check on a loaded machine.
describe('Pick-up: the same piece, proved at the counter', { timeout: 30_000 }, () => {
  it('sets the pick-up photo beside the intake photo and files it with the collection', async () => {
    const user = userEvent.setup();
    const { mia, jobId, intakePhoto } = await readyRing();
    renderApp(`/jobs/${jobId}`);

    const compare = await screen.findByRole('region', { name: 'Intake and pick-up photos' });
    const atIntake = within(compare).getByRole('figure', { name: 'At intake' });
    const atPickup = within(compare).getByRole('figure', { name: 'Now, at pick-up' });
    // The intake photo is shown large (its full bytes, not the thumbnail), on the left.
    const intakeButton = await within(atIntake).findByRole('button', {
      name: 'Intake photo 1 of 1: As received — tap to enlarge',
    });
    await waitFor(() => {
      expect(intakeButton.querySelector('img')).not.toBeNull();
    });
    expect(within(atPickup).queryByRole('img')).toBeNull();
    expect(atIntake.compareDocumentPosition(atPickup) & Node.DOCUMENT_POSITION_FOLLOWING).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );

    // Nothing given: each missing thing in words, and no event recorded.
    const before = await allEvents();
    await user.click(screen.getByRole('button', { name: 'Mark collected' }));
    expect(alerts()).toEqual([NO_PICKUP_PHOTO, NO_STONE_COUNT, NO_RETURN_WEIGHT, NO_SIGNATURE]);
    expect(await allEvents()).toEqual(before);

    await takePickupPhoto(user);
    // Answered: the photo's error goes, the rest stays.
    expect(alerts()).toEqual([NO_STONE_COUNT, NO_RETURN_WEIGHT, NO_SIGNATURE]);
    expect(
      within(atPickup)
        .getByRole('button', { name: /Pick-up photo/ })
        .querySelector('img'),
    ).not.toBeNull();
    // Both photos open full screen, one after the other, to compare up close.
    await user.click(within(atPickup).getByRole('button', { name: /Pick-up photo/ }));
    const viewer = await screen.findByRole('dialog', { name: 'Pick-up photo, 2 of 2' });
    await user.click(within(viewer).getByRole('button', { name: 'Previous photo' }));
    expect(screen.getByRole('dialog', { name: 'Intake photo, 1 of 2' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Close photo' }));

    await user.click(screen.getByRole('button', { name: 'One stone more' }));
    expect(screen.getByRole('status', { name: 'Stone count check' }).textContent).toBe(
      'Same as intake: 1 stone.',
    );
    await user.type(screen.getByLabelText('Return weight (g)'), '3.41');
    sign();
    await user.click(screen.getByRole('button', { name: 'Mark collected' }));
    expect(await statusBadge('Collected')).toBeTruthy();

    const stored = await job(jobId);
    expect(stored.pickupStoneCount).toBe(1);
    const pickup = stored.photos.find((p) => p.tag === 'pickup');
    const row = await db.photos.get(pickup?.sha256 ?? '');
    expect(row).toBeDefined();
    // The photo event names its thumbnail, size and type, as any photo's does.
    expect(pickup).toMatchObject({
      by: mia.id,
      mimeType: 'image/png',
      bytes: row?.bytes,
      width: 80,
      height: 60,
      thumbnailSha256: await sha256Hex(row?.thumbnail ?? new Blob()),
    });
    expect(pickup?.sha256).not.toBe(intakePhoto?.sha256);
    const added = (await allEvents()).filter((e) => !before.some((b) => b.id === e.id));
    expect(added.map((e) => e.type)).toEqual(['photo.added', 'weight.logged', 'status.changed']);
    expect(added.at(-1)?.data).toMatchObject({ status: 'collected', stoneCount: 1 });
    // The return weight names the scale it was weighed on (the shop's one scale here).
    expect(added[1]?.data).toMatchObject({ kind: 'return', grams: 3.41, scaleId: 'bench' });
  });

  it('asks in words why the stone count differs, and keeps the reason as a note', async () => {
    const user = userEvent.setup();
    const { jobId } = await readyRing({ intakePhoto: false });
    renderApp(`/jobs/${jobId}`);

    // No intake photo: the comparison says so, and the pick-up photo is not demanded.
    expect(await screen.findByText(/No intake photo was taken of this piece/)).toBeTruthy();
    expect(screen.getByText('At intake:', { exact: false }).textContent).toBe(
      'At intake: 1 stone (1 white stone (5 mm))',
    );
    await user.type(screen.getByLabelText('Stones counted with the customer'), '0');
    expect(screen.getByRole('status', { name: 'Stone count check' }).textContent).toBe(
      'Differs: Counted 0 stones, intake noted 1: 1 fewer. Write why below.',
    );
    await user.type(screen.getByLabelText('Return weight (g)'), '3.30');
    sign();

    const before = await allEvents();
    await user.click(screen.getByRole('button', { name: 'Mark collected' }));
    await waitFor(() => {
      expect(alerts()).toEqual([
        'Counted 0 stones, intake noted 1: 1 fewer. Write why the count differs.',
      ]);
    });
    expect(await allEvents()).toEqual(before);
    expect((await job(jobId)).status).toBe('ready');
    const reason = screen.getByLabelText('Why the stone count differs');
    expect(reason.getAttribute('aria-invalid')).toBe('true');

    await user.type(reason, 'Stone lost before intake; the envelope was miscounted');
    expect(alerts()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Mark collected' }));
    expect(await statusBadge('Collected')).toBeTruthy();

    const stored = await job(jobId);
    expect(stored.pickupStoneCount).toBe(0);
    expect(stored.notes.at(-1)?.text).toBe(
      'Stones at pick-up: Counted 0 stones, intake noted 1: 1 fewer. Stone lost before intake; the envelope was miscounted',
    );
    const added = (await allEvents()).filter((e) => !before.some((b) => b.id === e.id));
    expect(added.map((e) => e.type)).toEqual(['weight.logged', 'note.added', 'status.changed']);
  });
});

describe('collectJob: the rules hold without the page', () => {
  const SIGNATURE = 'e'.repeat(64);

  async function storeSignature(jobId: string) {
    const blob = new Blob(['<svg/>'], { type: 'image/svg+xml' });
    await putPhoto(db, {
      sha256: SIGNATURE,
      jobId,
      blob,
      thumbnail: blob,
      mimeType: 'image/svg+xml',
      bytes: blob.size,
      width: 0,
      height: 0,
      uploaded: 0,
      createdAt: Date.now(),
    });
  }

  async function storedPhoto(jobId: string): Promise<string> {
    const photo = await fakeProcessed(40, 30);
    await putPhoto(db, {
      sha256: photo.sha256,
      jobId,
      blob: photo.blob,
      thumbnail: photo.thumbnail,
      mimeType: photo.mimeType,
      bytes: photo.bytes,
      width: photo.width,
      height: photo.height,
      uploaded: 0,
      createdAt: Date.now(),
    });
    return photo.sha256;
  }

  async function refused(work: () => Promise<unknown>, message: string) {
    const before = await allEvents();
    const err = await work().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BenchInputError);
    expect((err as Error).message).toBe(message);
    expect(await allEvents()).toEqual(before);
  }

  it('refuses a pick-up without the pick-up photo when the job has an intake photo', async () => {
    const { mia, jobId, intakePhoto } = await readyRing();
    await storeSignature(jobId);
    const pickup = { jobId, returnWeightG: 3.4, signatureSha256: SIGNATURE, stoneCount: 1 };
    await refused(() => collectJob(db, pickup, mia.id), NO_PICKUP_PHOTO);
    // Not stored here (a hash alone proves nothing), or the intake photo passed off as today's.
    await refused(
      () => collectJob(db, { ...pickup, pickupPhotoSha256: 'a'.repeat(64) }, mia.id),
      PICKUP_PHOTO_NOT_HERE,
    );
    await refused(
      () => collectJob(db, { ...pickup, pickupPhotoSha256: intakePhoto?.sha256 ?? '' }, mia.id),
      PICKUP_PHOTO_ALREADY_ON_JOB,
    );
    expect((await job(jobId)).status).toBe('ready');

    const photo = await storedPhoto(jobId);
    await collectJob(db, { ...pickup, pickupPhotoSha256: photo }, mia.id);
    const done = await job(jobId);
    expect(done.status).toBe('collected');
    expect(done.photos.map((p) => p.tag)).toEqual(['intake', 'pickup']);
  });

  it('refuses a missing stone count, and a different one without a reason', async () => {
    const { mia, jobId } = await readyRing({ intakePhoto: false });
    await storeSignature(jobId);
    const pickup = { jobId, returnWeightG: 3.4, signatureSha256: SIGNATURE };
    await refused(() => collectJob(db, pickup, mia.id), NO_STONE_COUNT);
    await refused(
      () => collectJob(db, { ...pickup, stoneCount: 2, stoneReason: '  ' }, mia.id),
      'Counted 2 stones, intake noted 1: 1 more. Write why the count differs.',
    );
    await refused(
      () => collectJob(db, { ...pickup, stoneCount: 1.5 }, mia.id),
      'Enter the stones counted as a whole number, like 3.',
    );
    // Every missing thing at once, in the order the counter does them.
    await refused(
      () => collectJob(db, { jobId, returnWeightG: Number.NaN, signatureSha256: '' }, mia.id),
      [NO_STONE_COUNT, NO_RETURN_WEIGHT, NO_SIGNATURE].join(' '),
    );
    await collectJob(db, { ...pickup, stoneCount: 2, stoneReason: 'A chip found loose' }, mia.id);
    expect((await job(jobId)).pickupStoneCount).toBe(2);
  });
});
