// The stream registry: each stream kind's projection and the table its rows live in, and the one way
// stored events become projection rows (applyEvents, the re-fold on a new version, re-stamping).
import { Dexie, type Table } from 'dexie';
import { TREE_PROJECTION } from '../domain/casting/tree';
import { LEDGER_PROJECTION } from '../domain/ledger/ledgerState';
import type { JobState } from '../domain/job';
import { withListFields } from '../domain/jobList';
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
  CatchUpMarkRow,
  EquipmentRow,
  ItemRow,
  LedgerRow,
  LoupeDB,
  ShopRow,
  TreeRow,
  WasteRow,
} from './LoupeDB';

/** The row type of each kind's projection table. */
export interface StreamRows {
  /** The fold's state; stored as a JobRow, with its list fields (jobRows). */
  job: JobState;
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

/** The jobs table as the registry sees it: every row written with its list fields worked out. */
function jobRows(db: LoupeDB): RowTable<JobState> {
  return {
    bulkGet: (ids) => db.jobs.bulkGet(ids),
    bulkPut: (rows) => db.jobs.bulkPut(rows.map(withListFields)),
    toArray: () => db.jobs.toArray(),
  };
}

/** Every kind this version folds. A new kind is a line here, a table in LoupeDB and its fold. */
export const STREAMS: { readonly [K in StreamKind]: StreamEntry<StreamRows[K]> } = {
  job: {
    projection: JOB_PROJECTION,
    tableName: 'jobs',
    table: jobRows,
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
 * Every table storing an event writes: the events, the outbox, each kind's projection table and the
 * catch-up marks (db/catchUp.ts), last so a caller's transaction that lacks a projection table is
 * told which. A caller that wraps applyEvents in a transaction of its own (a rule checked inside
 * the write) lists these, so any kind's event it records is projected in the same transaction.
 */
export function storingTables(db: LoupeDB): Table[] {
  return [
    db.events,
    db.outbox,
    ...STREAM_KINDS.map((kind) => db.table(STREAMS[kind].tableName)),
    db.catchUp,
  ];
}

/** All events of one stream, from the [jobId+at] index (the wire's `jobId` is the stream id). */
export function eventsOfStream(db: LoupeDB, id: string): Promise<StoredEvent[]> {
  return streamRange(db, id).toArray();
}

function streamRange(db: LoupeDB, id: string) {
  return db.events.where('[jobId+at]').between([id, Dexie.minKey], [id, Dexie.maxKey]);
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

/** The kinds a stream of this id can be, in registry order. */
function kindsHolding(id: string): StreamKind[] {
  return STREAM_KINDS.filter((kind) => STREAMS[kind].holds(id));
}

/** One stream's row of each kind that can hold its id; null where it has none. */
export type HeldRows = { [K in StreamKind]?: StreamRows[K] | null };

/** A stream as a catch-up window holds it: its rows, and which changed since they were read. */
export interface HeldStream {
  rows: HeldRows;
  /** Kinds whose row the window's events changed: the rows its flush writes. */
  changed: ReadonlySet<StreamKind>;
}

/**
 * A sync catch-up window as the projection sees it (db/catchUp.ts): it holds the rows of the streams
 * it marked, so a page extends those in memory and writes only the events and the marks.
 */
export interface ProjectionWindow {
  /** The window's id, as its marks name it. */
  readonly id: string;
  /** The rows held for a stream, or undefined when the window does not hold it. */
  held(id: string): HeldStream | undefined;
  /** A stream's rows after this page, to hold once the page's transaction has committed. */
  stage(id: string, stream: HeldStream): void;
}

/** How one stream of a batch is projected. */
interface StreamPlan {
  id: string;
  events: readonly StoredEvent[];
  /** Its rows before these events; undefined until read from the tables. */
  rows: HeldRows | undefined;
  /** Folded again from every stored event: stamps changed, or a window holds its row behind. */
  refold: boolean;
  /** No event of it was stored before these: its rows are folded from them alone. */
  fresh: boolean;
  /** A window holds its rows: they are staged, not written. */
  held: HeldStream | undefined;
  windowed: boolean;
}

/**
 * Re-projects the streams `changed` belongs to, inside the caller's transaction, once those events
 * are stored. Each stream's rows are updated for every kind its new events name and every kind it
 * already has a row of (an event of another kind or of a newer version's type still counts, in
 * `skipped`). With `extend`, a row whose head all the new events sort after is extended (events
 * usually arrive in order); a stream none of whose events was stored before these is folded from
 * them alone, with no read at all; otherwise, and always with `refold` (stored events changed), the
 * stream is folded again from every stored event.
 *
 * With a catch-up `window`, the rows of its streams stay in memory (staged, held once the page
 * commits) and a stream entering it is marked. A stream another window marked is folded here from
 * its stored events and its mark touched, so that window folds it again at its flush rather than
 * write the row it holds.
 *
 * The caller's transaction holds storingTables(db): every kind's table, so a stream is projected
 * into every kind it names whichever operation recorded it. Returns the rows written to the tables.
 */
export async function projectStreams(
  db: LoupeDB,
  changed: readonly StoredEvent[],
  mode: 'extend' | 'refold',
  window?: ProjectionWindow,
): Promise<ProjectedStream[]> {
  const groups = groupById(changed);
  const plans: StreamPlan[] = [...groups].map(([id, events]) => ({
    id,
    events,
    rows: undefined,
    refold: mode === 'refold',
    fresh: false,
    held: undefined,
    windowed: false,
  }));
  if (mode === 'extend') {
    // Streams the window holds had events stored before these, all of them in its rows.
    await findNewStreams(
      db,
      plans.filter((p) => !window?.held(p.id)),
    );
  }
  // A new stream has no mark (marks come with a stream's events): only the others are looked up,
  // and only when there may be some (the table is empty outside a catch-up).
  const known = plans.filter((p) => !p.fresh);
  const marks =
    known.length > 0 && (window || (await db.catchUp.count()) > 0)
      ? await db.catchUp.bulkGet(known.map((p) => p.id))
      : [];
  const touched: CatchUpMarkRow[] = [];
  const newMarks: CatchUpMarkRow[] = [];
  for (const [i, plan] of known.entries()) {
    const mark = marks[i];
    if (mark && mark.window !== window?.id) {
      // Another window holds this stream's row, maybe behind its stored events: fold it in full.
      plan.refold = true;
      if (mark.touched !== true) touched.push({ ...mark, touched: true });
    } else if (window) {
      plan.windowed = true;
      // A stream the window holds but whose mark is gone (a start-up cleared it, folding its row
      // again) is read afresh: someone may have extended that row since.
      plan.held = mark ? window.held(plan.id) : undefined;
      if (mark && !plan.held) plan.refold = true;
      if (!mark) newMarks.push({ id: plan.id, window: window.id });
    }
    if (plan.held) plan.rows = plan.held.rows;
  }
  if (window) {
    for (const plan of plans) {
      if (!plan.fresh) continue;
      plan.windowed = true;
      newMarks.push({ id: plan.id, window: window.id });
    }
  }
  await readRows(db, plans);
  const stored = await storedEventsOf(db, plans);

  const written: ProjectedStream[] = [];
  const next = new Map<string, HeldRows>();
  const changedKinds = new Map<string, Set<StreamKind>>();
  for (const kind of STREAM_KINDS) {
    const rows = projectKind(kind, plans, stored, next, changedKinds);
    const direct = rows.filter((r) => !plans[r.index]?.windowed).map((r) => r.row);
    await putRows(db, kind, direct);
    for (const row of direct) written.push({ kind, id: row.id });
  }
  if (window) {
    for (const plan of plans) {
      if (!plan.windowed) continue;
      const changedNow = changedKinds.get(plan.id) ?? new Set<StreamKind>();
      for (const kind of plan.held?.changed ?? []) changedNow.add(kind);
      window.stage(plan.id, { rows: next.get(plan.id) ?? {}, changed: changedNow });
    }
  }
  if (touched.length > 0) await db.catchUp.bulkPut(touched);
  if (newMarks.length > 0) await db.catchUp.bulkPut(newMarks);
  return written;
}

/**
 * Marks the streams with no event stored before this batch (a keys-only count each, in parallel):
 * they have no row of any kind and no mark, so nothing more is read for them.
 */
async function findNewStreams(db: LoupeDB, plans: readonly StreamPlan[]): Promise<void> {
  const counts = await Promise.all(plans.map((p) => streamRange(db, p.id).count()));
  for (const [i, plan] of plans.entries()) {
    // Its events of this batch are stored already: any more were stored before.
    if ((counts[i] ?? 0) > plan.events.length) continue;
    plan.fresh = true;
    plan.rows = {};
  }
}

/** Reads the rows the other streams have now, a bulkGet a kind. */
async function readRows(db: LoupeDB, plans: StreamPlan[]): Promise<void> {
  const existing = plans.filter((p) => p.rows === undefined && !p.refold);
  for (const plan of existing) plan.rows = {};
  for (const kind of STREAM_KINDS) {
    const of = existing.filter((p) => STREAMS[kind].holds(p.id));
    if (of.length === 0) continue;
    const current = await STREAMS[kind].table(db).bulkGet(of.map((p) => p.id));
    for (const [i, plan] of of.entries()) setRow(plan.rows ?? {}, kind, current[i] ?? null);
  }
}

function setRow<K extends StreamKind>(rows: HeldRows, kind: K, row: StreamRows[K] | null): void {
  (rows as { [P in K]?: StreamRows[P] | null })[kind] = row;
}

function rowOf<K extends StreamKind>(rows: HeldRows | undefined, kind: K): StreamRows[K] | null {
  return rows?.[kind] ?? null;
}

/** Whether this kind's row of the stream can be had without reading the stream's stored events. */
function foldsWithoutStored(kind: StreamKind, plan: StreamPlan): boolean {
  if (plan.refold) return false;
  const row = rowOf(plan.rows, kind);
  if (row) {
    return (
      STREAMS[kind].projection.orderFree === true || plan.events.every((e) => sortsAfter(row, e))
    );
  }
  return plan.fresh || !namesKind(plan.events, kind);
}

/** Every stored event of the streams some kind must fold in full, read in parallel. */
async function storedEventsOf(
  db: LoupeDB,
  plans: readonly StreamPlan[],
): Promise<Map<string, StoredEvent[]>> {
  const needed = plans.filter(
    (plan) => plan.refold || kindsHolding(plan.id).some((kind) => !foldsWithoutStored(kind, plan)),
  );
  const events = await Promise.all(needed.map((plan) => eventsOfStream(db, plan.id)));
  return new Map(needed.map((plan, i) => [plan.id, events[i] ?? []]));
}

/** One kind's new rows of the planned streams (by plan index); `next` gathers every kind's. */
function projectKind<K extends StreamKind>(
  kind: K,
  plans: readonly StreamPlan[],
  stored: ReadonlyMap<string, readonly StoredEvent[]>,
  next: Map<string, HeldRows>,
  changedKinds: Map<string, Set<StreamKind>>,
): { index: number; row: StreamRows[K] }[] {
  const entry: StreamEntry<StreamRows[K]> = STREAMS[kind];
  const out: { index: number; row: StreamRows[K] }[] = [];
  for (const [index, plan] of plans.entries()) {
    if (!entry.holds(plan.id)) continue;
    let rows = next.get(plan.id);
    if (!rows) next.set(plan.id, (rows = {}));
    const row = rowOf(plan.rows, kind);
    let state: StreamRows[K] | null;
    if (plan.refold) state = foldStream(kind, plan.id, stored.get(plan.id) ?? []);
    else if (!row && !namesKind(plan.events, kind)) state = null;
    else if (foldsWithoutStored(kind, plan)) {
      state = row
        ? entry.projection.extend(row, plan.events)
        : foldStream(kind, plan.id, plan.events);
    } else state = foldStream(kind, plan.id, stored.get(plan.id) ?? []);
    setRow(rows, kind, state ?? row);
    if (state) {
      out.push({ index, row: state });
      let kinds = changedKinds.get(plan.id);
      if (!kinds) changedKinds.set(plan.id, (kinds = new Set()));
      kinds.add(kind);
    }
  }
  return out;
}

/** Writes the rows a catch-up window's streams changed, every kind (its flush). */
export async function writeHeldRows(db: LoupeDB, streams: readonly HeldStream[]): Promise<number> {
  let written = 0;
  for (const kind of STREAM_KINDS) written += await putRows(db, kind, changedRows(kind, streams));
  return written;
}

function changedRows<K extends StreamKind>(
  kind: K,
  streams: readonly HeldStream[],
): StreamRows[K][] {
  const rows: StreamRows[K][] = [];
  for (const stream of streams) {
    const row = stream.changed.has(kind) ? rowOf(stream.rows, kind) : null;
    if (row) rows.push(row);
  }
  return rows;
}

/** Streams folded again at once by refoldStreams: a bounded number's events in memory. */
const REFOLD_BATCH = 200;

/**
 * Folds these streams again from their stored events, every kind, and writes their rows: for a
 * catch-up window's flush (the streams others touched) and for marks a crash left behind.
 */
export async function refoldStreams(db: LoupeDB, ids: readonly string[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < ids.length; i += REFOLD_BATCH) {
    const batch = ids.slice(i, i + REFOLD_BATCH);
    const events = await Promise.all(batch.map((id) => eventsOfStream(db, id)));
    for (const kind of STREAM_KINDS) {
      written += await putRows(db, kind, foldEach(kind, batch, events));
    }
  }
  return written;
}

/**
 * Folds again every stream a catch-up window marked and clears the marks, in one transaction: on
 * start, the marks of a window the tablet closed or crashed in (its rows may be behind their stored
 * events; the events are all there). A window still running elsewhere finds its marks gone and folds
 * those streams again at its flush. Returns the number of streams folded.
 */
export async function refoldMarkedStreams(db: LoupeDB): Promise<number> {
  if ((await db.catchUp.count()) === 0) return 0;
  return db.transaction('rw', storingTables(db), async () => {
    const ids = await db.catchUp.toCollection().primaryKeys();
    await refoldStreams(db, ids);
    await db.catchUp.bulkDelete(ids);
    return ids.length;
  });
}

function foldEach<K extends StreamKind>(
  kind: K,
  ids: readonly string[],
  events: readonly (readonly StoredEvent[])[],
): StreamRows[K][] {
  const rows: StreamRows[K][] = [];
  for (const [i, id] of ids.entries()) {
    const row = foldStream(kind, id, events[i] ?? []);
    if (row) rows.push(row);
  }
  return rows;
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
  // Every row is its events' fold now: a catch-up window that held one folds it again at its
  // flush, finding its mark gone.
  await db.catchUp.clear();
  return written;
}

function collect<K extends StreamKind>(
  rows: { [P in StreamKind]: StreamRows[P][] },
  kind: K,
  row: StreamRows[K] | null,
): void {
  if (row) rows[kind].push(row);
}

/**
 * Rows written at most this many at a time: IndexedDB clones and sends each row on the main thread
 * as it is put (a job row is a few kilobytes), and a flush of thousands in one call would block it
 * for long. Awaiting each chunk lets the page paint and take input between them, inside the same
 * transaction.
 */
const PUT_CHUNK = 100;

async function putRows<K extends StreamKind>(
  db: LoupeDB,
  kind: K,
  rows: readonly StreamRows[K][],
): Promise<number> {
  const table = STREAMS[kind].table(db);
  for (let i = 0; i < rows.length; i += PUT_CHUNK)
    await table.bulkPut(rows.slice(i, i + PUT_CHUNK));
  return rows.length;
}
