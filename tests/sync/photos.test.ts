// Photos between two tablets through a real Loupe server on 127.0.0.1 (DESIGN.md, "Sync"): each
// tablet is its own Dexie over fake-indexeddb. Tablet A's photo and its thumbnail travel by the
// SHA-256 of their bytes; tablet B fetches them lazily, thumbnail first, and refuses bytes that do
// not hash to their address.
import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LoupeDB,
  openJob,
  putPhoto,
  recordEvent,
  savePairing,
  type OpenJobInput,
  type PhotoRow,
} from '../../src/db';
import type { PhotoEntry } from '../../src/domain/job';
import { sha256Hex } from '../../src/photos/hash';
import { savePhoto } from '../../src/photos/savePhoto';
import { parseEvent, readStoredEvent } from '../../src/protocol/events';
import { BLOBS_DIR_NAME } from '../../src/server/store/blobStore';
import { usePhotoFetchStatus } from '../../src/stores/photoFetchStore';
import { createApiClient, type ApiClient } from '../../src/sync/apiClient';
import { runSync } from '../../src/sync/engine';
import { fetchPhotoBytes, PhotoFetchError, photoAddress } from '../../src/sync/photoFetch';
import { MISMATCH_RETRY_MS, PhotoFetchQueue } from '../../src/sync/photoQueue';
import { event, openedData, stampAt } from '../support/events';
import { fakeProcess, fakeProcessed } from '../support/photos';
import { startTestServer, STORE_KINDS, type TestServer } from '../server/startTestServer';
import { makeCode } from '../server/syncHelpers';

const MIA = 'staff-mia';
const JO = 'staff-jo';

interface Sent {
  method: string;
  path: string;
}

interface Tablet {
  db: LoupeDB;
  api: ApiClient;
  token: string;
  /** Every request this tablet made, in order. */
  requests: Sent[];
}

let server: TestServer;
const tablets: Tablet[] = [];
let dbCount = 0;

afterEach(async () => {
  for (const t of tablets.splice(0)) await t.db.delete();
  usePhotoFetchStatus.setState({ photos: {} });
  vi.restoreAllMocks();
});

/** A tablet paired the way a person pairs one: a code made by the server's own function. */
async function pairedTablet(): Promise<Tablet> {
  const code = await makeCode(server.data);
  const { token } = await createApiClient({ serverUrl: server.url }).pair(code);
  const requests: Sent[] = [];
  const recording: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    requests.push({ method: init?.method ?? 'GET', path: url.pathname });
    return fetch(input, init);
  };
  const api = createApiClient({ serverUrl: server.url, token, fetch: recording });
  const db = new LoupeDB(`sync-photos-${Date.now()}-${dbCount++}`);
  const tablet = { db, api, token, requests };
  tablets.push(tablet);
  return tablet;
}

function intake(): OpenJobInput {
  const { envelope: _e, services: _s, ...rest } = openedData();
  return {
    ...rest,
    services: [{ kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } }],
  };
}

function blobPath(sha256: string): string {
  return join(server.dataDir, BLOBS_DIR_NAME, sha256.slice(0, 2), sha256);
}

function blobGets(t: Tablet): string[] {
  return t.requests
    .filter((r) => r.method === 'GET' && r.path.includes('/blobs/'))
    .map((r) => r.path.slice(r.path.lastIndexOf('/') + 1));
}

/** Tablet A opens a job and takes a photo of it; returns the job and A's stored row. */
async function photoOnA(a: Tablet) {
  const { jobId } = await openJob(a.db, intake(), MIA);
  const saved = await savePhoto(a.db, { jobId, file: new Blob(['x']), tag: 'before' }, MIA, {
    process: fakeProcess,
  });
  const row = (await a.db.photos.get(saved.sha256)) as PhotoRow;
  return { jobId, saved, row, thumbnailSha256: await sha256Hex(row.thumbnail) };
}

/** B pulls and finds the job's photo entry, bytes not yet here. */
async function entryOnB(b: Tablet, jobId: string): Promise<PhotoEntry> {
  await runSync(b.db, b.api);
  const entry = (await b.db.jobs.get(jobId))?.photos[0];
  if (!entry) throw new Error('B has no photo entry for the job');
  return entry;
}

// The server's photos on both stores: the bytes are in its data folder either way, and which shop
// holds them in the store.
describe.each(STORE_KINDS)('on %s', (kind) => {
  beforeAll(async () => {
    // No app is served in these tests: the static folder need not exist.
    server = await startTestServer(join(tmpdir(), 'loupe-no-app'), { store: kind });
  });
  afterAll(async () => {
    await server.close();
  });

  describe('a photo from tablet A on tablet B', () => {
    it('travels by hash: A uploads thumbnail and photo, B fetches the thumbnail first, then the photo', async () => {
      const a = await pairedTablet();
      const b = await pairedTablet();
      const { jobId, saved, row, thumbnailSha256 } = await photoOnA(a);

      // savePhoto names the thumbnail's own hash in photo.added.
      const added = (await a.db.events.toArray()).find((e) => e.type === 'photo.added');
      expect(added?.data).toMatchObject({ sha256: saved.sha256, thumbnailSha256 });
      expect(thumbnailSha256).not.toBe(saved.sha256);

      const reportA = await runSync(a.db, a.api);
      expect(reportA.photosUploaded).toBe(1);
      expect((await a.db.photos.get(saved.sha256))?.uploaded).toBe(1);
      // HEAD first, then PUT, the thumbnail before the photo.
      expect(a.requests.filter((r) => r.path.includes('/blobs/'))).toEqual([
        { method: 'HEAD', path: `/api/v1/blobs/${thumbnailSha256}` },
        { method: 'PUT', path: `/api/v1/blobs/${thumbnailSha256}` },
        { method: 'HEAD', path: `/api/v1/blobs/${saved.sha256}` },
        { method: 'PUT', path: `/api/v1/blobs/${saved.sha256}` },
      ]);
      expect(await a.api.hasBlob(thumbnailSha256)).toBe(true);
      expect(await a.api.hasBlob(saved.sha256)).toBe(true);

      const entry = await entryOnB(b, jobId);
      expect(entry).toMatchObject({ sha256: saved.sha256, thumbnailSha256, tag: 'before' });
      expect(await b.db.photos.get(saved.sha256)).toBeUndefined();

      // Thumbnail only: what the gallery needs first.
      expect(
        await fetchPhotoBytes(b.db, b.api, photoAddress(jobId, entry), { thumbnailOnly: true }),
      ).toBe('thumbnail');
      const partial = await b.db.photos.get(saved.sha256);
      expect(partial).toMatchObject({
        jobId,
        thumbnailOnly: true,
        uploaded: 1,
        mimeType: 'image/png',
        width: row.width,
        height: row.height,
      });
      expect(await sha256Hex(partial?.thumbnail ?? new Blob())).toBe(thumbnailSha256);
      expect(await sha256Hex(partial?.blob ?? new Blob())).toBe(thumbnailSha256);
      expect(partial?.thumbnail.type).toBe('image/png');
      expect(blobGets(b)).toEqual([thumbnailSha256]);

      // Then the full photo, which keeps the thumbnail.
      expect(await fetchPhotoBytes(b.db, b.api, photoAddress(jobId, entry))).toBe('full');
      const full = await b.db.photos.get(saved.sha256);
      expect(full?.thumbnailOnly).toBeUndefined();
      expect(full).toMatchObject({ jobId, uploaded: 1, bytes: row.bytes, mimeType: 'image/png' });
      expect(await sha256Hex(full?.blob ?? new Blob())).toBe(saved.sha256);
      expect(await sha256Hex(full?.thumbnail ?? new Blob())).toBe(thumbnailSha256);
      expect(new Uint8Array(await (full?.blob ?? new Blob()).arrayBuffer())).toEqual(
        new Uint8Array(await row.blob.arrayBuffer()),
      );
      expect(blobGets(b)).toEqual([thumbnailSha256, saved.sha256]);

      // Nothing is fetched twice, and a downloaded photo is never uploaded back.
      expect(await fetchPhotoBytes(b.db, b.api, photoAddress(jobId, entry))).toBe('full');
      expect(blobGets(b)).toHaveLength(2);
      expect((await runSync(b.db, b.api)).photosUploaded).toBe(0);
    });

    it('fetches the thumbnail, then the photo, in one call', async () => {
      const a = await pairedTablet();
      const b = await pairedTablet();
      const { jobId, saved, thumbnailSha256 } = await photoOnA(a);
      await runSync(a.db, a.api);
      const entry = await entryOnB(b, jobId);
      expect(await fetchPhotoBytes(b.db, b.api, photoAddress(jobId, entry))).toBe('full');
      expect(blobGets(b)).toEqual([thumbnailSha256, saved.sha256]);
    });

    it('refuses a thumbnail the server has tampered with, storing nothing', async () => {
      const a = await pairedTablet();
      const b = await pairedTablet();
      const { jobId, thumbnailSha256 } = await photoOnA(a);
      await runSync(a.db, a.api);
      writeFileSync(blobPath(thumbnailSha256), Buffer.from('not the thumbnail'));
      const entry = await entryOnB(b, jobId);

      const failure = await fetchPhotoBytes(b.db, b.api, photoAddress(jobId, entry)).catch(
        (err: unknown) => err,
      );
      expect(failure).toBeInstanceOf(PhotoFetchError);
      expect(failure).toMatchObject({ reason: 'mismatch' });
      expect((failure as Error).message).toMatch(/hash to [0-9a-f]{64}, not to/);
      expect(await b.db.photos.count()).toBe(0);
    });

    it('refuses a tampered photo, keeping only the thumbnail it had checked', async () => {
      const a = await pairedTablet();
      const b = await pairedTablet();
      const { jobId, saved, thumbnailSha256 } = await photoOnA(a);
      await runSync(a.db, a.api);
      const other = await fakeProcessed(64, 48);
      writeFileSync(blobPath(saved.sha256), Buffer.from(await other.blob.arrayBuffer()));
      const entry = await entryOnB(b, jobId);

      await expect(fetchPhotoBytes(b.db, b.api, photoAddress(jobId, entry))).rejects.toMatchObject({
        name: 'PhotoFetchError',
        reason: 'mismatch',
      });
      const row = await b.db.photos.get(saved.sha256);
      expect(row?.thumbnailOnly).toBe(true);
      expect(await sha256Hex(row?.blob ?? new Blob())).toBe(thumbnailSha256);
      expect(await b.db.photos.count()).toBe(1);
    });

    it('says a photo is not on the server yet, storing nothing', async () => {
      const b = await pairedTablet();
      const { jobId } = await openJob(b.db, intake(), JO);
      const missing = await fakeProcessed();
      await expect(
        fetchPhotoBytes(b.db, b.api, {
          jobId,
          sha256: missing.sha256,
          thumbnailSha256: await sha256Hex(missing.thumbnail),
        }),
      ).rejects.toMatchObject({ reason: 'not_on_server' });
      expect(await b.db.photos.count()).toBe(0);
    });

    it('fetches an older photo with no thumbnail address whole, as its own thumbnail', async () => {
      const a = await pairedTablet();
      const b = await pairedTablet();
      const { jobId } = await openJob(a.db, intake(), MIA);
      const photo = await fakeProcessed();
      // As an app version from before thumbnails travelled recorded it.
      await putPhoto(a.db, {
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
      await recordEvent(
        a.db,
        {
          jobId,
          type: 'photo.added',
          data: {
            sha256: photo.sha256,
            tag: 'intake',
            mimeType: 'image/png',
            bytes: photo.bytes,
            width: photo.width,
            height: photo.height,
          },
        },
        MIA,
      );
      await runSync(a.db, a.api);
      const entry = await entryOnB(b, jobId);
      expect(entry.thumbnailSha256).toBeUndefined();

      expect(
        await fetchPhotoBytes(b.db, b.api, photoAddress(jobId, entry), { thumbnailOnly: true }),
      ).toBe('full');
      const row = await b.db.photos.get(photo.sha256);
      expect(await sha256Hex(row?.blob ?? new Blob())).toBe(photo.sha256);
      expect(await sha256Hex(row?.thumbnail ?? new Blob())).toBe(photo.sha256);
      expect(blobGets(b)).toEqual([photo.sha256]);
    });
  });

  describe('uploading photos', () => {
    it('picks up after a run cut off between the thumbnail and the photo, sending nothing twice', async () => {
      const a = await pairedTablet();
      const { saved, thumbnailSha256 } = await photoOnA(a);
      let cut = true;
      const flaky: ApiClient = {
        ...a.api,
        putBlob: async (sha256, bytes) => {
          if (sha256 === saved.sha256 && cut) {
            cut = false;
            throw new Error('network dropped');
          }
          await a.api.putBlob(sha256, bytes);
        },
      };
      await expect(runSync(a.db, flaky)).rejects.toThrow('network dropped');
      expect((await a.db.photos.get(saved.sha256))?.uploaded).toBe(0);
      a.requests.length = 0;

      expect((await runSync(a.db, flaky)).photosUploaded).toBe(1);
      expect(a.requests.filter((r) => r.path.includes('/blobs/'))).toEqual([
        { method: 'HEAD', path: `/api/v1/blobs/${thumbnailSha256}` },
        { method: 'HEAD', path: `/api/v1/blobs/${saved.sha256}` },
        { method: 'PUT', path: `/api/v1/blobs/${saved.sha256}` },
      ]);
      expect((await a.db.photos.get(saved.sha256))?.uploaded).toBe(1);
    });

    it('takes a photo taken here in place of the thumbnail fetched for the same bytes', async () => {
      const a = await pairedTablet();
      const b = await pairedTablet();
      const { jobId, saved, row } = await photoOnA(a);
      await runSync(a.db, a.api);
      const entry = await entryOnB(b, jobId);
      await fetchPhotoBytes(b.db, b.api, photoAddress(jobId, entry), { thumbnailOnly: true });
      // The very same bytes saved on B (the same picture picked from a shared album).
      await savePhoto(b.db, { jobId, file: new Blob(['x']), tag: 'after' }, JO, {
        process: () =>
          Promise.resolve({
            blob: row.blob,
            thumbnail: row.thumbnail,
            mimeType: 'image/png',
            width: row.width,
            height: row.height,
            bytes: row.bytes,
            sha256: row.sha256,
          }),
      });
      const onB = await b.db.photos.get(saved.sha256);
      expect(onB?.thumbnailOnly).toBeUndefined();
      expect(await sha256Hex(onB?.blob ?? new Blob())).toBe(saved.sha256);
    });
  });

  describe('the background photo queue', () => {
    let b: Tablet;
    let a: Tablet;
    beforeEach(async () => {
      a = await pairedTablet();
      b = await pairedTablet();
    });

    async function queueFor(t: Tablet, now: () => number = Date.now) {
      await savePairing(t.db, {
        serverUrl: server.url,
        token: t.token,
        serverDeviceId: 'x',
        pairedAt: Date.now(),
      });
      return new PhotoFetchQueue(t.db, { makeApi: () => t.api, now });
    }

    it('fetches every thumbnail before any full photo, and clears its progress', async () => {
      const { jobId } = await openJob(a.db, intake(), MIA);
      for (const tag of ['before', 'damage'] as const) {
        await savePhoto(a.db, { jobId, file: new Blob(['x']), tag }, MIA, { process: fakeProcess });
      }
      await runSync(a.db, a.api);
      await runSync(b.db, b.api);
      const entries = (await b.db.jobs.get(jobId))?.photos ?? [];
      expect(entries).toHaveLength(2);

      const queue = await queueFor(b);
      const seen = new Set<string>();
      const unsubscribe = usePhotoFetchStatus.subscribe(({ photos }) => {
        for (const [sha, p] of Object.entries(photos)) seen.add(`${sha.slice(0, 8)} ${p.state}`);
      });
      queue.request(entries.map((e) => photoAddress(jobId, e)));
      await queue.idle();
      unsubscribe();

      const [one, two] = entries as [PhotoEntry, PhotoEntry];
      expect(blobGets(b)).toEqual([
        one.thumbnailSha256,
        two.thumbnailSha256,
        one.sha256,
        two.sha256,
      ]);
      for (const e of entries) {
        const row = await b.db.photos.get(e.sha256);
        expect(row?.thumbnailOnly).toBeUndefined();
        expect(await sha256Hex(row?.blob ?? new Blob())).toBe(e.sha256);
      }
      // Each was shown on its way, then forgotten once here.
      for (const e of entries) {
        expect(seen).toContain(`${e.sha256.slice(0, 8)} queued`);
        expect(seen).toContain(`${e.sha256.slice(0, 8)} fetching`);
      }
      expect(usePhotoFetchStatus.getState().photos).toEqual({});
    });

    it('marks a tampered photo failed and leaves it alone for a while', async () => {
      const { jobId, thumbnailSha256 } = await photoOnA(a);
      await runSync(a.db, a.api);
      writeFileSync(blobPath(thumbnailSha256), Buffer.from('tampered'));
      const entry = await entryOnB(b, jobId);
      let now = Date.now();
      const queue = await queueFor(b, () => now);
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);

      queue.request([photoAddress(jobId, entry)]);
      await queue.idle();
      expect(usePhotoFetchStatus.getState().photos[entry.sha256]).toMatchObject({
        state: 'failed',
        message: expect.stringMatching(/not kept/) as unknown,
      });
      expect(await b.db.photos.count()).toBe(0);

      queue.request([photoAddress(jobId, entry)]);
      await queue.idle();
      expect(blobGets(b)).toHaveLength(1);
      now += MISMATCH_RETRY_MS + 1;
      queue.request([photoAddress(jobId, entry)]);
      await queue.idle();
      expect(blobGets(b)).toHaveLength(2);
    });

    it('does nothing on an unpaired tablet', async () => {
      const { jobId } = await photoOnA(a);
      await runSync(a.db, a.api);
      const entry = await entryOnB(b, jobId);
      const queue = new PhotoFetchQueue(b.db, { makeApi: () => b.api });
      queue.request([photoAddress(jobId, entry)]);
      await queue.idle();
      expect(blobGets(b)).toEqual([]);
      expect(usePhotoFetchStatus.getState().photos).toEqual({});
    });
  });
});

describe('the photo.added thumbnail address', () => {
  const data = { sha256: 'c'.repeat(64), tag: 'before', mimeType: 'image/jpeg' };
  const sizes = { bytes: 10, width: 4, height: 3 };

  it('is optional, so events from before it stay valid, and checked when present', () => {
    const jobId = '01JD0000000000000000000000';
    const base = event(jobId, 'note.added', { text: 'x' }, stampAt(1));
    expect(() =>
      parseEvent({ ...base, type: 'photo.added', data: { ...data, ...sizes } }),
    ).not.toThrow();
    const withThumb = parseEvent({
      ...base,
      type: 'photo.added',
      data: { ...data, ...sizes, thumbnailSha256: 'd'.repeat(64) },
    });
    expect(withThumb.data).toMatchObject({ thumbnailSha256: 'd'.repeat(64) });
    expect(() =>
      parseEvent({
        ...base,
        type: 'photo.added',
        data: { ...data, ...sizes, thumbnailSha256: 'not-a-hash' },
      }),
    ).toThrow(/data\.thumbnailSha256/);
    // A pulled event with a bad thumbnail address is kept, not folded (version skew rules).
    expect(
      readStoredEvent({
        ...base,
        type: 'photo.added',
        data: { ...data, ...sizes, thumbnailSha256: 'x' },
      }).known,
    ).toBe(false);
  });
});
