// The job's photo gallery, the full-screen viewer and photo capture, over fake-indexeddb. Photos are
// generated PNGs standing in for the pixel path (jsdom has no canvas; Chromium tests that path).
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JobPhotos } from '../../src/components/photos/JobPhotos';
import { PhotoCapture, progressText } from '../../src/components/photos/PhotoCapture';
import { db, openJob, recordEvent, type OpenJobInput } from '../../src/db';
import type { ProcessedPhoto } from '../../src/photos/process';
import { savePhoto } from '../../src/photos/savePhoto';
import { openedData } from '../support/events';
import { fakeProcess, fakeProcessed } from '../support/photos';
import { signedIn } from './staffHelpers';

// The capture tests decide when each photo finishes processing, to see "Saving 2 of 3…".
const processing = vi.hoisted(() => ({
  waiting: [] as (() => void)[],
  hold: false,
}));
vi.mock('../../src/photos/process', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/photos/process')>();
  const { fakeProcessed: make } = await import('../support/photos');
  return {
    ...original,
    processPhoto: async (): Promise<ProcessedPhoto> => {
      if (processing.hold) {
        await new Promise<void>((resolve) => {
          processing.waiting.push(resolve);
        });
      }
      return make();
    },
  };
});

function intake(): OpenJobInput {
  const { envelope: _e, services: _s, ...rest } = openedData();
  return {
    ...rest,
    services: [{ kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } }],
  };
}

let urls: string[];
let revoked: string[];
beforeEach(() => {
  urls = [];
  revoked = [];
  let n = 0;
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: vi.fn(() => {
        const url = `blob:loupe-test/${n++}`;
        urls.push(url);
        return url;
      }),
      revokeObjectURL: vi.fn((url: string) => {
        revoked.push(url);
      }),
    }),
  );
  // jsdom has no pointer capture.
  HTMLElement.prototype.setPointerCapture = vi.fn();
  processing.hold = false;
  processing.waiting = [];
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** A job with two photos stored here and one taken on another tablet (its bytes not here yet). */
async function jobWithPhotos() {
  const mia = await signedIn('Mia Berg');
  const { jobId } = await openJob(db, intake(), mia.id);
  const first = await savePhoto(
    db,
    { jobId, file: new Blob(['x']), tag: 'intake', note: 'As received' },
    mia.id,
    { process: fakeProcess },
  );
  const second = await savePhoto(db, { jobId, file: new Blob(['x']), tag: 'damage' }, mia.id, {
    process: fakeProcess,
  });
  const elsewhere = await fakeProcessed();
  await recordEvent(
    db,
    {
      jobId,
      type: 'photo.added',
      data: {
        sha256: elsewhere.sha256,
        tag: 'after',
        mimeType: 'image/webp',
        bytes: 1234,
        width: 2048,
        height: 1536,
      },
    },
    mia.id,
  );
  return { jobId, mia, shas: [first.sha256, second.sha256, elsewhere.sha256] };
}

/** Thumbnails are decorative inside their labelled buttons (alt=""), so not role="img". */
function thumbImages(within: HTMLElement): HTMLImageElement[] {
  return [...within.querySelectorAll<HTMLImageElement>('img.photo-thumb-image')];
}

describe('JobPhotos', () => {
  it('shows the job’s thumbnails in order with their tags, and a placeholder for bytes not here', async () => {
    const { jobId } = await jobWithPhotos();
    render(<JobPhotos jobId={jobId} />);
    const grid = await screen.findByRole('list');
    await waitFor(() => {
      expect(thumbImages(grid)).toHaveLength(2);
    });
    const tiles = within(grid).getAllByRole('button');
    expect(tiles.map((t) => t.getAttribute('aria-label'))).toEqual([
      'Intake photo 1 of 3: As received',
      'Damage photo 2 of 3',
      'After photo 3 of 3',
    ]);
    expect(tiles.map((t) => t.querySelector('.photo-tag')?.textContent)).toEqual([
      'Intake',
      'Damage',
      'After',
    ]);
    expect(within(tiles[2] as HTMLElement).getByText(/Photo on another tablet/).textContent).toBe(
      'Photo on another tablet — it arrives with the next sync',
    );
    // Every thumbnail is an object URL of its stored Blob.
    const srcs = thumbImages(grid).map((img) => img.getAttribute('src'));
    expect(srcs).toEqual(urls.slice(-2));
  });

  it('revokes every object URL it made when it unmounts', async () => {
    const { jobId } = await jobWithPhotos();
    const view = render(<JobPhotos jobId={jobId} />);
    await waitFor(() => {
      expect(thumbImages(document.body)).toHaveLength(2);
    });
    view.unmount();
    expect(urls.length).toBeGreaterThanOrEqual(2);
    expect([...revoked].sort()).toEqual([...urls].sort());
  });

  it('says so when the job has no photos', async () => {
    const mia = await signedIn();
    const { jobId } = await openJob(db, intake(), mia.id);
    render(<JobPhotos jobId={jobId} />);
    expect(await screen.findByText('No photos yet.')).toBeTruthy();
  });

  it('shows only one service’s photos when asked', async () => {
    const mia = await signedIn();
    const { jobId } = await openJob(db, intake(), mia.id);
    const serviceId = (await db.jobs.get(jobId))?.services[0]?.id ?? '';
    await savePhoto(db, { jobId, file: new Blob(['x']), tag: 'intake' }, mia.id, {
      process: fakeProcess,
    });
    await savePhoto(db, { jobId, serviceId, file: new Blob(['x']), tag: 'after' }, mia.id, {
      process: fakeProcess,
    });
    render(<JobPhotos jobId={jobId} serviceId={serviceId} />);
    expect((await screen.findAllByRole('button')).map((b) => b.getAttribute('aria-label'))).toEqual(
      ['After photo 1 of 1'],
    );
  });
});

describe('PhotoViewer', () => {
  async function openViewer(index = 0) {
    const setup = await jobWithPhotos();
    const user = userEvent.setup();
    render(<JobPhotos jobId={setup.jobId} />);
    const tiles = await screen.findAllByRole('button');
    await user.click(tiles[index] as HTMLElement);
    const dialog = await screen.findByRole('dialog');
    return { ...setup, user, dialog };
  }

  it('shows the full photo with its tag, note, who and when', async () => {
    const { dialog } = await openViewer(0);
    expect(dialog.getAttribute('aria-label')).toBe('Intake photo, 1 of 3');
    const image = await within(dialog).findByTestId('photo-viewer-image');
    expect(image.getAttribute('alt')).toBe('Intake: As received');
    expect(image.getAttribute('src')).toMatch(/^blob:loupe-test\//);
    expect(within(dialog).getByText('As received')).toBeTruthy();
    expect(within(dialog).getByText(/Mia Berg · /)).toBeTruthy();
    expect(within(dialog).getByText('1 of 3')).toBeTruthy();
    expect(document.activeElement).toBe(
      within(dialog).getByRole('button', { name: 'Close photo' }),
    );
  });

  it('moves with the arrow keys and the buttons, and closes with Escape', async () => {
    const { dialog, user } = await openViewer(0);
    await user.keyboard('{ArrowRight}');
    expect(dialog.getAttribute('aria-label')).toBe('Damage photo, 2 of 3');
    await user.keyboard('{ArrowRight}');
    expect(dialog.getAttribute('aria-label')).toBe('After photo, 3 of 3');
    expect(await within(dialog).findByText(/Photo on another tablet/)).toBeTruthy();
    await user.keyboard('{ArrowRight}');
    expect(dialog.getAttribute('aria-label')).toBe('After photo, 3 of 3');
    await user.click(within(dialog).getByRole('button', { name: 'Previous photo' }));
    expect(dialog.getAttribute('aria-label')).toBe('Damage photo, 2 of 3');
    await user.keyboard('{ArrowLeft}');
    expect(
      within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Previous photo' }).disabled,
    ).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closes with its close button and revokes the full image’s URL', async () => {
    const { dialog, user } = await openViewer(1);
    const image = await within(dialog).findByTestId('photo-viewer-image');
    const src = image.getAttribute('src') ?? '';
    await user.click(within(dialog).getByRole('button', { name: 'Close photo' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(revoked).toContain(src);
  });

  it('swipes left and right with a finger', async () => {
    const { dialog } = await openViewer(0);
    const stage = within(dialog).getByTestId('photo-viewer-stage');
    const swipe = (from: number, to: number) => {
      fireEvent.pointerDown(stage, { pointerId: 1, clientX: from, clientY: 300, timeStamp: 0 });
      fireEvent.pointerMove(stage, { pointerId: 1, clientX: (from + to) / 2, clientY: 302 });
      fireEvent.pointerMove(stage, { pointerId: 1, clientX: to, clientY: 305 });
      fireEvent.pointerUp(stage, { pointerId: 1, clientX: to, clientY: 305 });
    };
    swipe(600, 300);
    expect(dialog.getAttribute('aria-label')).toBe('Damage photo, 2 of 3');
    swipe(300, 600);
    expect(dialog.getAttribute('aria-label')).toBe('Intake photo, 1 of 3');
  });

  it('zooms with a double tap and a pinch, and back out', async () => {
    const { dialog } = await openViewer(0);
    const stage = within(dialog).getByTestId('photo-viewer-stage');
    const image = await within(dialog).findByTestId('photo-viewer-image');
    const tap = (x: number) => {
      fireEvent.pointerDown(stage, { pointerId: 1, clientX: x, clientY: 0 });
      fireEvent.pointerUp(stage, { pointerId: 1, clientX: x, clientY: 0 });
    };
    tap(0);
    tap(0);
    expect(image.style.transform).toMatch(/scale\(2\.5\)/);
    tap(0);
    tap(0);
    expect(image.style.transform).toBe('translate(0px, 0px) scale(1)');

    fireEvent.pointerDown(stage, { pointerId: 1, clientX: -50, clientY: 0 });
    fireEvent.pointerDown(stage, { pointerId: 2, clientX: 50, clientY: 0 });
    fireEvent.pointerMove(stage, { pointerId: 1, clientX: -150, clientY: 0 });
    fireEvent.pointerMove(stage, { pointerId: 2, clientX: 150, clientY: 0 });
    expect(image.style.transform).toMatch(/scale\(3\)/);
    fireEvent.pointerUp(stage, { pointerId: 1, clientX: -150, clientY: 0 });
    fireEvent.pointerUp(stage, { pointerId: 2, clientX: 150, clientY: 0 });
    // A pinch is never taken for a swipe: still the first photo.
    expect(dialog.getAttribute('aria-label')).toBe('Intake photo, 1 of 3');
  });
});

interface FakeTrack {
  stop: ReturnType<typeof vi.fn>;
}

function fakeCamera(getUserMedia: () => Promise<unknown>) {
  const mock = vi.fn(getUserMedia);
  vi.stubGlobal(
    'navigator',
    Object.assign(Object.create(navigator) as Navigator, { mediaDevices: { getUserMedia: mock } }),
  );
  return mock;
}

describe('PhotoCapture', () => {
  it('asks who is at the bench before anything is taken', async () => {
    const mia = await signedIn();
    const { jobId } = await openJob(db, intake(), mia.id);
    const { useSession } = await import('../../src/stores/sessionStore');
    act(() => {
      useSession.getState().signOut();
    });
    render(<PhotoCapture jobId={jobId} defaultTag="before" />);
    expect(await screen.findByText('Who’s at the bench?')).toBeTruthy();
  });

  it('saves picked photos one after another, tagged, showing progress', async () => {
    const mia = await signedIn();
    const { jobId } = await openJob(db, intake(), mia.id);
    const onSaved = vi.fn();
    const user = userEvent.setup();
    render(
      <>
        <PhotoCapture jobId={jobId} defaultTag="before" onSaved={onSaved} />
        <JobPhotos jobId={jobId} />
      </>,
    );
    const tags = await screen.findByRole('radiogroup', { name: 'What the photo shows' });
    expect(
      within(tags)
        .getAllByRole('radio')
        .map((b) => b.textContent),
    ).toEqual(['Intake', 'Before', 'After', 'QC', 'Damage', 'Stone layout', 'Pick-up']);
    expect(within(tags).getByRole('radio', { name: 'Before' }).getAttribute('aria-checked')).toBe(
      'true',
    );
    await user.click(within(tags).getByRole('radio', { name: 'Damage' }));
    await user.type(screen.getByLabelText(/Note for the next photo/), 'Bent claw');

    processing.hold = true;
    const files = [1, 2, 3].map(
      (i) => new File([`photo ${i}`], `IMG_${i}.jpg`, { type: 'image/jpeg' }),
    );
    await user.upload(screen.getByLabelText('Pick existing photos'), files);
    expect((await screen.findByRole('status')).textContent).toBe('Saving 1 of 3…');
    expect(screen.getByLabelText<HTMLInputElement>(/Note for the next photo/).value).toBe('');
    for (const expected of ['Saving 2 of 3…', 'Saving 3 of 3…']) {
      await waitFor(() => {
        expect(processing.waiting).toHaveLength(1);
      });
      act(() => {
        processing.waiting.shift()?.();
      });
      await waitFor(() => {
        expect(screen.getByRole('status').textContent).toBe(expected);
      });
    }
    await waitFor(() => {
      expect(processing.waiting).toHaveLength(1);
    });
    act(() => {
      processing.waiting.shift()?.();
    });
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toBe('3 photos saved on this tablet.');
    });
    expect(onSaved).toHaveBeenCalledTimes(3);
    const job = await db.jobs.get(jobId);
    expect(job?.photos.map((p) => [p.tag, p.note, p.by])).toEqual([
      ['damage', 'Bent claw', mia.id],
      ['damage', 'Bent claw', mia.id],
      ['damage', 'Bent claw', mia.id],
    ]);
    await waitFor(() => {
      expect(screen.getAllByRole('button', { name: /Damage photo \d of 3/ })).toHaveLength(3);
    });
  });

  it('opens the back camera and stops its tracks when it unmounts', async () => {
    const mia = await signedIn();
    const track: FakeTrack = { stop: vi.fn() };
    const getUserMedia = fakeCamera(() => Promise.resolve({ getTracks: () => [track] }));
    const user = userEvent.setup();
    const view = render(<PhotoCapture jobId="01JDXQ5Y8Z9V1N2M3K4H5G6F7E" defaultTag="before" />);
    expect(mia.id).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: 'Open camera' }));
    expect(getUserMedia).toHaveBeenCalledWith({
      video: { facingMode: 'environment', width: { ideal: 1920 } },
      audio: false,
    });
    const preview = await screen.findByLabelText('Camera preview');
    await waitFor(() => {
      expect((preview as HTMLVideoElement & { srcObject: unknown }).srcObject).toBeTruthy();
    });
    // The shutter waits for the preview to play.
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Take photo' }).disabled).toBe(
      true,
    );
    view.unmount();
    expect(track.stop).toHaveBeenCalledTimes(1);
  });

  it('stops the camera when it is closed', async () => {
    await signedIn();
    const track: FakeTrack = { stop: vi.fn() };
    fakeCamera(() => Promise.resolve({ getTracks: () => [track] }));
    const user = userEvent.setup();
    render(<PhotoCapture jobId="01JDXQ5Y8Z9V1N2M3K4H5G6F7E" defaultTag="before" startCamera />);
    const preview = await screen.findByLabelText('Camera preview');
    await waitFor(() => {
      expect((preview as HTMLVideoElement & { srcObject: unknown }).srcObject).toBeTruthy();
    });
    await user.click(screen.getByRole('button', { name: 'Close camera' }));
    expect(track.stop).toHaveBeenCalledTimes(1);
    expect(screen.queryByLabelText('Camera preview')).toBeNull();
  });

  it('explains a refused camera and keeps the other ways to add photos', async () => {
    await signedIn();
    fakeCamera(() => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')));
    const user = userEvent.setup();
    render(<PhotoCapture jobId="01JDXQ5Y8Z9V1N2M3K4H5G6F7E" defaultTag="before" />);
    await user.click(await screen.findByRole('button', { name: 'Open camera' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^Loupe is not allowed to use the camera\./,
    );
    expect(screen.queryByLabelText('Camera preview')).toBeNull();
    expect(screen.getByLabelText('Camera app').getAttribute('capture')).toBe('environment');
    expect(screen.getByLabelText('Pick existing photos').hasAttribute('multiple')).toBe(true);
  });

  it('explains a tablet with no camera', async () => {
    await signedIn();
    fakeCamera(() =>
      Promise.reject(new DOMException('Requested device not found', 'NotFoundError')),
    );
    const user = userEvent.setup();
    render(<PhotoCapture jobId="01JDXQ5Y8Z9V1N2M3K4H5G6F7E" defaultTag="before" />);
    await user.click(await screen.findByRole('button', { name: 'Open camera' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'No camera was found on this tablet. Use “Pick existing photos” below.',
    );
  });

  it('explains a browser that cannot open the camera here (no https)', async () => {
    await signedIn();
    vi.stubGlobal(
      'navigator',
      Object.assign(Object.create(navigator) as Navigator, { mediaDevices: undefined }),
    );
    const user = userEvent.setup();
    render(<PhotoCapture jobId="01JDXQ5Y8Z9V1N2M3K4H5G6F7E" defaultTag="before" />);
    await user.click(await screen.findByRole('button', { name: 'Open camera' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/needs https/);
  });
});

describe('progressText', () => {
  it.each([
    [{ done: 0, total: 5, saved: 0, working: true }, 'Saving 1 of 5…'],
    [{ done: 1, total: 5, saved: 1, working: true }, 'Saving 2 of 5…'],
    [{ done: 5, total: 5, saved: 5, working: false }, '5 photos saved on this tablet.'],
    [{ done: 1, total: 1, saved: 1, working: false }, 'Photo saved on this tablet.'],
    [{ done: 1, total: 1, saved: 0, working: false }, ''],
  ])('%o → "%s"', (progress, text) => {
    expect(progressText(progress)).toBe(text);
  });
});
