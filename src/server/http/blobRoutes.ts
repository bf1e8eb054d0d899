// PUT, HEAD and GET /blobs/:sha256: photos and signatures by the hash of their bytes; GET
// /photos/missing: the photos whose bytes the server lacks, for the tablets that hold them.
import type { Hono, MiddlewareHandler } from 'hono';
import { API_ERROR_CODES } from '../../protocol/api';
import {
  MAX_BLOB_BYTES,
  MAX_MISSING_PHOTOS,
  SHA256_PATTERN,
  type MissingPhotosResponse,
} from '../../protocol/sync';
import type { BlobStore } from '../store/blobStore';
import type { Store } from '../store/store';
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
  { blobs, store, auth }: { blobs: BlobStore; store: Store; auth: MiddlewareHandler<DeviceEnv> },
): void {
  api.put('/blobs/:sha256', auth, async (c) => {
    const sha256 = shaParam(c.req.param('sha256'));
    const declared = declaredLength(c.req.raw);
    if (declared !== null && declared > MAX_BLOB_BYTES) {
      throw tooLarge('This file', MAX_BLOB_BYTES, TOO_LARGE_ADVICE);
    }
    const result = await blobs.put(sha256, c.req.raw.body, MAX_BLOB_BYTES);
    switch (result.outcome) {
      case 'stored':
        await store.blobArrived(sha256);
        return c.json({ sha256 }, 201);
      case 'exists':
        await store.blobArrived(sha256);
        return c.json({ sha256 }, 200);
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
    const photos = await store.missingPhotos(MAX_MISSING_PHOTOS);
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
