// When the first screen is up: the database has opened and answered the screen's first reads (no
// read under way or begun for a moment, so what they brought is drawn). Work no screen waits for
// (sync, the service worker, the jobs list's alerts) starts then, so its code is fetched and
// parsed after the first screen, not before it or alongside it.
import { useSyncExternalStore } from 'react';
import { db } from './db/db';
import { watchReads, whenReadsQuiet } from './db/readActivity';

/** No read for this long: the first screen's reads are answered and drawn. */
const QUIET_MS = 50;
/** However things go (a database that cannot open, a page that keeps changing), up by then. */
const LATEST_MS = 3000;

let up = false;
const waiting = new Set<() => void>();
let watching = false;

function screenIsUp(): void {
  if (up) return;
  up = true;
  for (const work of [...waiting]) work();
  waiting.clear();
}

function watch(): void {
  if (watching) return;
  watching = true;
  watchReads(db);
  // The first screen opens the database itself (its first read does); this learns when.
  db.open().then(
    () => {
      whenReadsQuiet(QUIET_MS, screenIsUp);
    },
    () => {
      screenIsUp();
    },
  );
  setTimeout(screenIsUp, LATEST_MS);
}

/** Runs `work` once the first screen is up (at once if it already is). */
export function afterFirstScreen(work: () => void): void {
  watch();
  if (up) work();
  else waiting.add(work);
}

function subscribe(changed: () => void): () => void {
  afterFirstScreen(changed);
  return () => {
    waiting.delete(changed);
  };
}

/** For a component that shows something only after the first screen (it re-renders then). */
export function useFirstScreenUp(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => up,
    () => false,
  );
}
