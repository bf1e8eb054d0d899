// A sync catch-up window: a long pull's pages stored one transaction each, the rows of the streams
// they touch held in memory and written once a flush rather than once a page (issue 13).
//
// How it stays correct (DESIGN.md, "Sync"): every event is stored in its page's transaction, with
// the cursor, and a stream entering the window gets a mark (table `catchUp`: {id, window}). A mark
// says "this stream's row may be behind its stored events". Any other writer that projects a marked
// stream (this tablet's own edits, a re-stamp, another tab, a start-up re-fold) folds it from its
// stored events and sets `touched` on the mark. The flush, in one transaction, writes the held rows
// whose mark is still this window's and untouched, folds again from stored events every other
// stream it held, and deletes its marks. A crash anywhere leaves the events stored and the marks
// naming the rows that may be behind; the next start folds those again (refoldMarkedStreams, from
// ensureProjectionsCurrent and at the start of every sync run). Nothing is lost, nothing doubled.
//
// What the screens see: they read rows from the tables, so during a window the lists lag behind the
// pull until the next flush (every few pages or seconds, see CatchUpOptions), then catch up at once.
// The sync's progress (SyncProgress) counts the events stored, as before.
import { newUlid } from '../domain/ids';
import type { LoupeDB } from './LoupeDB';
import {
  refoldMarkedStreams,
  refoldStreams,
  storingTables,
  writeHeldRows,
  type HeldStream,
  type ProjectionWindow,
} from './streams';
import { applyPulledPage, type PulledPage } from './syncState';

export interface CatchUpOptions {
  /**
   * Flush once this many pages have been applied since the last flush (default 8: at the pull's
   * catch-up page of 2,000 events, 16,000 events, about a second of work on a tablet) ...
   */
  flushEveryPages?: number;
  /**
   * ... or once this long has passed since the last flush (default 3 s), so the list fills as the
   * pull goes on however slow the network ...
   */
  flushEveryMs?: number;
  /**
   * ... or once this many streams are held (default 5,000: a job's row is a few kilobytes, so some
   * 15 MB at most), which bounds the memory the window takes whatever the shop's size.
   */
  maxHeldStreams?: number;
  /** The clock the interval is measured by (default Date.now). */
  now?: () => number;
}

/** What a flush did. */
export interface CatchUpFlush {
  /** Streams whose held rows were written as they were. */
  written: number;
  /** Streams folded again from their stored events: touched by another writer meanwhile. */
  refolded: number;
}

/** An open catch-up window. Pages and flushes run one at a time, in the order they were asked for. */
export interface CatchUp {
  /** The window's id, as its marks name it. */
  readonly id: string;
  /**
   * Applies one pulled page as applyPulledPage does (events, outbox, cursor in one transaction),
   * holding its streams' rows in memory; flushes when one is due. Returns the events stored.
   */
  apply(page: PulledPage): Promise<number>;
  /** Writes the rows held and clears the window's marks: at the end of the catch-up. */
  flush(): Promise<CatchUpFlush>;
  /** Streams whose rows are held now. */
  readonly heldStreams: number;
}

const DEFAULTS = { flushEveryPages: 8, flushEveryMs: 3_000, maxHeldStreams: 5_000 };

/** Opens a catch-up window on `db`. Nothing is written until its first page. */
export function openCatchUp(db: LoupeDB, options: CatchUpOptions = {}): CatchUp {
  const id = newUlid();
  const flushEveryPages = options.flushEveryPages ?? DEFAULTS.flushEveryPages;
  const flushEveryMs = options.flushEveryMs ?? DEFAULTS.flushEveryMs;
  const maxHeldStreams = options.maxHeldStreams ?? DEFAULTS.maxHeldStreams;
  const now = options.now ?? Date.now;
  const held = new Map<string, HeldStream>();
  let pagesSinceFlush = 0;
  let lastFlushAt = now();
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every page and flush asked for before it, whatever became of them. */
  const inTurn = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const flushNow = async (): Promise<CatchUpFlush> => {
    const result = await db.transaction('rw', storingTables(db), async () => {
      const marks = await db.catchUp.where('window').equals(id).toArray();
      const untouched = new Set(marks.filter((m) => m.touched !== true).map((m) => m.id));
      const write: HeldStream[] = [];
      const refold: string[] = [];
      for (const [streamId, stream] of held) {
        // A mark gone (cleared at another tab's start) or touched: someone else projected the
        // stream meanwhile, and the row held here may lack their events.
        if (untouched.has(streamId)) write.push(stream);
        else refold.push(streamId);
      }
      // A mark of this window with nothing held (none is expected): folded, to be sure.
      for (const m of marks) if (!held.has(m.id)) refold.push(m.id);
      await writeHeldRows(db, write);
      await refoldStreams(db, refold);
      // Usually this window's marks are all there are: one clear rather than a delete each.
      if ((await db.catchUp.count()) === marks.length) await db.catchUp.clear();
      else await db.catchUp.bulkDelete(marks.map((m) => m.id));
      return { written: write.length, refolded: refold.length };
    });
    held.clear();
    pagesSinceFlush = 0;
    lastFlushAt = now();
    return result;
  };

  const applyPage = async (page: PulledPage): Promise<number> => {
    // This page's rows, held only once its transaction has committed: an aborted page leaves
    // neither its events nor its marks, so the rows held before it stay the truth.
    const staged = new Map<string, HeldStream>();
    const window: ProjectionWindow = {
      id,
      held: (streamId) => held.get(streamId),
      stage: (streamId, stream) => staged.set(streamId, stream),
    };
    const applied = await applyPulledPage(db, page, window);
    for (const [streamId, stream] of staged) held.set(streamId, stream);
    pagesSinceFlush += 1;
    if (
      pagesSinceFlush >= flushEveryPages ||
      now() - lastFlushAt >= flushEveryMs ||
      held.size >= maxHeldStreams
    ) {
      await flushNow();
    }
    return applied;
  };

  return {
    id,
    apply: (page) => inTurn(() => applyPage(page)),
    flush: () => inTurn(flushNow),
    get heldStreams() {
      return held.size;
    },
  };
}

/**
 * Applies pulled pages the way the sync's catch-up does: one window, flushed as it goes and at the
 * end. Returns the events stored. A page that fails stops it there, its marks left for the next
 * start (recoverCatchUp). For benchmarks and tests that feed pages without a server.
 */
export async function applyCatchUp(
  db: LoupeDB,
  pages: Iterable<PulledPage> | AsyncIterable<PulledPage>,
  options: CatchUpOptions = {},
): Promise<number> {
  const window = openCatchUp(db, options);
  let applied = 0;
  for await (const page of pages) applied += await window.apply(page);
  await window.flush();
  return applied;
}

/**
 * Folds again the streams a window left marked (the tablet closed or crashed mid-catch-up) and
 * clears their marks. Run on start and before each sync run; cheap when there are none (a count).
 * Returns the number of streams folded.
 */
export function recoverCatchUp(db: LoupeDB): Promise<number> {
  return refoldMarkedStreams(db);
}
