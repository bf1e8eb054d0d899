// The store contract, run on both stores: SQLite on a temp folder and PostgreSQL on a fresh
// database. Whatever a route can ask of a store must come out the same from either, shop by shop.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHOP_PREFIX_PATTERN } from '../../src/domain/envelopes';
import type { StoredEvent } from '../../src/protocol/events';
import type { PulledEvent } from '../../src/protocol/sync';
import { StoreInputError } from '../../src/server/store/names';
import { openPostgresStore } from '../../src/server/store/postgresStore';
import { openSqliteStore } from '../../src/server/store/sqliteStore';
import type {
  ExportedEvent,
  NewDevice,
  ShopExport,
  ShopStore,
  Store,
} from '../../src/server/store/store';
import { event, openedEvent, stampAt, T0 } from '../support/events';
import { testDatabase } from '../support/postgres';

interface OpenedStore {
  store: Store;
  /** Another store on the same data, as a second server process opens it. */
  another(): Promise<Store>;
  /** Closes every store opened on the data, and removes the data. */
  done(): Promise<void>;
}

const STORES = [
  {
    kind: 'sqlite',
    open: (): Promise<OpenedStore> => {
      const dir = mkdtempSync(join(tmpdir(), 'loupe-contract-'));
      const stores = [openSqliteStore(dir)];
      return Promise.resolve({
        store: stores[0] as Store,
        another: () => {
          const store = openSqliteStore(dir);
          stores.push(store);
          return Promise.resolve(store);
        },
        done: async () => {
          for (const store of stores) await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      });
    },
  },
  {
    kind: 'postgres',
    open: async (): Promise<OpenedStore> => {
      const db = await testDatabase();
      const stores = [await openPostgresStore(db.url)];
      return {
        store: stores[0] as Store,
        another: async () => {
          const store = await openPostgresStore(db.url);
          stores.push(store);
          return store;
        },
        done: async () => {
          for (const store of stores) await store.close();
          await db.drop();
        },
      };
    },
  },
] as const;

/**
 * Several stores on the same data, each with a connection open and idle (so none of them starts
 * late for making one): the processes of a race.
 */
async function racers(opened: OpenedStore, count: number, shopId: string): Promise<Store[]> {
  const stores = [opened.store];
  while (stores.length < count) stores.push(await opened.another());
  await Promise.all(stores.map((s) => s.shop(shopId).greatestSeq()));
  return stores;
}

/**
 * The message of the StoreInputError `attempt` is refused with; anything else fails the test. A
 * function, not a promise: the SQLite store throws some refusals before its promise is made.
 */
async function refusal(attempt: () => Promise<unknown>): Promise<string> {
  try {
    await attempt();
  } catch (err) {
    if (err instanceof StoreInputError) return err.message;
    throw err;
  }
  throw new Error('expected a refusal');
}

function notes(count: number, jobId = openedEvent().jobId): StoredEvent[] {
  return Array.from({ length: count }, (_, i) =>
    event(jobId, 'note.added', { text: `Prongs checked ${i}` }, stampAt(i)),
  );
}

function photoAdded(jobId: string, sha256: string, thumbnailSha256: string): StoredEvent {
  return event(jobId, 'photo.added', {
    sha256,
    thumbnailSha256,
    tag: 'before',
    mimeType: 'image/jpeg',
    bytes: 10,
    width: 4,
    height: 3,
  });
}

const sha = (what: string) => createHash('sha256').update(what).digest('hex');

let codeCount = 0;
/** Adds a pairing code to the shop; its hash, for redeeming. */
async function addCode(shop: ShopStore, expiresAt = T0 + 600_000): Promise<string> {
  const codeHash = sha(`code ${codeCount++} ${randomBytes(4).toString('hex')}`);
  await shop.addPairingCode({ codeHash, createdAt: T0, expiresAt, deviceName: null });
  return codeHash;
}

function newDevice(name: string | null = null): NewDevice {
  return {
    id: randomBytes(8).toString('hex'),
    fallbackName: 'Tablet',
    requestedName: name,
    tokenHash: sha(`token ${randomBytes(8).toString('hex')}`),
  };
}

/** Pairs a tablet into the shop: the device made. */
async function pairInto(store: Store, shop: ShopStore, name: string | null = null) {
  const result = await store.redeemPairingCode(await addCode(shop), T0, newDevice(name));
  if (!result.ok) throw new Error(`pairing failed: ${result.reason}`);
  return result.device;
}

/** Every event of the shop, read in pages of `limit`. */
async function readAll(shop: ShopStore, limit = 1000): Promise<PulledEvent[]> {
  const seen: PulledEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await shop.readEvents(after, limit);
    seen.push(...page.events);
    after = page.cursor;
    if (!page.more) return seen;
  }
}

/** A shop's events as `npm run migrate` copies them: pages of exportEvents. */
async function* exportedPages(shop: ShopStore, limit = 2): AsyncGenerator<ExportedEvent[]> {
  let after = 0;
  for (;;) {
    const page = await shop.exportEvents(after, limit);
    if (page.length === 0) return;
    yield page;
    after = page.at(-1)?.seq ?? after;
  }
}

/** Pages handed over one at a time, as `npm run migrate` reads them from the other store. */
async function* pagesOf(...pages: ExportedEvent[][]): AsyncGenerator<ExportedEvent[]> {
  for (const page of pages) yield await Promise.resolve(page);
}

describe.each(STORES)('the $kind store', ({ open }) => {
  let opened: OpenedStore;
  let store: Store;

  beforeEach(async () => {
    opened = await open();
    store = opened.store;
  });
  afterEach(async () => {
    await opened.done();
  });

  describe('shops', () => {
    it('adds, lists, finds by name case aside, and renames', async () => {
      // After any shop the store was made with (SQLite's first shop is made when its file is).
      const before = await store.listShops();
      const now = Math.max(T0, ...before.map((s) => s.createdAt)) + 1;
      const rose = await store.addShop('  Rose   Street ', now);
      const mill = await store.addShop('Mill Lane', now + 1);
      expect(rose.id).toMatch(/^[0-9a-f]{16}$/);
      expect(rose).toEqual({ id: rose.id, name: 'Rose Street', createdAt: now });
      expect(await store.listShops()).toEqual([...before, rose, mill]);
      expect(await store.shopByName('ROSE street')).toEqual(rose);
      expect(await store.shopByName('Nowhere')).toBeNull();

      const renamed = await store.renameShop(rose.id, 'Rose Square');
      expect(renamed).toEqual({ ...rose, name: 'Rose Square' });
      expect(await store.shopByName('rose square')).toEqual(renamed);
      expect(await store.shopByName('Rose Street')).toBeNull();
      // Its own name in other letters is no clash.
      expect(await store.renameShop(mill.id, 'MILL LANE')).toEqual({ ...mill, name: 'MILL LANE' });
    });

    it('refuses a name another shop has, case aside, and bad names, in words', async () => {
      const rose = await store.addShop('Rose', T0);
      const mill = await store.addShop('Mill', T0);
      const count = (await store.listShops()).length;
      expect(await refusal(() => store.addShop('ROSE', T0))).toBe(
        'There is a shop named "Rose" already.',
      );
      expect(await refusal(() => store.renameShop(mill.id, ' rose '))).toBe(
        'There is a shop named "Rose" already.',
      );
      expect(await refusal(() => store.renameShop('0123456789abcdef', 'Other'))).toBe(
        'There is no shop 0123456789abcdef.',
      );
      expect(await refusal(() => store.addShop('   ', T0))).toBe('A shop needs a name.');
      expect(await refusal(() => store.addShop('x'.repeat(61), T0))).toBe(
        `A shop's name is at most 60 characters; "${'x'.repeat(20)}…" is 61.`,
      );
      expect(await refusal(() => store.addShop('Rose\u0007', T0))).toBe(
        "A shop's name cannot hold control characters.",
      );
      expect(await refusal(() => store.renameShop(rose.id, ''))).toBe('A shop needs a name.');
      expect((await store.listShops()).length).toBe(count);
      expect(await store.shopByName('Rose')).toEqual(rose);
    });
  });

  describe('events', () => {
    it('gives each shop its own dense seqs', async () => {
      const a = store.shop((await store.addShop('A', T0)).id);
      const b = store.shop((await store.addShop('B', T0)).id);
      expect(await a.appendEvents(notes(3), T0, 'dev-a')).toEqual({
        accepted: 3,
        duplicates: 0,
        cursor: 3,
      });
      expect(await b.appendEvents(notes(2), T0, 'dev-b')).toEqual({
        accepted: 2,
        duplicates: 0,
        cursor: 2,
      });
      expect(await a.appendEvents(notes(2), T0, 'dev-a')).toEqual({
        accepted: 2,
        duplicates: 0,
        cursor: 5,
      });
      expect((await readAll(a)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect((await readAll(b, 1)).map((e) => e.seq)).toEqual([1, 2]);
      expect(await a.greatestSeq()).toBe(5);
      expect(await b.greatestSeq()).toBe(2);
      expect(await a.appendEvents([], T0, 'dev-a')).toEqual({
        accepted: 0,
        duplicates: 0,
        cursor: 5,
      });
    });

    it('stores an id once, within a batch and across batches, and keeps data as pushed', async () => {
      const a = store.shop((await store.addShop('A', T0)).id);
      const b = store.shop((await store.addShop('B', T0)).id);
      const [e1, e2, e3] = notes(3);
      if (!e1 || !e2 || !e3) throw new Error('three notes');
      // Keys out of alphabetical order and unicode: the JSON must come back byte for byte.
      const odd = { ...e1, data: { zebra: 1, text: 'Ring – 18 kt ✓', alpha: [2, { b: 1, a: 0 }] } };
      expect(await a.appendEvents([odd, e2, odd], T0, 'dev')).toEqual({
        accepted: 2,
        duplicates: 1,
        cursor: 2,
      });
      expect(await a.appendEvents([e2, e3], T0, 'dev')).toEqual({
        accepted: 1,
        duplicates: 1,
        cursor: 3,
      });
      // A duplicate changes nothing: the first copy stays.
      expect(await a.appendEvents([{ ...e2, data: { text: 'changed' } }], T0, 'dev')).toEqual({
        accepted: 0,
        duplicates: 1,
        cursor: 3,
      });
      const page = await a.readEvents(0, 10);
      expect(page.events.map((e) => e.id)).toEqual([e1.id, e2.id, e3.id]);
      expect(JSON.stringify(page.events[0]?.data)).toBe(JSON.stringify(odd.data));
      expect(page.events[1]).toEqual({ ...e2, seq: 2 });
      // Ids are unique per shop: another shop stores the same event as its own.
      expect(await b.appendEvents([e1], T0, 'dev')).toEqual({
        accepted: 1,
        duplicates: 0,
        cursor: 1,
      });
    });

    it('pages by seq and answers a cursor past the end with the end', async () => {
      const a = store.shop((await store.addShop('A', T0)).id);
      const events = notes(5);
      await a.appendEvents(events, T0, 'dev');
      const first = await a.readEvents(0, 2);
      expect(first.events.map((e) => e.seq)).toEqual([1, 2]);
      expect(first).toMatchObject({ cursor: 2, more: true });
      expect(await a.readEvents(3, 2)).toMatchObject({ cursor: 5, more: false });
      expect(await a.readEvents(5, 2)).toMatchObject({ events: [], cursor: 5, more: false });
      expect(await a.readEvents(9, 2)).toMatchObject({ events: [], cursor: 5, more: false });
      expect(first.history).toBe(await a.history());
      expect(await a.eventIdAt(4)).toBe(events[3]?.id);
      expect(await a.eventIdAt(6)).toBeNull();
    });

    it('reads a stretch of seqs for some types only, each one of them there and nothing else', async () => {
      const a = store.shop((await store.addShop('A', T0)).id);
      const b = store.shop((await store.addShop('B', T0)).id);
      const { jobId, opened } = openedEvent();
      const moved = (at: number, status: 'in_progress' | 'ready') =>
        event(jobId, 'status.changed', { status }, stampAt(at));
      // seq 1 opened, 2-3 notes, 4 a move, 5 a note, 6 a move, 7 a weight; B has a move of its own.
      const log = [
        opened,
        ...notes(2, jobId),
        moved(4, 'in_progress'),
        ...notes(1, jobId),
        moved(6, 'ready'),
        event(jobId, 'weight.logged', { kind: 'check', grams: 3 }, stampAt(7)),
      ];
      await a.appendEvents(log, T0, 'dev');
      await b.appendEvents([moved(9, 'ready')], T0, 'dev');
      const types = ['status.changed'];
      const all = await a.readEventsOfTypes(0, 100, types);
      expect(all).toEqual({
        events: [
          { ...log[3], seq: 4 },
          { ...log[5], seq: 6 },
        ],
        cursor: 7,
        more: false,
      });
      // A stretch at a time: (0, 3] holds none, (3, 6] both, (6, 7] the rest.
      expect(await a.readEventsOfTypes(0, 3, types)).toEqual({ events: [], cursor: 3, more: true });
      expect((await a.readEventsOfTypes(3, 3, types)).events.map((e) => e.seq)).toEqual([4, 6]);
      expect(await a.readEventsOfTypes(3, 3, types)).toMatchObject({ cursor: 6, more: true });
      expect(await a.readEventsOfTypes(6, 3, types)).toEqual({
        events: [],
        cursor: 7,
        more: false,
      });
      // Past the end, or for no type at all: nothing, and the cursor never moves back.
      expect(await a.readEventsOfTypes(9, 3, types)).toEqual({
        events: [],
        cursor: 9,
        more: false,
      });
      expect(await a.readEventsOfTypes(0, 100, [])).toEqual({ events: [], cursor: 7, more: false });
      expect(
        (await a.readEventsOfTypes(0, 100, ['weight.logged', 'job.opened'])).events.map(
          (e) => e.seq,
        ),
      ).toEqual([1, 7]);
      // Another shop's move is its own.
      expect((await b.readEventsOfTypes(0, 100, types)).events.map((e) => e.seq)).toEqual([1]);
    });

    it('refuses to append to a shop that does not exist, and stores nothing', async () => {
      const ghost = store.shop('0123456789abcdef');
      await expect(
        Promise.resolve().then(() => ghost.appendEvents(notes(1), T0, 'dev')),
      ).rejects.toThrow('There is no shop 0123456789abcdef.');
      expect(await ghost.greatestSeq()).toBe(0);
      expect(await ghost.readEvents(0, 10)).toEqual({
        events: [],
        cursor: 0,
        more: false,
        history: '',
      });
    });

    it('keeps a rotated history per shop, and rotates only from the expected one', async () => {
      const a = store.shop((await store.addShop('A', T0)).id);
      const b = store.shop((await store.addShop('B', T0)).id);
      const first = await a.history();
      const bHistory = await b.history();
      expect(first).not.toBe(bHistory);
      const next = await a.rotateHistory(first);
      expect(next).not.toBe(first);
      // A second report of the same lost history gets the new one, not a third.
      expect(await a.rotateHistory(first)).toBe(next);
      expect(await a.history()).toBe(next);
      expect(await b.history()).toBe(bHistory);
    });
  });

  describe('shops kept apart', () => {
    it('a shop reaches none of another shop’s events, blobs, devices or notices', async () => {
      const a = store.shop((await store.addShop('A', T0)).id);
      const b = store.shop((await store.addShop('B', T0)).id);
      const { opened: jobOpened, jobId } = openedEvent();
      const photo = sha('photo');
      const thumb = sha('thumb');
      await a.appendEvents([jobOpened, photoAdded(jobId, photo, thumb)], T0, 'dev');
      await a.blobArrived(thumb, T0);
      const device = await pairInto(store, a);
      await a.queueNotices([{ triggerEventId: jobOpened.id, jobId }], 2, T0);

      expect(await b.readEvents(0, 10)).toMatchObject({ events: [], cursor: 0 });
      expect(await b.eventIdAt(1)).toBeNull();
      expect(await b.streamEvents(jobId)).toEqual([]);
      expect(await b.greatestSeq()).toBe(0);
      expect(await b.holdsBlob(thumb)).toBe(false);
      expect(await b.missingPhotos(10)).toEqual([]);
      expect(await b.wantedBlobs()).toEqual([]);
      expect(await b.listDevices()).toEqual([]);
      expect(await b.envelopePrefixFor(device.id)).toBeNull();
      expect(await b.revokeDevice(device.id, T0)).toBe('unknown');
      await b.touchDevice(device.id, T0 + 5);
      expect(await b.dueNotices(T0, 10)).toEqual([]);
      expect(await b.claimNotice(jobOpened.id, T0)).toBeNull();
      expect(
        await b.settleNotice({
          triggerEventId: jobOpened.id,
          from: ['pending'],
          state: 'quiet',
          now: T0,
        }),
      ).toBe(false);
      expect(await b.noticeCursor()).toBe(0);
      const bExport = await b.exportShop();
      expect(bExport).toMatchObject({ devices: [], pairingCodes: [], blobs: [], notices: [] });
      expect(await b.exportEvents(0, 10)).toEqual([]);
      // A blob arriving in B is B's: A's wanted photo is still wanted in A.
      await b.blobArrived(photo, T0);
      expect(await b.holdsBlob(photo)).toBe(true);

      // A's own are all still there, untouched.
      expect((await a.streamEvents(jobId)).map((e) => e.id)).toEqual([
        jobOpened.id,
        expect.any(String),
      ]);
      expect(await a.holdsBlob(thumb)).toBe(true);
      expect(await a.holdsBlob(photo)).toBe(false);
      expect(await a.missingPhotos(10)).toEqual([photo]);
      expect(await a.wantedBlobs()).toEqual([photo]);
      expect(await a.listDevices()).toEqual([device]);
      expect(await a.envelopePrefixFor(device.id)).toBe(device.envelopePrefix);
      expect((await a.dueNotices(T0, 10)).map((n) => n.triggerEventId)).toEqual([jobOpened.id]);
      expect(await a.noticeCursor()).toBe(2);
    });

    it('a blob is held once its bytes arrive, even before an event names it', async () => {
      const a = store.shop((await store.addShop('A', T0)).id);
      const { jobId } = openedEvent();
      const photo = sha('early photo');
      const thumb = sha('early thumb');
      await a.blobArrived(photo, T0);
      expect(await a.holdsBlob(photo)).toBe(true);
      await a.appendEvents([photoAdded(jobId, photo, thumb)], T0, 'dev');
      // The photo stays held; its thumbnail is wanted, so the photo is listed as missing.
      expect(await a.holdsBlob(photo)).toBe(true);
      expect(await a.wantedBlobs()).toEqual([thumb]);
      expect(await a.missingPhotos(10)).toEqual([photo]);
      await a.blobArrived(thumb, T0 + 1);
      await a.blobArrived(thumb, T0 + 2);
      expect(await a.missingPhotos(10)).toEqual([]);
      expect((await a.exportShop()).blobs).toEqual(
        [
          { blobSha256: photo, photoSha256: photo, arrivedAt: T0 },
          { blobSha256: thumb, photoSha256: photo, arrivedAt: T0 + 1 },
        ].sort((x, y) => (x.blobSha256 < y.blobSha256 ? -1 : 1)),
      );
    });
  });

  describe('devices and pairing', () => {
    it('pairs into the code’s shop, once per code', async () => {
      const a = store.shop((await store.addShop('A', T0)).id);
      const b = store.shop((await store.addShop('B', T0)).id);
      const codeHash = await addCode(b);
      const wanted = newDevice('Bench 3');
      const paired = await store.redeemPairingCode(codeHash, T0 + 1, wanted);
      const prefix = paired.ok ? paired.device.envelopePrefix : null;
      expect(prefix).toMatch(SHOP_PREFIX_PATTERN);
      expect(paired).toEqual({
        ok: true,
        device: {
          id: wanted.id,
          shopId: b.shopId,
          name: 'Bench 3',
          createdAt: T0 + 1,
          revokedAt: null,
          lastSeenAt: null,
          envelopePrefix: prefix,
        },
      });
      expect(await store.deviceByTokenHash(wanted.tokenHash)).toMatchObject({
        id: wanted.id,
        shopId: b.shopId,
      });
      expect(await store.deviceByTokenHash(sha('nobody'))).toBeNull();
      expect(await store.redeemPairingCode(codeHash, T0 + 2, newDevice())).toEqual({
        ok: false,
        reason: 'used',
      });
      expect(await store.redeemPairingCode(sha('no code'), T0, newDevice())).toEqual({
        ok: false,
        reason: 'unknown',
      });
      const late = await addCode(a, T0 + 10);
      expect(await store.redeemPairingCode(late, T0 + 10, newDevice())).toEqual({
        ok: false,
        reason: 'expired',
      });
      expect(await a.listDevices()).toEqual([]);
      expect((await b.listDevices()).map((d) => d.id)).toEqual([wanted.id]);
    });

    it('of two tablets racing with one code, exactly one gets a device', async () => {
      const a = store.shop((await store.addShop('A', T0)).id);
      const processes = await racers(opened, 4, a.shopId);
      for (let round = 0; round < 3; round++) {
        const codeHash = await addCode(a);
        const results = await Promise.all(
          processes.map((p) => p.redeemPairingCode(codeHash, T0, newDevice())),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok)).toEqual([
          { ok: false, reason: 'used' },
          { ok: false, reason: 'used' },
          { ok: false, reason: 'used' },
        ]);
      }
      expect(await a.listDevices()).toHaveLength(3);
    });

    it('gives every tablet of a shop its own envelope prefix, even pairing at once', async () => {
      const a = store.shop((await store.addShop('A', T0)).id);
      const b = store.shop((await store.addShop('B', T0)).id);
      const codes = await Promise.all(Array.from({ length: 12 }, () => addCode(a)));
      const processes = await racers(opened, 3, a.shopId);
      const paired = await Promise.all(
        codes.map((codeHash, i) =>
          (processes[i % 3] ?? store).redeemPairingCode(codeHash, T0, newDevice()),
        ),
      );
      const prefixes = paired.map((r) => (r.ok ? r.device.envelopePrefix : null));
      expect(prefixes.every((p) => typeof p === 'string')).toBe(true);
      expect(new Set(prefixes).size).toBe(12);
      const inB = await pairInto(store, b);
      expect(inB.shopId).toBe(b.shopId);
    });

    it('touches and revokes a device of its own shop', async () => {
      const a = store.shop((await store.addShop('A', T0)).id);
      const device = await pairInto(store, a);
      await a.touchDevice(device.id, T0 + 7);
      expect(await a.revokeDevice(device.id, T0 + 8)).toBe('revoked');
      expect(await a.revokeDevice(device.id, T0 + 9)).toBe('already_revoked');
      expect(await a.revokeDevice('ffffffffffffffff', T0)).toBe('unknown');
      expect(await a.listDevices()).toEqual([{ ...device, lastSeenAt: T0 + 7, revokedAt: T0 + 8 }]);
    });
  });

  describe('customer notices', () => {
    it('queues a trigger once, moves the cursor never back, and takes notices in order', async () => {
      const a = store.shop((await store.addShop('A', T0)).id);
      const t = (n: number) => ({ triggerEventId: `trigger-${n}`, jobId: `job-${n}` });
      await a.queueNotices([t(1), t(2)], 10, T0);
      await a.queueNotices([t(2), t(3), t(0)], 5, T0 + 1);
      await a.queueNotices([], 12, T0 + 2);
      expect(await a.noticeCursor()).toBe(12);
      const due = await a.dueNotices(T0, 10);
      expect(due.map((n) => n.triggerEventId)).toEqual([
        'trigger-1',
        'trigger-2',
        'trigger-3',
        'trigger-0',
      ]);
      expect(due[0]).toEqual({
        ...t(1),
        state: 'pending',
        attempts: 0,
        nextAttemptAt: null,
        updatedAt: T0,
      });
      expect((await a.dueNotices(T0, 2)).length).toBe(2);
      expect(await a.nextNoticeDue()).toBeNull();
    });

    it('claims a notice once, retries a failed one when due, and settles with its event', async () => {
      const a = store.shop((await store.addShop('A', T0)).id);
      const { opened: ready, jobId } = openedEvent();
      await a.appendEvents([ready], T0, 'dev');
      await a.queueNotices([{ triggerEventId: ready.id, jobId }], 1, T0);

      expect(await a.claimNotice(ready.id, T0)).toBe(1);
      expect(await a.claimNotice(ready.id, T0)).toBeNull();
      expect(await a.noticesIn('sending')).toEqual([
        {
          triggerEventId: ready.id,
          jobId,
          state: 'sending',
          attempts: 1,
          nextAttemptAt: null,
          updatedAt: T0,
        },
      ]);
      expect(
        await a.settleNotice({
          triggerEventId: ready.id,
          from: ['sending'],
          state: 'failed',
          nextAttemptAt: T0 + 1000,
          now: T0,
        }),
      ).toBe(true);
      expect(await a.nextNoticeDue()).toBe(T0 + 1000);
      expect(await a.dueNotices(T0 + 999, 10)).toEqual([]);
      expect(await a.claimNotice(ready.id, T0 + 999)).toBeNull();
      expect((await a.dueNotices(T0 + 1000, 10)).map((n) => n.attempts)).toEqual([1]);
      expect(await a.claimNotice(ready.id, T0 + 1000)).toBe(2);

      const recorded = event(
        jobId,
        'note.added',
        { text: 'Customer told' },
        stampAt(5, 'ffffffffffffffff'),
      );
      const settlement = {
        triggerEventId: ready.id,
        from: ['sending'] as const,
        state: 'sent' as const,
        event: recorded,
        now: T0 + 1001,
      };
      expect(await a.settleNotice(settlement)).toBe(true);
      expect(await a.noticesIn('sent')).toEqual([
        {
          triggerEventId: ready.id,
          jobId,
          state: 'sent',
          attempts: 2,
          nextAttemptAt: null,
          updatedAt: T0 + 1001,
        },
      ]);
      expect((await a.streamEvents(jobId)).map((e) => e.id)).toEqual([ready.id, recorded.id]);
      const exported = await a.exportEvents(1, 10);
      expect(exported).toMatchObject([
        { seq: 2, id: recorded.id, receivedAt: T0 + 1001, receivedFrom: recorded.device },
      ]);
      // Settled for good: a second settlement lands nowhere and stores nothing.
      const again = { ...settlement, event: { ...recorded, id: `${recorded.id}x` } };
      expect(await a.settleNotice(again)).toBe(false);
      expect(await a.greatestSeq()).toBe(2);
      const server = await a.serverDevice();
      expect(server.id).toMatch(/^[0-9a-f]{16}$/);
      expect(server.lastStamp).toBeNull();
    });

    it('of two claims at once, one wins', async () => {
      const a = store.shop((await store.addShop('A', T0)).id);
      const triggers = Array.from({ length: 5 }, (_, i) => ({
        triggerEventId: `t${i}`,
        jobId: 'job',
      }));
      await a.queueNotices(triggers, 1, T0);
      const processes = await racers(opened, 4, a.shopId);
      for (const { triggerEventId } of triggers) {
        const claims = await Promise.all(
          processes.map((p) => p.shop(a.shopId).claimNotice(triggerEventId, T0)),
        );
        expect(claims.sort()).toEqual([1, null, null, null]);
      }
      expect(await a.noticesIn('sending')).toHaveLength(5);
    });

    it('gives the server device its last stamp from the events it wrote', async () => {
      const a = store.shop((await store.addShop('A', T0)).id);
      const { id } = await a.serverDevice();
      const mine = event('job', 'note.added', { text: 'x' }, stampAt(30, id));
      const older = event('job', 'note.added', { text: 'y' }, stampAt(20, id));
      await a.appendEvents([mine, older, ...notes(2)], T0, id);
      expect(await a.serverDevice()).toEqual({ id, lastStamp: mine.at });
    });
  });

  describe('managers', () => {
    it('adds a manager, sets a new password (ending sessions), and refuses bad names', async () => {
      const mia = await store.setManager(' Mia  Berg ', 'scrypt$1', T0);
      expect(mia).toEqual({
        id: mia.id,
        name: 'Mia Berg',
        createdAt: T0,
        disabledAt: null,
      });
      expect(await store.managerByName('mia berg')).toEqual({ ...mia, passwordHash: 'scrypt$1' });
      await store.addManagerSession({
        tokenHash: 's1',
        managerId: mia.id,
        createdAt: T0,
        expiresAt: T0 + 100,
      });
      expect(await store.managerBySession('s1', T0 + 99)).toEqual(mia);
      expect(await store.managerBySession('s1', T0 + 100)).toBeNull();

      const again = await store.setManager('MIA BERG', 'scrypt$2', T0 + 5);
      expect(again).toEqual(mia);
      expect((await store.managerByName('Mia Berg'))?.passwordHash).toBe('scrypt$2');
      expect(await store.managerBySession('s1', T0 + 1)).toBeNull();

      const ola = await store.setManager('Ola', 'scrypt$3', T0 + 1);
      expect(await store.listManagers()).toEqual([mia, ola]);
      expect(await refusal(() => store.setManager(' ', 'x', T0))).toBe('A manager needs a name.');
      expect(await refusal(() => store.setManager('m\u0000x', 'x', T0))).toBe(
        "A manager's name cannot hold control characters.",
      );
      expect(await store.managerByName('Nobody')).toBeNull();
    });

    it('disabling a manager ends its sessions until a new password enables it', async () => {
      const mia = await store.setManager('Mia', 'h', T0);
      await store.addManagerSession({
        tokenHash: 's1',
        managerId: mia.id,
        createdAt: T0,
        expiresAt: T0 + 1000,
      });
      await store.addManagerSession({
        tokenHash: 's2',
        managerId: mia.id,
        createdAt: T0,
        expiresAt: T0 + 1000,
      });
      await store.endManagerSession('s2');
      expect(await store.managerBySession('s2', T0)).toBeNull();
      expect(await store.disableManager('MIA', T0 + 3)).toBe(true);
      expect(await store.disableManager('nobody', T0)).toBe(false);
      expect(await store.managerBySession('s1', T0)).toBeNull();
      expect(await store.managerByName('Mia')).toMatchObject({ disabledAt: T0 + 3 });
      // A session added while disabled does not let it in either.
      await store.addManagerSession({
        tokenHash: 's3',
        managerId: mia.id,
        createdAt: T0,
        expiresAt: T0 + 1000,
      });
      expect(await store.managerBySession('s3', T0)).toBeNull();
      await store.setManager('Mia', 'h2', T0 + 4);
      expect(await store.managerBySession('s3', T0)).toBeNull();
      await store.addManagerSession({
        tokenHash: 's4',
        managerId: mia.id,
        createdAt: T0,
        expiresAt: T0 + 1000,
      });
      expect(await store.managerBySession('s4', T0)).toEqual({ ...mia, disabledAt: null });
    });
  });

  describe('moving a shop', () => {
    it('refuses an import whose id or name it has, and stores nothing of it', async () => {
      const rose = await store.addShop('Rose', T0);
      const shop = store.shop(rose.id);
      await shop.appendEvents(notes(3), T0, 'dev');
      const ex = await shop.exportShop();
      const shopsBefore = await store.listShops();
      expect(await refusal(() => store.importShop(ex, exportedPages(shop)))).toBe(
        `This store has shop ${rose.id} already.`,
      );
      const otherId = { ...ex, shop: { ...ex.shop, id: 'abcdefabcdefabcd', name: 'ROSE' } };
      expect(await refusal(() => store.importShop(otherId, exportedPages(shop)))).toBe(
        'This store has a shop named "ROSE" already.',
      );
      expect(await store.listShops()).toEqual(shopsBefore);
      expect(await store.shop('abcdefabcdefabcd').greatestSeq()).toBe(0);
    });

    it('stores nothing of an import that fails part way', async () => {
      const ex: ShopExport = {
        shop: { id: 'abcdefabcdefabcd', name: 'Half', createdAt: T0 },
        history: 'history-1',
        serverDeviceId: '1234123412341234',
        noticeCursor: 0,
        devices: [],
        pairingCodes: [],
        blobs: [],
        notices: [],
      };
      const [e1, e2] = notes(2);
      if (!e1 || !e2) throw new Error('two notes');
      const as = (e: StoredEvent, seq: number): ExportedEvent => ({
        ...e,
        seq,
        receivedAt: T0,
        receivedFrom: 'dev',
      });
      await expect(
        Promise.resolve().then(() => store.importShop(ex, pagesOf([as(e1, 2)], [as(e2, 1)]))),
      ).rejects.toThrow('Events must come in seq order; 1 came after 2.');
      expect(await store.shopByName('Half')).toBeNull();
      expect(await store.shop(ex.shop.id).readEvents(0, 10)).toMatchObject({ events: [] });
    });
  });
});

describe.each([
  [STORES[0], STORES[1]],
  [STORES[1], STORES[0]],
])('moving a shop from the $kind store', (from, to) => {
  it(`to the ${to.kind} store keeps its events, seqs, devices, codes, blobs, notices and history`, async () => {
    const source = await from.open();
    const target = await to.open();
    try {
      const src = source.store;
      const rose = await src.addShop('Rose', T0);
      const shop = src.shop(rose.id);
      const { opened: jobOpened, jobId } = openedEvent();
      const photo = sha('moved photo');
      const thumb = sha('moved thumb');
      await shop.appendEvents([jobOpened, photoAdded(jobId, photo, thumb)], T0, 'dev-1');
      await shop.appendEvents(notes(4, jobId), T0 + 1, 'dev-2');
      await shop.blobArrived(photo, T0 + 2);
      const device = await pairInto(src, shop, 'Bench 1');
      await shop.touchDevice(device.id, T0 + 3);
      await addCode(shop);
      await shop.rotateHistory(await shop.history());
      await shop.queueNotices(
        [
          { triggerEventId: 'trigger-b', jobId },
          { triggerEventId: 'trigger-a', jobId },
        ],
        6,
        T0,
      );
      await shop.claimNotice('trigger-b', T0 + 4);
      const ex = await shop.exportShop();
      const events: ExportedEvent[] = [];
      for await (const page of exportedPages(shop)) events.push(...page);
      expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);

      const dst = target.store;
      expect(await dst.importShop(ex, exportedPages(shop))).toEqual({ events: 6 });
      const moved = dst.shop(rose.id);
      expect(await moved.exportShop()).toEqual(ex);
      const movedEvents: ExportedEvent[] = [];
      for await (const page of exportedPages(moved, 4)) movedEvents.push(...page);
      expect(movedEvents).toEqual(events);
      expect(await readAll(moved)).toEqual(await readAll(shop));
      expect(await moved.history()).toBe(await shop.history());
      expect(await dst.shopByName('rose')).toEqual(rose);
      // Its tablet's token still works, in the same shop, with the same prefix.
      const tokenHash = ex.devices[0]?.tokenHash ?? '';
      expect(await dst.deviceByTokenHash(tokenHash)).toEqual({ ...device, lastSeenAt: T0 + 3 });
      expect((await moved.dueNotices(T0 + 10, 10)).map((n) => n.triggerEventId)).toEqual([
        'trigger-a',
      ]);
      // The next event goes on from the last seq moved.
      expect(await moved.appendEvents(notes(1), T0, 'dev-1')).toEqual({
        accepted: 1,
        duplicates: 0,
        cursor: 7,
      });
      expect(await moved.appendEvents([jobOpened], T0, 'dev-1')).toMatchObject({ duplicates: 1 });
    } finally {
      await source.done();
      await target.done();
    }
  });

  it(`to the ${to.kind} store gives a tablet paired before prefixes one, once`, async () => {
    const target = await to.open();
    try {
      const ex: ShopExport = {
        shop: { id: 'abcdefabcdefabcd', name: 'Old box', createdAt: T0 },
        history: 'history-1',
        serverDeviceId: '1234123412341234',
        noticeCursor: 0,
        devices: Array.from({ length: 4 }, (_, i) => ({
          id: `${i}`.repeat(16),
          shopId: 'abcdefabcdefabcd',
          name: `Tablet ${i}`,
          createdAt: T0,
          revokedAt: null,
          lastSeenAt: null,
          envelopePrefix: null,
          tokenHash: sha(`old token ${i}`),
        })),
        pairingCodes: [],
        blobs: [],
        notices: [],
      };
      expect(await target.store.importShop(ex, pagesOf())).toEqual({ events: 0 });
      const shop = target.store.shop(ex.shop.id);
      const prefixes = await Promise.all(ex.devices.map((d) => shop.envelopePrefixFor(d.id)));
      expect(new Set(prefixes).size).toBe(4);
      expect(await Promise.all(ex.devices.map((d) => shop.envelopePrefixFor(d.id)))).toEqual(
        prefixes,
      );
      expect(await shop.envelopePrefixFor('ffffffffffffffff')).toBeNull();
    } finally {
      await target.done();
    }
  });
});

describe('the PostgreSQL schema', () => {
  it('is made once by two processes starting together, and says where it is without a password', async () => {
    const db = await testDatabase();
    try {
      // A password the trust-authenticated test cluster ignores; a DATABASE_URL's own, if it has one.
      const url = new URL(db.url);
      if (url.password === '') url.password = 'secret-word';
      const [one, two] = await Promise.all([
        openPostgresStore(url.toString()),
        openPostgresStore(db.url),
      ]);
      expect(await one.schemaVersion()).toBe(1);
      expect(await two.schemaVersion()).toBe(1);
      expect(one.kind).toBe('postgres');
      expect(one.location).not.toContain(url.password);
      expect(one.location).toContain(url.pathname);
      await one.close();
      await two.close();
    } finally {
      await db.drop();
    }
  });

  it('refuses a database written by a newer server instead of guessing', async () => {
    const db = await testDatabase();
    try {
      const store = await openPostgresStore(db.url);
      await store.close();
      const raw = new pg.Client({ connectionString: db.url });
      await raw.connect();
      await raw.query('UPDATE loupe_schema SET version = 99');
      await raw.end();
      await expect(openPostgresStore(db.url)).rejects.toThrow(
        /written by a newer Loupe server \(schema 99; this one knows up to 1\)/,
      );
    } finally {
      await db.drop();
    }
  });
});
