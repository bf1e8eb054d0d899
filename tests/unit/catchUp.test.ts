// The sync catch-up window (db/catchUp.ts) and the apply path under it: rows held in memory and
// written once a flush, marks that tell every other writer a row may be behind, and recovery after a
// crash; the keys-only duplicate check; new streams folded from the page without reading it back.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyCatchUp,
  applyEvents,
  ensureProjectionsCurrent,
  LoupeDB,
  openCatchUp,
  recoverCatchUp,
  syncCursor,
  type PulledPage,
} from '../../src/db';
import { META_KEYS } from '../../src/db/device';
import { foldStream, STREAMS } from '../../src/db/streams';
import { newUlid } from '../../src/domain/ids';
import { withListFields } from '../../src/domain/jobList';
import type { JobState } from '../../src/domain/job';
import type { StoredEvent } from '../../src/protocol/events';
import { LEDGER_STREAM_ID, STREAM_KINDS, type StreamKind } from '../../src/protocol/streams';
import { event, openedEvent, stampAt, T0 } from '../support/events';
import { wrapEventsTable } from '../support/eventsTable';
import { failEventWrite } from '../support/failingWrites';

const opened: LoupeDB[] = [];
let n = 0;
/** A database name of its own; `connect` opens it (again, as another tab or after a reload). */
function freshName(): string {
  return `loupe-catch-up-${Date.now()}-${n++}`;
}
function connect(name: string, beforeOpen?: (db: LoupeDB) => void): LoupeDB {
  const db = new LoupeDB(name);
  beforeOpen?.(db);
  opened.push(db);
  return db;
}
afterEach(async () => {
  const names = new Set(opened.map((db) => db.name));
  for (const db of opened.splice(0)) db.close();
  for (const name of names) await new LoupeDB(name).delete();
});

/** A small seeded generator, the same plan for the same seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
  };
}

/** A job's history: opened, then notes and renames, each a minute after the last. */
function jobHistory(start: number, length: number): { jobId: string; events: StoredEvent[] } {
  const { jobId, opened: o } = openedEvent({}, stampAt(start));
  const events = [o];
  for (let k = 1; k < length; k++) {
    events.push(
      k % 3 === 0
        ? event(
            jobId,
            'job.updated',
            { changes: { customer: { name: `Name ${k}` } } },
            stampAt(start + k),
          )
        : event(jobId, 'note.added', { text: `Note ${k}` }, stampAt(start + k)),
    );
  }
  return { jobId, events };
}

/** Pages as a pull hands them over, with the cursor after each. */
function pagesOf(events: readonly StoredEvent[], size: number, from = 0): PulledPage[] {
  const pages: PulledPage[] = [];
  for (let i = 0; i < events.length; i += size) {
    const slice = events.slice(i, i + size);
    pages.push({
      events: slice,
      cursor: from + i + slice.length,
      cursorEventId: slice.at(-1)?.id ?? null,
    });
  }
  return pages;
}

/** What every kind's table must hold: the fold of each stream's stored events, as stored. */
async function foldedFromStored(db: LoupeDB): Promise<Record<StreamKind, Map<string, unknown>>> {
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of await db.events.toArray()) {
    const list = byStream.get(e.jobId);
    if (list) list.push(e);
    else byStream.set(e.jobId, [e]);
  }
  const rows = {} as Record<StreamKind, Map<string, unknown>>;
  for (const kind of STREAM_KINDS) {
    rows[kind] = new Map();
    for (const [id, events] of byStream) {
      const row = foldStream(kind, id, events);
      if (row) rows[kind].set(id, kind === 'job' ? withListFields(row as JobState) : row);
    }
  }
  return rows;
}

async function storedRows(db: LoupeDB): Promise<Record<StreamKind, Map<string, unknown>>> {
  const rows = {} as Record<StreamKind, Map<string, unknown>>;
  for (const kind of STREAM_KINDS) {
    const all: { id: string }[] = await STREAMS[kind].table(db).toArray();
    rows[kind] = new Map(all.map((row) => [row.id, row]));
  }
  return rows;
}

/**
 * The marks' promise: every stream without a mark has exactly the rows its stored events fold to.
 * A marked stream's rows may be behind, and only those.
 */
async function expectUnmarkedCurrent(db: LoupeDB, where: string): Promise<void> {
  const marked = new Set((await db.catchUp.toArray()).map((m) => m.id));
  const expected = await foldedFromStored(db);
  const rows = await storedRows(db);
  for (const kind of STREAM_KINDS) {
    const ids = new Set([...expected[kind].keys(), ...rows[kind].keys()]);
    for (const id of ids) {
      if (marked.has(id)) continue;
      expect(rows[kind].get(id), `${where}: ${kind} ${id}`).toEqual(expected[kind].get(id));
    }
  }
}

async function expectAllCurrent(db: LoupeDB, where: string): Promise<void> {
  expect(await db.catchUp.count(), `${where}: no marks left`).toBe(0);
  expect(await storedRows(db), where).toEqual(await foldedFromStored(db));
}

/** Counts, on the events table, reads of whole events by stream and look-ups of events by id. */
function countReads(db: LoupeDB): { streamReads: number; eventGets: number } {
  const seen = { streamReads: 0, eventGets: 0 };
  wrapEventsTable(db, 'countReads', (table) => ({
    ...table,
    query: (req) => {
      if (req.values && req.query.index.name === '[jobId+at]') seen.streamReads++;
      return table.query(req);
    },
    getMany: (req) => {
      seen.eventGets += req.keys.length;
      return table.getMany(req);
    },
  }));
  return seen;
}

describe('a catch-up window', () => {
  it('writes events, cursor and marks a page, and the rows once, at its flush', async () => {
    const db = connect(freshName());
    const jobs = [jobHistory(0, 6), jobHistory(10, 6), jobHistory(20, 6)];
    const all = jobs.flatMap((j) => j.events).sort((a, b) => (a.at < b.at ? -1 : 1));
    const window = openCatchUp(db, { flushEveryPages: 100, flushEveryMs: 1e9 });
    for (const page of pagesOf(all, 4)) {
      await window.apply(page);
      // The list lags behind the pull: rows wait in memory, and the marks say which.
      expect(await db.jobs.count()).toBe(0);
      expect(await syncCursor(db)).toBe(page.cursor);
      await expectUnmarkedCurrent(db, `page to ${page.cursor}`);
    }
    expect(await db.events.count()).toBe(all.length);
    expect((await db.catchUp.toArray()).map((m) => m.id).sort()).toEqual(
      jobs.map((j) => j.jobId).sort(),
    );
    expect(await window.flush()).toEqual({ written: 3, refolded: 0 });
    await expectAllCurrent(db, 'after the flush');
  });

  it('flushes every few pages, so the list fills as the pull goes', async () => {
    const db = connect(freshName());
    const first = jobHistory(0, 4);
    const second = jobHistory(10, 4);
    const window = openCatchUp(db, { flushEveryPages: 2, flushEveryMs: 1e9 });
    const pages = pagesOf([...first.events, ...second.events], 2);
    await window.apply(pages[0] as PulledPage);
    expect(await db.jobs.count()).toBe(0);
    await window.apply(pages[1] as PulledPage);
    // Two pages: flushed, the first job shown, no marks left.
    expect((await db.jobs.toArray()).map((j) => j.id)).toEqual([first.jobId]);
    expect(await db.catchUp.count()).toBe(0);
    await window.apply(pages[2] as PulledPage);
    await window.apply(pages[3] as PulledPage);
    expect(await db.jobs.count()).toBe(2);
    await window.flush();
    await expectAllCurrent(db, 'at the end');
  });

  it('flushes once its time is up, whatever the pages', async () => {
    const db = connect(freshName());
    let now = 0;
    const window = openCatchUp(db, { flushEveryPages: 100, flushEveryMs: 1_000, now: () => now });
    const { events } = jobHistory(0, 4);
    const [a, b] = pagesOf(events, 2);
    await window.apply(a as PulledPage);
    expect(await db.jobs.count()).toBe(0);
    now = 1_000;
    await window.apply(b as PulledPage);
    expect(await db.jobs.count()).toBe(1);
    expect(await db.catchUp.count()).toBe(0);
  });

  it('flushes once it holds as many streams as it may, bounding its memory', async () => {
    const db = connect(freshName());
    const window = openCatchUp(db, { flushEveryPages: 100, flushEveryMs: 1e9, maxHeldStreams: 3 });
    const jobs = [jobHistory(0, 2), jobHistory(5, 2), jobHistory(10, 2)];
    const [a, b] = pagesOf(
      jobs.flatMap((j) => j.events),
      4,
    );
    await window.apply(a as PulledPage);
    expect(window.heldStreams).toBe(2);
    expect(await db.jobs.count()).toBe(0);
    await window.apply(b as PulledPage);
    expect(window.heldStreams).toBe(0);
    await expectAllCurrent(db, 'after the third stream');
  });

  it('gives a job recorded on mid-window a row with both its pulled and its local events', async () => {
    const db = connect(freshName());
    const { jobId, events } = jobHistory(0, 8);
    const window = openCatchUp(db, { flushEveryPages: 100, flushEveryMs: 1e9 });
    const [first, second] = pagesOf(events, 4);
    await window.apply(first as PulledPage);
    // A person adds a note here while the pull goes on: the row is folded at once, mark touched.
    const mine = event(jobId, 'note.added', { text: 'Mine' }, stampAt(100));
    await applyEvents(db, [mine], { local: true });
    expect((await db.jobs.get(jobId))?.notes.map((x) => x.text)).toEqual([
      'Note 1',
      'Note 2',
      'Mine',
    ]);
    expect(await db.catchUp.get(jobId)).toEqual({ id: jobId, window: window.id, touched: true });
    await expectUnmarkedCurrent(db, 'after the local note');
    await window.apply(second as PulledPage);
    expect(await window.flush()).toEqual({ written: 0, refolded: 1 });
    const row = await db.jobs.get(jobId);
    expect(row?.notes.map((x) => x.text)).toEqual([
      'Note 1',
      'Note 2',
      'Note 4',
      'Note 5',
      'Note 7',
      'Mine',
    ]);
    await expectAllCurrent(db, 'after the flush');
  });

  it('leaves nothing of a page that crashed, and a restart folds the rows it held', async () => {
    const name = freshName();
    let db = connect(name);
    const jobs = [jobHistory(0, 6), jobHistory(3, 6)];
    const all = jobs.flatMap((j) => j.events).sort((a, b) => (a.at < b.at ? -1 : 1));
    const window = openCatchUp(db, { flushEveryPages: 100, flushEveryMs: 1e9 });
    const [first, second] = pagesOf(all, 6);
    await window.apply(first as PulledPage);
    const crash = new Error('the tablet died');
    await expect(
      window.apply({
        ...(second as PulledPage),
        duringApply: () => {
          throw crash;
        },
      }),
    ).rejects.toBe(crash);
    expect(await db.events.count()).toBe(6);
    expect(await syncCursor(db)).toBe(first?.cursor);
    // The tablet reloads: the window is gone, its marks are not.
    db.close();
    db = connect(name);
    expect(await db.jobs.count()).toBe(0);
    expect(await db.catchUp.count()).toBe(2);
    await ensureProjectionsCurrent(db);
    await expectAllCurrent(db, 'after the restart');
    expect(await db.jobs.count()).toBe(2);
    // The pull goes on from its cursor.
    await applyCatchUp(db, [second as PulledPage]);
    await expectAllCurrent(db, 'after the rest');
  });

  it('keeps two tabs’ windows over the same streams right, flushed in either order', async () => {
    for (const order of ['first', 'second'] as const) {
      const name = freshName();
      const tabA = connect(name);
      const tabB = connect(name);
      const jobs = [jobHistory(0, 9), jobHistory(2, 9), jobHistory(4, 9)];
      const all = jobs.flatMap((j) => j.events).sort((a, b) => (a.at < b.at ? -1 : 1));
      const a = openCatchUp(tabA, { flushEveryPages: 100, flushEveryMs: 1e9 });
      const b = openCatchUp(tabB, { flushEveryPages: 100, flushEveryMs: 1e9 });
      const pagesA = pagesOf(all, 5);
      const pagesB = pagesOf([...all].reverse(), 7);
      for (let i = 0; i < Math.max(pagesA.length, pagesB.length); i++) {
        const pa = pagesA[i];
        const pb = pagesB[i];
        if (pa) await a.apply(pa);
        if (pb) await b.apply(pb);
        await expectUnmarkedCurrent(tabA, `${order}, page ${i}`);
      }
      if (order === 'first') {
        await a.flush();
        await expectUnmarkedCurrent(tabA, `${order}, one flushed`);
        await b.flush();
      } else {
        await b.flush();
        await expectUnmarkedCurrent(tabA, `${order}, one flushed`);
        await a.flush();
      }
      await expectAllCurrent(tabA, order);
    }
  });

  it('survives another tab’s start clearing its marks while it runs', async () => {
    const name = freshName();
    const tab = connect(name);
    const other = connect(name);
    const { jobId, events } = jobHistory(0, 9);
    const window = openCatchUp(tab, { flushEveryPages: 100, flushEveryMs: 1e9 });
    const [first, second, third] = pagesOf(events, 3);
    await window.apply(first as PulledPage);
    expect(await recoverCatchUp(other)).toBe(1);
    expect(await other.jobs.get(jobId)).toBeDefined();
    await applyEvents(other, [event(jobId, 'note.added', { text: 'Theirs' }, stampAt(50))], {
      local: true,
    });
    await window.apply(second as PulledPage);
    await expectUnmarkedCurrent(tab, 'after the second page');
    await window.apply(third as PulledPage);
    await window.flush();
    await expectAllCurrent(tab, 'after the flush');
    expect((await tab.jobs.get(jobId))?.notes.map((x) => x.text)).toContain('Theirs');
  });

  it('keeps the marks’ promise through any mix of pages, edits, crashes, tabs and starts (30 seeds)', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rand = random(seed);
      const name = freshName();
      const tabs = [connect(name), connect(name)];
      // A shop's log: jobs, a tree, the ledger, events of a newer version, some late or early.
      const log: StoredEvent[] = [];
      const streams: string[] = [];
      for (let j = 0; j < 5; j++) {
        const { jobId, events } = jobHistory(j * 3, rand.int(2, 7));
        streams.push(jobId);
        log.push(...events);
        if (rand.chance(0.4)) {
          log.push({
            ...event(jobId, 'note.added', { text: 'x' }, stampAt(j)),
            type: 'kiln.fired',
          });
        }
      }
      const treeId = newUlid(T0);
      streams.push(treeId, LEDGER_STREAM_ID);
      log.push(event(treeId, 'tree.started', { alloyId: 'au14y' }, stampAt(1)));
      log.push(event(treeId, 'tree.note_added', { text: 'Sprued' }, stampAt(9)));
      for (let k = 0; k < 3; k++) {
        log.push(
          event(
            LEDGER_STREAM_ID,
            'metal.received',
            { alloyId: 'au14y', grams: 10 + k, form: 'grain', supplier: `S${k}` },
            stampAt(k * 4),
          ),
        );
      }
      // Mostly in stamp order, as a server hands them out; some pairs swapped (late pushes).
      log.sort((a, b) => (a.at < b.at ? -1 : 1));
      for (let k = 0; k < log.length / 4; k++) {
        const i = rand.int(0, log.length - 2);
        const j = rand.int(i, Math.min(log.length - 1, i + 8));
        [log[i], log[j]] = [log[j] as StoredEvent, log[i] as StoredEvent];
      }
      const windows: (ReturnType<typeof openCatchUp> | null)[] = [null, null];
      const at = [0, 0];
      for (let step = 0; step < 40; step++) {
        const t = rand.int(0, 1);
        const db = tabs[t] as LoupeDB;
        const roll = rand.next();
        const where = `seed ${seed}, step ${step}`;
        if (roll < 0.5) {
          const window = (windows[t] ??= openCatchUp(db, {
            flushEveryPages: rand.int(1, 4),
            flushEveryMs: 1e9,
          }));
          const from = at[t] ?? 0;
          const events = log.slice(from, from + rand.int(1, 6));
          at[t] = from + events.length >= log.length ? 0 : from + events.length;
          const crash = rand.chance(0.15);
          const page: PulledPage = {
            events,
            cursor: from + events.length,
            cursorEventId: null,
            ...(crash
              ? {
                  duringApply: () => {
                    throw new Error('crash');
                  },
                }
              : {}),
          };
          if (crash) {
            await expect(window.apply(page)).rejects.toThrow('crash');
            // The tab died mid-window: its window is gone, its marks stay.
            windows[t] = null;
          } else await window.apply(page);
        } else if (roll < 0.62) {
          await windows[t]?.flush();
          windows[t] = null;
        } else if (roll < 0.85) {
          const id = rand.pick(streams);
          const made =
            id === LEDGER_STREAM_ID
              ? event(
                  id,
                  'metal.received',
                  { alloyId: 'ag925', grams: 1, form: 'wire', supplier: 'Here' },
                  stampAt(rand.int(0, 30)),
                )
              : id === treeId
                ? event(id, 'tree.note_added', { text: `Here ${step}` }, stampAt(rand.int(0, 30)))
                : event(id, 'note.added', { text: `Here ${step}` }, stampAt(rand.int(0, 30)));
          await applyEvents(db, [made], { local: true });
        } else if (roll < 0.95) {
          // Another tab starts, or this one after a reload.
          await recoverCatchUp(db);
        } else {
          // A new version: every stream folded again.
          await db.meta.put({ key: META_KEYS.projectionVersion, value: 0 });
          await ensureProjectionsCurrent(db);
        }
        await expectUnmarkedCurrent(db, where);
      }
      for (const window of windows) await window?.flush();
      await recoverCatchUp(tabs[0] as LoupeDB);
      await expectAllCurrent(tabs[0] as LoupeDB, `seed ${seed} at the end`);
    }
  }, 120_000);
});

describe('the apply path', () => {
  it('folds a page of new jobs without reading their events back', async () => {
    let live = { streamReads: 0, eventGets: 0 };
    const db = connect(freshName(), (d) => {
      live = countReads(d);
    });
    const jobs = [jobHistory(0, 5), jobHistory(1, 5), jobHistory(2, 5)];
    await applyEvents(
      db,
      jobs.flatMap((j) => j.events),
      { local: false },
    );
    expect(live.streamReads).toBe(0);
    await expectAllCurrent(db, 'the new jobs');
  });

  it('reads a stream back when some of its events came before: an opener arriving late', async () => {
    let live = { streamReads: 0, eventGets: 0 };
    const db = connect(freshName(), (d) => {
      live = countReads(d);
    });
    const { jobId, events } = jobHistory(0, 4);
    const [o, ...rest] = events;
    await applyEvents(db, rest, { local: false });
    expect(await db.jobs.get(jobId)).toBeUndefined();
    await applyEvents(db, [o as StoredEvent], { local: false });
    expect(live.streamReads).toBeGreaterThan(0);
    await expectAllCurrent(db, 'the late opener');
  });

  it('folds events of a newer version stored before the stream’s first known one', async () => {
    const db = connect(freshName());
    const { jobId, events } = jobHistory(5, 3);
    const newer = { ...event(jobId, 'note.added', { text: 'x' }, stampAt(1)), type: 'kiln.fired' };
    await applyEvents(db, [newer], { local: false });
    await applyEvents(db, events, { local: false });
    expect((await db.jobs.get(jobId))?.skipped).toEqual({ count: 1, types: ['kiln.fired'] });
    await expectAllCurrent(db, 'the newer type');
  });

  it('checks duplicates by keys over the page’s id range, without reading events', async () => {
    let live = { streamReads: 0, eventGets: 0 };
    const db = connect(freshName(), (d) => {
      live = countReads(d);
    });
    // Ids in time order, as a server's pages mostly are: each page's range holds its own ids only.
    const ids = Array.from({ length: 60 }, (_, i) => newUlid(T0 + i * 1_000));
    const { jobId, opened: o } = openedEvent({}, stampAt(0));
    const notes = ids.map((id, i) => ({
      ...event(jobId, 'note.added', { text: `N${i}` }, stampAt(i + 1)),
      id,
    }));
    const first = await applyEvents(db, [o, ...notes.slice(0, 30)], { local: false });
    expect(first).toMatchObject({ applied: 31, duplicates: 0 });
    const second = await applyEvents(db, notes.slice(25, 60), { local: false });
    expect(second).toMatchObject({ applied: 30, duplicates: 5 });
    expect(live.eventGets).toBe(0);
    await expectAllCurrent(db, 'in order');
  });

  it('finds the duplicates of a page whose range spans many stored events (an old one among new)', async () => {
    let live = { streamReads: 0, eventGets: 0 };
    const db = connect(freshName(), (d) => {
      live = countReads(d);
    });
    const { jobId, opened: o } = openedEvent({}, stampAt(0));
    const note = (ms: number, i: number) => ({
      ...event(jobId, 'note.added', { text: `N${i}` }, stampAt(i + 1)),
      id: newUlid(T0 + ms),
    });
    const old = Array.from({ length: 400 }, (_, i) => note(i * 1_000, i));
    await applyEvents(db, [o, ...old], { local: false });
    const before = live.eventGets;
    // New ones, an old stored one, and one older still that this tablet never had.
    const page = [
      ...Array.from({ length: 40 }, (_, i) => note(1_000_000 + i * 1_000, 500 + i)),
      old[3] as StoredEvent,
      note(-5_000, 999),
    ];
    const result = await applyEvents(db, page, { local: false });
    expect(result).toMatchObject({ applied: 41, duplicates: 1 });
    // The range is split until each part is dense or a handful: never every event looked up.
    expect(live.eventGets - before).toBeLessThan(page.length);
    expect(await db.events.count()).toBe(1 + 400 + 41);
    await expectAllCurrent(db, 'an old one among new');
  });
});

/** Jobs of 20 events a minute apart, opened 3 minutes apart: a busy shop's interleaved log. */
function busyLog(jobs: number): StoredEvent[] {
  return Array.from({ length: jobs }, (_, j) => jobHistory(j * 3, 20).events)
    .flat()
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

describe('a big page', () => {
  it('is stored all or nothing: a write failing between two chunks leaves none of it', async () => {
    const name = freshName();
    let db = connect(name);
    const fault = failEventWrite(db);
    const all = busyLog(60);
    const [first, second, third] = pagesOf(all, 500);
    const window = openCatchUp(db, { flushEveryPages: 100, flushEveryMs: 1e9 });
    await window.apply(first as PulledPage);
    const marksBefore = (await db.catchUp.toCollection().primaryKeys()).sort();
    // The third chunk of the second page fails, the first two written by then.
    fault.failAt = 3;
    await expect(window.apply(second as PulledPage)).rejects.toThrow('The disk is full.');
    expect(await db.events.count()).toBe(500);
    expect(await syncCursor(db)).toBe(first?.cursor);
    // No mark of the failed page's new streams either: its transaction left nothing.
    expect((await db.catchUp.toCollection().primaryKeys()).sort()).toEqual(marksBefore);
    // The tablet reloads and the pull goes on from its cursor: each event once, rows their folds.
    db.close();
    db = connect(name);
    await ensureProjectionsCurrent(db);
    await expectAllCurrent(db, 'after the restart');
    await applyCatchUp(db, [second as PulledPage, third as PulledPage]);
    expect(await db.events.count()).toBe(all.length);
    expect(await syncCursor(db)).toBe(third?.cursor);
    await expectAllCurrent(db, 'after the rest');
  });

  it('leaves nothing when a write fails as a local event is recorded among pulled ones', async () => {
    const db = connect(freshName());
    const fault = failEventWrite(db);
    const all = busyLog(20);
    fault.failAt = 2;
    await expect(applyEvents(db, all, { local: true })).rejects.toThrow('The disk is full.');
    expect(await db.events.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.jobs.count()).toBe(0);
    fault.failAt = 0;
    const result = await applyEvents(db, all, { local: true });
    expect(result).toMatchObject({ applied: all.length, duplicates: 0 });
    expect(await db.outbox.count()).toBe(all.length);
    await expectAllCurrent(db, 'after the retry');
  });
});
