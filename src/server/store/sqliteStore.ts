// The embedded store: one SQLite file under DATA_DIR, opened in WAL mode, schema made on first open.
// The server and the `npm run pair` / `npm run shops` commands open the same file at the same time:
// WAL lets them read while the other writes, and writes wait for each other (busy timeout). One
// writer at a time, so a shop's seqs are given in commit order by its counter row alone.
import Database from 'better-sqlite3';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freeShopPrefix } from '../../domain/envelopes';
import { BLOB_NAMING_TYPES, blobsNamedBy, type StoredEvent } from '../../protocol/events';
import {
  mayNameBlobs,
  pulledEventJsonSql,
  toDevice,
  toManager,
  toNotice,
  toPulled,
  toShop,
  toStored,
  type DeviceRow,
  type EventRow,
  type ExportRow,
  type ManagerRow,
  type NoticeRow,
  type ShopRow,
} from './rows';
import { cleanName, managerNameProblem, nameKey, shopNameProblem, StoreInputError } from './names';
import type {
  AppendResult,
  EventPage,
  EventTextPage,
  ExportedEvent,
  ManagerLogin,
  ManagerRecord,
  NewDevice,
  NewPairingCode,
  NoticeSettlement,
  NoticeState,
  NoticeTrigger,
  RedeemResult,
  RevokeResult,
  ShopExport,
  ShopRecord,
  ShopStore,
  Store,
  TypedEventPage,
} from './store';

export type { Store } from './store';

/** The shop a box had before shops: its data is this shop's, under this name until renamed. */
export const FIRST_SHOP_NAME = 'Main shop';

/** Changing this file name strands every shop's existing data: it needs a migration. */
export const SQLITE_FILE_NAME = 'loupe.sqlite';

// Each entry moves the schema one version on; never edit an entry that has shipped.
const MIGRATIONS: readonly (string | ((db: Database.Database) => void))[] = [
  `CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,

  // v2, sync. AUTOINCREMENT: a seq is never handed out twice, even if the newest row were ever
  // removed, so a tablet's cursor can never point past an event it has not seen.
  // Times are milliseconds since 1970 (UTC); `data` is the event's data as JSON text.
  `CREATE TABLE events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT UNIQUE NOT NULL,
     job_id TEXT NOT NULL,
     type TEXT NOT NULL,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     device TEXT NOT NULL,
     data TEXT NOT NULL,
     received_at INTEGER NOT NULL,
     received_from TEXT NOT NULL
   );
   CREATE TABLE devices (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     token_hash TEXT UNIQUE NOT NULL,
     created_at INTEGER NOT NULL,
     revoked_at INTEGER,
     last_seen_at INTEGER
   );
   CREATE TABLE pairing_codes (
     code_hash TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     device_name TEXT,
     used_at INTEGER,
     used_by_device TEXT REFERENCES devices(id)
   );`,

  // v3, envelope series: each tablet's prefix, unique in the shop (domain/envelopes.ts). NULL for
  // tablets paired before: they get one when they ask (POST /envelope-prefix). UNIQUE allows many
  // NULLs. A prefix is never freed, not even by unpairing: its numbers stay on envelopes.
  `ALTER TABLE devices ADD COLUMN envelope_prefix TEXT;
   CREATE UNIQUE INDEX devices_envelope_prefix ON devices (envelope_prefix);`,

  // v4, photos the server should hold: every blob a stored event names (a photo, its thumbnail, a
  // signature), until its bytes arrive. A backup carries the list as it was, so after a restore the
  // server knows which photos it lacks, even when no event was lost, and asks the tablets for them.
  `CREATE TABLE blobs_wanted (blob_sha256 TEXT PRIMARY KEY, photo_sha256 TEXT NOT NULL);
   INSERT OR IGNORE INTO blobs_wanted (blob_sha256, photo_sha256)
     SELECT json_extract(data, '$.sha256'), json_extract(data, '$.sha256') FROM events
     WHERE type = 'photo.added' AND json_extract(data, '$.sha256') IS NOT NULL;
   INSERT OR IGNORE INTO blobs_wanted (blob_sha256, photo_sha256)
     SELECT json_extract(data, '$.thumbnailSha256'), json_extract(data, '$.sha256') FROM events
     WHERE type = 'photo.added' AND json_extract(data, '$.thumbnailSha256') IS NOT NULL;
   INSERT OR IGNORE INTO blobs_wanted (blob_sha256, photo_sha256)
     SELECT json_extract(data, '$.signatureSha256'), json_extract(data, '$.signatureSha256')
     FROM events WHERE type IN ('job.opened', 'status.changed')
       AND json_extract(data, '$.signatureSha256') IS NOT NULL;`,

  // v5, telling customers their piece is ready (src/server/notify/readyNotices.ts). One row per
  // "ready" move (the trigger), so no move is ever handled twice; `sending` is set before the mail
  // server is called, so a restart never sends it again. The worker's cursor starts at the log's
  // end: moves made before this version had no customer consent to send on. IF NOT EXISTS: a file
  // whose version was set back by hand (as the store tests play an older server) still upgrades.
  `CREATE TABLE IF NOT EXISTS notices (
     trigger_event_id TEXT PRIMARY KEY,
     job_id TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN
       ('pending', 'sending', 'failed', 'sent', 'not_sent', 'gave_up', 'quiet')),
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX IF NOT EXISTS notices_by_state ON notices (state, next_attempt_at);
   CREATE INDEX IF NOT EXISTS events_by_stream ON events (job_id, seq);
   INSERT OR IGNORE INTO server_meta (key, value)
     SELECT 'ready_notice_cursor', CAST(coalesce(max(seq), 0) AS TEXT) FROM events;`,
  // v6, a chain of shops: every device, pairing code, event, blob and notice belongs to a shop,
  // and the existing data to the shop this box has always been ("Main shop", renamed with
  // `npm run shops -- rename`). Seqs are now counted per shop (shops.last_seq, moved in the append
  // transaction), kept as they were for the existing shop so its tablets' cursors stay right.
  // The history, server device and notice cursor move from server_meta to the shop's row.
  migrateToShops,
];

interface EventInsert {
  id: string;
  jobId: string;
  type: string;
  at: string;
  actor: string;
  device: string;
  data: string;
  receivedAt: number;
  receivedFrom: string;
}

interface PairingCodeRow {
  expires_at: number;
  device_name: string | null;
  used_at: number | null;
}

/** v6: see its entry above. A function, because existing events are read to find their blobs. */
function migrateToShops(db: Database.Database): void {
  const meta = (key: string) =>
    db
      .prepare<[string], string | undefined>('SELECT value FROM server_meta WHERE key = ?')
      .pluck()
      .get(key);
  db.exec(`
    CREATE TABLE shops (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      name_key TEXT UNIQUE NOT NULL,
      created_at INTEGER NOT NULL,
      last_seq INTEGER NOT NULL,
      history TEXT NOT NULL,
      server_device_id TEXT NOT NULL,
      notice_cursor INTEGER NOT NULL
    );
    CREATE TABLE events_by_shop (
      shop_id TEXT NOT NULL REFERENCES shops(id),
      seq INTEGER NOT NULL,
      id TEXT NOT NULL,
      job_id TEXT NOT NULL,
      type TEXT NOT NULL,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      device TEXT NOT NULL,
      data TEXT NOT NULL,
      received_at INTEGER NOT NULL,
      received_from TEXT NOT NULL,
      PRIMARY KEY (shop_id, seq),
      UNIQUE (shop_id, id)
    );
    CREATE TABLE shop_blobs (
      shop_id TEXT NOT NULL REFERENCES shops(id),
      blob_sha256 TEXT NOT NULL,
      photo_sha256 TEXT NOT NULL,
      arrived_at INTEGER,
      PRIMARY KEY (shop_id, blob_sha256)
    );
    CREATE INDEX shop_blobs_wanted ON shop_blobs (shop_id, photo_sha256) WHERE arrived_at IS NULL;
    CREATE TABLE shop_notices (
      shop_id TEXT NOT NULL REFERENCES shops(id),
      trigger_event_id TEXT NOT NULL,
      job_id TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN
        ('pending', 'sending', 'failed', 'sent', 'not_sent', 'gave_up', 'quiet')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (shop_id, trigger_event_id)
    );
    CREATE INDEX shop_notices_by_state ON shop_notices (shop_id, state, next_attempt_at);
    CREATE TABLE managers (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      name_key TEXT UNIQUE NOT NULL,
      password_hash TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      disabled_at INTEGER
    );
    CREATE TABLE manager_sessions (
      token_hash TEXT PRIMARY KEY,
      manager_id TEXT NOT NULL REFERENCES managers(id),
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );
    ALTER TABLE devices ADD COLUMN shop_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE pairing_codes ADD COLUMN shop_id TEXT NOT NULL DEFAULT '';
  `);
  const shopId = randomBytes(8).toString('hex');
  const lastSeq = db.prepare<[], number | null>('SELECT max(seq) FROM events').pluck().get() ?? 0;
  db.prepare(
    `INSERT INTO shops (id, name, name_key, created_at, last_seq, history, server_device_id, notice_cursor)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    shopId,
    FIRST_SHOP_NAME,
    nameKey(FIRST_SHOP_NAME),
    Date.now(),
    lastSeq,
    meta('history') ?? randomUUID(),
    meta('server_device_id') ?? randomBytes(8).toString('hex'),
    // A fresh file has no moves to catch up on; an older one resumes where its worker was.
    Number(meta('ready_notice_cursor') ?? lastSeq),
  );
  db.prepare('UPDATE devices SET shop_id = ?').run(shopId);
  db.prepare('UPDATE pairing_codes SET shop_id = ?').run(shopId);
  db.prepare(
    `INSERT INTO events_by_shop
     SELECT ?, seq, id, job_id, type, at, actor, device, data, received_at, received_from FROM events`,
  ).run(shopId);
  db.prepare(
    `INSERT INTO shop_notices SELECT ?, trigger_event_id, job_id, state, attempts, next_attempt_at,
     created_at, updated_at FROM notices`,
  ).run(shopId);
  // Every blob the events name; held unless the old list still wanted it.
  const wanted = new Set(
    db.prepare<[], string>('SELECT blob_sha256 FROM blobs_wanted').pluck().all(),
  );
  const addBlob = db.prepare<[string, string, string, number | null]>(
    'INSERT OR IGNORE INTO shop_blobs (shop_id, blob_sha256, photo_sha256, arrived_at) VALUES (?, ?, ?, ?)',
  );
  const now = Date.now();
  // Only the events that can name a blob, a page at a time: the insert cannot run while a read
  // of the same connection is open, and a shop's whole log need not sit in memory at once.
  const namingPage = db.prepare<[number, ...string[]], EventRow>(
    `SELECT seq, id, job_id, type, at, actor, device, data FROM events
     WHERE seq > ? AND type IN (${BLOB_NAMING_TYPES.map(() => '?').join(', ')}) ORDER BY seq LIMIT 1000`,
  );
  for (let after = 0; ;) {
    const rows = namingPage.all(after, ...BLOB_NAMING_TYPES);
    for (const row of rows) {
      for (const { blob, photo } of blobsNamedBy(toStored(row))) {
        addBlob.run(shopId, blob, photo, wanted.has(blob) ? null : now);
      }
    }
    const last = rows.at(-1);
    if (!last) break;
    after = last.seq;
  }
  db.exec(`
    DROP INDEX IF EXISTS events_by_stream;
    DROP TABLE events;
    DROP TABLE notices;
    DROP TABLE blobs_wanted;
    DELETE FROM server_meta WHERE key IN ('history', 'server_device_id', 'ready_notice_cursor');
    CREATE INDEX events_by_stream ON events_by_shop (shop_id, job_id, seq);
    DROP INDEX devices_envelope_prefix;
    CREATE UNIQUE INDEX devices_envelope_prefix ON devices (shop_id, envelope_prefix);
    CREATE INDEX devices_by_shop ON devices (shop_id);
  `);
}

/**
 * Runs a synchronous store step as a promise: a refusal it throws (a taken name, an unknown shop)
 * rejects the promise rather than escaping the call, as the PostgreSQL store's would.
 */
function settled<T>(step: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(step());
  });
}

export function openSqliteStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, SQLITE_FILE_NAME);
  // A write waits up to 5 s for the other process (the server, or `npm run pair`) to finish its own.
  const db = new Database(path, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  // FULL, not NORMAL: in WAL mode NORMAL may roll back a commit already acknowledged when the
  // power goes, and the tablet clears its outbox on that acknowledgement. The cost is measured in
  // the server benchmark (docs/PERFORMANCE.md).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);

  const eventColumns = 'seq, id, job_id, type, at, actor, device, data';
  const insertEvent = db.prepare<[EventInsert & { shopId: string; seq: number }]>(
    `INSERT INTO events_by_shop
       (shop_id, seq, id, job_id, type, at, actor, device, data, received_at, received_from)
     VALUES (@shopId, @seq, @id, @jobId, @type, @at, @actor, @device, @data, @receivedAt, @receivedFrom)`,
  );
  // The duplicate check is the insert itself: an id the shop holds already (stored before, or
  // earlier in the same batch) is left as it is and changes nothing, in the one statement that
  // stores a new one. Positional values: binding them by name costs more than the insert.
  const appendEvent = db.prepare<
    [string, number, string, string, string, string, string, string, string, number, string]
  >(
    `INSERT INTO events_by_shop
       (shop_id, seq, id, job_id, type, at, actor, device, data, received_at, received_from)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (shop_id, id) DO NOTHING`,
  );
  const lastSeqOf = db
    .prepare<[string], number | undefined>('SELECT last_seq FROM shops WHERE id = ?')
    .pluck();
  const setLastSeq = db.prepare<[number, string]>('UPDATE shops SET last_seq = ? WHERE id = ?');
  const shopColumn = db.prepare<
    [string],
    { history: string; server_device_id: string; notice_cursor: number }
  >('SELECT history, server_device_id, notice_cursor FROM shops WHERE id = ?');
  const setHistory = db.prepare<[string, string]>('UPDATE shops SET history = ? WHERE id = ?');
  const setNoticeCursor = db.prepare<[number, string]>(
    'UPDATE shops SET notice_cursor = max(notice_cursor, ?) WHERE id = ?',
  );
  const idAt = db
    .prepare<[string, number], string | undefined>(
      'SELECT id FROM events_by_shop WHERE shop_id = ? AND seq = ?',
    )
    .pluck();
  const eventsAfter = db.prepare<[string, number, number], EventRow>(
    `SELECT ${eventColumns} FROM events_by_shop WHERE shop_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
  // Each row one text made by SQLite (raw: [seq, json]), not an object of eight columns.
  const eventTextsAfter = db
    .prepare<[string, number, number], [number, string]>(
      `SELECT seq, ${pulledEventJsonSql((column) => `json_quote(${column})`)} FROM events_by_shop
       WHERE shop_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    )
    .raw();
  // One statement for each count of types asked for (the worker always asks the same few): the
  // stretch of seqs by the primary key, the type compared in SQLite, so other events never reach JS.
  const typedRowsByCount = new Map<number, Database.Statement<(string | number)[], EventRow>>();
  const typedEventsAfter = (count: number) => {
    let statement = typedRowsByCount.get(count);
    if (!statement) {
      statement = db.prepare<(string | number)[], EventRow>(
        `SELECT ${eventColumns} FROM events_by_shop WHERE shop_id = ? AND seq > ? AND seq <= ?
         AND type IN (${Array.from({ length: count }, () => '?').join(', ')}) ORDER BY seq`,
      );
      typedRowsByCount.set(count, statement);
    }
    return statement;
  };
  const exportRows = db.prepare<[string, number, number], ExportRow>(
    `SELECT ${eventColumns}, received_at, received_from FROM events_by_shop
     WHERE shop_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const streamRows = db.prepare<[string, string], EventRow>(
    `SELECT ${eventColumns} FROM events_by_shop WHERE shop_id = ? AND job_id = ? ORDER BY seq`,
  );
  const lastStampOf = db
    .prepare<[string, string], string | null>(
      'SELECT max(at) FROM events_by_shop WHERE shop_id = ? AND device = ?',
    )
    .pluck();

  const shopColumns = 'id, name, created_at';
  const shopById = db.prepare<[string], ShopRow>(`SELECT ${shopColumns} FROM shops WHERE id = ?`);
  const shopByKey = db.prepare<[string], ShopRow>(
    `SELECT ${shopColumns} FROM shops WHERE name_key = ?`,
  );
  const allShops = db.prepare<[], ShopRow>(
    `SELECT ${shopColumns} FROM shops ORDER BY created_at, id`,
  );
  const insertShop = db.prepare<[string, string, string, number, number, string, string, number]>(
    `INSERT INTO shops (id, name, name_key, created_at, last_seq, history, server_device_id, notice_cursor)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateShopName = db.prepare<[string, string, string]>(
    'UPDATE shops SET name = ?, name_key = ? WHERE id = ?',
  );

  const insertCode = db.prepare<[string, string, number, number, string | null]>(
    'INSERT INTO pairing_codes (shop_id, code_hash, created_at, expires_at, device_name) VALUES (?, ?, ?, ?, ?)',
  );
  const codeByHash = db.prepare<[string], PairingCodeRow & { shop_id: string }>(
    'SELECT shop_id, expires_at, device_name, used_at FROM pairing_codes WHERE code_hash = ?',
  );
  const useCode = db.prepare<[number, string, string]>(
    'UPDATE pairing_codes SET used_at = ?, used_by_device = ? WHERE code_hash = ? AND used_at IS NULL',
  );
  const insertDevice = db.prepare<[string, string, string, string, number, string]>(
    'INSERT INTO devices (id, shop_id, name, token_hash, created_at, envelope_prefix) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const takenPrefixes = db
    .prepare<[string], string>(
      'SELECT envelope_prefix FROM devices WHERE shop_id = ? AND envelope_prefix IS NOT NULL',
    )
    .pluck();
  const setPrefix = db.prepare<[string, string, string]>(
    'UPDATE devices SET envelope_prefix = ? WHERE id = ? AND shop_id = ? AND envelope_prefix IS NULL',
  );
  // Read inside the transaction that writes it, so two pairings never pick the same one (and the
  // UNIQUE index stops it if anything ever did).
  const freePrefix = (shopId: string) =>
    freeShopPrefix(new Set(takenPrefixes.all(shopId)), (n) => randomInt(n));
  const deviceColumns = 'id, shop_id, name, created_at, revoked_at, last_seen_at, envelope_prefix';
  const deviceInShop = db.prepare<[string, string], DeviceRow>(
    `SELECT ${deviceColumns} FROM devices WHERE id = ? AND shop_id = ?`,
  );
  const deviceById = db.prepare<[string], DeviceRow>(
    `SELECT ${deviceColumns} FROM devices WHERE id = ?`,
  );
  const deviceByToken = db.prepare<[string], DeviceRow>(
    `SELECT ${deviceColumns} FROM devices WHERE token_hash = ?`,
  );
  const shopDevices = db.prepare<[string], DeviceRow>(
    `SELECT ${deviceColumns} FROM devices WHERE shop_id = ? ORDER BY created_at, id`,
  );
  const shopDevicesWithTokens = db.prepare<[string], DeviceRow & { token_hash: string }>(
    `SELECT ${deviceColumns}, token_hash FROM devices WHERE shop_id = ? ORDER BY created_at, id`,
  );
  const touch = db.prepare<[number, string, string]>(
    'UPDATE devices SET last_seen_at = ? WHERE id = ? AND shop_id = ?',
  );
  const revoke = db.prepare<[number, string, string]>(
    'UPDATE devices SET revoked_at = ? WHERE id = ? AND shop_id = ? AND revoked_at IS NULL',
  );

  const wantBlob = db.prepare<[string, string, string]>(
    'INSERT OR IGNORE INTO shop_blobs (shop_id, blob_sha256, photo_sha256, arrived_at) VALUES (?, ?, ?, NULL)',
  );
  const blobHere = db.prepare<[string, string, string, number]>(
    `INSERT INTO shop_blobs (shop_id, blob_sha256, photo_sha256, arrived_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (shop_id, blob_sha256) DO UPDATE SET arrived_at = coalesce(arrived_at, excluded.arrived_at)`,
  );
  const holds = db
    .prepare<[string, string], number | undefined>(
      'SELECT 1 FROM shop_blobs WHERE shop_id = ? AND blob_sha256 = ? AND arrived_at IS NOT NULL',
    )
    .pluck();
  const wantedPhotos = db
    .prepare<[string, number], string>(
      'SELECT DISTINCT photo_sha256 FROM shop_blobs WHERE shop_id = ? AND arrived_at IS NULL ORDER BY 1 LIMIT ?',
    )
    .pluck();
  const wantedBlobRows = db
    .prepare<[string], string>(
      'SELECT blob_sha256 FROM shop_blobs WHERE shop_id = ? AND arrived_at IS NULL',
    )
    .pluck();
  const shopBlobs = db.prepare<
    [string],
    { blob_sha256: string; photo_sha256: string; arrived_at: number | null }
  >(
    'SELECT blob_sha256, photo_sha256, arrived_at FROM shop_blobs WHERE shop_id = ? ORDER BY blob_sha256',
  );

  const noticeColumns = 'trigger_event_id, job_id, state, attempts, next_attempt_at, updated_at';
  // By rowid: notices are queued in the log's order, so two moves of one job are taken in order.
  const queueNotice = db.prepare<[string, string, string, number, number]>(
    `INSERT OR IGNORE INTO shop_notices (shop_id, trigger_event_id, job_id, state, created_at, updated_at)
     VALUES (?, ?, ?, 'pending', ?, ?)`,
  );
  const dueNoticeRows = db.prepare<[string, number, number], NoticeRow>(
    `SELECT ${noticeColumns} FROM shop_notices
     WHERE shop_id = ? AND (state = 'pending' OR (state = 'failed' AND next_attempt_at <= ?))
     ORDER BY rowid LIMIT ?`,
  );
  const noticeRowsIn = db.prepare<[string, string], NoticeRow>(
    `SELECT ${noticeColumns} FROM shop_notices WHERE shop_id = ? AND state = ? ORDER BY rowid`,
  );
  const noticeById = db.prepare<[string, string], NoticeRow>(
    `SELECT ${noticeColumns} FROM shop_notices WHERE shop_id = ? AND trigger_event_id = ?`,
  );
  const shopNotices = db.prepare<[string], NoticeRow & { created_at: number }>(
    `SELECT ${noticeColumns}, created_at FROM shop_notices WHERE shop_id = ? ORDER BY rowid`,
  );
  const nextDue = db
    .prepare<[string], number | null>(
      "SELECT min(next_attempt_at) FROM shop_notices WHERE shop_id = ? AND state = 'failed'",
    )
    .pluck();
  const updateNotice = db.prepare<[NoticeState, number, number | null, number, string, string]>(
    `UPDATE shop_notices SET state = ?, attempts = ?, next_attempt_at = ?, updated_at = ?
     WHERE shop_id = ? AND trigger_event_id = ?`,
  );
  const shopCodes = db.prepare<
    [string],
    {
      code_hash: string;
      created_at: number;
      expires_at: number;
      device_name: string | null;
      used_at: number | null;
      used_by_device: string | null;
    }
  >(
    `SELECT code_hash, created_at, expires_at, device_name, used_at, used_by_device FROM pairing_codes
     WHERE shop_id = ? ORDER BY created_at, code_hash`,
  );

  const managerColumns = 'id, name, created_at, disabled_at, password_hash';
  const managerByKey = db.prepare<[string], ManagerRow>(
    `SELECT ${managerColumns} FROM managers WHERE name_key = ?`,
  );
  const allManagers = db.prepare<[], ManagerRow>(
    `SELECT ${managerColumns} FROM managers ORDER BY created_at, id`,
  );
  const insertManager = db.prepare<[string, string, string, string, number]>(
    'INSERT INTO managers (id, name, name_key, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const updateManagerPassword = db.prepare<[string, string]>(
    'UPDATE managers SET password_hash = ?, disabled_at = NULL WHERE id = ?',
  );
  const disableManagerRow = db.prepare<[number, string]>(
    'UPDATE managers SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL',
  );
  const endSessionsOf = db.prepare<[string]>('DELETE FROM manager_sessions WHERE manager_id = ?');
  const insertSession = db.prepare<[string, string, number, number]>(
    'INSERT INTO manager_sessions (token_hash, manager_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const sessionManager = db.prepare<[string, number], ManagerRow>(
    `SELECT m.id, m.name, m.created_at, m.disabled_at, m.password_hash FROM manager_sessions s
     JOIN managers m ON m.id = s.manager_id
     WHERE s.token_hash = ? AND s.expires_at > ? AND m.disabled_at IS NULL`,
  );
  const deleteSession = db.prepare<[string]>('DELETE FROM manager_sessions WHERE token_hash = ?');

  const appendTx = db.transaction(
    (
      shopId: string,
      events: readonly StoredEvent[],
      receivedAt: number,
      from: string,
    ): AppendResult => {
      let seq = lastSeqOf.get(shopId);
      if (seq === undefined) throw new Error(`There is no shop ${shopId}.`);
      let accepted = 0;
      for (const e of events) {
        const data = JSON.stringify(e.data);
        const stored = appendEvent.run(
          shopId,
          seq + 1,
          e.id,
          e.jobId,
          e.type,
          e.at,
          e.actor,
          e.device,
          data,
          receivedAt,
          from,
        );
        // None: a duplicate (a batch that holds one id twice stores it once, like two pushes).
        if (stored.changes === 0) continue;
        seq += 1;
        if (mayNameBlobs(e.type, data)) {
          for (const { blob, photo } of blobsNamedBy(e)) wantBlob.run(shopId, blob, photo);
        }
        accepted += 1;
      }
      setLastSeq.run(seq, shopId);
      return { accepted, duplicates: events.length - accepted, cursor: seq };
    },
  );

  // Group commit: the appends that arrive while the server is busy (several tablets pushing at
  // once) are stored in one transaction, each in a savepoint of its own, so each is still all or
  // nothing and none waits for the others' refusals, and they share one sync to disk. The first
  // schedules the commit for after the event loop's current turn; nobody is answered before it.
  interface PendingAppend {
    shopId: string;
    events: readonly StoredEvent[];
    receivedAt: number;
    from: string;
    resolve: (result: AppendResult) => void;
    reject: (err: unknown) => void;
  }
  let pendingAppends: PendingAppend[] = [];
  const appendGroupTx = db.transaction((group: readonly PendingAppend[]) =>
    group.map((a): { result: AppendResult } | { error: unknown } => {
      try {
        // Nested in the group's transaction: a savepoint, undone alone when it throws.
        return { result: appendTx(a.shopId, a.events, a.receivedAt, a.from) };
      } catch (error) {
        return { error };
      }
    }),
  );
  const commitAppends = (): void => {
    const group = pendingAppends;
    pendingAppends = [];
    let outcomes;
    try {
      outcomes = appendGroupTx.immediate(group);
    } catch (err) {
      // The commit itself failed (the disk, a lock held too long): none of them is stored.
      for (const a of group) a.reject(err);
      return;
    }
    outcomes.forEach((outcome, i) => {
      const a = group[i];
      if (!a) return;
      if ('result' in outcome) a.resolve(outcome.result);
      else a.reject(outcome.error);
    });
  };
  const appendGrouped = (
    shopId: string,
    events: readonly StoredEvent[],
    receivedAt: number,
    from: string,
  ): Promise<AppendResult> =>
    new Promise((resolve, reject) => {
      if (pendingAppends.length === 0) setImmediate(commitAppends);
      pendingAppends.push({ shopId, events, receivedAt, from, resolve, reject });
    });

  const rotateTx = db.transaction((shopId: string, expected: string): string => {
    const current = shopColumn.get(shopId)?.history ?? '';
    if (current !== expected) return current;
    const next = randomUUID();
    setHistory.run(next, shopId);
    return next;
  });

  const queueTx = db.transaction(
    (shopId: string, triggers: readonly NoticeTrigger[], cursor: number, now: number): void => {
      for (const t of triggers) queueNotice.run(shopId, t.triggerEventId, t.jobId, now, now);
      setNoticeCursor.run(cursor, shopId);
    },
  );

  const claimTx = db.transaction(
    (shopId: string, triggerEventId: string, now: number): number | null => {
      const row = noticeById.get(shopId, triggerEventId);
      if (!row) return null;
      const due =
        row.state === 'pending' ||
        (row.state === 'failed' && row.next_attempt_at !== null && row.next_attempt_at <= now);
      if (!due) return null;
      const attempt = row.attempts + 1;
      updateNotice.run('sending', attempt, null, now, shopId, triggerEventId);
      return attempt;
    },
  );

  const settleTx = db.transaction((shopId: string, s: NoticeSettlement): boolean => {
    const row = noticeById.get(shopId, s.triggerEventId);
    if (!row || !s.from.includes(row.state)) return false;
    updateNotice.run(
      s.state,
      row.attempts,
      s.nextAttemptAt ?? null,
      s.now,
      shopId,
      s.triggerEventId,
    );
    if (s.event) appendTx(shopId, [s.event], s.now, s.event.device);
    return true;
  });

  const redeemTx = db.transaction(
    (codeHash: string, now: number, device: NewDevice): RedeemResult => {
      const code = codeByHash.get(codeHash);
      if (!code) return { ok: false, reason: 'unknown' };
      if (code.used_at !== null) return { ok: false, reason: 'used' };
      if (now >= code.expires_at) return { ok: false, reason: 'expired' };
      const name = device.requestedName ?? code.device_name ?? device.fallbackName;
      insertDevice.run(
        device.id,
        code.shop_id,
        name,
        device.tokenHash,
        now,
        freePrefix(code.shop_id),
      );
      // The `used_at IS NULL` guard makes this the single use even if another process raced us.
      if (useCode.run(now, device.id, codeHash).changes !== 1) {
        throw new Error('A pairing code was used twice at once.');
      }
      const row = deviceById.get(device.id);
      if (!row) throw new Error(`Device ${device.id} vanished while pairing.`);
      return { ok: true, device: toDevice(row) };
    },
  );

  /** A tablet paired before servers gave prefixes gets one, once. */
  const prefixTx = db.transaction((shopId: string, id: string): string | null => {
    const row = deviceInShop.get(id, shopId);
    if (!row) return null;
    if (row.envelope_prefix !== null) return row.envelope_prefix;
    const prefix = freePrefix(shopId);
    setPrefix.run(prefix, id, shopId);
    return prefix;
  });

  const addShopTx = db.transaction((name: string, now: number): ShopRecord => {
    const why = shopNameProblem(name);
    if (why) throw new StoreInputError(why);
    const clean = cleanName(name);
    const taken = shopByKey.get(nameKey(clean));
    if (taken) throw new StoreInputError(`There is a shop named "${taken.name}" already.`);
    const id = randomBytes(8).toString('hex');
    insertShop.run(
      id,
      clean,
      nameKey(clean),
      now,
      0,
      randomUUID(),
      randomBytes(8).toString('hex'),
      0,
    );
    return { id, name: clean, createdAt: now };
  });

  const renameShopTx = db.transaction((id: string, name: string): ShopRecord => {
    const why = shopNameProblem(name);
    if (why) throw new StoreInputError(why);
    const clean = cleanName(name);
    const shop = shopById.get(id);
    if (!shop) throw new StoreInputError(`There is no shop ${id}.`);
    const other = shopByKey.get(nameKey(clean));
    if (other && other.id !== id)
      throw new StoreInputError(`There is a shop named "${other.name}" already.`);
    updateShopName.run(clean, nameKey(clean), id);
    return { ...toShop(shop), name: clean };
  });

  const setManagerTx = db.transaction(
    (name: string, passwordHash: string, now: number): ManagerRecord => {
      const why = managerNameProblem(name);
      if (why) throw new StoreInputError(why);
      const clean = cleanName(name);
      const existing = managerByKey.get(nameKey(clean));
      if (existing) {
        updateManagerPassword.run(passwordHash, existing.id);
        // A new password ends every session the old one opened.
        endSessionsOf.run(existing.id);
        return { ...toManager(existing), disabledAt: null };
      }
      const id = randomBytes(8).toString('hex');
      insertManager.run(id, clean, nameKey(clean), passwordHash, now);
      return { id, name: clean, createdAt: now, disabledAt: null };
    },
  );

  const disableManagerTx = db.transaction((name: string, now: number): boolean => {
    const row = managerByKey.get(nameKey(name));
    if (!row) return false;
    disableManagerRow.run(now, row.id);
    endSessionsOf.run(row.id);
    return true;
  });

  const insertImportedShop = (ex: ShopExport): void => {
    if (shopById.get(ex.shop.id))
      throw new StoreInputError(`This store has shop ${ex.shop.id} already.`);
    if (shopByKey.get(nameKey(ex.shop.name))) {
      throw new StoreInputError(`This store has a shop named "${ex.shop.name}" already.`);
    }
    insertShop.run(
      ex.shop.id,
      ex.shop.name,
      nameKey(ex.shop.name),
      ex.shop.createdAt,
      0,
      ex.history,
      ex.serverDeviceId,
      ex.noticeCursor,
    );
    const addDevice = db.prepare(
      `INSERT INTO devices (id, shop_id, name, token_hash, created_at, revoked_at, last_seen_at, envelope_prefix)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const d of ex.devices) {
      addDevice.run(
        d.id,
        ex.shop.id,
        d.name,
        d.tokenHash,
        d.createdAt,
        d.revokedAt,
        d.lastSeenAt,
        d.envelopePrefix,
      );
    }
    const addCode = db.prepare(
      `INSERT INTO pairing_codes (shop_id, code_hash, created_at, expires_at, device_name, used_at, used_by_device)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of ex.pairingCodes) {
      addCode.run(
        ex.shop.id,
        c.codeHash,
        c.createdAt,
        c.expiresAt,
        c.deviceName,
        c.usedAt,
        c.usedByDevice,
      );
    }
    const addBlob = db.prepare(
      'INSERT INTO shop_blobs (shop_id, blob_sha256, photo_sha256, arrived_at) VALUES (?, ?, ?, ?)',
    );
    for (const b of ex.blobs) addBlob.run(ex.shop.id, b.blobSha256, b.photoSha256, b.arrivedAt);
    const addNotice = db.prepare(
      `INSERT INTO shop_notices (shop_id, trigger_event_id, job_id, state, attempts, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const n of ex.notices) {
      addNotice.run(
        ex.shop.id,
        n.triggerEventId,
        n.jobId,
        n.state,
        n.attempts,
        n.nextAttemptAt,
        n.createdAt,
        n.updatedAt,
      );
    }
  };

  const insertImportedEvents = (shopId: string, events: readonly ExportedEvent[]): number => {
    let last = lastSeqOf.get(shopId) ?? 0;
    for (const e of events) {
      if (e.seq <= last)
        throw new Error(`Events must come in seq order; ${e.seq} came after ${last}.`);
      insertEvent.run({
        shopId,
        seq: e.seq,
        id: e.id,
        jobId: e.jobId,
        type: e.type,
        at: e.at,
        actor: e.actor,
        device: e.device,
        data: JSON.stringify(e.data),
        receivedAt: e.receivedAt,
        receivedFrom: e.receivedFrom,
      });
      last = e.seq;
    }
    setLastSeq.run(last, shopId);
    return events.length;
  };

  const shopStore = (shopId: string): ShopStore => ({
    shopId,
    appendEvents: (events, receivedAt, receivedFrom) =>
      appendGrouped(shopId, events, receivedAt, receivedFrom),

    readEvents: (after, limit): Promise<EventPage> => {
      // One row past the page tells whether more remain, without a second query.
      const rows = eventsAfter.all(shopId, after, limit + 1);
      const more = rows.length > limit;
      const events = (more ? rows.slice(0, limit) : rows).map(toPulled);
      const greatest = lastSeqOf.get(shopId) ?? 0;
      // Past the last seq here, the cursor answered is the last seq here, not the tablet's own.
      // Nothing changes on a read: a new history is only started on a tablet's report, which the
      // route checks (POST /history/diverged).
      const cursor = events.at(-1)?.seq ?? Math.min(after, greatest);
      return Promise.resolve({
        events,
        cursor,
        more,
        history: shopColumn.get(shopId)?.history ?? '',
      });
    },
    readEventTexts: (after, limit): Promise<EventTextPage> => {
      // As readEvents, each event the JSON text SQLite made of its row.
      const rows = eventTextsAfter.all(shopId, after, limit + 1);
      const more = rows.length > limit;
      const page = more ? rows.slice(0, limit) : rows;
      const greatest = lastSeqOf.get(shopId) ?? 0;
      const cursor = page.at(-1)?.[0] ?? Math.min(after, greatest);
      return Promise.resolve({
        events: page.map((row) => row[1]),
        cursor,
        more,
        history: shopColumn.get(shopId)?.history ?? '',
      });
    },
    readEventsOfTypes: (after, span, types): Promise<TypedEventPage> => {
      // The greatest seq first: every event up to it is committed (one writer at a time, seqs in
      // commit order), so the stretch read up to it holds every event of the types it will ever hold.
      const greatest = lastSeqOf.get(shopId) ?? 0;
      const upTo = Math.min(greatest, after + span);
      const rows =
        upTo > after && types.length > 0
          ? typedEventsAfter(types.length).all(shopId, after, upTo, ...types)
          : [];
      return Promise.resolve({
        events: rows.map(toPulled),
        cursor: Math.max(after, upTo),
        more: upTo < greatest,
      });
    },
    eventIdAt: (seq) => Promise.resolve(idAt.get(shopId, seq) ?? null),
    greatestSeq: () => Promise.resolve(lastSeqOf.get(shopId) ?? 0),

    blobArrived: (sha256, now) => {
      blobHere.run(shopId, sha256, sha256, now);
      return Promise.resolve();
    },
    holdsBlob: (sha256) => Promise.resolve(holds.get(shopId, sha256) !== undefined),
    missingPhotos: (limit) => Promise.resolve(wantedPhotos.all(shopId, limit)),
    wantedBlobs: () => Promise.resolve(wantedBlobRows.all(shopId)),
    history: () => Promise.resolve(shopColumn.get(shopId)?.history ?? ''),
    rotateHistory: (expected) => settled(() => rotateTx.immediate(shopId, expected)),

    addPairingCode: (code: NewPairingCode) => {
      insertCode.run(shopId, code.codeHash, code.createdAt, code.expiresAt, code.deviceName);
      return Promise.resolve();
    },
    touchDevice: (id, now) => {
      touch.run(now, id, shopId);
      return Promise.resolve();
    },
    listDevices: () => Promise.resolve(shopDevices.all(shopId).map(toDevice)),
    envelopePrefixFor: (id) => settled(() => prefixTx.immediate(shopId, id)),
    revokeDevice: (id, now): Promise<RevokeResult> => {
      if (revoke.run(now, id, shopId).changes === 1) return Promise.resolve('revoked');
      return Promise.resolve(deviceInShop.get(id, shopId) ? 'already_revoked' : 'unknown');
    },

    streamEvents: (streamId) => Promise.resolve(streamRows.all(shopId, streamId).map(toStored)),
    serverDevice: () => {
      const id = shopColumn.get(shopId)?.server_device_id ?? '';
      return Promise.resolve({ id, lastStamp: lastStampOf.get(shopId, id) ?? null });
    },
    noticeCursor: () => Promise.resolve(shopColumn.get(shopId)?.notice_cursor ?? 0),
    queueNotices: (triggers, cursor, now) =>
      settled(() => {
        // Committed without a sync of its own: what it records (pending notices, the cursor) is
        // read from the log, which is durable, and read again if a power cut takes it. The next
        // synced commit (a push, a claim) syncs it too. The worker queues after every push, and
        // a second sync per push would cost as much as the push's own.
        // (Not a prepared statement: SQLite sets this pragma when it compiles it.)
        db.pragma('synchronous = NORMAL');
        try {
          queueTx.immediate(shopId, triggers, cursor, now);
        } finally {
          db.pragma('synchronous = FULL');
        }
      }),
    dueNotices: (now, limit) =>
      Promise.resolve(dueNoticeRows.all(shopId, now, limit).map(toNotice)),
    noticesIn: (state) => Promise.resolve(noticeRowsIn.all(shopId, state).map(toNotice)),
    nextNoticeDue: () => Promise.resolve(nextDue.get(shopId) ?? null),
    claimNotice: (triggerEventId, now) =>
      settled(() => claimTx.immediate(shopId, triggerEventId, now)),
    settleNotice: (settlement) => settled(() => settleTx.immediate(shopId, settlement)),

    exportShop: (): Promise<ShopExport> => {
      const shop = shopById.get(shopId);
      const meta = shopColumn.get(shopId);
      if (!shop || !meta) return Promise.reject(new StoreInputError(`There is no shop ${shopId}.`));
      return Promise.resolve({
        shop: toShop(shop),
        history: meta.history,
        serverDeviceId: meta.server_device_id,
        noticeCursor: meta.notice_cursor,
        devices: shopDevicesWithTokens
          .all(shopId)
          .map((row) => ({ ...toDevice(row), tokenHash: row.token_hash })),
        pairingCodes: shopCodes.all(shopId).map((row) => ({
          codeHash: row.code_hash,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          deviceName: row.device_name,
          usedAt: row.used_at,
          usedByDevice: row.used_by_device,
        })),
        blobs: shopBlobs.all(shopId).map((row) => ({
          blobSha256: row.blob_sha256,
          photoSha256: row.photo_sha256,
          arrivedAt: row.arrived_at,
        })),
        notices: shopNotices.all(shopId).map((row) => ({
          ...toNotice(row),
          createdAt: row.created_at,
        })),
      });
    },
    exportEvents: (after, limit) =>
      Promise.resolve(
        exportRows.all(shopId, after, limit).map((row) => ({
          ...toPulled(row),
          receivedAt: row.received_at,
          receivedFrom: row.received_from,
        })),
      ),
  });

  return {
    location: path,
    kind: 'sqlite',
    schemaVersion: () => Promise.resolve(userVersion(db)),

    addShop: (name, now) => settled(() => addShopTx.immediate(name, now)),
    renameShop: (id, name) => settled(() => renameShopTx.immediate(id, name)),
    listShops: () => Promise.resolve(allShops.all().map(toShop)),
    shopByName: (name) => {
      const row = shopByKey.get(nameKey(name));
      return Promise.resolve(row ? toShop(row) : null);
    },
    shop: shopStore,

    redeemPairingCode: (codeHash, now, device) =>
      settled(() => redeemTx.immediate(codeHash, now, device)),
    deviceByTokenHash: (tokenHash) => {
      const row = deviceByToken.get(tokenHash);
      return Promise.resolve(row ? toDevice(row) : null);
    },

    importShop: async (ex, pages) => {
      // One transaction across the pages: the command that moves a shop has this connection to
      // itself, so nothing else joins it while it waits for the next page.
      db.exec('BEGIN IMMEDIATE');
      try {
        insertImportedShop(ex);
        let events = 0;
        for await (const page of pages) events += insertImportedEvents(ex.shop.id, page);
        db.exec('COMMIT');
        return { events };
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    },

    setManager: (name, passwordHash, now) =>
      settled(() => setManagerTx.immediate(name, passwordHash, now)),
    managerByName: (name) => {
      const row = managerByKey.get(nameKey(name));
      return Promise.resolve(
        row
          ? ({ ...toManager(row), passwordHash: row.password_hash } satisfies ManagerLogin)
          : null,
      );
    },
    listManagers: () => Promise.resolve(allManagers.all().map(toManager)),
    disableManager: (name, now) => settled(() => disableManagerTx.immediate(name, now)),
    addManagerSession: (session) => {
      insertSession.run(session.tokenHash, session.managerId, session.createdAt, session.expiresAt);
      return Promise.resolve();
    },
    managerBySession: (tokenHash, now) => {
      const row = sessionManager.get(tokenHash, now);
      return Promise.resolve(row ? toManager(row) : null);
    },
    endManagerSession: (tokenHash) => {
      deleteSession.run(tokenHash);
      return Promise.resolve();
    },

    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * A data file as an older server left it, at schema `version` (for tests that play an upgrade):
 * the caller puts rows in the old tables, closes it, then opens it with openSqliteStore.
 */
export function createSqliteFileAt(dataDir: string, version: number): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, SQLITE_FILE_NAME));
  migrate(db, version);
  return db;
}

function migrate(db: Database.Database, upTo: number = MIGRATIONS.length): void {
  // IMMEDIATE takes the write lock before reading the version: the server and `npm run pair`
  // opening a fresh file at the same moment cannot both run the same migration.
  db.transaction(() => {
    const current = userVersion(db);
    if (current > MIGRATIONS.length) {
      throw new Error(
        `The data in ${db.name} was written by a newer Loupe server (schema ${current}; this one ` +
          `knows up to ${MIGRATIONS.length}). Update Loupe on this machine before starting it.`,
      );
    }
    for (let v = current; v < upTo; v++) {
      const step = MIGRATIONS[v];
      if (step === undefined) break;
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}
