// PUT, HEAD and GET /blobs/:sha256: photos and signatures by the hash of their bytes; GET
// /photos/missing: the photos whose bytes the server lacks, for the tablets that hold them. The
// bytes on disk are shared by the shops of the server, but a shop reads only the blobs it holds
// (its tablets sent them): to every other shop they are not there.
import type { Hono, MiddlewareHandler } from 'hono';
import { API_ERROR_CODES } from '../../protocol/api';
import {
  MAX_BLOB_BYTES,
  MAX_MISSING_PHOTOS,
  SHA256_PATTERN,
  type MissingPhotosResponse,
} from '../../protocol/sync';
import type { BlobStore } from '../store/blobStore';
import type { DeviceEnv } from './auth';
import { declaredLength, tooLarge } from './body';
import { HttpError } from './errors';

const TOO_LARGE_ADVICE = 'Photos are compressed on the tablet before upload; this one was not.';

function shaParam(value: string): string {
  if (!SHA256_PATTERN.test(value)) {
    throw new HttpError(
      400,
      API_ERROR_CODES.badRequest,
      `sha256: "${value.slice(0, 80)}" is not a SHA-256 hash (64 lowercase hex digits).`,
    );
  }
  return value;
}

export function registerBlobRoutes(
  api: Hono<DeviceEnv>,
  { blobs, auth, now }: { blobs: BlobStore; auth: MiddlewareHandler<DeviceEnv>; now: () => number },
): void {
  api.put('/blobs/:sha256', auth, async (c) => {
    const sha256 = shaParam(c.req.param('sha256'));
    const declared = declaredLength(c.req.raw);
    if (declared !== null && declared > MAX_BLOB_BYTES) {
      throw tooLarge('This file', MAX_BLOB_BYTES, TOO_LARGE_ADVICE);
    }
    const shop = c.get('shop');
    // 200 only when this shop held it: whether another shop has the photo is not for it to learn.
    if ((await shop.holdsBlob(sha256)) && (await blobs.sizeOf(sha256)) !== null) {
      return c.json({ sha256 }, 200);
    }
    const result = await blobs.put(sha256, c.req.raw.body, MAX_BLOB_BYTES);
    switch (result.outcome) {
      case 'stored':
      case 'exists':
        await shop.blobArrived(sha256, now());
        return c.json({ sha256 }, 201);
      case 'too_large':
        throw tooLarge('This file', MAX_BLOB_BYTES, TOO_LARGE_ADVICE);
      case 'mismatch':
        throw new HttpError(
          422,
          API_ERROR_CODES.hashMismatch,
          `The ${result.size} bytes received hash to ${result.actual}, not to ${sha256}: the ` +
            'upload was damaged or is not the file it claims to be. Nothing was stored.',
        );
    }
  });

  api.get('/photos/missing', auth, async (c) => {
    const photos = await c.get('shop').missingPhotos(MAX_MISSING_PHOTOS);
    return c.json({ photos } satisfies MissingPhotosResponse);
  });

  // Hono answers HEAD with this GET route (and drops the body): HEAD only asks for the size.
  api.get('/blobs/:sha256', auth, async (c) => {
    const sha256 = shaParam(c.req.param('sha256'));
    const missing = () =>
      new HttpError(404, API_ERROR_CODES.notFound, `The server has no blob ${sha256}.`);
    const headers = {
      'Content-Type': 'application/octet-stream',
      // The address is the hash of the bytes: they can never change.
      'Cache-Control': 'private, max-age=31536000, immutable',
    };
    if (!(await c.get('shop').holdsBlob(sha256))) throw missing();
    if (c.req.method === 'HEAD') {
      const size = await blobs.sizeOf(sha256);
      if (size === null) throw missing();
      return c.body(null, 200, { ...headers, 'Content-Length': String(size) });
    }
    const blob = await blobs.read(sha256);
    if (!blob) throw missing();
    return c.body(blob.body, 200, { ...headers, 'Content-Length': String(blob.size) });
  });
}
