// The SQLite store below the routes: migrations from an older file (shops included), and the
// atomic pairing step across two connections.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/protocol/events';
import {
  createSqliteFileAt,
  FIRST_SHOP_NAME,
  openSqliteStore,
  SQLITE_FILE_NAME,
} from '../../src/server/store/sqliteStore';
import type { Store } from '../../src/server/store/store';
import { notes } from './syncHelpers';
import { event, openedEvent } from '../support/events';

/** Puts events in an older file's single `events` table, as an older server stored them. */
function insertOldEvents(db: Database.Database, events: readonly StoredEvent[]): void {
  const insert = db.prepare(
    `INSERT INTO events (id, job_id, type, at, actor, device, data, received_at, received_from)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'dev')`,
  );
  for (const e of events) {
    insert.run(e.id, e.jobId, e.type, e.at, e.actor, e.device, JSON.stringify(e.data));
  }
}

async function onlyShop(store: Store) {
  const shops = await store.listShops();
  expect(shops).toHaveLength(1);
  const [shop] = shops;
  if (!shop) throw new Error('no shop');
  return { record: shop, store: store.shop(shop.id) };
}

const photoAdded = (jobId: string, sha256: string, thumbnailSha256: string) =>
  event(jobId, 'photo.added', {
    sha256,
    thumbnailSha256,
    tag: 'before',
    mimeType: 'image/jpeg',
    bytes: 10,
    width: 4,
    height: 3,
  });

describe('openSqliteStore', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'loupe-store-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('upgrades a file from the first version and keeps what it held', async () => {
    // The file as the first server release left it: schema version 1, one row of server_meta.
    const old = new Database(join(dir, SQLITE_FILE_NAME));
    old.exec(`CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    old.exec(`INSERT INTO server_meta VALUES ('shop', 'Goldsmith Lindqvist')`);
    old.pragma('user_version = 1');
    old.close();

    const store = openSqliteStore(dir);
    expect(await store.schemaVersion()).toBe(6);
    const { store: shop } = await onlyShop(store);
    expect(await shop.appendEvents(notes(3), 1, 'dev')).toEqual({
      accepted: 3,
      duplicates: 0,
      cursor: 3,
    });
    await store.close();

    const db = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
    expect(db.prepare('SELECT value FROM server_meta WHERE key = ?').pluck().get('shop')).toBe(
      'Goldsmith Lindqvist',
    );
    db.close();
  });

  it('upgrading from version 3 lists the photos its events name as wanted until their bytes come', async () => {
    const { opened, jobId } = openedEvent();
    const photo = 'a'.repeat(64);
    const thumb = 'b'.repeat(64);
    // As a version 3 server left the file: its events, and no list yet.
    const v3 = createSqliteFileAt(dir, 3);
    insertOldEvents(v3, [opened, photoAdded(jobId, photo, thumb)]);
    v3.close();

    const upgraded = openSqliteStore(dir);
    expect(await upgraded.schemaVersion()).toBe(6);
    const { store: shop } = await onlyShop(upgraded);
    expect((await shop.wantedBlobs()).sort()).toEqual([photo, thumb]);
    expect(await shop.missingPhotos(10)).toEqual([photo]);
    expect(await shop.holdsBlob(photo)).toBe(false);
    await shop.blobArrived(thumb, 2);
    await shop.blobArrived(photo, 2);
    expect(await shop.missingPhotos(10)).toEqual([]);
    expect(await shop.holdsBlob(photo)).toBe(true);
    await upgraded.close();
  });

  it('upgrading from version 5 puts everything in the shop the box has been, as it was', async () => {
    const { opened, jobId } = openedEvent();
    const here = 'c'.repeat(64);
    const wanted = 'd'.repeat(64);
    const v5 = createSqliteFileAt(dir, 5);
    insertOldEvents(v5, [opened, photoAdded(jobId, here, here), ...notes(2)]);
    insertOldEvents(v5, [photoAdded(jobId, wanted, wanted)]);
    // As the old server kept it: the photo that arrived is off the list, the other one still on.
    v5.prepare('INSERT INTO blobs_wanted (blob_sha256, photo_sha256) VALUES (?, ?)').run(
      wanted,
      wanted,
    );
    v5.prepare(
      `INSERT INTO devices (id, name, token_hash, created_at, envelope_prefix)
       VALUES ('d1', 'Bench 1', 'token-hash', 5, 'K7')`,
    ).run();
    v5.prepare("INSERT OR REPLACE INTO server_meta VALUES ('history', 'history-of-the-box')").run();
    v5.prepare(
      "INSERT OR REPLACE INTO server_meta VALUES ('server_device_id', 'aaaabbbbccccdddd')",
    ).run();
    v5.prepare("INSERT OR REPLACE INTO server_meta VALUES ('ready_notice_cursor', '2')").run();
    v5.prepare(
      `INSERT INTO notices (trigger_event_id, job_id, state, created_at, updated_at)
       VALUES ('t1', ?, 'sent', 1, 1)`,
    ).run(jobId);
    v5.close();

    const store = openSqliteStore(dir);
    const { record, store: shop } = await onlyShop(store);
    expect(record.name).toBe(FIRST_SHOP_NAME);
    // The same seqs, so every tablet's cursor still points at the event it saw.
    const page = await shop.readEvents(0, 100);
    expect(page.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(page.events[0]?.id).toBe(opened.id);
    expect(page.history).toBe('history-of-the-box');
    expect(await shop.greatestSeq()).toBe(5);
    expect((await shop.appendEvents(notes(1), 9, 'd1')).cursor).toBe(6);
    expect((await store.deviceByTokenHash('token-hash'))?.shopId).toBe(record.id);
    expect((await shop.listDevices()).map((d) => [d.id, d.envelopePrefix])).toEqual([['d1', 'K7']]);
    expect(await shop.serverDevice()).toEqual({ id: 'aaaabbbbccccdddd', lastStamp: null });
    expect(await shop.noticeCursor()).toBe(2);
    expect((await shop.noticesIn('sent')).map((n) => n.triggerEventId)).toEqual(['t1']);
    expect(await shop.holdsBlob(here)).toBe(true);
    expect(await shop.missingPhotos(10)).toEqual([wanted]);
    await store.close();
  });

  it('refuses a file written by a newer server instead of guessing', () => {
    const newer = new Database(join(dir, SQLITE_FILE_NAME));
    newer.pragma('user_version = 99');
    newer.close();
    expect(() => openSqliteStore(dir)).toThrow(
      'was written by a newer Loupe server (schema 99; this one knows up to 6)',
    );
  });

  it('lets two connections (the server and `npm run pair`) open a fresh file together', async () => {
    const a = openSqliteStore(dir);
    const b = openSqliteStore(dir);
    const { store: shop } = await onlyShop(a);
    await shop.addPairingCode({ codeHash: 'h', createdAt: 0, expiresAt: 10, deviceName: null });
    const device = { id: 'd1', fallbackName: 'Tablet d1', requestedName: null, tokenHash: 't1' };
    expect(await b.redeemPairingCode('h', 5, device)).toMatchObject({ ok: true });
    // The second use of the code, from the other connection, creates nothing.
    const second = { ...device, id: 'd2', tokenHash: 't2' };
    expect(await a.redeemPairingCode('h', 6, second)).toEqual({ ok: false, reason: 'used' });
    expect((await shop.listDevices()).map((d) => d.id)).toEqual(['d1']);
    await a.close();
    await b.close();
  });
});
