// The pixel path of a photo: decode (EXIF orientation applied), downscale, encode, thumbnail, hash.
// It runs in the photo worker, or on the main thread where a worker cannot draw (no OffscreenCanvas).
import {
  acceptEncoded,
  ENCODE_QUALITY,
  ENCODING_PREFERENCE,
  type StoredImageType,
} from './encoding';
import { sha256Hex } from './hash';
import { MAX_EDGE, targetSize, THUMBNAIL_EDGE, type Size } from './sizing';

/** A photo ready to store: its bytes, a thumbnail in the same format, and the hash it is filed by. */
export interface ProcessedPhoto {
  blob: Blob;
  thumbnail: Blob;
  mimeType: StoredImageType;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
}

export type ProcessingFailure = 'unreadable' | 'unsupported';

/** A picture that could not be made into a stored photo; `reason` says whether to try elsewhere. */
export class PhotoProcessingError extends Error {
  constructor(
    message: string,
    readonly reason: ProcessingFailure,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PhotoProcessingError';
  }
}

export const UNREADABLE_MESSAGE =
  'This file is not a picture Loupe can read. Take the photo again, or pick a JPEG, PNG or WebP.';
export const UNSUPPORTED_MESSAGE =
  'This browser cannot prepare photos. Update it, or use Loupe in Chrome, Safari or Firefox.';

type Surface = OffscreenCanvas | HTMLCanvasElement;

function makeSurface({ width, height }: Size): Surface {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height);
  if (typeof document !== 'undefined') {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    return canvas;
  }
  throw new PhotoProcessingError(UNSUPPORTED_MESSAGE, 'unsupported');
}

function context2d(surface: Surface): OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D {
  // Narrowed by hand: the two getContext overload sets do not combine on a union.
  const ctx = 'convertToBlob' in surface ? surface.getContext('2d') : surface.getContext('2d');
  if (!ctx) throw new PhotoProcessingError(UNSUPPORTED_MESSAGE, 'unsupported');
  return ctx;
}

/** Draws `source` scaled into a new surface over white: a transparent PNG must not turn black. */
function drawScaled(source: CanvasImageSource, size: Size): Surface {
  const surface = makeSurface(size);
  const ctx = context2d(surface);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, size.width, size.height);
  return surface;
}

function encode(surface: Surface, type: StoredImageType): Promise<Blob> {
  if ('convertToBlob' in surface) return surface.convertToBlob({ type, quality: ENCODE_QUALITY });
  return new Promise((resolve, reject) => {
    surface.toBlob(
      (blob) => {
        if (blob) resolve(blob);
        else reject(new PhotoProcessingError(UNSUPPORTED_MESSAGE, 'unsupported'));
      },
      type,
      ENCODE_QUALITY,
    );
  });
}

/** Frees a canvas's pixels now: Safari caps the memory all canvases of a page may hold. */
function release(surface: Surface): void {
  surface.width = 0;
  surface.height = 0;
}

// Learned once per thread: a browser that answered WebP with a PNG is not asked for WebP again.
let unsupportedTypes = new Set<StoredImageType>();

/** For tests of the format choice: forget what this thread learned. */
export function forgetEncodingSupport(): void {
  unsupportedTypes = new Set();
}

/** Encodes in the best format this browser really produces (its result's type, not the request). */
async function encodeBest(surface: Surface): Promise<{ blob: Blob; type: StoredImageType }> {
  for (const requested of ENCODING_PREFERENCE) {
    if (unsupportedTypes.has(requested)) continue;
    const blob = await encode(surface, requested);
    const type = acceptEncoded(requested, blob.type);
    if (type) return { blob, type };
    unsupportedTypes.add(requested);
  }
  throw new PhotoProcessingError(UNSUPPORTED_MESSAGE, 'unsupported');
}

async function decode(source: Blob | ImageBitmap): Promise<{ bitmap: ImageBitmap; own: boolean }> {
  if (!(source instanceof Blob)) return { bitmap: source, own: false };
  if (typeof createImageBitmap !== 'function') {
    throw new PhotoProcessingError(UNSUPPORTED_MESSAGE, 'unsupported');
  }
  try {
    // from-image turns a portrait photo upright by its EXIF orientation before anything is drawn.
    return {
      bitmap: await createImageBitmap(source, { imageOrientation: 'from-image' }),
      own: true,
    };
  } catch (err) {
    throw new PhotoProcessingError(UNREADABLE_MESSAGE, 'unreadable', { cause: err });
  }
}

/** The whole pixel path on this thread. An ImageBitmap passed in is left open for its owner. */
export async function processOnThisThread(source: Blob | ImageBitmap): Promise<ProcessedPhoto> {
  const { bitmap, own } = await decode(source);
  let main: Surface;
  try {
    if (bitmap.width === 0 || bitmap.height === 0) {
      throw new PhotoProcessingError(UNREADABLE_MESSAGE, 'unreadable');
    }
    main = drawScaled(bitmap, targetSize(bitmap.width, bitmap.height, MAX_EDGE));
  } finally {
    if (own) bitmap.close();
  }
  try {
    const { width, height } = main;
    const stored = await encodeBest(main);
    // The thumbnail is drawn from the downscaled photo: cheaper than from the full frame.
    const thumbSurface = drawScaled(main, targetSize(width, height, THUMBNAIL_EDGE));
    const thumbnail = await encode(thumbSurface, stored.type);
    release(thumbSurface);
    return {
      blob: stored.blob,
      thumbnail,
      mimeType: stored.type,
      width,
      height,
      bytes: stored.blob.size,
      sha256: await sha256Hex(stored.blob),
    };
  } finally {
    release(main);
  }
}
