// Counts what the app's database reads from IndexedDB, per table: rows (values cloned out) and keys.
// A DBCore middleware just above IndexedDB, under Dexie's cache, so only real reads are counted.
import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import { db } from '../../src/db';

export interface TableReads {
  /** Rows read: values a get, a query or a cursor step brought out of IndexedDB. */
  rows: number;
  /** Keys read without their rows (primaryKeys(), a key cursor's steps). */
  keys: number;
  /** The most rows any one request read. */
  largest: number;
}

const reads = new Map<string, TableReads>();
/** Each table's requests in the order they were made and answered. */
const events = new Map<string, string[]>();

function note(table: string, what: string) {
  let list = events.get(table);
  if (list === undefined) {
    list = [];
    events.set(table, list);
  }
  list.push(what);
}

function tally(table: string): TableReads {
  let entry = reads.get(table);
  if (entry === undefined) {
    entry = { rows: 0, keys: 0, largest: 0 };
    reads.set(table, entry);
  }
  return entry;
}

function countRows(table: string, n: number) {
  const entry = tally(table);
  entry.rows += n;
  entry.largest = Math.max(entry.largest, n);
}

function counted(table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    get: async (req) => {
      const row: unknown = await table.get(req);
      countRows(table.name, row === undefined ? 0 : 1);
      return row;
    },
    getMany: async (req) => {
      const rows: unknown[] = await table.getMany(req);
      countRows(table.name, rows.filter((r) => r !== undefined).length);
      return rows;
    },
    count: async (req) => {
      note(table.name, 'count asked');
      return table.count(req);
    },
    query: async (req) => {
      const kind = req.values ? 'rows' : 'keys';
      note(table.name, `${kind} asked`);
      const res = await table.query(req);
      note(table.name, `${kind} read`);
      if (req.values) countRows(table.name, res.result.length);
      else tally(table.name).keys += res.result.length;
      return res;
    },
    openCursor: async (req) => {
      const cursor: DBCoreCursor | null = await table.openCursor(req);
      if (cursor === null) return cursor;
      // Dexie's cursor is the IndexedDB one with start() added: count each step it reports.
      const start = cursor.start.bind(cursor);
      const step = cursor as { start: DBCoreCursor['start'] };
      step.start = (onNext) =>
        start(() => {
          if (req.values) countRows(table.name, 1);
          else tally(table.name).keys += 1;
          onNext();
        });
      return cursor;
    },
  };
}

const middleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'testReadCounter',
  // Below Dexie's own middlewares (the lowest is -1): what reaches IndexedDB itself.
  level: -2,
  create: (down) => ({ ...down, table: (name) => counted(down.table(name)) }),
};

/**
 * Starts counting the app database's reads. Call before the database first opens (at the top of
 * a test file); each test's fresh database opens with the counter in place.
 */
export function countReads(): void {
  db.use(middleware);
}

export function resetReads(): void {
  reads.clear();
  events.clear();
}

/** `table`'s queries and counts since the last reset: "rows asked", "rows read", "count asked"… */
export function requestsTo(table: string): string[] {
  return [...(events.get(table) ?? [])];
}

/** What was read from `table` since the last reset. */
export function readsOf(table: string): TableReads {
  return { ...tally(table) };
}

/** Rows read from every table since the last reset. */
export function rowsReadInAll(): number {
  let total = 0;
  for (const entry of reads.values()) total += entry.rows;
  return total;
}
