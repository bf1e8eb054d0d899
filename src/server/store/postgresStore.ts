// The store of a chain of shops: one PostgreSQL database that several server processes share,
// reached through node-postgres. Same tables, behaviour and error messages as the SQLite store; the
// difference is that writers are many, so every step that SQLite's single writer made safe is made
// safe here by a row lock or a conditional write (each says which below).
import pg from 'pg';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { freeShopPrefix } from '../../domain/envelopes';
import { blobsNamedBy, type StoredEvent } from '../../protocol/events';
import {
  type EventRow,
  type ExportRow,
  type DeviceRow,
  type NoticeRow,
  type ShopRow,
  type ManagerRow,
  EVENT_COLUMNS,
  DEVICE_COLUMNS,
  mayNameBlobs,
  pulledEventJsonSql,
  NOTICE_COLUMNS,
  SHOP_COLUMNS,
  MANAGER_COLUMNS,
  toStored,
  toPulled,
  toDevice,
  toNotice,
  toShop,
  toManager,
} from './rows';
import { cleanName, managerNameProblem, nameKey, shopNameProblem, StoreInputError } from './names';
import type {
  AppendResult,
  EventPage,
  EventTextPage,
  ManagerLogin,
  ManagerRecord,
  NewDevice,
  NoticeSettlement,
  RedeemResult,
  ShopExport,
  ShopStore,
  Store,
  TypedEventPage,
} from './store';

/** Events stored together at most when several pushes of one shop wait (group commit). */
const GROUP_EVENTS = 2000;

/** Connections per server process: a few pushes, pulls and the notice worker at once. */
const POOL_SIZE = 10;

/**
 * Held (for its transaction) while the schema is read and moved on: two server processes starting
 * on a fresh database at the same moment run each migration once. 'Loupe' in ASCII.
 */
const MIGRATION_LOCK = 0x4c6f757065;

type Client = pg.PoolClient;

// Each entry moves the schema one version on; never edit an entry that has shipped. Times are
// milliseconds since 1970 (UTC) in BIGINT. Ids, hashes and stamps are COLLATE "C": they compare and
// sort by bytes, as in SQLite, whatever locale the database was made with (a stamp's max() is the
// server device's clock). Event data is TEXT, never jsonb: its JSON stays byte for byte as pushed.
const MIGRATIONS: readonly (string | ((client: Client) => Promise<void>))[] = [
  // v1, the tables of SQLite's v6: shops, and per shop its events (seqs dense per shop, given from
  // shops.last_seq in the append transaction), devices, pairing codes, blobs and notices; managers.
  `CREATE TABLE shops (
     id TEXT COLLATE "C" PRIMARY KEY,
     name TEXT NOT NULL,
     name_key TEXT COLLATE "C" UNIQUE NOT NULL,
     created_at BIGINT NOT NULL,
     last_seq BIGINT NOT NULL,
     history TEXT COLLATE "C" NOT NULL,
     server_device_id TEXT COLLATE "C" NOT NULL,
     notice_cursor BIGINT NOT NULL
   );
   CREATE TABLE events (
     shop_id TEXT COLLATE "C" NOT NULL REFERENCES shops(id),
     seq BIGINT NOT NULL,
     id TEXT COLLATE "C" NOT NULL,
     job_id TEXT COLLATE "C" NOT NULL,
     type TEXT COLLATE "C" NOT NULL,
     at TEXT COLLATE "C" NOT NULL,
     actor TEXT COLLATE "C" NOT NULL,
     device TEXT COLLATE "C" NOT NULL,
     data TEXT NOT NULL,
     received_at BIGINT NOT NULL,
     received_from TEXT COLLATE "C" NOT NULL,
     PRIMARY KEY (shop_id, seq),
     UNIQUE (shop_id, id)
   );
   CREATE INDEX events_by_stream ON events (shop_id, job_id, seq);
   CREATE TABLE devices (
     id TEXT COLLATE "C" PRIMARY KEY,
     shop_id TEXT COLLATE "C" NOT NULL REFERENCES shops(id),
     name TEXT NOT NULL,
     token_hash TEXT COLLATE "C" UNIQUE NOT NULL,
     created_at BIGINT NOT NULL,
     revoked_at BIGINT,
     last_seen_at BIGINT,
     envelope_prefix TEXT COLLATE "C",
     UNIQUE (shop_id, envelope_prefix)
   );
   CREATE TABLE pairing_codes (
     code_hash TEXT COLLATE "C" PRIMARY KEY,
     shop_id TEXT COLLATE "C" NOT NULL REFERENCES shops(id),
     created_at BIGINT NOT NULL,
     expires_at BIGINT NOT NULL,
     device_name TEXT,
     used_at BIGINT,
     used_by_device TEXT COLLATE "C" REFERENCES devices(id)
   );
   CREATE INDEX pairing_codes_by_shop ON pairing_codes (shop_id);
   CREATE TABLE shop_blobs (
     shop_id TEXT COLLATE "C" NOT NULL REFERENCES shops(id),
     blob_sha256 TEXT COLLATE "C" NOT NULL,
     photo_sha256 TEXT COLLATE "C" NOT NULL,
     arrived_at BIGINT,
     PRIMARY KEY (shop_id, blob_sha256)
   );
   CREATE INDEX shop_blobs_wanted ON shop_blobs (shop_id, photo_sha256) WHERE arrived_at IS NULL;
   CREATE TABLE shop_notices (
     shop_id TEXT COLLATE "C" NOT NULL REFERENCES shops(id),
     trigger_event_id TEXT COLLATE "C" NOT NULL,
     job_id TEXT COLLATE "C" NOT NULL,
     state TEXT COLLATE "C" NOT NULL CHECK (state IN
       ('pending', 'sending', 'failed', 'sent', 'not_sent', 'gave_up', 'quiet')),
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at BIGINT,
     created_at BIGINT NOT NULL,
     updated_at BIGINT NOT NULL,
     -- SQLite's rowid: notices are taken in the order they were queued (the log's order).
     position BIGSERIAL NOT NULL UNIQUE,
     PRIMARY KEY (shop_id, trigger_event_id)
   );
   CREATE INDEX shop_notices_by_state ON shop_notices (shop_id, state, next_attempt_at);
   CREATE TABLE managers (
     id TEXT COLLATE "C" PRIMARY KEY,
     name TEXT NOT NULL,
     name_key TEXT COLLATE "C" UNIQUE NOT NULL,
     password_hash TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     disabled_at BIGINT
   );
   CREATE TABLE manager_sessions (
     token_hash TEXT COLLATE "C" PRIMARY KEY,
     manager_id TEXT COLLATE "C" NOT NULL REFERENCES managers(id),
     created_at BIGINT NOT NULL,
     expires_at BIGINT NOT NULL
   );
   CREATE INDEX manager_sessions_by_manager ON manager_sessions (manager_id);`,
];

// node-postgres gives BIGINT as a string (it may not fit a JS number); our BIGINTs are
// milliseconds and seqs, far below 2^53, so they are read as numbers. For this pool only.
const types: pg.CustomTypesConfig = {
  getTypeParser: (id, format) =>
    id === pg.types.builtins.INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : (pg.types.getTypeParser(id, format) as unknown),
};

/** Whether `err` is PostgreSQL refusing a duplicate in the unique index named `constraint`. */
function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && e.constraint === constraint;
}

/** The URL for log lines: its password (in the authority or the query) left out. */
function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.searchParams.delete('password');
    return u.toString();
  } catch {
    // Not a URL (a libpq key=value string): say nothing of it rather than risk a password.
    return 'PostgreSQL (DATABASE_URL)';
  }
}

/**
 * Events stored with the seqs given (an import's, which keeps them), the blobs listed as wanted
 * (unless listed already) and the shop's `last_seq` set, in one statement: one round trip while the shop's row is locked.
 * Arrays, not a VALUES row per event: no limit on a batch's size, one plan for every size.
 */
async function storeEvents(
  c: Client,
  shopId: string,
  rows: readonly { seq: number; e: StoredEvent; receivedAt: number; receivedFrom: string }[],
  blobs: ReadonlyMap<string, string>,
  lastSeq: number,
): Promise<void> {
  await c.query(
    `WITH stored AS (
       INSERT INTO events
         (shop_id, seq, id, job_id, type, at, actor, device, data, received_at, received_from)
       SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::text[], $8::text[], $9::text[], $10::bigint[], $11::text[])
     ), wanted AS (
       INSERT INTO shop_blobs (shop_id, blob_sha256, photo_sha256, arrived_at)
       SELECT $1, blob, photo, NULL FROM unnest($12::text[], $13::text[]) AS b(blob, photo)
       ON CONFLICT (shop_id, blob_sha256) DO NOTHING
     )
     UPDATE shops SET last_seq = $14 WHERE id = $1`,
    [
      shopId,
      rows.map((r) => r.seq),
      rows.map((r) => r.e.id),
      rows.map((r) => r.e.jobId),
      rows.map((r) => r.e.type),
      rows.map((r) => r.e.at),
      rows.map((r) => r.e.actor),
      rows.map((r) => r.e.device),
      rows.map((r) => JSON.stringify(r.e.data)),
      rows.map((r) => r.receivedAt),
      rows.map((r) => r.receivedFrom),
      [...blobs.keys()],
      [...blobs.values()],
      lastSeq,
    ],
  );
}

/** One append's events and receipt: a push, or a notice the server records. */
interface AppendBatch {
  events: readonly StoredEvent[];
  receivedAt: number;
  receivedFrom: string;
}

/**
 * The one way events are stored, inside the caller's transaction: one or several batches (pushes
 * that arrived together), each with its own answer, exactly as if appended one after another. The
 * shop's row is locked first (FOR NO KEY UPDATE: appends of one shop wait for each other, while
 * the foreign-key checks of other writes to the shop do not wait), so the duplicate check below
 * sees every event committed before, and seqs are given in commit order: the next append of the
 * shop reads `last_seq` only after this one has committed, so no pull can ever see seq n+1 while n
 * is uncommitted.
 *
 * Then one statement, its own snapshot taken after the lock: the duplicate check, the seqs, the
 * events, the blobs they name and the shop's `last_seq`. An id the shop holds already, or met
 * earlier (in this batch or an earlier one of the group), is a duplicate: no seq, nothing stored,
 * its blobs not listed. Arrays, not a VALUES row per event: one plan for every size.
 */
async function appendIn(
  c: Client,
  shopId: string,
  batches: readonly AppendBatch[],
): Promise<AppendResult[]> {
  const locked = await c.query<{ last_seq: number }>(
    'SELECT last_seq FROM shops WHERE id = $1 FOR NO KEY UPDATE',
    [shopId],
  );
  const last = locked.rows[0]?.last_seq;
  if (last === undefined) throw new Error(`There is no shop ${shopId}.`);
  const events = batches.flatMap((b) => b.events);
  if (events.length === 0) return batches.map(() => ({ accepted: 0, duplicates: 0, cursor: last }));
  const batchOf = batches.flatMap((b, i) => b.events.map(() => i));
  const receivedAt = batches.flatMap((b) => b.events.map(() => b.receivedAt));
  const receivedFrom = batches.flatMap((b) => b.events.map(() => b.receivedFrom));
  const data = events.map((e) => JSON.stringify(e.data));
  // Each blob with the position (from 1, as WITH ORDINALITY counts) of the event that names it.
  const blobOf: number[] = [];
  const blobs: string[] = [];
  const photos: string[] = [];
  events.forEach((e, i) => {
    if (!mayNameBlobs(e.type, data[i] ?? '')) return;
    for (const { blob, photo } of blobsNamedBy(e)) {
      blobOf.push(i + 1);
      blobs.push(blob);
      photos.push(photo);
    }
  });
  const stored = await c.query<{ batch: number; accepted: number; last: number }>(
    `WITH incoming AS (
       SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $10::bigint[], $11::text[], $15::int[])
         WITH ORDINALITY AS i(id, job_id, type, at, actor, device, data, received_at,
           received_from, batch, ord)
     ), fresh AS (
       -- Looked up id by id in the unique index (LATERAL: one probe each, whatever the planner
       -- guesses of a log that just grew), never a scan of the shop's whole log.
       SELECT DISTINCT ON (i.id) i.* FROM incoming i
       LEFT JOIN LATERAL (
         SELECT true AS known FROM events e WHERE e.shop_id = $1 AND e.id = i.id LIMIT 1
       ) k ON true
       WHERE k.known IS NULL
       ORDER BY i.id, i.ord
     ), numbered AS (
       SELECT f.*, $9::bigint + row_number() OVER (ORDER BY f.ord) AS seq FROM fresh f
     ), stored AS (
       INSERT INTO events
         (shop_id, seq, id, job_id, type, at, actor, device, data, received_at, received_from)
       SELECT $1, seq, id, job_id, type, at, actor, device, data, received_at, received_from
       FROM numbered
     ), wanted AS (
       INSERT INTO shop_blobs (shop_id, blob_sha256, photo_sha256, arrived_at)
       SELECT DISTINCT ON (b.blob) $1, b.blob, b.photo, NULL::bigint
       FROM unnest($12::bigint[], $13::text[], $14::text[]) WITH ORDINALITY AS b(event, blob, photo, ord)
       WHERE b.event IN (SELECT ord FROM fresh)
       ORDER BY b.blob, b.ord
       ON CONFLICT (shop_id, blob_sha256) DO NOTHING
     ), counter AS (
       UPDATE shops SET last_seq = $9::bigint + (SELECT count(*) FROM numbered) WHERE id = $1
     )
     SELECT batch, count(*)::int AS accepted, max(seq) AS last FROM numbered GROUP BY batch`,
    [
      shopId,
      events.map((e) => e.id),
      events.map((e) => e.jobId),
      events.map((e) => e.type),
      events.map((e) => e.at),
      events.map((e) => e.actor),
      events.map((e) => e.device),
      data,
      last,
      receivedAt,
      receivedFrom,
      blobOf,
      blobs,
      photos,
      batchOf,
    ],
  );
  const byBatch = new Map(stored.rows.map((r) => [r.batch, r]));
  // A batch's seqs follow the batches before it: its cursor is the greatest seq given so far.
  let cursor = last;
  return batches.map((b, i) => {
    const row = byBatch.get(i);
    const accepted = row?.accepted ?? 0;
    if (row) cursor = row.last;
    return { accepted, duplicates: b.events.length - accepted, cursor };
  });
}

/** A free envelope prefix of the shop; the caller holds the shop's row lock, so none races it. */
async function freePrefixIn(c: Client, shopId: string): Promise<string> {
  const taken = await c.query<{ envelope_prefix: string }>(
    'SELECT envelope_prefix FROM devices WHERE shop_id = $1 AND envelope_prefix IS NOT NULL',
    [shopId],
  );
  return freeShopPrefix(new Set(taken.rows.map((r) => r.envelope_prefix)), (n) => randomInt(n));
}

/** Locks the shop's row as an append does: what changes the shop's devices waits for it. */
async function lockShop(c: Client, shopId: string): Promise<void> {
  await c.query('SELECT 1 FROM shops WHERE id = $1 FOR NO KEY UPDATE', [shopId]);
}

/** Runs `fn` in one transaction on one connection: all of it or none, the connection given back. */
async function inTransaction<T>(
  pool: pg.Pool,
  fn: (c: Client) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const c = await pool.connect();
  let broken: Error | undefined;
  try {
    await c.query(begin);
    const result = await fn(c);
    await c.query('COMMIT');
    return result;
  } catch (err) {
    await c.query('ROLLBACK').catch((rollbackErr: unknown) => {
      // The connection itself failed: it is thrown away rather than given to the next caller.
      broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
    });
    throw err;
  } finally {
    c.release(broken);
  }
}

/** Thrown for a database a newer server has written: said as it is, not as a failure to connect. */
class NewerSchemaError extends Error {}

function migrate(pool: pg.Pool, location: string): Promise<void> {
  return inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    // One row: the version of the schema, moved in the same transaction as each step.
    await c.query(`CREATE TABLE IF NOT EXISTS loupe_schema (
      single BOOLEAN PRIMARY KEY DEFAULT true CHECK (single),
      version INTEGER NOT NULL)`);
    await c.query('INSERT INTO loupe_schema (version) VALUES (0) ON CONFLICT DO NOTHING');
    const current = (await c.query<{ version: number }>('SELECT version FROM loupe_schema')).rows[0]
      ?.version;
    if (current === undefined) throw new Error('The loupe_schema row vanished while migrating.');
    if (current > MIGRATIONS.length) {
      throw new NewerSchemaError(
        `The data in ${location} was written by a newer Loupe server (schema ${current}; this one ` +
          `knows up to ${MIGRATIONS.length}). Update Loupe on this machine before starting it.`,
      );
    }
    for (let v = current; v < MIGRATIONS.length; v++) {
      const step = MIGRATIONS[v];
      if (step === undefined) break;
      if (typeof step === 'string') await c.query(step);
      else await step(c);
      await c.query('UPDATE loupe_schema SET version = $1', [v + 1]);
    }
  });
}

export async function openPostgresStore(url: string): Promise<Store> {
  const location = withoutPassword(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    types,
    application_name: 'loupe',
  });
  // A connection that drops while idle in the pool (the database restarted) must not end the
  // server: the pool forgets it and the next query opens a new one.
  pool.on('error', (err) => {
    console.warn(`PostgreSQL (${location}): an idle connection failed: ${err.message}`);
  });
  try {
    await migrate(pool, location);
  } catch (err) {
    await pool.end();
    if (err instanceof NewerSchemaError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`Could not open the PostgreSQL store at ${location}: ${message}`, {
      cause: err,
    });
  }

  const rows = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    (await pool.query<R>(text, values)).rows;
  const first = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    (await rows<R>(text, values))[0];

  const transaction = <T>(fn: (c: Client) => Promise<T>, begin?: string) =>
    inTransaction(pool, fn, begin);

  // Group commit: while one append of a shop is under way (its row locked, its commit waiting
  // for the disk), the appends that arrive for that shop queue, and the next transaction stores
  // them all, each with its own answer: one flush to disk for many pushes, where one after another
  // would wait for each other's. Another server process's appends still wait on the row lock.
  interface PendingAppend extends AppendBatch {
    resolve: (result: AppendResult) => void;
    reject: (err: unknown) => void;
  }
  const waitingAppends = new Map<string, PendingAppend[]>();
  const appendingShops = new Set<string>();

  const appendAll = async (shopId: string, group: readonly PendingAppend[]): Promise<void> => {
    try {
      const results = await transaction((c) => appendIn(c, shopId, group));
      group.forEach((a, i) => {
        const result = results[i];
        if (result) a.resolve(result);
        else a.reject(new Error('The append gave no answer for a batch.'));
      });
    } catch (err) {
      if (group.length === 1) {
        group[0]?.reject(err);
        return;
      }
      // One of them failed the whole (nothing of it was stored): each again alone, so each gets
      // its own answer, and the others are stored.
      for (const a of group) await appendAll(shopId, [a]);
    }
  };

  const appendGrouped = (shopId: string, batch: AppendBatch): Promise<AppendResult> =>
    new Promise((resolve, reject) => {
      const waiting = waitingAppends.get(shopId) ?? [];
      waiting.push({ ...batch, resolve, reject });
      waitingAppends.set(shopId, waiting);
      if (appendingShops.has(shopId)) return;
      appendingShops.add(shopId);
      void (async () => {
        try {
          for (;;) {
            const queue = waitingAppends.get(shopId) ?? [];
            if (queue.length === 0) break;
            // Up to GROUP_EVENTS events in one statement (always at least one append): a burst
            // of pushes is stored in a few transactions, none of them huge.
            let events = 0;
            let take = 0;
            while (
              take < queue.length &&
              (take === 0 || events + (queue[take]?.events.length ?? 0) <= GROUP_EVENTS)
            ) {
              events += queue[take]?.events.length ?? 0;
              take += 1;
            }
            const group = queue.splice(0, take);
            if (queue.length === 0) waitingAppends.delete(shopId);
            await appendAll(shopId, group);
          }
        } finally {
          appendingShops.delete(shopId);
        }
      })();
    });

  const shopStore = (shopId: string): ShopStore => ({
    shopId,
    appendEvents: (events, receivedAt, receivedFrom) =>
      appendGrouped(shopId, { events, receivedAt, receivedFrom }),

    readEvents: async (after, limit): Promise<EventPage> => {
      // One statement, so one snapshot: the page and the shop's greatest seq agree. One row past
      // the page tells whether more remain. A shop with no events gives one row of NULL events.
      const found = await rows<
        { history: string; last_seq: number } & { [K in keyof EventRow]: EventRow[K] | null }
      >(
        `SELECT s.history, s.last_seq, e.seq, e.id, e.job_id, e.type, e.at, e.actor, e.device, e.data
         FROM shops s LEFT JOIN LATERAL (
           SELECT ${EVENT_COLUMNS} FROM events WHERE shop_id = s.id AND seq > $2 ORDER BY seq LIMIT $3
         ) e ON true
         WHERE s.id = $1 ORDER BY e.seq`,
        [shopId, after, limit + 1],
      );
      const eventRows = found.filter((r): r is typeof r & EventRow => r.seq !== null);
      const more = eventRows.length > limit;
      const events = (more ? eventRows.slice(0, limit) : eventRows).map(toPulled);
      const greatest = found[0]?.last_seq ?? 0;
      // Past the last seq here, the cursor answered is the last seq here, not the tablet's own.
      const cursor = events.at(-1)?.seq ?? Math.min(after, greatest);
      return { events, cursor, more, history: found[0]?.history ?? '' };
    },
    readEventTexts: async (after, limit): Promise<EventTextPage> => {
      // As readEvents, each event the JSON text PostgreSQL made of its row.
      const found = await rows<{
        history: string;
        last_seq: number;
        seq: number | null;
        json: string | null;
      }>(
        `SELECT s.history, s.last_seq, e.seq, e.json
         FROM shops s LEFT JOIN LATERAL (
           SELECT seq, ${pulledEventJsonSql((column) => `to_json(${column})::text`)} AS json
           FROM events WHERE shop_id = s.id AND seq > $2 ORDER BY seq LIMIT $3
         ) e ON true
         WHERE s.id = $1 ORDER BY e.seq`,
        [shopId, after, limit + 1],
      );
      const eventRows = found.filter(
        (r): r is typeof r & { seq: number; json: string } => r.seq !== null && r.json !== null,
      );
      const more = eventRows.length > limit;
      const page = more ? eventRows.slice(0, limit) : eventRows;
      const greatest = found[0]?.last_seq ?? 0;
      const cursor = page.at(-1)?.seq ?? Math.min(after, greatest);
      return {
        events: page.map((r) => r.json),
        cursor,
        more,
        history: found[0]?.history ?? '',
      };
    },
    readEventsOfTypes: async (after, span, types): Promise<TypedEventPage> => {
      // One statement, so one snapshot: every event up to the last_seq it sees is committed with
      // it (appends take the shop's row in seq order), so the stretch up to there is complete.
      // The type is compared in PostgreSQL: the other events never cross the network.
      const found = await rows<
        { last_seq: number } & { [K in keyof EventRow]: EventRow[K] | null }
      >(
        `SELECT s.last_seq, e.seq, e.id, e.job_id, e.type, e.at, e.actor, e.device, e.data
         FROM shops s LEFT JOIN LATERAL (
           SELECT ${EVENT_COLUMNS} FROM events WHERE shop_id = s.id AND seq > $2
             AND seq <= LEAST(s.last_seq, $2::bigint + $3::bigint) AND type = ANY($4::text[])
         ) e ON true
         WHERE s.id = $1 ORDER BY e.seq`,
        [shopId, after, span, [...types]],
      );
      const greatest = found[0]?.last_seq ?? 0;
      const upTo = Math.min(greatest, after + span);
      return {
        events: found.filter((r): r is typeof r & EventRow => r.seq !== null).map(toPulled),
        cursor: Math.max(after, upTo),
        more: upTo < greatest,
      };
    },
    eventIdAt: async (seq) =>
      (
        await first<{ id: string }>('SELECT id FROM events WHERE shop_id = $1 AND seq = $2', [
          shopId,
          seq,
        ])
      )?.id ?? null,
    greatestSeq: async () =>
      (await first<{ last_seq: number }>('SELECT last_seq FROM shops WHERE id = $1', [shopId]))
        ?.last_seq ?? 0,

    blobArrived: async (sha256, now) => {
      await pool.query(
        `INSERT INTO shop_blobs (shop_id, blob_sha256, photo_sha256, arrived_at) VALUES ($1, $2, $2, $3)
         ON CONFLICT (shop_id, blob_sha256)
         DO UPDATE SET arrived_at = coalesce(shop_blobs.arrived_at, excluded.arrived_at)`,
        [shopId, sha256, now],
      );
    },
    holdsBlob: async (sha256) =>
      (
        await rows(
          'SELECT 1 FROM shop_blobs WHERE shop_id = $1 AND blob_sha256 = $2 AND arrived_at IS NOT NULL',
          [shopId, sha256],
        )
      ).length > 0,
    missingPhotos: async (limit) =>
      (
        await rows<{ photo_sha256: string }>(
          `SELECT DISTINCT photo_sha256 FROM shop_blobs WHERE shop_id = $1 AND arrived_at IS NULL
           ORDER BY photo_sha256 LIMIT $2`,
          [shopId, limit],
        )
      ).map((r) => r.photo_sha256),
    wantedBlobs: async () =>
      (
        await rows<{ blob_sha256: string }>(
          'SELECT blob_sha256 FROM shop_blobs WHERE shop_id = $1 AND arrived_at IS NULL',
          [shopId],
        )
      ).map((r) => r.blob_sha256),
    history: async () =>
      (await first<{ history: string }>('SELECT history FROM shops WHERE id = $1', [shopId]))
        ?.history ?? '',
    rotateHistory: async (expected) => {
      // Conditional: of two processes told of one lost history, one starts the new one and the
      // other answers it.
      const rotated = await first<{ history: string }>(
        'UPDATE shops SET history = $3 WHERE id = $1 AND history = $2 RETURNING history',
        [shopId, expected, randomUUID()],
      );
      if (rotated) return rotated.history;
      return (
        (await first<{ history: string }>('SELECT history FROM shops WHERE id = $1', [shopId]))
          ?.history ?? ''
      );
    },

    addPairingCode: async (code) => {
      await pool.query(
        'INSERT INTO pairing_codes (shop_id, code_hash, created_at, expires_at, device_name) VALUES ($1, $2, $3, $4, $5)',
        [shopId, code.codeHash, code.createdAt, code.expiresAt, code.deviceName],
      );
    },
    touchDevice: async (id, now) => {
      await pool.query('UPDATE devices SET last_seen_at = $1 WHERE id = $2 AND shop_id = $3', [
        now,
        id,
        shopId,
      ]);
    },
    listDevices: async () =>
      (
        await rows<DeviceRow>(
          `SELECT ${DEVICE_COLUMNS} FROM devices WHERE shop_id = $1 ORDER BY created_at, id`,
          [shopId],
        )
      ).map(toDevice),
    envelopePrefixFor: async (id) => {
      const deviceSql = `SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = $1 AND shop_id = $2`;
      const device = await first<DeviceRow>(deviceSql, [id, shopId]);
      if (!device) return null;
      if (device.envelope_prefix !== null) return device.envelope_prefix;
      // A tablet paired before servers gave prefixes gets one, once: under the shop's lock, read
      // again (another process may have given it one meanwhile), then a prefix no device has.
      return transaction(async (c) => {
        await lockShop(c, shopId);
        const again = (await c.query<DeviceRow>(deviceSql, [id, shopId])).rows[0];
        if (!again) return null;
        if (again.envelope_prefix !== null) return again.envelope_prefix;
        const prefix = await freePrefixIn(c, shopId);
        await c.query(
          'UPDATE devices SET envelope_prefix = $1 WHERE id = $2 AND shop_id = $3 AND envelope_prefix IS NULL',
          [prefix, id, shopId],
        );
        return prefix;
      });
    },
    revokeDevice: async (id, now) => {
      const revoked = await pool.query(
        'UPDATE devices SET revoked_at = $1 WHERE id = $2 AND shop_id = $3 AND revoked_at IS NULL',
        [now, id, shopId],
      );
      if (revoked.rowCount === 1) return 'revoked';
      const known = await rows('SELECT 1 FROM devices WHERE id = $1 AND shop_id = $2', [
        id,
        shopId,
      ]);
      return known.length > 0 ? 'already_revoked' : 'unknown';
    },

    streamEvents: async (streamId) =>
      (
        await rows<EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE shop_id = $1 AND job_id = $2 ORDER BY seq`,
          [shopId, streamId],
        )
      ).map(toStored),
    serverDevice: async () => {
      const row = await first<{ server_device_id: string; last_stamp: string | null }>(
        `SELECT server_device_id, (SELECT max(at) FROM events
           WHERE shop_id = s.id AND device = s.server_device_id) AS last_stamp
         FROM shops s WHERE id = $1`,
        [shopId],
      );
      return { id: row?.server_device_id ?? '', lastStamp: row?.last_stamp ?? null };
    },
    noticeCursor: async () =>
      (
        await first<{ notice_cursor: number }>('SELECT notice_cursor FROM shops WHERE id = $1', [
          shopId,
        ])
      )?.notice_cursor ?? 0,
    // Committed without waiting for its flush: what it records (pending notices, the cursor) is
    // read from the log, which is durable, and read again if a crash takes it. The worker queues
    // after every push, and a second flush per push would cost as much as the push's own.
    queueNotices: (triggers, cursor, now) =>
      transaction(async (c) => {
        if (triggers.length > 0) {
          // In the triggers' order (WITH ORDINALITY), so `position` keeps the log's order; a
          // trigger queued before (by this process or another) is left as it is.
          await c.query(
            `INSERT INTO shop_notices (shop_id, trigger_event_id, job_id, state, created_at, updated_at)
             SELECT $1, t.trigger, t.job, 'pending', $4, $4
             FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(trigger, job, n)
             ORDER BY t.n
             ON CONFLICT (shop_id, trigger_event_id) DO NOTHING`,
            [shopId, triggers.map((t) => t.triggerEventId), triggers.map((t) => t.jobId), now],
          );
        }
        // GREATEST: a worker that read less of the log than another never moves the cursor back.
        await c.query(
          'UPDATE shops SET notice_cursor = GREATEST(notice_cursor, $2) WHERE id = $1',
          [shopId, cursor],
        );
      }, 'BEGIN; SET LOCAL synchronous_commit = off'),
    dueNotices: async (now, limit) =>
      (
        await rows<NoticeRow>(
          `SELECT ${NOTICE_COLUMNS} FROM shop_notices
           WHERE shop_id = $1 AND (state = 'pending' OR (state = 'failed' AND next_attempt_at <= $2))
           ORDER BY position LIMIT $3`,
          [shopId, now, limit],
        )
      ).map(toNotice),
    noticesIn: async (state) =>
      (
        await rows<NoticeRow>(
          `SELECT ${NOTICE_COLUMNS} FROM shop_notices WHERE shop_id = $1 AND state = $2 ORDER BY position`,
          [shopId, state],
        )
      ).map(toNotice),
    nextNoticeDue: async () =>
      (
        await first<{ due: number | null }>(
          "SELECT min(next_attempt_at) AS due FROM shop_notices WHERE shop_id = $1 AND state = 'failed'",
          [shopId],
        )
      )?.due ?? null,
    claimNotice: async (triggerEventId, now) => {
      // One conditional UPDATE: of two processes claiming one notice, the second waits for the
      // first's row lock, then finds it `sending` and claims nothing.
      const claimed = await first<{ attempts: number }>(
        `UPDATE shop_notices
         SET state = 'sending', attempts = attempts + 1, next_attempt_at = NULL, updated_at = $3
         WHERE shop_id = $1 AND trigger_event_id = $2
           AND (state = 'pending' OR (state = 'failed' AND next_attempt_at <= $3))
         RETURNING attempts`,
        [shopId, triggerEventId, now],
      );
      return claimed?.attempts ?? null;
    },
    settleNotice: (s: NoticeSettlement) =>
      transaction(async (c) => {
        // Conditional on the state, so a settlement never lands twice; the event goes through the
        // one append path, in this same transaction.
        const settled = await c.query(
          `UPDATE shop_notices SET state = $3, next_attempt_at = $4, updated_at = $5
           WHERE shop_id = $1 AND trigger_event_id = $2 AND state = ANY($6::text[])`,
          [shopId, s.triggerEventId, s.state, s.nextAttemptAt ?? null, s.now, [...s.from]],
        );
        if (settled.rowCount !== 1) return false;
        if (s.event) {
          await appendIn(c, shopId, [
            { events: [s.event], receivedAt: s.now, receivedFrom: s.event.device },
          ]);
        }
        return true;
      }),

    exportShop: () =>
      // One snapshot for every table, so the export is of one moment even while tablets sync.
      transaction(async (c): Promise<ShopExport> => {
        const q = async <R extends pg.QueryResultRow>(text: string) =>
          (await c.query<R>(text, [shopId])).rows;
        const shop = (
          await q<ShopRow & { history: string; server_device_id: string; notice_cursor: number }>(
            `SELECT ${SHOP_COLUMNS}, history, server_device_id, notice_cursor FROM shops WHERE id = $1`,
          )
        )[0];
        if (!shop) throw new StoreInputError(`There is no shop ${shopId}.`);
        const devices = await q<DeviceRow & { token_hash: string }>(
          `SELECT ${DEVICE_COLUMNS}, token_hash FROM devices WHERE shop_id = $1 ORDER BY created_at, id`,
        );
        const codes = await q<{
          code_hash: string;
          created_at: number;
          expires_at: number;
          device_name: string | null;
          used_at: number | null;
          used_by_device: string | null;
        }>(
          `SELECT code_hash, created_at, expires_at, device_name, used_at, used_by_device
           FROM pairing_codes WHERE shop_id = $1 ORDER BY created_at, code_hash`,
        );
        const blobs = await q<{
          blob_sha256: string;
          photo_sha256: string;
          arrived_at: number | null;
        }>(
          'SELECT blob_sha256, photo_sha256, arrived_at FROM shop_blobs WHERE shop_id = $1 ORDER BY blob_sha256',
        );
        const notices = await q<NoticeRow & { created_at: number }>(
          `SELECT ${NOTICE_COLUMNS}, created_at FROM shop_notices WHERE shop_id = $1
           ORDER BY position`,
        );
        return {
          shop: toShop(shop),
          history: shop.history,
          serverDeviceId: shop.server_device_id,
          noticeCursor: shop.notice_cursor,
          devices: devices.map((row) => ({ ...toDevice(row), tokenHash: row.token_hash })),
          pairingCodes: codes.map((row) => ({
            codeHash: row.code_hash,
            createdAt: row.created_at,
            expiresAt: row.expires_at,
            deviceName: row.device_name,
            usedAt: row.used_at,
            usedByDevice: row.used_by_device,
          })),
          blobs: blobs.map((row) => ({
            blobSha256: row.blob_sha256,
            photoSha256: row.photo_sha256,
            arrivedAt: row.arrived_at,
          })),
          notices: notices.map((row) => ({
            ...toNotice(row),
            createdAt: row.created_at,
          })),
        };
      }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'),
    exportEvents: async (after, limit) =>
      (
        await rows<ExportRow>(
          `SELECT ${EVENT_COLUMNS}, received_at, received_from FROM events
           WHERE shop_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
          [shopId, after, limit],
        )
      ).map((row) => ({
        ...toPulled(row),
        receivedAt: row.received_at,
        receivedFrom: row.received_from,
      })),
  });

  const shopByKey = (c: Client | pg.Pool, key: string) =>
    c
      .query<ShopRow>(`SELECT ${SHOP_COLUMNS} FROM shops WHERE name_key = $1`, [key])
      .then((r) => r.rows[0]);
  const managerByKey = (c: Client | pg.Pool, key: string, lock = '') =>
    c
      .query<ManagerRow>(`SELECT ${MANAGER_COLUMNS} FROM managers WHERE name_key = $1 ${lock}`, [
        key,
      ])
      .then((r) => r.rows[0]);

  /** Imports the shop's row and everything but its events, in the import's transaction. */
  const insertImportedShop = async (c: Client, ex: ShopExport): Promise<void> => {
    const byId = await c.query('SELECT 1 FROM shops WHERE id = $1', [ex.shop.id]);
    if (byId.rowCount !== 0)
      throw new StoreInputError(`This store has shop ${ex.shop.id} already.`);
    if (await shopByKey(c, nameKey(ex.shop.name))) {
      throw new StoreInputError(`This store has a shop named "${ex.shop.name}" already.`);
    }
    try {
      await c.query(
        `INSERT INTO shops (id, name, name_key, created_at, last_seq, history, server_device_id, notice_cursor)
         VALUES ($1, $2, $3, $4, 0, $5, $6, $7)`,
        [
          ex.shop.id,
          ex.shop.name,
          nameKey(ex.shop.name),
          ex.shop.createdAt,
          ex.history,
          ex.serverDeviceId,
          ex.noticeCursor,
        ],
      );
    } catch (err) {
      // Another process added the name or the id since the checks above.
      if (isUniqueViolation(err, 'shops_name_key_key'))
        throw new StoreInputError(`This store has a shop named "${ex.shop.name}" already.`);
      if (isUniqueViolation(err, 'shops_pkey'))
        throw new StoreInputError(`This store has shop ${ex.shop.id} already.`);
      throw err;
    }
    const id = ex.shop.id;
    for (const d of ex.devices) {
      await c.query(
        `INSERT INTO devices (id, shop_id, name, token_hash, created_at, revoked_at, last_seen_at, envelope_prefix)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [d.id, id, d.name, d.tokenHash, d.createdAt, d.revokedAt, d.lastSeenAt, d.envelopePrefix],
      );
    }
    for (const p of ex.pairingCodes) {
      await c.query(
        `INSERT INTO pairing_codes (shop_id, code_hash, created_at, expires_at, device_name, used_at, used_by_device)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, p.codeHash, p.createdAt, p.expiresAt, p.deviceName, p.usedAt, p.usedByDevice],
      );
    }
    if (ex.blobs.length > 0) {
      await c.query(
        `INSERT INTO shop_blobs (shop_id, blob_sha256, photo_sha256, arrived_at)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[])`,
        [
          id,
          ex.blobs.map((b) => b.blobSha256),
          ex.blobs.map((b) => b.photoSha256),
          ex.blobs.map((b) => b.arrivedAt),
        ],
      );
    }
    // One at a time, in the export's order: `position` keeps the order they were queued in.
    for (const n of ex.notices) {
      await c.query(
        `INSERT INTO shop_notices (shop_id, trigger_event_id, job_id, state, attempts, next_attempt_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          id,
          n.triggerEventId,
          n.jobId,
          n.state,
          n.attempts,
          n.nextAttemptAt,
          n.createdAt,
          n.updatedAt,
        ],
      );
    }
  };

  return {
    location,
    kind: 'postgres',
    schemaVersion: async () =>
      (await first<{ version: number }>('SELECT version FROM loupe_schema'))?.version ?? 0,

    addShop: async (name, now) => {
      const why = shopNameProblem(name);
      if (why) throw new StoreInputError(why);
      const clean = cleanName(name);
      const taken = (existing: string) =>
        new StoreInputError(`There is a shop named "${existing}" already.`);
      const other = await shopByKey(pool, nameKey(clean));
      if (other) throw taken(other.name);
      const id = randomBytes(8).toString('hex');
      try {
        await pool.query(
          `INSERT INTO shops (id, name, name_key, created_at, last_seq, history, server_device_id, notice_cursor)
           VALUES ($1, $2, $3, $4, 0, $5, $6, 0)`,
          [id, clean, nameKey(clean), now, randomUUID(), randomBytes(8).toString('hex')],
        );
      } catch (err) {
        // Another process added the name since the check: the unique key is the last word.
        if (isUniqueViolation(err, 'shops_name_key_key')) throw taken(clean);
        throw err;
      }
      return { id, name: clean, createdAt: now };
    },
    renameShop: (id, name) =>
      transaction(async (c) => {
        const why = shopNameProblem(name);
        if (why) throw new StoreInputError(why);
        const clean = cleanName(name);
        const shop = (
          await c.query<ShopRow>(`SELECT ${SHOP_COLUMNS} FROM shops WHERE id = $1 FOR UPDATE`, [id])
        ).rows[0];
        if (!shop) throw new StoreInputError(`There is no shop ${id}.`);
        const other = await shopByKey(c, nameKey(clean));
        if (other && other.id !== id)
          throw new StoreInputError(`There is a shop named "${other.name}" already.`);
        try {
          await c.query('UPDATE shops SET name = $1, name_key = $2 WHERE id = $3', [
            clean,
            nameKey(clean),
            id,
          ]);
        } catch (err) {
          if (isUniqueViolation(err, 'shops_name_key_key'))
            throw new StoreInputError(`There is a shop named "${clean}" already.`);
          throw err;
        }
        return { ...toShop(shop), name: clean };
      }),
    listShops: async () =>
      (await rows<ShopRow>(`SELECT ${SHOP_COLUMNS} FROM shops ORDER BY created_at, id`)).map(
        toShop,
      ),
    shopByName: async (name) => {
      const row = await shopByKey(pool, nameKey(name));
      return row ? toShop(row) : null;
    },
    shop: shopStore,

    redeemPairingCode: (codeHash, now, device: NewDevice) =>
      transaction(async (c): Promise<RedeemResult> => {
        // The code's row locked: of two tablets racing with one code, the second waits here, then
        // reads it used.
        const code = (
          await c.query<{
            shop_id: string;
            expires_at: number;
            device_name: string | null;
            used_at: number | null;
          }>(
            `SELECT shop_id, expires_at, device_name, used_at FROM pairing_codes
             WHERE code_hash = $1 FOR UPDATE`,
            [codeHash],
          )
        ).rows[0];
        if (!code) return { ok: false, reason: 'unknown' };
        if (code.used_at !== null) return { ok: false, reason: 'used' };
        if (now >= code.expires_at) return { ok: false, reason: 'expired' };
        const name = device.requestedName ?? code.device_name ?? device.fallbackName;
        // The shop's row locked while its free prefix is chosen: two pairings into one shop (with
        // two codes) never pick the same one, and the unique index stops it if anything ever did.
        await lockShop(c, code.shop_id);
        const prefix = await freePrefixIn(c, code.shop_id);
        const made = await c.query<DeviceRow>(
          `INSERT INTO devices (id, shop_id, name, token_hash, created_at, envelope_prefix)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${DEVICE_COLUMNS}`,
          [device.id, code.shop_id, name, device.tokenHash, now, prefix],
        );
        const used = await c.query(
          'UPDATE pairing_codes SET used_at = $1, used_by_device = $2 WHERE code_hash = $3 AND used_at IS NULL',
          [now, device.id, codeHash],
        );
        if (used.rowCount !== 1) throw new Error('A pairing code was used twice at once.');
        const row = made.rows[0];
        if (!row) throw new Error(`Device ${device.id} vanished while pairing.`);
        return { ok: true, device: toDevice(row) };
      }),
    deviceByTokenHash: async (tokenHash) => {
      const row = await first<DeviceRow>(
        `SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = $1`,
        [tokenHash],
      );
      return row ? toDevice(row) : null;
    },

    importShop: (ex, pages) =>
      // One transaction across the pages: nothing of the shop is seen until all of it is in, and
      // a failure part way leaves nothing. The shop is new, so no tablet appends to it meanwhile.
      transaction(async (c) => {
        await insertImportedShop(c, ex);
        let last = 0;
        let events = 0;
        for await (const page of pages) {
          for (const e of page) {
            if (e.seq <= last)
              throw new Error(`Events must come in seq order; ${e.seq} came after ${last}.`);
            last = e.seq;
          }
          if (page.length === 0) continue;
          // The blobs came with the export, as they stood: none are listed again from the events.
          const rows = page.map((e) => ({
            seq: e.seq,
            e,
            receivedAt: e.receivedAt,
            receivedFrom: e.receivedFrom,
          }));
          await storeEvents(c, ex.shop.id, rows, new Map(), last);
          events += page.length;
        }
        return { events };
      }),

    setManager: (name, passwordHash, now) =>
      transaction(async (c): Promise<ManagerRecord> => {
        const why = managerNameProblem(name);
        if (why) throw new StoreInputError(why);
        const clean = cleanName(name);
        const existing = await managerByKey(c, nameKey(clean), 'FOR UPDATE');
        if (existing) {
          await c.query(
            'UPDATE managers SET password_hash = $1, disabled_at = NULL WHERE id = $2',
            [passwordHash, existing.id],
          );
          // A new password ends every session the old one opened.
          await c.query('DELETE FROM manager_sessions WHERE manager_id = $1', [existing.id]);
          return { ...toManager(existing), disabledAt: null };
        }
        const id = randomBytes(8).toString('hex');
        await c.query(
          'INSERT INTO managers (id, name, name_key, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)',
          [id, clean, nameKey(clean), passwordHash, now],
        );
        return { id, name: clean, createdAt: now, disabledAt: null };
      }),
    managerByName: async (name) => {
      const row = await managerByKey(pool, nameKey(name));
      return row
        ? ({ ...toManager(row), passwordHash: row.password_hash } satisfies ManagerLogin)
        : null;
    },
    listManagers: async () =>
      (
        await rows<ManagerRow>(`SELECT ${MANAGER_COLUMNS} FROM managers ORDER BY created_at, id`)
      ).map(toManager),
    disableManager: (name, now) =>
      transaction(async (c) => {
        const row = await managerByKey(c, nameKey(name), 'FOR UPDATE');
        if (!row) return false;
        await c.query(
          'UPDATE managers SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL',
          [now, row.id],
        );
        await c.query('DELETE FROM manager_sessions WHERE manager_id = $1', [row.id]);
        return true;
      }),
    addManagerSession: async (session) => {
      await pool.query(
        'INSERT INTO manager_sessions (token_hash, manager_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
        [session.tokenHash, session.managerId, session.createdAt, session.expiresAt],
      );
    },
    managerBySession: async (tokenHash, now) => {
      const row = await first<ManagerRow>(
        `SELECT m.id, m.name, m.created_at, m.disabled_at, m.password_hash FROM manager_sessions s
         JOIN managers m ON m.id = s.manager_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND m.disabled_at IS NULL`,
        [tokenHash, now],
      );
      return row ? toManager(row) : null;
    },
    endManagerSession: async (tokenHash) => {
      await pool.query('DELETE FROM manager_sessions WHERE token_hash = $1', [tokenHash]);
    },

    close: () => pool.end(),
  };
}
