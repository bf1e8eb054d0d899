// Photos in Dexie (over fake-indexeddb): bytes round-trip by hash, and savePhoto stores a photo's
// bytes and its photo.added event together or not at all.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  askPersistenceOnce,
  BenchInputError,
  db as appDb,
  jobPhotos,
  LoupeDB,
  openJob,
  photoStorageSummary,
  putPhoto,
  recordEvent,
  type OpenJobInput,
} from '../../src/db';
import { sha256Hex } from '../../src/photos/hash';
import { PhotoProcessingError } from '../../src/photos/process';
import { PhotoStorageError, savePhoto } from '../../src/photos/savePhoto';
import { OUT_OF_STORAGE_MESSAGE } from '../../src/photos/storageErrors';
import { storePickedPhoto } from '../../src/photos/storePickedPhoto';
import { openedData } from '../support/events';
import { fakeProcess, fakeProcessed, pngBlob } from '../support/photos';
import { ringPicture } from '../support/png';

const ACTOR = 'staff-mia';
const opened: LoupeDB[] = [];
let n = 0;
function freshDb(): LoupeDB {
  const db = new LoupeDB(`loupe-photos-${Date.now()}-${n++}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const db of opened.splice(0)) await db.delete();
});

function intake(): OpenJobInput {
  const { envelope: _e, services: _s, ...rest } = openedData();
  return {
    ...rest,
    services: [{ kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } }],
  };
}

async function counts(db: LoupeDB) {
  return {
    photos: await db.photos.count(),
    events: await db.events.count(),
    outbox: await db.outbox.count(),
  };
}

describe('photo bytes in IndexedDB', () => {
  it('round-trip with the same SHA-256', async () => {
    const db = freshDb();
    const bytes = ringPicture(200, 150, 3);
    const blob = pngBlob(bytes);
    const sha256 = await sha256Hex(blob);
    await putPhoto(db, {
      sha256,
      jobId: 'job-1',
      blob,
      thumbnail: blob,
      mimeType: 'image/png',
      bytes: blob.size,
      width: 200,
      height: 150,
      uploaded: 0,
      createdAt: 1,
    });
    const row = await db.photos.get(sha256);
    expect(row?.blob).toBeInstanceOf(Blob);
    expect(row?.blob.size).toBe(bytes.length);
    expect(row?.blob.type).toBe('image/png');
    expect(await sha256Hex(row?.blob ?? new Blob())).toBe(sha256);
    expect(new Uint8Array(await (row?.blob ?? new Blob()).arrayBuffer())).toEqual(
      new Uint8Array(bytes),
    );
  });
});

describe('savePhoto', () => {
  let db: LoupeDB;
  let jobId: string;
  beforeEach(async () => {
    db = freshDb();
    ({ jobId } = await openJob(db, intake(), ACTOR));
  });

  it('stores the bytes, records photo.added and queues it for the server, together', async () => {
    const before = await counts(db);
    const saved = await savePhoto(
      db,
      { jobId, file: new Blob(['ignored']), tag: 'before', note: '  worn prong at 3 o’clock ' },
      ACTOR,
      { process: fakeProcess },
    );
    expect(saved).toMatchObject({ tag: 'before', mimeType: 'image/png', alreadyOnJob: false });
    expect(await counts(db)).toEqual({
      photos: before.photos + 1,
      events: before.events + 1,
      outbox: before.outbox + 1,
    });
    const row = await db.photos.get(saved.sha256);
    expect(row).toMatchObject({ jobId, uploaded: 0, width: saved.width, bytes: saved.bytes });
    expect(await sha256Hex(row?.blob ?? new Blob())).toBe(saved.sha256);
    const job = await db.jobs.get(jobId);
    expect(job?.photos).toEqual([
      expect.objectContaining({
        sha256: saved.sha256,
        tag: 'before',
        note: 'worn prong at 3 o’clock',
        by: ACTOR,
        mimeType: 'image/png',
      }),
    ]);
  });

  it('leaves nothing half-saved when the photos table is full (QuotaExceededError)', async () => {
    const before = await counts(db);
    const jobBefore = await db.jobs.get(jobId);
    db.photos.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const failure = await savePhoto(db, { jobId, file: new Blob(['x']), tag: 'damage' }, ACTOR, {
      process: fakeProcess,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PhotoStorageError);
    expect((failure as Error).message).toBe(OUT_OF_STORAGE_MESSAGE);
    expect(await counts(db)).toEqual(before);
    expect(await db.jobs.get(jobId)).toEqual(jobBefore);
  });

  it('retries once after Safari’s transient blob error, and records the photo once', async () => {
    let failures = 1;
    db.photos.hook('creating', () => {
      if (failures-- > 0) {
        throw new DOMException(
          'Error preparing Blob/File data to be stored in object store',
          'UnknownError',
        );
      }
    });
    const before = await counts(db);
    const saved = await savePhoto(db, { jobId, file: new Blob(['x']), tag: 'qc' }, ACTOR, {
      process: fakeProcess,
    });
    expect(await counts(db)).toEqual({
      photos: before.photos + 1,
      events: before.events + 1,
      outbox: before.outbox + 1,
    });
    expect((await db.jobs.get(jobId))?.photos.map((p) => p.sha256)).toEqual([saved.sha256]);
  });

  it('reports a transient error that happens twice, keeping nothing', async () => {
    db.photos.hook('creating', () => {
      throw new DOMException('An unknown error occurred', 'UnknownError');
    });
    const before = await counts(db);
    await expect(
      savePhoto(db, { jobId, file: new Blob(['x']), tag: 'qc' }, ACTOR, { process: fakeProcess }),
    ).rejects.toMatchObject({ name: 'UnknownError' });
    expect(await counts(db)).toEqual(before);
  });

  it('keeps the same bytes once, and does not add them to the job twice', async () => {
    const photo = await fakeProcessed();
    const process = () => Promise.resolve(photo);
    const first = await savePhoto(db, { jobId, file: new Blob(['x']), tag: 'before' }, ACTOR, {
      process,
    });
    const before = await counts(db);
    const second = await savePhoto(db, { jobId, file: new Blob(['x']), tag: 'after' }, ACTOR, {
      process,
    });
    expect(first.alreadyOnJob).toBe(false);
    expect(second.alreadyOnJob).toBe(true);
    expect(await counts(db)).toEqual(before);
    expect((await db.jobs.get(jobId))?.photos).toHaveLength(1);
  });

  it('refuses a note over 500 characters before doing any work', async () => {
    const process = vi.fn(fakeProcess);
    await expect(
      savePhoto(db, { jobId, file: new Blob(['x']), tag: 'before', note: 'x'.repeat(501) }, ACTOR, {
        process,
      }),
    ).rejects.toBeInstanceOf(BenchInputError);
    expect(process).not.toHaveBeenCalled();
  });

  it('passes on a picture that cannot be read, storing nothing', async () => {
    const before = await counts(db);
    const process = () =>
      Promise.reject(new PhotoProcessingError('This file is not a picture', 'unreadable'));
    await expect(
      savePhoto(db, { jobId, file: new Blob(['x']), tag: 'before' }, ACTOR, { process }),
    ).rejects.toBeInstanceOf(PhotoProcessingError);
    expect(await counts(db)).toEqual(before);
  });

  it('files a service’s photo under that service', async () => {
    const serviceId = (await db.jobs.get(jobId))?.services[0]?.id ?? '';
    await savePhoto(db, { jobId, serviceId, file: new Blob(['x']), tag: 'after' }, ACTOR, {
      process: fakeProcess,
    });
    expect((await db.jobs.get(jobId))?.photos[0]?.serviceId).toBe(serviceId);
  });
});

describe('photos at the counter before the job is opened', () => {
  it('are listed from their events, then kept in the job once it opens', async () => {
    const db = freshDb();
    const jobId = '01JDXQ5Y8Z9V1N2M3K4H5G6F7E';
    const a = await savePhoto(db, { jobId, file: new Blob(['x']), tag: 'intake' }, ACTOR, {
      process: fakeProcess,
    });
    const b = await savePhoto(db, { jobId, file: new Blob(['x']), tag: 'damage' }, ACTOR, {
      process: fakeProcess,
    });
    expect(await db.jobs.get(jobId)).toBeUndefined();
    expect((await jobPhotos(db, jobId)).map((p) => [p.sha256, p.tag])).toEqual([
      [a.sha256, 'intake'],
      [b.sha256, 'damage'],
    ]);
    await openJob(db, { ...intake(), jobId }, ACTOR);
    expect((await jobPhotos(db, jobId)).map((p) => p.sha256)).toEqual([a.sha256, b.sha256]);
  });

  it('ignores other events of the job while listing', async () => {
    const db = freshDb();
    const jobId = '01JDXQ5Y8Z9V1N2M3K4H5G6F7F';
    await recordEvent(db, { jobId, type: 'note.added', data: { text: 'Hello' } }, ACTOR);
    expect(await jobPhotos(db, jobId)).toEqual([]);
  });
});

describe('persistent storage and the photo summary', () => {
  it('asks the browser to keep data the first time only', async () => {
    const db = freshDb();
    const persist = vi.fn(() => Promise.resolve(true));
    vi.stubGlobal('navigator', { storage: { persist } });
    expect(await askPersistenceOnce(db)).toBe(true);
    expect(await askPersistenceOnce(db)).toBeNull();
    expect(persist).toHaveBeenCalledTimes(1);
  });

  it('savePhoto asks for it after the first photo is safe', async () => {
    const db = freshDb();
    const { jobId } = await openJob(db, intake(), ACTOR);
    const persist = vi.fn(() => Promise.resolve(true));
    vi.stubGlobal('navigator', { storage: { persist } });
    await savePhoto(db, { jobId, file: new Blob(['x']), tag: 'before' }, ACTOR, {
      process: fakeProcess,
    });
    await vi.waitFor(() => {
      expect(persist).toHaveBeenCalledTimes(1);
    });
  });

  it('adds up photo and thumbnail bytes and counts what the server lacks', async () => {
    const db = freshDb();
    const { jobId } = await openJob(db, intake(), ACTOR);
    const photo = await fakeProcessed();
    await savePhoto(db, { jobId, file: new Blob(['x']), tag: 'before' }, ACTOR, {
      process: () => Promise.resolve(photo),
    });
    expect(await photoStorageSummary(db)).toEqual({
      count: 1,
      bytes: photo.blob.size + photo.thumbnail.size,
      notUploaded: 1,
    });
  });
});

describe('storePickedPhoto (checklist photo fields, signatures)', () => {
  afterEach(async () => {
    await appDb.delete({ disableAutoOpen: false });
  });

  it('keeps a signature’s SVG as it is, filed by its hash', async () => {
    const svg = new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>'], { type: 'image/svg+xml' });
    const sha256 = await storePickedPhoto('job-1', svg);
    expect(sha256).toBe(await sha256Hex(svg));
    expect(await appDb.photos.get(sha256)).toMatchObject({
      jobId: 'job-1',
      mimeType: 'image/svg+xml',
      bytes: svg.size,
      uploaded: 0,
    });
  });

  it('keeps a picture as taken where this browser cannot prepare photos (no canvas here)', async () => {
    const png = pngBlob(ringPicture(40, 30));
    const sha256 = await storePickedPhoto('job-1', png);
    expect(sha256).toBe(await sha256Hex(png));
    expect((await appDb.photos.get(sha256))?.mimeType).toBe('image/png');
  });

  it('says the tablet is full, keeping nothing, when the write hits the quota', async () => {
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    appDb.photos.hook('creating', full);
    try {
      await expect(storePickedPhoto('job-1', pngBlob(ringPicture(8, 8)))).rejects.toBeInstanceOf(
        PhotoStorageError,
      );
      expect(await appDb.photos.count()).toBe(0);
    } finally {
      appDb.photos.hook('creating').unsubscribe(full);
    }
  });
});
