// The sync's edges against a real server on 127.0.0.1, tablets on fake-indexeddb: events the server
// refuses, batches too large, pulled events that cannot be read, and a tablet whose clock is wrong.
// Each case stopped a tablet's sync for ever, or let a wrong clock win, before it was fixed.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  applyEvents,
  clockCheck,
  LoupeDB,
  openJob,
  recordEvent,
  setAsideSummary,
} from '../../src/db';
import { DEFAULT_MAX_DRIFT_MS, formatStamp, parseStamp } from '../../src/domain/clock';
import { newEventId } from '../../src/domain/ids';
import type { StoredEvent } from '../../src/protocol/events';
import { createApiClient, type ApiClient } from '../../src/sync/apiClient';
import { runSync } from '../../src/sync/engine';
import { openedData } from '../support/events';
import { STORE_KINDS, type TestServer } from '../server/startTestServer';
import { freshStoreData, serverOn } from './support/servers';
import { makeCode, withShopStore } from '../server/syncHelpers';

const MIA = 'staff-mia';
const YEAR = 365 * 86_400_000;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
});

let dbCount = 0;

interface Tablet {
  name: string;
  db: LoupeDB;
  token: string;
  wallClock: () => number;
}

async function pairedTablet(server: TestServer, skewMs = 0): Promise<Tablet> {
  const code = await makeCode(server.data);
  const { token } = await createApiClient({ serverUrl: server.url }).pair(code);
  const name = `sync-edges-${Date.now()}-${dbCount++}`;
  const wallClock = () => Date.now() + skewMs;
  const db = new LoupeDB(name, { wallClock });
  cleanups.push(() => db.delete());
  return { name, db, token, wallClock };
}

/** The tablet after a reload: the same stored data, a new clock read from it. */
function reload(t: Tablet): Tablet {
  t.db.close();
  const db = new LoupeDB(t.name, { wallClock: t.wallClock });
  cleanups.push(() => db.delete());
  return { ...t, db };
}

/** An API client that counts the statuses the server answered pushes with. */
function api(server: TestServer, t: Tablet, pushStatuses: number[] = [], strip = false): ApiClient {
  return createApiClient({
    serverUrl: server.url,
    token: t.token,
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      const url = input instanceof Request ? input.url : input.toString();
      if (init?.method === 'POST' && url.endsWith('/events')) {
        pushStatuses.push(res.status);
        // An older server names no events in its refusal: only "this batch is bad".
        if (strip && res.status === 400) {
          const body = (await res.json()) as { error: Record<string, unknown> };
          delete body.error.events;
          return new Response(JSON.stringify(body), { status: 400, headers: res.headers });
        }
      }
      return res;
    },
  });
}

function intake(notes?: string) {
  const { envelope: _e, ...rest } = openedData(notes ? { notes } : {});
  return rest;
}

/** An intake as long as the counter can make one: notes, condition and 40 stones described. */
function longIntake(i: number) {
  const base = intake(`${i} `.padEnd(2000, 'x'));
  return {
    ...base,
    condition: { ...base.condition, other: 'Scratches '.padEnd(500, '.') },
    item: {
      ...base.item,
      stones: Array.from({ length: 40 }, (_, n) => ({
        count: 1,
        kind: `white stone ${n}`.padEnd(60, '.'),
        sizeMm: 1.5,
      })),
    },
  };
}

async function serverIds(server: TestServer, t: Tablet): Promise<string[]> {
  const client = api(server, t);
  const ids: string[] = [];
  for (let after = 0; ;) {
    const page = await client.pull(after, 1000);
    ids.push(...page.events.map((e) => e.id));
    after = page.cursor;
    if (!page.more) return ids.sort();
  }
}

/** A local event of a type this server does not know (made by a newer version of the app). */
async function unknownTypeEvent(t: Tablet, jobId: string): Promise<StoredEvent> {
  const mine = await t.db.events.where('jobId').equals(jobId).first();
  if (!mine) throw new Error('the job has no event yet');
  const event: StoredEvent = {
    id: newEventId(),
    jobId,
    type: 'casting.poured',
    at: formatStamp({ ms: t.wallClock(), counter: 0, device: mine.device }),
    actor: MIA,
    device: mine.device,
    data: { flaskId: 'F-12', grams: 14.2 },
  };
  await applyEvents(t.db, [event], { local: true });
  return event;
}

// Every case on both stores: the edges are the server's answers, whichever store is under it.
describe.each(STORE_KINDS)('on %s', (kind) => {
  describe('an event the server refuses', () => {
    it('is set aside with the reason, and the rest of the sync goes on, push and pull', async () => {
      const server = await serverOn(cleanups, await freshStoreData(cleanups, kind, 'loupe-edges-'));
      const a = await pairedTablet(server);
      const b = await pairedTablet(server);
      const { jobId } = await openJob(a.db, intake(), MIA);
      await runSync(a.db, api(server, a));
      const refused = await unknownTypeEvent(a, jobId);
      const [note] = await recordEvent(
        a.db,
        { jobId, type: 'note.added', data: { text: 'Sent with the refused one' } },
        MIA,
      );
      const fromB = await openJob(b.db, intake(), MIA);
      await runSync(b.db, api(server, b));

      const report = await runSync(a.db, api(server, a));
      expect(report.setAside).toBe(1);
      expect(await serverIds(server, a)).toContain(note?.id);
      expect(await serverIds(server, a)).not.toContain(refused.id);
      // The pull ran too: B's job is here.
      expect(await a.db.jobs.get(fromB.jobId)).toBeDefined();
      expect(await a.db.outbox.count()).toBe(0);
      const summary = await setAsideSummary(a.db);
      expect(summary.count).toBe(1);
      expect(summary.examples[0]).toMatchObject({
        eventId: refused.id,
        jobId,
        type: 'casting.poured',
        code: 'unknown_type',
      });
      expect(summary.examples[0]?.reason).toContain('Unknown event type "casting.poured"');
      // Kept: the event is still on the tablet.
      expect(await a.db.events.get(refused.id)).toBeDefined();
      // And later syncs neither repeat it nor stop on it.
      const statuses: number[] = [];
      await runSync(a.db, api(server, a, statuses));
      expect(statuses).toEqual([]);
    });

    it('is found by halving when an older server does not name it', async () => {
      const server = await serverOn(cleanups, await freshStoreData(cleanups, kind, 'loupe-edges-'));
      const a = await pairedTablet(server);
      const { jobId } = await openJob(a.db, intake(), MIA);
      for (let i = 0; i < 6; i++) {
        await recordEvent(a.db, { jobId, type: 'note.added', data: { text: `Note ${i}` } }, MIA);
      }
      const refused = await unknownTypeEvent(a, jobId);
      for (let i = 6; i < 12; i++) {
        await recordEvent(a.db, { jobId, type: 'note.added', data: { text: `Note ${i}` } }, MIA);
      }
      const report = await runSync(a.db, api(server, a, [], true));
      expect(report.setAside).toBe(1);
      expect((await setAsideSummary(a.db)).examples[0]?.eventId).toBe(refused.id);
      const all = (await a.db.events.toCollection().primaryKeys()).sort();
      expect(await serverIds(server, a)).toEqual(all.filter((id) => id !== refused.id));
    });

    it('is sent again when the server’s version changes', async () => {
      const data = await freshStoreData(cleanups, kind, 'loupe-edges-');
      let server = await serverOn(cleanups, data, '1.0.0');
      const a = await pairedTablet(server);
      const { jobId } = await openJob(a.db, intake(), MIA);
      const refused = await unknownTypeEvent(a, jobId);
      await runSync(a.db, api(server, a));
      expect((await setAsideSummary(a.db)).examples[0]?.serverVersion).toBe('1.0.0');

      // The same version again: left aside. A new version: offered again.
      const sameVersion: number[] = [];
      await runSync(a.db, api(server, a, sameVersion));
      expect(sameVersion).toEqual([]);
      await server.close();
      server = await serverOn(cleanups, data, '1.1.0');
      const statuses: number[] = [];
      const report = await runSync(a.db, api(server, a, statuses));
      expect(report.released).toBe(1);
      expect(statuses).toEqual([400]);
      // This version does not know it either: aside again, under the new version.
      expect((await setAsideSummary(a.db)).examples[0]).toMatchObject({
        eventId: refused.id,
        serverVersion: '1.1.0',
      });
    });
  });

  describe('large pushes', () => {
    it('are cut into batches that fit the server’s body limit, so no batch is refused as too large', async () => {
      const server = await serverOn(cleanups, await freshStoreData(cleanups, kind, 'loupe-edges-'));
      const a = await pairedTablet(server);
      // 200 long intakes: about 1.3 MB of JSON, over the server's 1 MiB body limit.
      for (let i = 0; i < 200; i++) await openJob(a.db, longIntake(i), MIA);
      const statuses: number[] = [];
      const report = await runSync(a.db, api(server, a, statuses));
      expect(report.pushed).toBe(200);
      expect(statuses.length).toBeGreaterThan(1);
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(await serverIds(server, a)).toHaveLength(200);
    });

    it('are halved when the server still answers 413', async () => {
      const server = await serverOn(cleanups, await freshStoreData(cleanups, kind, 'loupe-edges-'));
      const a = await pairedTablet(server);
      for (let i = 0; i < 200; i++) await openJob(a.db, longIntake(i), MIA);
      const statuses: number[] = [];
      const report = await runSync(a.db, api(server, a, statuses), undefined, {
        pushMaxBytes: Number.POSITIVE_INFINITY,
      });
      expect(statuses[0]).toBe(413);
      expect(report.pushed).toBe(200);
      expect(report.setAside).toBe(0);
      expect(await serverIds(server, a)).toHaveLength(200);
    });
  });

  describe('a pulled event that cannot be read', () => {
    it('is kept and shown, and the page around it is applied; the pull goes past it', async () => {
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const server = await serverOn(cleanups, await freshStoreData(cleanups, kind, 'loupe-edges-'));
      const a = await pairedTablet(server);
      const b = await pairedTablet(server);
      const { jobId } = await openJob(a.db, intake(), MIA);
      await runSync(a.db, api(server, a));
      const [note] = await recordEvent(
        a.db,
        { jobId, type: 'note.added', data: { text: 'After the bad one' } },
        MIA,
      );
      const opened = await a.db.events.where('jobId').equals(jobId).first();
      if (!opened || !note) throw new Error('events expected');
      // An older server took a stamp on a day that does not exist (its pattern let it through).
      const impossible: StoredEvent = {
        ...opened,
        id: newEventId(),
        type: 'note.added',
        at: '2099-02-29T00:00:00.000Z-0000-aaaaaaaaaaaaaaaa',
        data: { text: 'From a broken clock' },
      };
      await withShopStore(server.data, (store) =>
        store.appendEvents([impossible], Date.now(), 'old-server'),
      );
      await runSync(a.db, api(server, a));

      const report = await runSync(b.db, api(server, b));
      expect(report.unreadable).toBe(1);
      const job = await b.db.jobs.get(jobId);
      expect(job?.notes.map((n) => n.text)).toEqual(['After the bad one']);
      expect(await b.db.events.get(impossible.id)).toBeUndefined();
      const summary = await setAsideSummary(b.db);
      expect(summary.unreadable).toBe(1);
      expect(summary.unreadableReasons[0]).toContain('Not a real time');
      // The next sync goes on from past it, and reads it no more.
      expect((await runSync(b.db, api(server, b))).unreadable).toBe(0);
    });
  });

  describe('a tablet whose clock is a year ahead', () => {
    it('does not win every field for ever: a later real edit wins on every tablet', async () => {
      const server = await serverOn(cleanups, await freshStoreData(cleanups, kind, 'loupe-edges-'));
      const ahead = await pairedTablet(server, YEAR);
      const right = await pairedTablet(server);
      const { jobId } = await openJob(right.db, intake(), MIA);
      await runSync(right.db, api(server, right));
      await runSync(ahead.db, api(server, ahead));

      const customer = { name: 'Anna Lindqvist' };
      await recordEvent(
        ahead.db,
        {
          jobId,
          type: 'job.updated',
          data: { changes: { customer: { ...customer, phone: '111' } } },
        },
        MIA,
      );
      const report = await runSync(ahead.db, api(server, ahead));
      expect(report.restamped).toBe(1);
      expect(report.setAside).toBe(0);
      // The tablet knows how far off it is, to say so.
      const check = await clockCheck(ahead.db);
      expect(check?.offsetMs).toBeLessThan(-YEAR + 60_000);
      expect(check?.offsetMs).toBeGreaterThan(-YEAR - 60_000);

      // Later, in real time, the other tablet edits the same field.
      await recordEvent(
        right.db,
        {
          jobId,
          type: 'job.updated',
          data: { changes: { customer: { ...customer, phone: '222' } } },
        },
        MIA,
      );
      for (let round = 0; round < 2; round++) {
        await runSync(right.db, api(server, right));
        await runSync(ahead.db, api(server, ahead));
      }
      expect((await right.db.jobs.get(jobId))?.customer.phone).toBe('222');
      expect((await ahead.db.jobs.get(jobId))?.customer.phone).toBe('222');
      expect(await serverIds(server, right)).toEqual(
        (await ahead.db.events.toCollection().primaryKeys()).sort(),
      );
    });

    it('never drags another tablet’s clock into the future, across a reload too', async () => {
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const server = await serverOn(cleanups, await freshStoreData(cleanups, kind, 'loupe-edges-'));
      let right = await pairedTablet(server);
      const { jobId } = await openJob(right.db, intake(), MIA);
      await runSync(right.db, api(server, right));
      // An event a year ahead that an older server took in, from a tablet with a wrong clock.
      const opened = await right.db.events.where('jobId').equals(jobId).first();
      if (!opened) throw new Error('opened expected');
      const future: StoredEvent = {
        ...opened,
        id: newEventId(),
        type: 'note.added',
        at: formatStamp({ ms: Date.now() + YEAR, counter: 0, device: 'cccccccccccccccc' }),
        data: { text: 'From next year' },
      };
      await withShopStore(server.data, (store) => store.appendEvents([future], Date.now(), 'old'));
      await runSync(right.db, api(server, right));
      expect(await right.db.events.get(future.id)).toBeDefined();

      const stampOf = async (t: Tablet) => {
        const [e] = await recordEvent(
          t.db,
          { jobId, type: 'note.added', data: { text: 'Now' } },
          MIA,
        );
        return parseStamp(e?.at ?? '').ms;
      };
      expect((await stampOf(right)) - Date.now()).toBeLessThan(DEFAULT_MAX_DRIFT_MS);
      right = reload(right);
      expect((await stampOf(right)) - Date.now()).toBeLessThan(DEFAULT_MAX_DRIFT_MS);
    });
  });
});
