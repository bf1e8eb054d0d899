// Pure parts of the photo pipeline: target sizes, format choice, storage-error rules, camera
// messages and viewer gestures. The pixel path itself runs in Chromium (tests/e2e/photos.spec.ts).
import { Dexie } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { cameraErrorMessage, cameraProblem, CAMERA_MESSAGES } from '../../src/photos/cameraErrors';
import { acceptEncoded, ENCODE_QUALITY } from '../../src/photos/encoding';
import {
  clampPan,
  clampScale,
  IDENTITY,
  isDoubleTap,
  isTap,
  MAX_SCALE,
  pinch,
  swipeStep,
  toggleZoom,
  zoomAround,
} from '../../src/photos/gestures';
import { MAX_EDGE, targetSize, THUMBNAIL_EDGE } from '../../src/photos/sizing';
import {
  classifyStorageError,
  OUT_OF_STORAGE_MESSAGE,
  PhotoStorageError,
  shouldRetryStorage,
  withStorageRetry,
  type StorageErrorKind,
} from '../../src/photos/storageErrors';

describe('targetSize', () => {
  it.each([
    // [input w, h, max edge] → [w, h]
    [4000, 3000, MAX_EDGE, 2048, 1536],
    [3000, 4000, MAX_EDGE, 1536, 2048],
    [4032, 3024, MAX_EDGE, 2048, 1536],
    [2048, 2048, MAX_EDGE, 2048, 2048],
    [1920, 1080, MAX_EDGE, 1920, 1080], // never upscaled
    [640, 480, MAX_EDGE, 640, 480],
    [9000, 10, MAX_EDGE, 2048, 2], // a panorama keeps at least its aspect
    [20000, 1, MAX_EDGE, 2048, 1], // and at least 1 px
    [2048, 1536, THUMBNAIL_EDGE, 320, 240],
    [1536, 2048, THUMBNAIL_EDGE, 240, 320],
    [100, 50, THUMBNAIL_EDGE, 100, 50],
    [2049, 1000, MAX_EDGE, 2048, 1000], // 999.5 rounds up
  ])('%i×%i within %i → %i×%i', (w, h, max, ew, eh) => {
    const size = targetSize(w, h, max);
    expect(size).toEqual({ width: ew, height: eh });
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(max);
  });

  it('refuses sizes that are no picture', () => {
    expect(() => targetSize(0, 100, MAX_EDGE)).toThrow(RangeError);
    expect(() => targetSize(100, Number.NaN, MAX_EDGE)).toThrow(RangeError);
    expect(() => targetSize(100, 100, 0)).toThrow(RangeError);
  });
});

describe('format choice from what the encoder returned', () => {
  it.each([
    ['image/webp', 'image/webp', 'image/webp'], // Chromium, Firefox
    ['image/webp', 'image/png', null], // Safari answers a WebP request with a PNG
    ['image/webp', '', null],
    ['image/jpeg', 'image/jpeg', 'image/jpeg'],
    ['image/jpeg', 'IMAGE/JPEG', 'image/jpeg'],
    ['image/png', 'image/png', 'image/png'],
  ] as const)('asked %s, got "%s" → %s', (requested, got, expected) => {
    expect(acceptEncoded(requested, got)).toBe(expected);
  });

  it('encodes at about 0.85', () => {
    expect(ENCODE_QUALITY).toBeCloseTo(0.85);
  });
});

function domError(name: string, message = name, code?: number): Error {
  const err = new DOMException(message, name) as DOMException & { code: number };
  if (code !== undefined) Object.defineProperty(err, 'code', { value: code });
  return err;
}

describe('classifyStorageError', () => {
  const quota = domError('QuotaExceededError', 'The quota has been exceeded.');
  const cases: [string, unknown, StorageErrorKind][] = [
    ['Chromium/Safari: QuotaExceededError DOMException', quota, 'quota'],
    [
      'Chromium: AbortError whose inner error is the quota',
      new Dexie.AbortError('Transaction aborted', quota),
      'quota',
    ],
    ['Dexie QuotaExceededError', new Dexie.QuotaExceededError('Quota exceeded'), 'quota'],
    [
      'an IDB transaction error carried in .error',
      { name: 'AbortError', message: 'aborted', error: quota },
      'quota',
    ],
    [
      'Firefox: NS_ERROR_DOM_QUOTA_REACHED',
      { name: 'NS_ERROR_DOM_QUOTA_REACHED', message: 'Persistent storage maximum size reached' },
      'quota',
    ],
    ['Firefox: legacy code 1014', domError('UnknownError', 'Storage failed', 1014), 'quota'],
    [
      'Firefox: the disk itself is full',
      { name: 'NS_ERROR_FILE_NO_DEVICE_SPACE', message: '' },
      'quota',
    ],
    [
      'Dexie BulkError with a quota failure',
      new Dexie.BulkError('1 of 2 operations failed', [quota]),
      'quota',
    ],
    ['an error whose cause is the quota', new Error('write failed', { cause: quota }), 'quota'],
    [
      'Safari: "Error preparing Blob/File data"',
      domError('UnknownError', 'Error preparing Blob/File data to be stored in object store'),
      'transient',
    ],
    [
      'Safari: bare UnknownError',
      domError('UnknownError', 'An unknown error occurred'),
      'transient',
    ],
    [
      'Dexie UnknownError wrapping the Safari blob error',
      new Dexie.UnknownError(
        'wrapped',
        new Error('Error preparing Blob/File data to be stored in object store'),
      ),
      'transient',
    ],
    ['a constraint error', domError('ConstraintError', 'Key already exists'), 'other'],
    ['a plain TypeError', new TypeError('x is undefined'), 'other'],
    ['an AbortError with no reason', new Dexie.AbortError('Transaction aborted'), 'other'],
    ['not an error at all', 'oops', 'other'],
    ['null', null, 'other'],
  ];
  it.each(cases)('%s → %s', (_what, err, kind) => {
    expect(classifyStorageError(err)).toBe(kind);
  });

  it('does not loop on an error that wraps itself', () => {
    const err = { name: 'AbortError', message: 'x', inner: null as unknown };
    err.inner = err;
    expect(classifyStorageError(err)).toBe('other');
  });
});

describe('retry rule', () => {
  it.each([
    ['transient', 0, true],
    ['transient', 1, false],
    ['quota', 0, false],
    ['other', 0, false],
  ] as const)('%s on attempt %i → retry %s', (kind, attempt, retry) => {
    expect(shouldRetryStorage(kind, attempt)).toBe(retry);
  });

  it('retries a transient failure once, then succeeds', async () => {
    const write = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(domError('UnknownError'))
      .mockResolvedValueOnce('stored');
    await expect(withStorageRetry(write)).resolves.toBe('stored');
    expect(write).toHaveBeenCalledTimes(2);
  });

  it('gives up after the one retry, with the browser’s error', async () => {
    const err = domError('UnknownError');
    const write = vi.fn<() => Promise<string>>().mockRejectedValue(err);
    await expect(withStorageRetry(write)).rejects.toBe(err);
    expect(write).toHaveBeenCalledTimes(2);
  });

  it('turns a full tablet into PhotoStorageError at once, keeping the cause', async () => {
    const quota = domError('QuotaExceededError');
    const write = vi
      .fn<() => Promise<string>>()
      .mockRejectedValue(new Dexie.AbortError('x', quota));
    const failure = await withStorageRetry(write).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PhotoStorageError);
    expect((failure as Error).message).toBe(OUT_OF_STORAGE_MESSAGE);
    expect(OUT_OF_STORAGE_MESSAGE).toBe(
      'This tablet is out of storage: the photo was not saved. Free space or sync and remove old photos.',
    );
    expect(write).toHaveBeenCalledTimes(1);
  });
});

describe('camera messages', () => {
  it.each([
    ['NotAllowedError', 'refused'],
    ['SecurityError', 'refused'],
    ['NotFoundError', 'missing'],
    ['OverconstrainedError', 'missing'],
    ['NotReadableError', 'busy'],
    ['TypeError', 'unsupported'],
    ['SomethingNew', 'failed'],
  ] as const)('%s → %s', (name, problem) => {
    const err = domError(name);
    expect(cameraProblem(err)).toBe(problem);
    expect(cameraErrorMessage(err)).toBe(CAMERA_MESSAGES[problem]);
  });

  it('tells a person what to do instead', () => {
    expect(CAMERA_MESSAGES.refused).toMatch(/Allow the camera/);
    expect(CAMERA_MESSAGES.missing).toMatch(/Pick existing photos/);
    expect(cameraProblem(undefined)).toBe('failed');
  });
});

describe('viewer gestures', () => {
  it.each([
    [-120, 5, 1], // finger moved left: the next photo
    [120, -5, -1], // finger moved right: the previous one
    [-30, 0, 0], // too short
    [80, 80, 0], // diagonal: a pan or a scroll, not a swipe
    [0, 200, 0],
  ])('swipe dx=%i dy=%i → %i', (dx, dy, step) => {
    expect(swipeStep(dx, dy)).toBe(step);
  });

  it('tells taps and double taps from drags', () => {
    expect(isTap(3, 4, 120)).toBe(true);
    expect(isTap(30, 0, 120)).toBe(false);
    expect(isTap(0, 0, 800)).toBe(false);
    const first = { x: 10, y: 10, t: 1000 };
    expect(isDoubleTap(null, first)).toBe(false);
    expect(isDoubleTap(first, { x: 15, y: 12, t: 1200 })).toBe(true);
    expect(isDoubleTap(first, { x: 15, y: 12, t: 1400 })).toBe(false);
    expect(isDoubleTap(first, { x: 80, y: 12, t: 1100 })).toBe(false);
  });

  it('zooms around the finger: the point under it stays put', () => {
    const at = { x: 100, y: -50 };
    const zoomed = toggleZoom(IDENTITY, at);
    expect(zoomed.scale).toBe(2.5);
    // Image point under the finger before: (at − t)/s; after: the same.
    expect((at.x - zoomed.x) / zoomed.scale).toBeCloseTo(at.x);
    expect((at.y - zoomed.y) / zoomed.scale).toBeCloseTo(at.y);
    expect(toggleZoom(zoomed, at)).toEqual(IDENTITY);
    const further = zoomAround(zoomed, at, 4);
    expect((at.x - further.x) / further.scale).toBeCloseTo(at.x);
  });

  it('pinches between 1× and the maximum', () => {
    const mid = { x: 0, y: 0 };
    expect(pinch(IDENTITY, 100, 200, mid, mid).scale).toBe(2);
    expect(pinch(IDENTITY, 100, 50, mid, mid)).toEqual(IDENTITY);
    expect(pinch(IDENTITY, 100, 5000, mid, mid).scale).toBe(MAX_SCALE);
    expect(pinch(IDENTITY, 0, 50, mid, mid)).toEqual(IDENTITY);
    expect(clampScale(0.2)).toBe(1);
  });

  it('keeps a zoomed photo over the stage when panned', () => {
    expect(clampPan({ scale: 2, x: 900, y: -900 }, 800, 600)).toEqual({
      scale: 2,
      x: 400,
      y: -300,
    });
    expect(clampPan({ scale: 2, x: 10, y: 20 }, 800, 600)).toEqual({ scale: 2, x: 10, y: 20 });
  });
});
