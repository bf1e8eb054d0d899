// Counts the database reads under way, so the shell can tell when a screen's first reads have been
// answered (src/firstScreen.ts) and start what no screen waits for only then. The reads themselves
// are untouched: each promise is watched, not replaced.
import type { DBCore, DBCoreTable, Middleware } from 'dexie';
import type { LoupeDB } from './LoupeDB';

let inFlight = 0;
/** Bumped by every read that starts or ends: unchanged over a while means nothing happened. */
let activity = 0;

function watched<T>(read: Promise<T>): Promise<T> {
  inFlight++;
  activity++;
  const ended = () => {
    inFlight--;
    activity++;
  };
  read.then(ended, ended);
  return read;
}

function watchedTable(table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    get: (req) => watched(table.get(req)),
    getMany: (req) => watched(table.getMany(req)),
    query: (req) => watched(table.query(req)),
    openCursor: (req) => watched(table.openCursor(req)),
    count: (req) => watched(table.count(req)),
  };
}

const readActivity: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'readActivity',
  create: (down) => ({ ...down, table: (name) => watchedTable(down.table(name)) }),
};

/** Starts counting `db`'s reads; called before it first opens. */
export function watchReads(db: LoupeDB): void {
  db.use(readActivity);
}

/** Calls `then` once no read has been under way, started or ended for `quietMs`. */
export function whenReadsQuiet(quietMs: number, then: () => void): void {
  let seen = activity;
  const check = () => {
    if (inFlight === 0 && activity === seen) then();
    else {
      seen = activity;
      setTimeout(check, quietMs);
    }
  };
  setTimeout(check, quietMs);
}
