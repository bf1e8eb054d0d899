// Photos by hash over HTTP: upload once, verify the hash, keep nothing partial, survive a restart.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BLOB_BYTES, missingPhotosResponseSchema } from '../../src/protocol/sync';
import { event, openedEvent } from '../support/events';
import { BLOBS_DIR_NAME } from '../../src/server/store/blobStore';
import { freshData } from '../sync/support/storeData';
import { startTestServer, STORE_KINDS, type TestServer } from './startTestServer';
import { client, errorOf, pairDevice } from './syncHelpers';

const NO_BUILD = '/nonexistent-loupe-build';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every file under DATA_DIR/blobs, as paths relative to it. */
function filesUnder(dataDir: string): string[] {
  const root = join(dataDir, BLOBS_DIR_NAME);
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(root.length + 1))
    .sort();
}

// Every suite on both stores: the bytes are in the data folder either way, which shop holds them
// in the store.
describe.each(STORE_KINDS)('on %s', (kind) => {
  describe('blobs', () => {
    let server: TestServer;
    let api: ReturnType<typeof client>;

    beforeAll(async () => {
      server = await startTestServer(NO_BUILD, { store: kind });
      api = client(server.url, (await pairDevice(server)).token);
    });
    afterAll(async () => {
      await server.close();
    });

    const put = (hash: string, body: BodyInit, headers: Record<string, string> = {}) =>
      api.blob(hash, {
        method: 'PUT',
        body,
        headers: { 'Content-Type': 'application/octet-stream', ...headers },
      });

    it('stores a photo under blobs/<first two hex>/<sha256>, then answers HEAD and GET', async () => {
      const photo = randomBytes(200_000);
      const hash = sha256(photo);
      expect((await api.blob(hash, { method: 'HEAD' })).status).toBe(404);

      const res = await put(hash, photo);
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ sha256: hash });
      const onDisk = readFileSync(join(server.dataDir, BLOBS_DIR_NAME, hash.slice(0, 2), hash));
      expect(onDisk.equals(photo)).toBe(true);

      const head = await api.blob(hash, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-length')).toBe('200000');

      const got = await api.blob(hash);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/octet-stream');
      expect(got.headers.get('cache-control')).toContain('immutable');
      // Buffer.equals: a deep toEqual over 200,000 bytes takes seconds.
      expect(Buffer.from(await got.arrayBuffer()).equals(photo)).toBe(true);
    });

    it('answers 200 to a second upload of the same bytes', async () => {
      const photo = randomBytes(1000);
      expect((await put(sha256(photo), photo)).status).toBe(201);
      const again = await put(sha256(photo), photo);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ sha256: sha256(photo) });
    });

    it('stores an empty file too (its hash is well defined)', async () => {
      const empty = new Uint8Array(0);
      expect((await put(sha256(empty), empty)).status).toBe(201);
      expect((await api.blob(sha256(empty))).status).toBe(200);
    });

    it('refuses bytes that do not hash to the address with a 422, and keeps nothing', async () => {
      const photo = randomBytes(5000);
      const claimed = sha256(randomBytes(10));
      const before = filesUnder(server.dataDir);
      const res = await put(claimed, photo);
      expect(res.status).toBe(422);
      const error = await errorOf(res);
      expect(error.code).toBe('hash_mismatch');
      expect(error.message).toBe(
        `The 5000 bytes received hash to ${sha256(photo)}, not to ${claimed}: the upload was ` +
          'damaged or is not the file it claims to be. Nothing was stored.',
      );
      expect(filesUnder(server.dataDir)).toEqual(before);
      expect((await api.blob(claimed, { method: 'HEAD' })).status).toBe(404);
    });

    it('answers GET of an unknown blob with a JSON 404', async () => {
      const res = await api.blob('0'.repeat(64));
      expect(res.status).toBe(404);
      expect(await errorOf(res)).toEqual({
        code: 'not_found',
        message: `The server has no blob ${'0'.repeat(64)}.`,
      });
    });

    it.each(['ABC', 'A'.repeat(64), 'g'.repeat(64), 'a'.repeat(63)])(
      'answers a malformed hash %s with a 400',
      async (bad) => {
        const res = await put(bad, 'x');
        expect(res.status).toBe(400);
        expect((await errorOf(res)).message).toContain('is not a SHA-256 hash');
      },
    );

    it('takes a file of exactly 15 MiB', async () => {
      const big = randomBytes(MAX_BLOB_BYTES);
      expect((await put(sha256(big), big)).status).toBe(201);
    });

    it('refuses a file over 15 MiB with a 413, and keeps nothing', async () => {
      const before = filesUnder(server.dataDir);
      const big = randomBytes(MAX_BLOB_BYTES + 1);
      const res = await put(sha256(big), big);
      expect(res.status).toBe(413);
      expect(await errorOf(res)).toEqual({
        code: 'too_large',
        message:
          'This file is larger than the 15 MiB the server takes. Photos are compressed on the ' +
          'tablet before upload; this one was not.',
      });
      expect(filesUnder(server.dataDir)).toEqual(before);
    });

    it('cuts off a chunked upload (no Content-Length) once it passes 15 MiB', async () => {
      const before = filesUnder(server.dataDir);
      const chunk = randomBytes(1024 * 1024);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 2 * MAX_BLOB_BYTES) {
            controller.close();
            return;
          }
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const res = await api.blob('f'.repeat(64), {
        method: 'PUT',
        body,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(filesUnder(server.dataDir)).toEqual(before);
      expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
    });
  });

  describe('blobs across a restart', () => {
    it('serves a blob stored before the restart, and clears uploads cut off by it', async () => {
      // Its own data, which outlives the first server: on PostgreSQL the same database.
      const fresh = await freshData(kind, { prefix: 'loupe-blobs-' });
      const { dataDir } = fresh.data;
      try {
        const first = await startTestServer(NO_BUILD, fresh.data);
        const { token } = await pairDevice(first);
        const photo = randomBytes(50_000);
        const hash = sha256(photo);
        const res = await client(first.url, token).blob(hash, { method: 'PUT', body: photo });
        expect(res.status).toBe(201);
        await first.close();
        // What a crash mid-upload leaves: a temp file, never a file under a blob's name.
        writeFileSync(
          join(dataDir, BLOBS_DIR_NAME, 'incoming', `${'e'.repeat(64)}.1`),
          'half a photo',
        );

        const second = await startTestServer(NO_BUILD, fresh.data);
        try {
          const got = await client(second.url, token).blob(hash);
          expect(got.status).toBe(200);
          // Buffer.equals: a deep toEqual over 200,000 bytes takes seconds.
          expect(Buffer.from(await got.arrayBuffer()).equals(photo)).toBe(true);
          expect(filesUnder(dataDir)).toEqual([join(hash.slice(0, 2), hash)]);
        } finally {
          await second.close();
        }
        expect(existsSync(join(dataDir, BLOBS_DIR_NAME, hash.slice(0, 2), hash))).toBe(true);
      } finally {
        await fresh.remove();
      }
    });
  });

  describe('photos the server lacks', () => {
    it('lists a photo its events name until both its bytes and its thumbnail arrive', async () => {
      const server = await startTestServer(NO_BUILD, { store: kind });
      try {
        const { token } = await pairDevice(server);
        const api = client(server.url, token);
        const photo = randomBytes(300);
        const thumb = randomBytes(40);
        const { opened, jobId } = openedEvent();
        const added = event(jobId, 'photo.added', {
          sha256: sha256(photo),
          thumbnailSha256: sha256(thumb),
          tag: 'before',
          mimeType: 'image/jpeg',
          bytes: photo.length,
          width: 64,
          height: 48,
        });
        await api.pushOk([opened, added]);
        const missing = async () => {
          const res = await fetch(`${server.url}/api/v1/photos/missing`, {
            headers: { Authorization: `Bearer ${token}` },
          });
          return missingPhotosResponseSchema.parse(await res.json()).photos;
        };
        expect(await missing()).toEqual([sha256(photo)]);
        await api.blob(sha256(thumb), { method: 'PUT', body: thumb });
        expect(await missing(), 'the photo itself is still missing').toEqual([sha256(photo)]);
        await api.blob(sha256(photo), { method: 'PUT', body: photo });
        expect(await missing()).toEqual([]);
      } finally {
        await server.close();
      }
    });
  });
});
