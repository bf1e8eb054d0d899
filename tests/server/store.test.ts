// The SQLite store below the routes: migrations from an older file, and the atomic pairing step.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, SQLITE_FILE_NAME } from '../../src/server/store/sqliteStore';
import { notes } from './syncHelpers';
import { event, openedEvent } from '../support/events';

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
    expect(await store.schemaVersion()).toBe(5);
    expect(await store.appendEvents(notes(3), 1, 'dev')).toEqual({
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

  it('upgrading to version 4 lists the photos its events name as wanted until their bytes come', async () => {
    const store = openSqliteStore(dir);
    const { opened, jobId } = openedEvent();
    const photo = 'a'.repeat(64);
    const thumb = 'b'.repeat(64);
    const added = event(jobId, 'photo.added', {
      sha256: photo,
      thumbnailSha256: thumb,
      tag: 'before',
      mimeType: 'image/jpeg',
      bytes: 10,
      width: 4,
      height: 3,
    });
    await store.appendEvents([opened, added], 1, 'dev');
    await store.close();
    // As a version 3 server left the file: its events, and no list yet.
    const v3 = new Database(join(dir, SQLITE_FILE_NAME));
    v3.exec('DROP TABLE blobs_wanted');
    v3.pragma('user_version = 3');
    v3.close();

    const upgraded = openSqliteStore(dir);
    expect(await upgraded.schemaVersion()).toBe(5);
    expect((await upgraded.wantedBlobs()).sort()).toEqual([photo, thumb]);
    expect(await upgraded.missingPhotos(10)).toEqual([photo]);
    await upgraded.blobArrived(thumb);
    await upgraded.blobArrived(photo);
    expect(await upgraded.missingPhotos(10)).toEqual([]);
    await upgraded.close();
  });

  it('refuses a file written by a newer server instead of guessing', () => {
    const newer = new Database(join(dir, SQLITE_FILE_NAME));
    newer.pragma('user_version = 99');
    newer.close();
    expect(() => openSqliteStore(dir)).toThrow(
      'was written by a newer Loupe server (schema 99; this one knows up to 5)',
    );
  });

  it('lets two connections (the server and `npm run pair`) open a fresh file together', async () => {
    const a = openSqliteStore(dir);
    const b = openSqliteStore(dir);
    await a.addPairingCode({ codeHash: 'h', createdAt: 0, expiresAt: 10, deviceName: null });
    const device = { id: 'd1', fallbackName: 'Tablet d1', requestedName: null, tokenHash: 't1' };
    expect(await b.redeemPairingCode('h', 5, device)).toMatchObject({ ok: true });
    // The second use of the code, from the other connection, creates nothing.
    const second = { ...device, id: 'd2', tokenHash: 't2' };
    expect(await a.redeemPairingCode('h', 6, second)).toEqual({ ok: false, reason: 'used' });
    expect((await a.listDevices()).map((d) => d.id)).toEqual(['d1']);
    await a.close();
    await b.close();
  });
});
