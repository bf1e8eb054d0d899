// The camera decode loop with a fake clock of frames: one decode in flight, frames dropped, not queued.
import { describe, expect, it } from 'vitest';
import { cameraProblem, CameraError } from '../../src/scan/camera';
import type { ReadCode } from '../../src/scan/codeReader';
import { decodeSize, startScanLoop, type ScanLoopDeps } from '../../src/scan/scanLoop';

/** Frames on demand: `frame()` runs whatever the loop scheduled for the next video frame. */
function fakeVideo() {
  let pending: (() => void) | null = null;
  let scheduled = 0;
  return {
    nextFrame: ((run) => {
      scheduled++;
      pending = run;
      return () => {
        pending = null;
      };
    }) satisfies ScanLoopDeps['nextFrame'],
    frame() {
      const run = pending;
      pending = null;
      run?.();
    },
    get waiting() {
      return pending !== null;
    },
    get scheduled() {
      return scheduled;
    },
  };
}

/** A reader whose decodes finish when the test says so. */
function fakeReader() {
  const calls: { resolve: (code: ReadCode | null) => void; reject: (err: unknown) => void }[] = [];
  return {
    read: () =>
      new Promise<ReadCode | null>((resolve, reject) => {
        calls.push({ resolve, reject });
      }),
    calls,
  };
}

const image = { width: 4, height: 3, data: new Uint8ClampedArray(48) } as unknown as ImageData;
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('startScanLoop', () => {
  it('decodes one frame at a time and asks for the next frame only when the decode is done', async () => {
    const video = fakeVideo();
    const reader = fakeReader();
    const reads: string[] = [];
    startScanLoop({
      grab: () => image,
      read: reader.read,
      nextFrame: video.nextFrame,
      onRead: (c) => reads.push(c.text),
      onError: () => undefined,
    });
    video.frame();
    expect(reader.calls).toHaveLength(1);
    // Frames that come while a decode runs are not asked for at all: nothing queues up.
    expect(video.waiting).toBe(false);
    reader.calls[0]?.resolve(null);
    await settle();
    expect(video.waiting).toBe(true);
    video.frame();
    reader.calls[1]?.resolve({ text: 'K7-0042', format: 'qr_code' });
    await settle();
    expect(reads).toEqual(['K7-0042']);
    // It keeps reading after a hit: the screen decides whether a repeat means anything.
    expect(video.waiting).toBe(true);
  });

  it('waits for the video to have a frame', () => {
    const video = fakeVideo();
    const reader = fakeReader();
    let ready = false;
    startScanLoop({
      grab: () => (ready ? image : null),
      read: reader.read,
      nextFrame: video.nextFrame,
      onRead: () => undefined,
      onError: () => undefined,
    });
    video.frame();
    video.frame();
    expect(reader.calls).toHaveLength(0);
    expect(video.scheduled).toBe(3);
    ready = true;
    video.frame();
    expect(reader.calls).toHaveLength(1);
  });

  it('stops: no frame is asked for, and a decode finishing late is ignored', async () => {
    const video = fakeVideo();
    const reader = fakeReader();
    const reads: string[] = [];
    const loop = startScanLoop({
      grab: () => image,
      read: reader.read,
      nextFrame: video.nextFrame,
      onRead: (c) => reads.push(c.text),
      onError: () => undefined,
    });
    video.frame();
    loop.stop();
    reader.calls[0]?.resolve({ text: 'late', format: 'qr_code' });
    await settle();
    expect(reads).toEqual([]);
    expect(video.waiting).toBe(false);
  });

  it('stops and reports when the reader fails', async () => {
    const video = fakeVideo();
    const reader = fakeReader();
    const errors: unknown[] = [];
    startScanLoop({
      grab: () => image,
      read: reader.read,
      nextFrame: video.nextFrame,
      onRead: () => undefined,
      onError: (e) => errors.push(e),
    });
    video.frame();
    reader.calls[0]?.reject(new Error('wasm trap'));
    await settle();
    expect(errors).toHaveLength(1);
    expect(video.waiting).toBe(false);
  });
});

describe('decodeSize', () => {
  it.each([
    [640, 480, 1280, { width: 640, height: 480 }],
    [1280, 720, 1280, { width: 1280, height: 720 }],
    [1920, 1080, 1280, { width: 1280, height: 720 }],
    [3840, 2160, 1280, { width: 1280, height: 720 }],
    [1080, 1920, 1280, { width: 1080, height: 1920 }],
    [4032, 3024, 1000, { width: 1000, height: 750 }],
    [0, 0, 1280, { width: 0, height: 0 }],
  ])('%i×%i at most %i wide', (w, h, max, expected) => {
    expect(decodeSize(w, h, max)).toEqual(expected);
  });
});

describe('cameraProblem', () => {
  it.each([
    ['NotAllowedError', 'denied', /site settings/],
    ['SecurityError', 'denied', /site settings/],
    ['NotFoundError', 'missing', /no camera/],
    ['OverconstrainedError', 'missing', /no camera/],
    ['NotReadableError', 'busy', /Another app/],
    ['AbortError', 'other', /could not be started \(boom\)/],
  ])('%s is "%s"', (name, kind, message) => {
    const problem = cameraProblem(new DOMException('boom', name));
    expect(problem.kind).toBe(kind);
    expect(problem.message).toMatch(message);
  });

  it('passes on what openRearCamera found before asking', () => {
    const problem = cameraProblem(
      new CameraError({ kind: 'insecure', title: 't', message: 'm', retry: false }),
    );
    expect(problem.kind).toBe('insecure');
  });
});
