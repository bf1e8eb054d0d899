// The stream registry: each stream kind's projection and the table its rows live in, and the one way
// stored events become projection rows (applyEvents, the re-fold on a new version, re-stamping).
import { Dexie, type Table } from 'dexie';
import { TREE_PROJECTION } from '../domain/casting/tree';
import { LEDGER_PROJECTION } from '../domain/ledger/ledgerState';
import { JOB_PROJECTION } from '../domain/projection';
import { SHOP_PROJECTION } from '../domain/shopState';
import { ITEM_PROJECTION } from '../domain/inventory/itemState';
import { EQUIPMENT_PROJECTION } from '../domain/equipment/equipmentState';
import { BATH_PROJECTION } from '../domain/chemicals/bathState';
import { WASTE_PROJECTION } from '../domain/chemicals/wasteState';
import { sortsAfter, type StreamHead, type StreamProjection } from '../domain/streamProjection';
import type { StoredEvent } from '../protocol/events';
import { STREAM_KINDS, streamIdFits, streamKindOf, type StreamKind } from '../protocol/streams';
import type {
  BathRow,
  EquipmentRow,
  ItemRow,
  JobRow,
  LedgerRow,
  LoupeDB,
  ShopRow,
  TreeRow,
  WasteRow,
} from './LoupeDB';

/** The row type of each kind's projection table. */
export interface StreamRows {
  job: JobRow;
  tree: TreeRow;
  shop: ShopRow;
  ledger: LedgerRow;
  item: ItemRow;
  equipment: EquipmentRow;
  bath: BathRow;
  waste: WasteRow;
}

/** What the registry does with a kind's table: read rows by stream id, write them, list them. */
export interface RowTable<S> {
  bulkGet(ids: string[]): PromiseLike<(S | undefined)[]>;
  bulkPut(rows: readonly S[]): PromiseLike<unknown>;
  toArray(): PromiseLike<S[]>;
}

/** What the database needs of a stream kind: its fold and where its rows are kept. */
export interface StreamEntry<S extends StreamHead> {
  projection: StreamProjection<S>;
  /** The table's name in LoupeDB's schema: a caller's transaction is checked by it. */
  tableName: 'jobs' | 'trees' | 'shop' | 'ledger' | 'items' | 'equipment' | 'baths' | 'waste';
  table(db: LoupeDB): RowTable<S>;
  /**
   * Whether a stream of this id can be of this kind. The shop and the ledger are one stream each,
   * never a job's or a tree's, whatever a wrongly made event on them says.
   */
  holds(id: string): boolean;
}

/** Every kind this version folds. A new kind is a line here, a table in LoupeDB and its fold. */
export const STREAMS: { readonly [K in StreamKind]: StreamEntry<StreamRows[K]> } = {
  job: {
    projection: JOB_PROJECTION,
    tableName: 'jobs',
    table: (db) => db.jobs,
    holds: (id) => streamIdFits('job', id),
  },
  tree: {
    projection: TREE_PROJECTION,
    tableName: 'trees',
    table: (db) => db.trees,
    holds: (id) => streamIdFits('tree', id),
  },
  shop: {
    projection: SHOP_PROJECTION,
    tableName: 'shop',
    table: (db) => db.shop,
    holds: (id) => streamIdFits('shop', id),
  },
  ledger: {
    projection: LEDGER_PROJECTION,
    tableName: 'ledger',
    table: (db) => db.ledger,
    holds: (id) => streamIdFits('ledger', id),
  },
  item: {
    projection: ITEM_PROJECTION,
    tableName: 'items',
    table: (db) => db.items,
    holds: (id) => streamIdFits('item', id),
  },
  equipment: {
    projection: EQUIPMENT_PROJECTION,
    tableName: 'equipment',
    table: (db) => db.equipment,
    holds: (id) => streamIdFits('equipment', id),
  },
  bath: {
    projection: BATH_PROJECTION,
    tableName: 'baths',
    table: (db) => db.baths,
    holds: (id) => streamIdFits('bath', id),
  },
  waste: {
    projection: WASTE_PROJECTION,
    tableName: 'waste',
    table: (db) => db.waste,
    holds: (id) => streamIdFits('waste', id),
  },
};

/** A stream whose projection row was written. */
export interface ProjectedStream {
  kind: StreamKind;
  id: string;
}

/**
 * Every table storing an event writes: the events, the outbox and each kind's projection table. A
 * caller that wraps applyEvents in a transaction of its own (a rule checked inside the write) lists
 * these, so any kind's event it records is projected in the same transaction.
 */
export function storingTables(db: LoupeDB): Table[] {
  return [db.events, db.outbox, ...STREAM_KINDS.map((kind) => db.table(STREAMS[kind].tableName))];
}

/** All events of one stream, from the [jobId+at] index (the wire's `jobId` is the stream id). */
export function eventsOfStream(db: LoupeDB, id: string): Promise<StoredEvent[]> {
  return db.events.where('[jobId+at]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray();
}

/** Whether these events name `kind`: one of them is of a type this version knows as that kind's. */
function namesKind(events: readonly StoredEvent[], kind: StreamKind): boolean {
  return events.some((e) => streamKindOf(e.type) === kind);
}

/**
 * One stream's row of `kind` from all its stored events, or null when it has none: a stream has a
 * row of a kind once it holds an event of that kind's types and the fold has what it starts from
 * (a job.opened, a tree.started; the shop needs nothing). A stream of only types this version does
 * not know (a newer version's kind) has no row: its events are kept and folded once it updates. The
 * same rule everywhere, so a row never depends on the order its events arrived in.
 */
export function foldStream<K extends StreamKind>(
  kind: K,
  id: string,
  events: readonly StoredEvent[],
): StreamRows[K] | null {
  const entry: StreamEntry<StreamRows[K]> = STREAMS[kind];
  if (!entry.holds(id) || !namesKind(events, kind)) return null;
  return entry.projection.fold(events);
}

function groupById(events: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const groups = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const list = groups.get(e.jobId);
    if (list) list.push(e);
    else groups.set(e.jobId, [e]);
  }
  return groups;
}

/**
 * Re-projects the streams `changed` belongs to, inside the caller's transaction, once those events
 * are stored. Each stream's rows are updated for every kind its new events name and every kind it
 * already has a row of (an event of another kind or of a newer version's type still counts, in
 * `skipped`). With `extend`, a row whose head all the new events sort after is extended (events
 * usually arrive in order); otherwise, and always with `refold` (stored events changed), the stream
 * is folded again from every stored event.
 *
 * The caller's transaction holds storingTables(db): every kind's table, so a stream is projected
 * into every kind it names whichever operation recorded it.
 */
export async function projectStreams(
  db: LoupeDB,
  changed: readonly StoredEvent[],
  mode: 'extend' | 'refold',
): Promise<ProjectedStream[]> {
  const groups = groupById(changed);
  const stored = new Map<string, Promise<StoredEvent[]>>();
  const storedOf = (id: string) => {
    let events = stored.get(id);
    if (!events) stored.set(id, (events = eventsOfStream(db, id)));
    return events;
  };
  const written: ProjectedStream[] = [];
  for (const kind of STREAM_KINDS) {
    const ids = [...groups.keys()].filter((id) => STREAMS[kind].holds(id));
    const rows = await projectKind(db, kind, ids, groups, mode, storedOf);
    for (const row of rows) written.push({ kind, id: row.id });
  }
  return written;
}

async function projectKind<K extends StreamKind>(
  db: LoupeDB,
  kind: K,
  ids: readonly string[],
  groups: ReadonlyMap<string, readonly StoredEvent[]>,
  mode: 'extend' | 'refold',
  storedOf: (id: string) => Promise<StoredEvent[]>,
): Promise<StreamRows[K][]> {
  if (ids.length === 0) return [];
  const entry: StreamEntry<StreamRows[K]> = STREAMS[kind];
  const table = entry.table(db);
  const current = await table.bulkGet([...ids]);
  const next: StreamRows[K][] = [];
  for (const [i, id] of ids.entries()) {
    const row = current[i];
    const fresh = groups.get(id) ?? [];
    if (!row && !namesKind(fresh, kind)) continue;
    const state =
      row &&
      mode === 'extend' &&
      (entry.projection.orderFree === true || fresh.every((e) => sortsAfter(row, e)))
        ? entry.projection.extend(row, fresh)
        : foldStream(kind, id, await storedOf(id));
    if (state) next.push(state);
  }
  if (next.length > 0) await table.bulkPut(next);
  return next;
}

/**
 * Folds every stream of every kind again from the stored events, in one pass over the [jobId+at]
 * index (a stream's events are together there). Returns the number of rows written.
 */
export async function refoldAllStreams(db: LoupeDB): Promise<number> {
  const rows: { [K in StreamKind]: StreamRows[K][] } = {
    job: [],
    tree: [],
    shop: [],
    ledger: [],
    item: [],
    equipment: [],
    bath: [],
    waste: [],
  };
  let group: StoredEvent[] = [];
  const flush = () => {
    const id = group[0]?.jobId;
    if (id !== undefined) {
      for (const kind of STREAM_KINDS) collect(rows, kind, foldStream(kind, id, group));
    }
    group = [];
  };
  await db.events.orderBy('[jobId+at]').each((e) => {
    if (group.length > 0 && group[0]?.jobId !== e.jobId) flush();
    group.push(e);
  });
  flush();
  let written = 0;
  for (const kind of STREAM_KINDS) written += await putRows(db, kind, rows[kind]);
  return written;
}

function collect<K extends StreamKind>(
  rows: { [P in StreamKind]: StreamRows[P][] },
  kind: K,
  row: StreamRows[K] | null,
): void {
  if (row) rows[kind].push(row);
}

async function putRows<K extends StreamKind>(
  db: LoupeDB,
  kind: K,
  rows: readonly StreamRows[K][],
): Promise<number> {
  if (rows.length > 0) await STREAMS[kind].table(db).bulkPut([...rows]);
  return rows.length;
}
