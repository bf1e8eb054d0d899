// The embedded store: one SQLite file under DATA_DIR, opened in WAL mode, schema made on first open.
// The server and the `npm run pair` / `npm run unpair` commands open the same file at the same time:
// WAL lets them read while the other writes, and writes wait for each other (busy timeout).
import Database from 'better-sqlite3';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freeShopPrefix } from '../../domain/envelopes';
import { blobsNamedBy, type StoredEvent } from '../../protocol/events';
import type { PulledEvent } from '../../protocol/sync';
import type {
  AppendResult,
  DeviceRecord,
  EventPage,
  NewDevice,
  NewPairingCode,
  NoticeRecord,
  NoticeSettlement,
  NoticeState,
  NoticeTrigger,
  RedeemResult,
  RevokeResult,
  Store,
} from './store';

export type { Store } from './store';

const HISTORY_KEY = 'history';
/** Changing these keys loses the worker's place in the log (migration v5 names it too) or the
 * server's device id. */
const NOTICE_CURSOR_KEY = 'ready_notice_cursor';
const SERVER_DEVICE_KEY = 'server_device_id';

/** Changing this file name strands every shop's existing data: it needs a migration. */
export const SQLITE_FILE_NAME = 'loupe.sqlite';

// Each entry moves the schema one version on; never edit an entry that has shipped.
const MIGRATIONS: readonly string[] = [
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
];

interface EventRow {
  seq: number;
  id: string;
  job_id: string;
  type: string;
  at: string;
  actor: string;
  device: string;
  data: string;
}

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

interface NoticeRow {
  trigger_event_id: string;
  job_id: string;
  state: NoticeState;
  attempts: number;
  next_attempt_at: number | null;
}

const toNotice = (row: NoticeRow): NoticeRecord => ({
  triggerEventId: row.trigger_event_id,
  jobId: row.job_id,
  state: row.state,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
});

interface DeviceRow {
  id: string;
  name: string;
  created_at: number;
  revoked_at: number | null;
  last_seen_at: number | null;
  envelope_prefix: string | null;
}

interface PairingCodeRow {
  expires_at: number;
  device_name: string | null;
  used_at: number | null;
}

const toDevice = (row: DeviceRow): DeviceRecord => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
  lastSeenAt: row.last_seen_at,
  envelopePrefix: row.envelope_prefix,
});

const toStored = (row: EventRow): StoredEvent => ({
  id: row.id,
  jobId: row.job_id,
  type: row.type,
  at: row.at,
  actor: row.actor,
  device: row.device,
  data: JSON.parse(row.data) as Record<string, unknown>,
});

const toPulled = (row: EventRow): PulledEvent => ({
  seq: row.seq,
  id: row.id,
  jobId: row.job_id,
  type: row.type,
  at: row.at,
  actor: row.actor,
  device: row.device,
  data: JSON.parse(row.data) as Record<string, unknown>,
});

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

  const insertEvent = db.prepare<[EventInsert]>(
    // Not `ON CONFLICT DO NOTHING`: with AUTOINCREMENT that burns a seq on every duplicate.
    `INSERT INTO events (id, job_id, type, at, actor, device, data, received_at, received_from)
     SELECT @id, @jobId, @type, @at, @actor, @device, @data, @receivedAt, @receivedFrom
     WHERE NOT EXISTS (SELECT 1 FROM events WHERE id = @id)`,
  );
  // Exactly `max(seq)`, which SQLite reads off the end of the primary key.
  const greatestSeq = db.prepare<[], number | null>('SELECT max(seq) FROM events').pluck();
  const getMeta = db
    .prepare<[string], string | undefined>('SELECT value FROM server_meta WHERE key = ?')
    .pluck();
  const setMeta = db.prepare<[string, string]>(
    'INSERT INTO server_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  // Made once, with the file: a backup carries it, so a restored file answers the old one until
  // a tablet shows it is behind.
  db.prepare('INSERT OR IGNORE INTO server_meta (key, value) VALUES (?, ?)').run(
    HISTORY_KEY,
    randomUUID(),
  );
  const history = (): string => getMeta.get(HISTORY_KEY) ?? '';
  const idAt = db
    .prepare<[number], string | undefined>('SELECT id FROM events WHERE seq = ?')
    .pluck();
  const rotate = db.transaction((expected: string): string => {
    const current = history();
    if (current !== expected) return current;
    const next = randomUUID();
    setMeta.run(HISTORY_KEY, next);
    return next;
  });
  const eventsAfter = db.prepare<[number, number], EventRow>(
    `SELECT seq, id, job_id, type, at, actor, device, data FROM events
     WHERE seq > ? ORDER BY seq LIMIT ?`,
  );
  const insertCode = db.prepare<[string, number, number, string | null]>(
    'INSERT INTO pairing_codes (code_hash, created_at, expires_at, device_name) VALUES (?, ?, ?, ?)',
  );
  const codeByHash = db.prepare<[string], PairingCodeRow>(
    'SELECT expires_at, device_name, used_at FROM pairing_codes WHERE code_hash = ?',
  );
  const useCode = db.prepare<[number, string, string]>(
    'UPDATE pairing_codes SET used_at = ?, used_by_device = ? WHERE code_hash = ? AND used_at IS NULL',
  );
  const insertDevice = db.prepare<[string, string, string, number, string]>(
    'INSERT INTO devices (id, name, token_hash, created_at, envelope_prefix) VALUES (?, ?, ?, ?, ?)',
  );
  const takenPrefixes = db
    .prepare<[], string>('SELECT envelope_prefix FROM devices WHERE envelope_prefix IS NOT NULL')
    .pluck();
  const setPrefix = db.prepare<[string, string]>(
    'UPDATE devices SET envelope_prefix = ? WHERE id = ? AND envelope_prefix IS NULL',
  );
  // Read inside the transaction that writes it, so two pairings never pick the same one (and the
  // UNIQUE index stops it if anything ever did).
  const freePrefix = () => freeShopPrefix(new Set(takenPrefixes.all()), (n) => randomInt(n));
  const deviceColumns = 'id, name, created_at, revoked_at, last_seen_at, envelope_prefix';
  const deviceById = db.prepare<[string], DeviceRow>(
    `SELECT ${deviceColumns} FROM devices WHERE id = ?`,
  );
  const deviceByToken = db.prepare<[string], DeviceRow>(
    `SELECT ${deviceColumns} FROM devices WHERE token_hash = ?`,
  );
  const allDevices = db.prepare<[], DeviceRow>(
    `SELECT ${deviceColumns} FROM devices ORDER BY created_at, id`,
  );
  const touch = db.prepare<[number, string]>('UPDATE devices SET last_seen_at = ? WHERE id = ?');
  const revoke = db.prepare<[number, string]>(
    'UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  );

  const wantBlob = db.prepare<[string, string]>(
    'INSERT OR IGNORE INTO blobs_wanted (blob_sha256, photo_sha256) VALUES (?, ?)',
  );
  const blobHere = db.prepare<[string]>('DELETE FROM blobs_wanted WHERE blob_sha256 = ?');
  const wantedPhotos = db
    .prepare<[number], string>('SELECT DISTINCT photo_sha256 FROM blobs_wanted ORDER BY 1 LIMIT ?')
    .pluck();
  const wantedBlobs = db.prepare<[], string>('SELECT blob_sha256 FROM blobs_wanted').pluck();

  /** Stores one event unless its id is here already; 1 when it was stored. */
  const storeEvent = (e: StoredEvent, receivedAt: number, from: string): number => {
    const { changes } = insertEvent.run({
      id: e.id,
      jobId: e.jobId,
      type: e.type,
      at: e.at,
      actor: e.actor,
      device: e.device,
      data: JSON.stringify(e.data),
      receivedAt,
      receivedFrom: from,
    });
    if (changes === 1) for (const { blob, photo } of blobsNamedBy(e)) wantBlob.run(blob, photo);
    return changes;
  };

  // One transaction per batch: a crash or a bad row part-way stores none of it.
  const append = db.transaction(
    (events: readonly StoredEvent[], receivedAt: number, from: string): AppendResult => {
      let accepted = 0;
      for (const e of events) accepted += storeEvent(e, receivedAt, from);
      return { accepted, duplicates: events.length - accepted, cursor: greatestSeq.get() ?? 0 };
    },
  );

  const streamRows = db.prepare<[string], EventRow>(
    `SELECT seq, id, job_id, type, at, actor, device, data FROM events
     WHERE job_id = ? ORDER BY seq`,
  );
  // Made once, with the data: the server's stamps then resume after its own, even after a restore.
  db.prepare('INSERT OR IGNORE INTO server_meta (key, value) VALUES (?, ?)').run(
    SERVER_DEVICE_KEY,
    randomBytes(8).toString('hex'),
  );
  const lastStampOf = db
    .prepare<[string], string | null>('SELECT max(at) FROM events WHERE device = ?')
    .pluck();
  const noticeColumns = 'trigger_event_id, job_id, state, attempts, next_attempt_at';
  // By rowid: notices are queued in the log's order, so two moves of one job are taken in order.
  const queueNotice = db.prepare<[string, string, number, number]>(
    `INSERT OR IGNORE INTO notices (trigger_event_id, job_id, state, created_at, updated_at)
     VALUES (?, ?, 'pending', ?, ?)`,
  );
  const dueNoticeRows = db.prepare<[number, number], NoticeRow>(
    `SELECT ${noticeColumns} FROM notices
     WHERE state = 'pending' OR (state = 'failed' AND next_attempt_at <= ?)
     ORDER BY rowid LIMIT ?`,
  );
  const noticeRowsIn = db.prepare<[string], NoticeRow>(
    `SELECT ${noticeColumns} FROM notices WHERE state = ? ORDER BY rowid`,
  );
  const noticeById = db.prepare<[string], NoticeRow>(
    `SELECT ${noticeColumns} FROM notices WHERE trigger_event_id = ?`,
  );
  const nextDue = db
    .prepare<[], number | null>("SELECT min(next_attempt_at) FROM notices WHERE state = 'failed'")
    .pluck();
  const updateNotice = db.prepare<[NoticeState, number, number | null, number, string]>(
    `UPDATE notices SET state = ?, attempts = ?, next_attempt_at = ?, updated_at = ?
     WHERE trigger_event_id = ?`,
  );

  const queue = db.transaction(
    (triggers: readonly NoticeTrigger[], cursor: number, now: number): void => {
      for (const t of triggers) queueNotice.run(t.triggerEventId, t.jobId, now, now);
      setMeta.run(NOTICE_CURSOR_KEY, String(cursor));
    },
  );

  const claim = db.transaction((triggerEventId: string, now: number): number | null => {
    const row = noticeById.get(triggerEventId);
    if (!row) return null;
    const due =
      row.state === 'pending' ||
      (row.state === 'failed' && row.next_attempt_at !== null && row.next_attempt_at <= now);
    if (!due) return null;
    const attempt = row.attempts + 1;
    updateNotice.run('sending', attempt, null, now, triggerEventId);
    return attempt;
  });

  const settle = db.transaction((s: NoticeSettlement): boolean => {
    const row = noticeById.get(s.triggerEventId);
    if (!row || !s.from.includes(row.state)) return false;
    updateNotice.run(s.state, row.attempts, s.nextAttemptAt ?? null, s.now, s.triggerEventId);
    if (s.event) storeEvent(s.event, s.now, s.event.device);
    return true;
  });

  const redeem = db.transaction(
    (codeHash: string, now: number, device: NewDevice): RedeemResult => {
      const code = codeByHash.get(codeHash);
      if (!code) return { ok: false, reason: 'unknown' };
      if (code.used_at !== null) return { ok: false, reason: 'used' };
      if (now >= code.expires_at) return { ok: false, reason: 'expired' };
      const name = device.requestedName ?? code.device_name ?? device.fallbackName;
      insertDevice.run(device.id, name, device.tokenHash, now, freePrefix());
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
  const prefixFor = db.transaction((id: string): string | null => {
    const row = deviceById.get(id);
    if (!row) return null;
    if (row.envelope_prefix !== null) return row.envelope_prefix;
    const prefix = freePrefix();
    setPrefix.run(prefix, id);
    return prefix;
  });

  return {
    location: path,
    schemaVersion: () => Promise.resolve(userVersion(db)),

    appendEvents: (events, receivedAt, receivedFrom) =>
      Promise.resolve(append.immediate(events, receivedAt, receivedFrom)),

    readEvents: (after, limit): Promise<EventPage> => {
      // One row past the page tells whether more remain, without a second query.
      const rows = eventsAfter.all(after, limit + 1);
      const more = rows.length > limit;
      const events = (more ? rows.slice(0, limit) : rows).map(toPulled);
      const greatest = greatestSeq.get() ?? 0;
      // Past the last seq here, the cursor answered is the last seq here, not the tablet's own.
      // Nothing changes on a read: a new history is only started on a tablet's report, which the
      // route checks (POST /history/diverged).
      const cursor = events.at(-1)?.seq ?? Math.min(after, greatest);
      return Promise.resolve({ events, cursor, more, history: history() });
    },

    eventIdAt: (seq) => Promise.resolve(idAt.get(seq) ?? null),
    blobArrived: (sha256) => {
      blobHere.run(sha256);
      return Promise.resolve();
    },
    missingPhotos: (limit) => Promise.resolve(wantedPhotos.all(limit)),
    wantedBlobs: () => Promise.resolve(wantedBlobs.all()),
    history: () => Promise.resolve(history()),
    rotateHistory: (expected) => Promise.resolve(rotate.immediate(expected)),

    addPairingCode: (code: NewPairingCode) => {
      insertCode.run(code.codeHash, code.createdAt, code.expiresAt, code.deviceName);
      return Promise.resolve();
    },

    redeemPairingCode: (codeHash, now, device) =>
      Promise.resolve(redeem.immediate(codeHash, now, device)),

    deviceByTokenHash: (tokenHash) => {
      const row = deviceByToken.get(tokenHash);
      return Promise.resolve(row ? toDevice(row) : null);
    },

    touchDevice: (id, now) => {
      touch.run(now, id);
      return Promise.resolve();
    },

    listDevices: () => Promise.resolve(allDevices.all().map(toDevice)),

    envelopePrefixFor: (id) => Promise.resolve(prefixFor.immediate(id)),

    revokeDevice: (id, now): Promise<RevokeResult> => {
      if (revoke.run(now, id).changes === 1) return Promise.resolve('revoked');
      return Promise.resolve(deviceById.get(id) ? 'already_revoked' : 'unknown');
    },

    streamEvents: (streamId) => Promise.resolve(streamRows.all(streamId).map(toStored)),
    serverDevice: () => {
      const id = getMeta.get(SERVER_DEVICE_KEY) ?? '';
      return Promise.resolve({ id, lastStamp: lastStampOf.get(id) ?? null });
    },
    noticeCursor: () => Promise.resolve(Number(getMeta.get(NOTICE_CURSOR_KEY) ?? 0)),
    queueNotices: (triggers, cursor, now) => {
      queue.immediate(triggers, cursor, now);
      return Promise.resolve();
    },
    dueNotices: (now, limit) => Promise.resolve(dueNoticeRows.all(now, limit).map(toNotice)),
    noticesIn: (state) => Promise.resolve(noticeRowsIn.all(state).map(toNotice)),
    nextNoticeDue: () => Promise.resolve(nextDue.get() ?? null),
    claimNotice: (triggerEventId, now) => Promise.resolve(claim.immediate(triggerEventId, now)),
    settleNotice: (settlement) => Promise.resolve(settle.immediate(settlement)),

    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Database.Database): void {
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
    for (let v = current; v < MIGRATIONS.length; v++) {
      const step = MIGRATIONS[v];
      if (step === undefined) break;
      db.exec(step);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
}
