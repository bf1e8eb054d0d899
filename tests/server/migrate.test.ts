// `npm run migrate`: a shop's history moved from its SQLite file into PostgreSQL (and, through the
// same importShop, into another SQLite file) is the same history, seq for seq, with the same
// tablets and tokens, so its tablets go on syncing without pairing again or resending.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/protocol/events';
import { pullResponseSchema, type PullResponse } from '../../src/protocol/sync';
import { issuePairingCode, redeemPairingCode } from '../../src/server/auth/pairing';
import { hashSecret } from '../../src/server/auth/secrets';
import { copyShop, parseMigrateArgs, runMigrate } from '../../src/server/cli/migrate';
import { StoreInputError } from '../../src/server/store/names';
import { openStore } from '../../src/server/store/openStore';
import { FIRST_SHOP_NAME, openSqliteStore } from '../../src/server/store/sqliteStore';
import type { ExportedEvent, ShopRecord, Store } from '../../src/server/store/store';
import { event, openedEvent } from '../support/events';
import { testDatabase, type TestDatabase } from '../support/postgres';
import { startTestServer } from './startTestServer';
import { client, notes, pairDevice } from './syncHelpers';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Events in the moved shop: a job opened, a photo of it, and 2,500 notes in batches of 500. */
const NOTE_COUNT = 2500;
const SHOP_EVENTS = NOTE_COUNT + 2;

interface Seeded {
  shop: ShopRecord;
  other: ShopRecord;
  /** A paired tablet's token, one unpaired, one of the other shop. */
  tokens: { bench: string; unpaired: string; otherShop: string };
  benchId: string;
  /** A pairing code issued and not yet used: it still pairs after the move. */
  unusedCode: string;
  events: StoredEvent[];
  /** The photo the shop still wants from its tablets; its thumbnail, which it holds. */
  photo: string;
  thumbnail: string;
}

/** A SQLite box with two shops, tablets, events, photos and a queued notice, as a server leaves it. */
async function seedSqlite(dataDir: string): Promise<Seeded> {
  const store = openSqliteStore(dataDir);
  try {
    const now = Date.now();
    const shop = (await store.shopByName(FIRST_SHOP_NAME)) ?? fail('no first shop');
    const other = await store.addShop('Atelier Rose', now + 1);
    const pair = async (shopId: string, name: string) => {
      const { code } = await issuePairingCode(store.shop(shopId), { now });
      const paired = await redeemPairingCode(store, code, { now, name });
      if (!paired.ok) throw new Error(`pairing failed: ${paired.reason}`);
      return paired;
    };
    const bench = await pair(shop.id, 'Bench 1');
    const unpaired = await pair(shop.id, 'Casting room');
    const otherShop = await pair(other.id, 'Rose counter');
    await store.shop(shop.id).revokeDevice(unpaired.device.id, now);
    const { code: unusedCode } = await issuePairingCode(store.shop(shop.id), {
      now,
      deviceName: 'Spare tablet',
    });

    const into = store.shop(shop.id);
    const photoBytes = randomBytes(300);
    const thumbBytes = randomBytes(40);
    const { opened, jobId } = openedEvent();
    const added = event(jobId, 'photo.added', {
      sha256: sha256(photoBytes),
      thumbnailSha256: sha256(thumbBytes),
      tag: 'before',
      mimeType: 'image/jpeg',
      bytes: photoBytes.length,
      width: 64,
      height: 48,
    });
    const events = [opened, added, ...notes(NOTE_COUNT)];
    await into.appendEvents([opened, added], now, bench.device.id);
    for (let i = 2; i < events.length; i += 500) {
      await into.appendEvents(events.slice(i, i + 500), now + i, bench.device.id);
    }
    await into.blobArrived(sha256(thumbBytes), now);
    await into.queueNotices([{ triggerEventId: added.id, jobId }], 2, now);
    // A history that is not the first: a tablet once showed this server had lost events.
    await into.rotateHistory(await into.history());
    await store.shop(other.id).appendEvents(notes(30), now, otherShop.device.id);
    return {
      shop,
      other,
      tokens: { bench: bench.token, unpaired: unpaired.token, otherShop: otherShop.token },
      benchId: bench.device.id,
      unusedCode,
      events,
      photo: sha256(photoBytes),
      thumbnail: sha256(thumbBytes),
    };
  } finally {
    await store.close();
  }
}

function fail(why: string): never {
  throw new Error(why);
}

async function allExported(store: Store, shopId: string): Promise<ExportedEvent[]> {
  const all: ExportedEvent[] = [];
  for (;;) {
    const page = await store.shop(shopId).exportEvents(all.at(-1)?.seq ?? 0, 700);
    if (page.length === 0) return all;
    all.push(...page);
  }
}

/** Everything a tablet of the shop relies on, read back from the target and the SQLite file. */
async function expectSameShop(source: Store, target: Store, seeded: Seeded): Promise<void> {
  const { shop } = seeded;
  const from = source.shop(shop.id);
  const to = target.shop(shop.id);

  const events = await allExported(target, shop.id);
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: SHOP_EVENTS }, (_, i) => i + 1));
  expect(events).toEqual(await allExported(source, shop.id));
  expect(events.map((e) => e.id)).toEqual(seeded.events.map((e) => e.id));
  expect(events.every((e) => e.receivedFrom === seeded.benchId)).toBe(true);
  // What a tablet pulls: the same pages, the same history.
  const page = await to.readEvents(1000, 500);
  expect(page).toEqual(await from.readEvents(1000, 500));
  expect(page.more).toBe(true);
  expect(await to.history()).toBe(await from.history());
  expect(await to.greatestSeq()).toBe(SHOP_EVENTS);
  expect(await to.eventIdAt(SHOP_EVENTS)).toBe(seeded.events.at(-1)?.id);

  // The tablets, their tokens and their envelope series.
  expect(await to.listDevices()).toEqual(await from.listDevices());
  const bench = await target.deviceByTokenHash(hashSecret(seeded.tokens.bench));
  expect(bench).toEqual(await source.deviceByTokenHash(hashSecret(seeded.tokens.bench)));
  expect(bench).toMatchObject({ id: seeded.benchId, shopId: shop.id, revokedAt: null });
  expect(bench?.envelopePrefix).toMatch(/\S/);
  const unpaired = await target.deviceByTokenHash(hashSecret(seeded.tokens.unpaired));
  expect(unpaired?.revokedAt).not.toBeNull();
  expect(await target.deviceByTokenHash(hashSecret(seeded.tokens.otherShop))).toBeNull();

  // Photos: held ones are held, wanted ones still asked for.
  expect(await to.holdsBlob(seeded.thumbnail)).toBe(true);
  expect(await to.holdsBlob(seeded.photo)).toBe(false);
  expect(await to.missingPhotos(10)).toEqual([seeded.photo]);
  expect((await to.wantedBlobs()).sort()).toEqual((await from.wantedBlobs()).sort());

  // The ready-notice worker resumes where it was, as the same server device.
  expect(await to.noticeCursor()).toBe(await from.noticeCursor());
  expect(await to.noticesIn('pending')).toEqual(await from.noticesIn('pending'));
  expect((await to.serverDevice()).id).toBe((await from.serverDevice()).id);

  // A pairing code issued before the move still pairs, into this shop.
  const spare = await redeemPairingCode(target, seeded.unusedCode, { now: Date.now() });
  expect(spare).toMatchObject({ ok: true, device: { shopId: shop.id, name: 'Spare tablet' } });

  // Appends go on at the last seq + 1; the old events pushed again are all duplicates.
  const more = notes(3);
  expect(await to.appendEvents(more, Date.now(), seeded.benchId)).toEqual({
    accepted: 3,
    duplicates: 0,
    cursor: SHOP_EVENTS + 1 + 2,
  });
  expect(await to.appendEvents(seeded.events.slice(0, 500), Date.now(), seeded.benchId)).toEqual({
    accepted: 0,
    duplicates: 500,
    cursor: SHOP_EVENTS + 3,
  });
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof StoreInputError) return err.message;
    throw err;
  }
  throw new Error('expected a refusal');
}

let dataDir: string;
let seeded: Seeded;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'loupe-migrate-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('copyShop into another SQLite file (both stores import the same export)', () => {
  let targetDir: string;
  let source: Store;
  let target: Store;

  beforeEach(async () => {
    seeded = await seedSqlite(dataDir);
    targetDir = mkdtempSync(join(tmpdir(), 'loupe-migrate-target-'));
    source = openSqliteStore(dataDir);
    target = openSqliteStore(targetDir);
  });
  afterEach(async () => {
    await source.close();
    await target.close();
    rmSync(targetDir, { recursive: true, force: true });
  });

  it('refuses a name the target has, then copies the shop under --as', async () => {
    // A fresh SQLite file has its own "Main shop": the moved one needs another name there.
    const refused = await refusal(copyShop(source, target, { shop: 'main shop', as: null }));
    expect(refused).toContain(`has a shop named "${FIRST_SHOP_NAME}" already`);
    expect(refused).toContain('--as NEW_NAME');
    expect(await target.listShops()).toHaveLength(1);

    const progress: string[] = [];
    const copied = await copyShop(source, target, {
      shop: 'main shop',
      as: 'Rose Street',
      pageSize: 100,
      progressEvery: 1000,
      onProgress: (line) => {
        progress.push(line);
      },
    });
    expect(copied).toMatchObject({
      shop: { id: seeded.shop.id, name: 'Rose Street' },
      sourceName: FIRST_SHOP_NAME,
      events: SHOP_EVENTS,
      lastSeq: SHOP_EVENTS,
      tablets: 1,
      unpairedTablets: 1,
      blobsHeld: 1,
      blobsWanted: 1,
      notices: 1,
    });
    expect(progress).toEqual([
      expect.stringContaining(`${SHOP_EVENTS} events, 1 paired tablets`),
      `  1000 / ${SHOP_EVENTS} events copied`,
      `  2000 / ${SHOP_EVENTS} events copied`,
    ]);
    await expectSameShop(source, target, seeded);
  });

  it('with several shops and no --shop, asks which one and copies nothing', async () => {
    const refused = await refusal(copyShop(source, target, { shop: null, as: 'X' }));
    expect(refused).toContain('Say which one with --shop NAME');
    expect(await target.listShops()).toHaveLength(1);
  });
});

describe('npm run migrate into PostgreSQL', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    seeded = await seedSqlite(dataDir);
    database = await testDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  const migrate = (args: string[], progress?: string[]) =>
    runMigrate(['--to', database.url, ...args], {
      dataDir,
      env: {},
      pageSize: 100,
      progressEvery: 1000,
      ...(progress ? { onProgress: (line: string) => void progress.push(line) } : {}),
    });

  it('copies the shop: same events and seqs, tablets, tokens, photos and history', async () => {
    const progress: string[] = [];
    const out = await migrate(['--shop', 'MAIN SHOP'], progress);
    expect(out.exitCode, out.text).toBe(0);
    expect(progress).toEqual([
      expect.stringMatching(
        new RegExp(`^Copying shop "${FIRST_SHOP_NAME}" \\(id ${seeded.shop.id}\\) into postgres`),
      ),
      `  1000 / ${SHOP_EVENTS} events copied`,
      `  2000 / ${SHOP_EVENTS} events copied`,
    ]);
    expect(out.text).toContain(`Copied shop "${FIRST_SHOP_NAME}" (id ${seeded.shop.id})`);
    expect(out.text).toContain(`${SHOP_EVENTS} events (seqs up to ${SHOP_EVENTS})`);
    expect(out.text).toContain('1 paired tablets (and 1 unpaired)');
    expect(out.text).toContain('DATABASE_URL=');
    expect(out.text).toContain(`The photos stay on disk under ${join(dataDir, 'blobs')}`);

    const source = openSqliteStore(dataDir);
    const target = await openStore({ dataDir, databaseUrl: database.url });
    try {
      expect(target.kind).toBe('postgres');
      expect(await target.listShops()).toEqual([seeded.shop]);
      await expectSameShop(source, target, seeded);
    } finally {
      await source.close();
      await target.close();
    }
  });

  it('refuses to move a shop twice, and changes nothing', async () => {
    expect((await migrate(['--shop', FIRST_SHOP_NAME])).exitCode).toBe(0);
    const target = await openStore({ dataDir, databaseUrl: database.url });
    try {
      const before = await allExported(target, seeded.shop.id);
      const again = await migrate(['--shop', FIRST_SHOP_NAME, '--as', 'Second copy']);
      expect(again.exitCode).toBe(1);
      expect(again.text).toContain(`Shop "${FIRST_SHOP_NAME}" (id ${seeded.shop.id}) is in`);
      expect(again.text).toContain('it was moved before. Nothing was copied.');
      expect(await target.listShops()).toEqual([seeded.shop]);
      expect(await allExported(target, seeded.shop.id)).toEqual(before);
    } finally {
      await target.close();
    }
  });

  it('refuses a name another shop there has, and copies under --as', async () => {
    const target = await openStore({ dataDir, databaseUrl: database.url });
    try {
      const theirs = await target.addShop('atelier ROSE', Date.now());
      const refused = await migrate(['--shop', 'Atelier Rose']);
      expect(refused.exitCode).toBe(1);
      expect(refused.text).toContain('has a shop named "atelier ROSE" already');
      expect(refused.text).toContain('--as NEW_NAME');
      expect(await target.listShops()).toEqual([theirs]);

      const out = await migrate(['--shop=Atelier Rose', '--as=Rose (old box)']);
      expect(out.exitCode, out.text).toBe(0);
      expect(out.text).toContain('Copied shop "Atelier Rose" as "Rose (old box)"');
      expect(out.text).toContain('npm run pair -- --shop "Rose (old box)"');
      const moved = await target.shopByName('rose (old box)');
      expect(moved?.id).toBe(seeded.other.id);
      expect(await target.shop(seeded.other.id).greatestSeq()).toBe(30);
      const token = await target.deviceByTokenHash(hashSecret(seeded.tokens.otherShop));
      expect(token?.shopId).toBe(seeded.other.id);
    } finally {
      await target.close();
    }
  });

  it('leaves nothing behind when a copy fails part way (one transaction)', async () => {
    const source = openSqliteStore(dataDir);
    const target = await openStore({ dataDir, databaseUrl: database.url });
    try {
      const from = source.shop(seeded.shop.id);
      async function* pagesThenFailure() {
        yield await from.exportEvents(0, 1000);
        throw new Error('the disk under the SQLite file failed');
      }
      await expect(target.importShop(await from.exportShop(), pagesThenFailure())).rejects.toThrow(
        'the disk under the SQLite file failed',
      );
      expect(await target.listShops()).toEqual([]);
      expect(await target.deviceByTokenHash(hashSecret(seeded.tokens.bench))).toBeNull();
    } finally {
      await source.close();
      await target.close();
    }
    // And the move, done again, goes through whole.
    expect((await migrate(['--shop', FIRST_SHOP_NAME])).exitCode).toBe(0);
  });

  it('copies nothing when the shop takes events while it is copied (its server still runs)', async () => {
    const stillRunning = openSqliteStore(dataDir);
    try {
      const out = await runMigrate(['--to', database.url, '--shop', FIRST_SHOP_NAME], {
        dataDir,
        env: {},
        pageSize: 100,
        progressEvery: SHOP_EVENTS,
        // Once the last page is read, the server nobody stopped takes one more push.
        onProgress: async (line) => {
          if (line.startsWith(`  ${SHOP_EVENTS} /`)) {
            await stillRunning
              .shop(seeded.shop.id)
              .appendEvents(notes(1), Date.now(), seeded.benchId);
          }
        },
      });
      expect(out.exitCode).toBe(1);
      expect(out.text).toContain(`Shop "${FIRST_SHOP_NAME}" changed in`);
      expect(out.text).toContain('(1 new events): a server is still running on it.');
      expect(out.text).toContain('Nothing was copied.');
    } finally {
      await stillRunning.close();
    }
    const target = await openStore({ dataDir, databaseUrl: database.url });
    try {
      expect(await target.listShops()).toEqual([]);
      expect(await target.deviceByTokenHash(hashSecret(seeded.tokens.bench))).toBeNull();
    } finally {
      await target.close();
    }
    // Run again once the server is stopped, it goes through, the late event too.
    expect((await migrate(['--shop', FIRST_SHOP_NAME])).exitCode).toBe(0);
  });

  it('says so when the database cannot be reached', async () => {
    const out = await runMigrate(['--to', 'postgres://loupe:s3cret@127.0.0.1:1/loupe'], {
      dataDir,
      env: {},
    });
    expect(out.exitCode).toBe(1);
    expect(out.text).toContain('127.0.0.1:1');
    expect(out.text).not.toContain('s3cret');
  });
});

describe('npm run migrate refuses bad arguments', () => {
  it.each<[string, string[], string]>([
    ['no --to', ['--shop', 'Main shop'], 'Say which PostgreSQL database to copy the shop into'],
    ['a --to that is not PostgreSQL', ['--to', 'mysql://db/loupe'], '--to must be a PostgreSQL'],
    ['a --to that is a file', ['--to', '/var/lib/loupe.sqlite'], '--to must be a PostgreSQL'],
    ['--to without a value', ['--to'], '--to needs a value.'],
    ['an unknown argument', ['--to', 'postgres://db/x', '--force'], 'Unknown argument "--force"'],
    ['--shop without a name', ['--to', 'postgres://db/x', '--shop'], '--shop needs the name'],
    ['a bad --as', ['--to', 'postgres://db/x', '--as', ' x'.repeat(40)], '--as: A shop'],
  ])('%s: usage, exit code 2', async (_what, args, problem) => {
    const out = await runMigrate(args, { dataDir, env: {} });
    expect(out.exitCode).toBe(2);
    expect(out.text).toContain(problem);
    expect(out.text).toContain('Usage: npm run migrate -- --to postgres://');
  });

  it('hints at DATABASE_URL when it is set, and hides a password given in --to', () => {
    expect(() => parseMigrateArgs([], { DATABASE_URL: 'postgres://db/x' })).toThrow(
      '(DATABASE_URL is set: --to "$DATABASE_URL")',
    );
    expect(() => parseMigrateArgs(['--to', 'mysql://me:hunter2@db/x'], {})).toThrow(
      '"mysql://me:***@db/x"',
    );
    expect(parseMigrateArgs(['--to=postgresql://db/x', '--shop', 'Rose', '--as', 'R'], {})).toEqual(
      { to: 'postgresql://db/x', shop: 'Rose', as: 'R' },
    );
  });

  it('refuses a DATA_DIR without Loupe data rather than moving an empty shop', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'loupe-migrate-empty-'));
    try {
      const out = await runMigrate(['--to', 'postgres://db/x'], { dataDir: empty, env: {} });
      expect(out.exitCode).toBe(1);
      expect(out.text).toContain(`There is no Loupe data in ${empty}`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('a tablet of a shop moved to PostgreSQL', () => {
  const NO_BUILD = '/nonexistent-loupe-build';

  it('goes on syncing with the PostgreSQL server: no divergence, nothing new, all duplicates', async () => {
    const sqliteServer = await startTestServer(NO_BUILD, { dataDir });
    const photo = randomBytes(2000);
    let pushed: StoredEvent[] = [];
    let token = '';
    let before: { pages: PullResponse[]; cursor: number } = { pages: [], cursor: 0 };
    try {
      ({ token } = await pairDevice(sqliteServer));
      const api = client(sqliteServer.url, token);
      const { opened, jobId } = openedEvent();
      const added = event(jobId, 'photo.added', {
        sha256: sha256(photo),
        tag: 'before',
        mimeType: 'image/jpeg',
        bytes: photo.length,
        width: 64,
        height: 48,
      });
      pushed = [opened, added, ...notes(700)];
      await api.pushOk(pushed.slice(0, 500));
      await api.pushOk(pushed.slice(500));
      const put = await api.blob(sha256(photo), { method: 'PUT', body: photo });
      expect(put.status).toBe(201);
      before = await api.pullAll(500);
      expect(before.cursor).toBe(pushed.length);
    } finally {
      await sqliteServer.close();
    }

    const database = await testDatabase();
    try {
      const moved = await runMigrate(['--to', database.url], { dataDir, env: {} });
      expect(moved.exitCode, moved.text).toBe(0);
      const pgServer = await startTestServer(NO_BUILD, { dataDir, databaseUrl: database.url });
      try {
        const api = client(pgServer.url, token);
        const lastId = pushed.at(-1)?.id ?? '';
        // The tablet's next pull, from its old cursor: nothing new, the same history, same log.
        const res = await api.pull(`?after=${before.cursor}&seen=${lastId}`);
        expect(res.status).toBe(200);
        const next = pullResponseSchema.parse(await res.json());
        expect(next).toMatchObject({
          events: [],
          cursor: before.cursor,
          diverged: false,
          history: before.pages[0]?.history,
        });
        // Its outbox sent again (a push whose answer it never got): every event a duplicate.
        const again = await api.pushOk(pushed.slice(0, 500));
        expect(again).toMatchObject({ accepted: 0, duplicates: 500 });
        // The photo is served from the same DATA_DIR, and nothing is asked for again.
        const got = await api.blob(sha256(photo));
        expect(got.status).toBe(200);
        expect(Buffer.from(await got.arrayBuffer()).equals(photo)).toBe(true);
        const missing = await fetch(`${pgServer.url}/api/v1/photos/missing`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        expect(await missing.json()).toMatchObject({ photos: [] });
        // A pull from the start gives the very same events at the very same seqs.
        const after = await api.pullAll(500);
        expect(after.pages.flatMap((p) => p.events)).toEqual(before.pages.flatMap((p) => p.events));
        // And the next new event takes the next seq.
        const fresh = await api.pushOk(notes(1));
        expect(fresh).toMatchObject({ accepted: 1, cursor: pushed.length + 1 });
      } finally {
        await pgServer.close();
      }
    } finally {
      await database.drop();
    }
  }, 60_000);
});
