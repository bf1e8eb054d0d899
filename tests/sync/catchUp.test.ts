// A tablet's catch-up pull against a real server on 127.0.0.1 (db/catchUp.ts, sync/engine.ts): pages
// growing once the pull is behind, the next page fetched while one is applied, rows written at the
// window's flushes, and every row its events' fold after a crash, a local edit or a network failure.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureProjectionsCurrent, LoupeDB, openJob, recordEvent, syncCursor } from '../../src/db';
import { ADD_CHUNK } from '../../src/db/applyEvents';
import { foldStream, STREAMS } from '../../src/db/streams';
import { withListFields } from '../../src/domain/jobList';
import type { JobState } from '../../src/domain/job';
import type { StoredEvent } from '../../src/protocol/events';
import { STREAM_KINDS } from '../../src/protocol/streams';
import { createApiClient, type ApiClient } from '../../src/sync/apiClient';
import { runSync, type SyncOptions } from '../../src/sync/engine';
import { formatStamp } from '../../src/domain/clock';
import { DEVICE_B, event, openedData, openedEvent, stampAt } from '../support/events';
import { failEventWrite } from '../support/failingWrites';
import type { TestServer } from '../server/startTestServer';
import { makeCode, withShopStore } from '../server/syncHelpers';
import { freshStoreData, serverOn } from './support/servers';

const MIA = 'staff-mia';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let made = 0;
interface Tablet {
  name: string;
  db: LoupeDB;
  token: string;
}

async function pairedTablet(server: TestServer): Promise<Tablet> {
  const code = await makeCode(server.data);
  const { token } = await createApiClient({ serverUrl: server.url }).pair(code);
  const name = `catch-up-${Date.now()}-${made++}`;
  const db = new LoupeDB(name);
  cleanups.push(() => db.delete());
  return { name, db, token };
}

function reload(t: Tablet): void {
  t.db.close();
  t.db = new LoupeDB(t.name);
  const db = t.db;
  cleanups.push(() => db.delete());
}

/** What each pull asked for, and where the tablet's pulls stood when it was asked. */
interface Asked {
  after: number;
  limit: number;
}

/** The real client over a fetch that notes each pull and may fail the nth. */
function api(server: TestServer, t: Tablet, log: string[] = [], failPull = 0): ApiClient {
  let pulls = 0;
  return createApiClient({
    serverUrl: server.url,
    token: t.token,
    fetch: async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : input.toString());
      if (url.pathname.endsWith('/events') && (init?.method ?? 'GET') === 'GET') {
        pulls += 1;
        log.push(
          `pull after=${url.searchParams.get('after')} limit=${url.searchParams.get('limit')}`,
        );
        if (pulls === failPull) throw new TypeError('the Wi-Fi dropped');
      }
      return fetch(input, init);
    },
  });
}

function asked(log: readonly string[]): Asked[] {
  return log
    .filter((line) => line.startsWith('pull '))
    .map((line) => {
      const [, after, limit] = /after=(\d+) limit=(\d+)/.exec(line) ?? [];
      return { after: Number(after), limit: Number(limit) };
    });
}

/** `jobs` jobs of `length` events each, interleaved in stamp order as a busy shop's log is. */
function shopLog(jobs: number, length: number): { jobIds: string[]; events: StoredEvent[] } {
  const jobIds: string[] = [];
  const events: StoredEvent[] = [];
  for (let j = 0; j < jobs; j++) {
    const { jobId, opened } = openedEvent({}, stampAt(j));
    jobIds.push(jobId);
    events.push(opened);
    for (let k = 1; k < length; k++) {
      events.push(event(jobId, 'note.added', { text: `Note ${j}.${k}` }, stampAt(j + k * 2)));
    }
  }
  events.sort((a, b) => (a.at < b.at ? -1 : 1));
  return { jobIds, events };
}

async function serverHolding(events: readonly StoredEvent[]): Promise<TestServer> {
  const server = await serverOn(cleanups, await freshStoreData(cleanups, 'sqlite', 'loupe-catch-'));
  await withShopStore(server.data, async (shop) => {
    await shop.appendEvents([...events], Date.now(), 'elsewhere');
  });
  return server;
}

/** Every kind's rows are the folds of the stored events, and no catch-up mark is left. */
async function expectRowsAreFolds(db: LoupeDB, where: string): Promise<void> {
  expect(await db.catchUp.count(), `${where}: marks`).toBe(0);
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of await db.events.toArray())
    byStream.set(e.jobId, [...(byStream.get(e.jobId) ?? []), e]);
  for (const kind of STREAM_KINDS) {
    const expected = new Map<string, unknown>();
    for (const [id, events] of byStream) {
      const row = foldStream(kind, id, events);
      if (row) expected.set(id, kind === 'job' ? withListFields(row as JobState) : row);
    }
    const rows: { id: string }[] = await STREAMS[kind].table(db).toArray();
    expect(new Map(rows.map((r) => [r.id, r])), `${where}: ${kind}`).toEqual(expected);
  }
}

const HELD: SyncOptions['catchUp'] = { flushEveryPages: 1_000, flushEveryMs: 1e9 };

describe('a catch-up pull', () => {
  it('grows its pages, fetches the next while applying one, and writes rows at the end', async () => {
    const { jobIds, events } = shopLog(6, 6);
    const server = await serverHolding(events);
    const t = await pairedTablet(server);
    const log: string[] = [];
    const seen: { events: number; jobs: number; marks: number }[] = [];
    const report = await runSync(t.db, api(server, t, log), undefined, {
      pullPage: 4,
      catchUpPage: 8,
      catchUp: HELD,
      checkpoint: async (point) => {
        if (point !== 'applied') return;
        const cursor = await syncCursor(t.db);
        log.push(`applied ${cursor}`);
        seen.push({
          events: await t.db.events.count(),
          jobs: await t.db.jobs.count(),
          marks: await t.db.catchUp.count(),
        });
      },
    });
    expect(report.pulled).toBe(events.length);
    // The probe, a first page of 4 that came back full, then pages of 8.
    expect(asked(log).map((a) => a.limit)).toEqual([1, 4, 8, 8, 8, 8]);
    // The list lags behind the pull: events stored a page at a time, rows held, marked.
    for (const s of seen) expect(s.jobs).toBe(0);
    expect(seen.map((s) => s.events)).toEqual([4, 12, 20, 28, 36]);
    expect(seen.at(-1)?.marks).toBe(jobIds.length);
    // Each next page is asked for before the one before it is done with.
    for (const [i, a] of asked(log).entries()) {
      if (i < 2) continue;
      expect(log.indexOf(`pull after=${a.after} limit=${a.limit}`)).toBeLessThan(
        log.indexOf(`applied ${a.after}`),
      );
    }
    await expectRowsAreFolds(t.db, 'after the pull');
    expect((await t.db.jobs.toCollection().primaryKeys()).sort()).toEqual([...jobIds].sort());
  });

  it.each(['applied', 'apply'] as const)(
    'crashed mid-way (at %s), is made whole at the next start and the next sync',
    async (point) => {
      const { events } = shopLog(5, 8);
      const server = await serverHolding(events);
      const t = await pairedTablet(server);
      let applied = 0;
      const crash = new Error('the tablet died');
      const options: SyncOptions = {
        pullPage: 5,
        catchUp: HELD,
        checkpoint: (p) => {
          if (p === 'applied' && point === 'applied' && ++applied === 3) throw crash;
        },
        duringApply: () => {
          if (point === 'apply' && ++applied === 3) throw crash;
        },
      };
      await expect(runSync(t.db, api(server, t), undefined, options)).rejects.toBe(crash);
      reload(t);
      const stored = await t.db.events.count();
      expect(stored).toBe(point === 'applied' ? 15 : 10);
      // Rows behind their events, marked: the app's start folds them again.
      expect(await t.db.catchUp.count()).toBeGreaterThan(0);
      await ensureProjectionsCurrent(t.db);
      await expectRowsAreFolds(t.db, 'after the start');
      // And the pull goes on where it stopped.
      const report = await runSync(t.db, api(server, t), undefined, { pullPage: 5, catchUp: HELD });
      expect(report.pulled).toBe(events.length - stored);
      await expectRowsAreFolds(t.db, 'after the next sync');
    },
  );

  it('loses and doubles nothing when a write fails between two chunks of a page', async () => {
    const { events } = shopLog(30, 20);
    const server = await serverHolding(events);
    const t = await pairedTablet(server);
    // The first page of 50 is one write; the next, of two chunks and a half, three: its second fails.
    failEventWrite(t.db, 3);
    const options: SyncOptions = { pullPage: 50, catchUpPage: ADD_CHUNK * 2.5, catchUp: HELD };
    await expect(runSync(t.db, api(server, t), undefined, options)).rejects.toThrow(
      'The disk is full.',
    );
    reload(t);
    expect(await t.db.events.count()).toBe(50);
    expect(await syncCursor(t.db)).toBe(50);
    await ensureProjectionsCurrent(t.db);
    await expectRowsAreFolds(t.db, 'after the start');
    const report = await runSync(t.db, api(server, t), undefined, options);
    expect(report.pulled).toBe(events.length - 50);
    const ids = await t.db.events.toCollection().primaryKeys();
    expect(new Set(ids)).toEqual(new Set(events.map((e) => e.id)));
    await expectRowsAreFolds(t.db, 'after the next sync');
  });

  it('is made whole by the next sync alone, with no start in between', async () => {
    const { events } = shopLog(4, 6);
    const server = await serverHolding(events);
    const t = await pairedTablet(server);
    let applied = 0;
    await expect(
      runSync(t.db, api(server, t), undefined, {
        pullPage: 4,
        catchUp: HELD,
        checkpoint: (p) => {
          if (p === 'applied' && ++applied === 2) throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    reload(t);
    // Another sync, say the scheduler's next run: the rows come right before it pulls.
    let marksWhenPulling = -1;
    await runSync(t.db, api(server, t), undefined, {
      pullPage: 4,
      catchUp: HELD,
      checkpoint: async (p) => {
        if (p === 'probed') marksWhenPulling = await t.db.catchUp.count();
      },
    });
    expect(marksWhenPulling).toBe(0);
    await expectRowsAreFolds(t.db, 'after the next sync');
  });

  it('keeps a note recorded here mid-way on a job it is pulling, with every pulled one', async () => {
    const server = await serverHolding([]);
    const t = await pairedTablet(server);
    const { envelope: _e, ...intake } = openedData();
    const { jobId } = await openJob(t.db, intake, MIA);
    await runSync(t.db, api(server, t));
    // Another tablet's day on this job and others reaches the server.
    const { events } = shopLog(3, 6);
    // Stamped after the job's opening here, a second apart: pulled in order, the rows extended.
    const base = Date.now() + 1_000;
    const theirs = Array.from({ length: 12 }, (_, k) =>
      event(
        jobId,
        'note.added',
        { text: `Theirs ${k}` },
        formatStamp({ ms: base + k * 1_000, counter: 0, device: DEVICE_B }),
      ),
    );
    await withShopStore(server.data, async (shop) => {
      await shop.appendEvents(
        [...events, ...theirs].sort((a, b) => (a.at < b.at ? -1 : 1)),
        Date.now(),
        'b',
      );
    });
    let pulled = 0;
    let mine: StoredEvent | undefined;
    await runSync(t.db, api(server, t), undefined, {
      pullPage: 5,
      catchUp: HELD,
      checkpoint: async (p) => {
        if (p === 'pulled' && ++pulled === 5) {
          [mine] = await recordEvent(
            t.db,
            { jobId, type: 'note.added', data: { text: 'Mine' } },
            MIA,
          );
        }
      },
    });
    expect(mine).toBeDefined();
    const notes = (await t.db.jobs.get(jobId))?.notes.map((n) => n.text) ?? [];
    expect(notes).toContain('Mine');
    for (let k = 0; k < 12; k++) expect(notes).toContain(`Theirs ${k}`);
    await expectRowsAreFolds(t.db, 'after the sync');
    // The note reaches the server on the next sync.
    await runSync(t.db, api(server, t));
    expect(await t.db.outbox.count()).toBe(0);
  });

  it('takes the pages a server from before larger pages gives, at most 1,000', async () => {
    const { events } = shopLog(120, 20);
    const server = await serverHolding(events);
    const t = await pairedTablet(server);
    const limits: number[] = [];
    const older = createApiClient({
      serverUrl: server.url,
      token: t.token,
      fetch: async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : input.toString());
        const limit = Number(url.searchParams.get('limit') ?? 0);
        if (url.pathname.endsWith('/events') && (init?.method ?? 'GET') === 'GET') {
          limits.push(limit);
          if (limit > 1000) {
            const error = {
              code: 'bad_request',
              message: 'limit: Use a whole number from 1 to 1000.',
            };
            return new Response(JSON.stringify({ error }), { status: 400 });
          }
        }
        return fetch(input, init);
      },
    });
    const report = await runSync(t.db, older, undefined, { catchUp: HELD });
    expect(report.pulled).toBe(events.length);
    // Refused once, then pages of 1,000 to the end.
    expect(limits).toEqual([1, 500, 2000, 1000, 1000]);
    await expectRowsAreFolds(t.db, 'after the pull');
  });

  it('shows what it pulled when the network fails mid-way', async () => {
    const { events } = shopLog(5, 6);
    const server = await serverHolding(events);
    const t = await pairedTablet(server);
    // The probe, then pages: the fourth pull request fails.
    const failure = await runSync(t.db, api(server, t, [], 4), undefined, {
      pullPage: 5,
      catchUp: HELD,
    }).catch((err: unknown) => err);
    expect(failure).toMatchObject({ status: 0 });
    expect(await t.db.events.count()).toBe(10);
    expect(await t.db.jobs.count()).toBeGreaterThan(0);
    await expectRowsAreFolds(t.db, 'after the failure');
  });
});
