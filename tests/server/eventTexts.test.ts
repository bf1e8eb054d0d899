// Pulls answered from the stored JSON text (readEventTexts), the duplicate check in one statement
// and appends stored together (group commit), on both stores: the page is the very same JSON a
// parse-and-serialise pull sent, byte for byte; a duplicate takes no seq and lists no blob; pushes
// arriving at once are each stored whole, or refused alone, with dense seqs and their own answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUlid } from '../../src/domain/ids';
import type { StoredEvent } from '../../src/protocol/events';
import { pullResponseSchema } from '../../src/protocol/sync';
import { openPostgresStore } from '../../src/server/store/postgresStore';
import { openSqliteStore } from '../../src/server/store/sqliteStore';
import type { ShopStore, Store } from '../../src/server/store/store';
import { event, openedEvent, stampAt, T0 } from '../support/events';
import { testDatabase } from '../support/postgres';
import { startTestServer, STORE_KINDS, type TestServer } from './startTestServer';
import { client, pairDevice, withShopStore } from './syncHelpers';

/** Text that JSON escapes, or that a careless join would break. */
const TRICKY = [
  'quote " and backslash \\',
  'tab\tnew line\ncarriage\rform\fback\b',
  'control \u0001\u001f and delete \u007f',
  'line \u2028 and paragraph \u2029 separators',
  'émoji 💍 and ß',
  '</script> & <b>',
  '{"events":[]}',
];

/** Events whose envelope and data hold every kind of text and number JSON carries. */
function trickyEvents(): StoredEvent[] {
  const { jobId, opened } = openedEvent();
  return [
    opened,
    ...TRICKY.map((text, i) => event(jobId, 'note.added', { text }, stampAt(i + 1), text)),
    // Data as sent, extra fields and all (a newer tablet's), numbers of every shape.
    {
      ...event(jobId, 'weight.logged', { kind: 'check', grams: 3.4 }, stampAt(20)),
      data: {
        kind: 'check',
        grams: 0.000001,
        big: 1e21,
        whole: 12345678901234,
        negative: -0.5,
        nested: { list: [1, 'two', null, true, { three: [] }], empty: {} },
        unicode: '\u00e9\u0301',
      },
    },
    // A type a newer version made: kept and handed out as it is.
    { ...event(jobId, 'note.added', { text: 'x' }, stampAt(21)), type: 'job.teleported' },
  ];
}

interface OpenedStore {
  store: Store;
  done(): Promise<void>;
}

const OPEN: Record<(typeof STORE_KINDS)[number], () => Promise<OpenedStore>> = {
  sqlite: () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-texts-'));
    const store = openSqliteStore(dir);
    return Promise.resolve({
      store,
      done: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    });
  },
  postgres: async () => {
    const db = await testDatabase();
    const store = await openPostgresStore(db.url);
    return {
      store,
      done: async () => {
        await store.close();
        await db.drop();
      },
    };
  },
};

describe.each(STORE_KINDS)('stored JSON and one-statement duplicates (%s)', (kind) => {
  let opened: OpenedStore;
  let shop: ShopStore;
  let sent: StoredEvent[];

  beforeAll(async () => {
    opened = await OPEN[kind]();
    shop = opened.store.shop((await opened.store.addShop('Texts', T0)).id);
    sent = trickyEvents();
    await shop.appendEvents(sent, T0, 'aaaaaaaaaaaaaaaa');
  });
  afterAll(() => opened.done());

  it('gives each event as the JSON of the parsed page, byte for byte, the data as stored', async () => {
    const texts = await shop.readEventTexts(0, 100);
    const page = await shop.readEvents(0, 100);
    expect(texts.events).toHaveLength(sent.length);
    expect(texts.events).toEqual(page.events.map((e) => JSON.stringify(e)));
    expect(texts.events.map((t) => JSON.parse(t) as unknown)).toEqual(page.events);
    // Each event's data is the text it was stored as, in the answer as it is.
    sent.forEach((e, i) => {
      expect(texts.events[i]?.endsWith(`,"data":${JSON.stringify(e.data)}}`)).toBe(true);
    });
    const { events: _texts, ...rest } = texts;
    const { events: _events, ...pageRest } = page;
    expect(rest).toEqual(pageRest);
  });

  it('pages as readEvents does: cursor, more and history, past the end and on an empty shop', async () => {
    const n = sent.length;
    for (const [after, limit] of [
      [0, 1],
      [0, n - 1],
      [0, n],
      [3, 2],
      [n - 1, 5],
      [n, 5],
      [n + 10, 5],
    ] as const) {
      const texts = await shop.readEventTexts(after, limit);
      const page = await shop.readEvents(after, limit);
      expect({
        after,
        limit,
        ...texts,
        events: texts.events.map((t) => JSON.parse(t) as unknown),
      }).toEqual({
        after,
        limit,
        ...page,
      });
    }
    const empty = opened.store.shop((await opened.store.addShop('Empty', T0)).id);
    expect(await empty.readEventTexts(0, 10)).toEqual(await empty.readEvents(0, 10));
    expect(await empty.readEventTexts(4, 10)).toMatchObject({ events: [], cursor: 0, more: false });
  });

  it('stores the first of an id sent twice, takes no seq for a duplicate and lists only stored blobs', async () => {
    const other = opened.store.shop((await opened.store.addShop('Duplicates', T0)).id);
    const { jobId } = openedEvent();
    const photo = (sha: string, at: string, id = newUlid(T0)) => ({
      ...event(
        jobId,
        'photo.added',
        { sha256: sha, tag: 'intake', mimeType: 'image/webp', bytes: 10, width: 1, height: 1 },
        at,
      ),
      id,
    });
    const first = photo('a'.repeat(64), stampAt(1));
    // The same id again with other content, in the same batch: a duplicate, its blob not listed.
    const again = photo('b'.repeat(64), stampAt(2), first.id);
    const fresh = photo('c'.repeat(64), stampAt(3));
    expect(await other.appendEvents([first, again, fresh], T0, 'aaaaaaaaaaaaaaaa')).toEqual({
      accepted: 2,
      duplicates: 1,
      cursor: 2,
    });
    // Known ids mixed with new ones in a later batch: only the new take seqs, densely.
    const later = photo('d'.repeat(64), stampAt(4));
    const known = photo('e'.repeat(64), stampAt(5), fresh.id);
    expect(await other.appendEvents([known, later, first], T0, 'aaaaaaaaaaaaaaaa')).toEqual({
      accepted: 1,
      duplicates: 2,
      cursor: 3,
    });
    const page = await other.readEvents(0, 10);
    expect(page.events.map((e) => [e.seq, e.id])).toEqual([
      [1, first.id],
      [2, fresh.id],
      [3, later.id],
    ]);
    expect(page.events[0]?.data).toEqual(first.data);
    expect((await other.wantedBlobs()).sort()).toEqual(
      ['a'.repeat(64), 'c'.repeat(64), 'd'.repeat(64)].sort(),
    );
    // Nothing else was written: an empty batch and a batch of duplicates only change nothing.
    expect(await other.appendEvents([], T0, 'aaaaaaaaaaaaaaaa')).toEqual({
      accepted: 0,
      duplicates: 0,
      cursor: 3,
    });
    expect(await other.appendEvents([first, later], T0, 'aaaaaaaaaaaaaaaa')).toEqual({
      accepted: 0,
      duplicates: 2,
      cursor: 3,
    });
    expect(await other.greatestSeq()).toBe(3);
  });
});

describe.each(STORE_KINDS)('appends at the same moment (%s)', (kind) => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await OPEN[kind]();
  });
  afterAll(() => opened.done());

  it('stores each of many at once whole, in one order of dense seqs, whatever another refuses', async () => {
    const shop = opened.store.shop((await opened.store.addShop('Busy', T0)).id);
    const ghost = opened.store.shop('0123456789abcdef');
    const { jobId } = openedEvent();
    const batches = Array.from({ length: 8 }, (_, b) =>
      Array.from({ length: 5 }, (_, i) =>
        event(jobId, 'note.added', { text: `batch ${b} note ${i}` }, stampAt(b * 5 + i)),
      ),
    );
    // The same event in two of them: stored once, a duplicate in whichever comes second.
    const shared = event(jobId, 'note.added', { text: 'shared' }, stampAt(50));
    batches[2]?.push(shared);
    batches[5]?.push(shared);
    // One the database refuses half way through (its second event has no stream id): nothing
    // of it may stay, its first event included.
    const firstOfBroken = event(jobId, 'note.added', { text: 'first of a broken batch' });
    const broken = [
      firstOfBroken,
      { ...event(jobId, 'note.added', { text: 'no stream' }), jobId: null as unknown as string },
    ];
    // All at once, as tablets pushing together; one to a shop that does not exist between them.
    // The broken one after the first: on PostgreSQL the first goes alone and the rest wait for
    // it, to be stored together.
    const [refused, first, brokenAnswer, ...rest] = await Promise.allSettled([
      ghost.appendEvents(batches[0] ?? [], T0, 'aaaaaaaaaaaaaaaa'),
      shop.appendEvents(batches[0] ?? [], T0, 'aaaaaaaaaaaaaaaa'),
      shop.appendEvents(broken, T0, 'aaaaaaaaaaaaaaaa'),
      ...batches.slice(1).map((batch) => shop.appendEvents(batch, T0, 'aaaaaaaaaaaaaaaa')),
    ]);
    const results = [first, ...rest];
    expect(refused).toMatchObject({ status: 'rejected' });
    expect(String((refused as PromiseRejectedResult).reason)).toContain('There is no shop');
    expect(brokenAnswer).toMatchObject({ status: 'rejected' });
    const answers = results.map((r) => {
      if (r.status !== 'fulfilled') throw new Error(`an append failed: ${String(r.reason)}`);
      return r.value;
    });
    expect(answers.reduce((sum, a) => sum + a.accepted, 0)).toBe(41);
    expect(answers.reduce((sum, a) => sum + a.duplicates, 0)).toBe(1);
    const page = await shop.readEvents(0, 100);
    expect(page.events.map((e) => e.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    // Each batch's events together and in its order, its cursor the seq of the last it stored.
    const seqOf = (id: string) => page.events.find((e) => e.id === id)?.seq ?? -1;
    for (const [b, batch] of batches.entries()) {
      const answer = answers[b];
      const stored = batch.filter((e) => e.id !== shared.id || answer?.duplicates === 0);
      const seqs = stored.map((e) => seqOf(e.id));
      expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
      expect(answer).toEqual({
        accepted: stored.length,
        duplicates: batch.length - stored.length,
        cursor: seqs.at(-1),
      });
    }
    expect(new Set(page.events.map((e) => e.id)).size).toBe(41);
    expect(page.events.some((e) => e.id === firstOfBroken.id)).toBe(false);
    expect(await ghost.greatestSeq()).toBe(0);
  });
});

describe.each(STORE_KINDS)('a burst of pushes (%s)', (kind) => {
  let opened: OpenedStore;
  beforeAll(async () => {
    opened = await OPEN[kind]();
  });
  afterAll(() => opened.done());

  it('stores more at once than one transaction takes, each push answered as its own', async () => {
    const shop = opened.store.shop((await opened.store.addShop('Burst', T0)).id);
    const { jobId } = openedEvent();
    // 3,000 events: more than the 2,000 PostgreSQL stores in one transaction of pushes.
    const batches = Array.from({ length: 30 }, (_, b) =>
      Array.from({ length: 100 }, (_, i) =>
        event(jobId, 'note.added', { text: `${b}/${i}` }, stampAt(b * 100 + i)),
      ),
    );
    const answers = await Promise.all(
      batches.map((batch) => shop.appendEvents(batch, T0, 'aaaaaaaaaaaaaaaa')),
    );
    expect(answers.map((a) => a.accepted)).toEqual(batches.map(() => 100));
    const seqOf = new Map<string, number>();
    for (let after = 0; ;) {
      const page = await shop.readEvents(after, 1000);
      for (const e of page.events) seqOf.set(e.id, e.seq);
      if (!page.more) break;
      after = page.cursor;
    }
    expect(seqOf.size).toBe(3000);
    // Each push's hundred together, in its order, ending at the cursor it was answered.
    for (const [b, batch] of batches.entries()) {
      const seqs = batch.map((e) => seqOf.get(e.id) ?? -1);
      expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
      expect(answers[b]?.cursor).toBe(seqs.at(-1));
    }
    expect([...seqOf.values()].sort((x, y) => x - y)).toEqual(
      Array.from({ length: 3000 }, (_, i) => i + 1),
    );
  });
});

describe.each(STORE_KINDS)('a pull over HTTP from the stored text (%s)', (kind) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(join(tmpdir(), 'loupe-no-build'), { store: kind });
    token = (await pairDevice(server)).token;
  });
  afterAll(() => server.close());

  it('answers the same JSON a serialised page would be, in the keys and order the client reads', async () => {
    const api = client(server.url, token);
    // A push takes only the types this server knows.
    const events = trickyEvents().filter((e) => e.type !== 'job.teleported');
    await api.pushOk(events);
    const res = await api.pull(`?after=1&limit=5&seen=${events[0]?.id ?? ''}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = await res.text();
    const parsed = JSON.parse(body) as Record<string, unknown>;
    // Exactly what JSON.stringify of the page object gives: nothing the client reads is different.
    expect(body).toBe(JSON.stringify(parsed));
    expect(Object.keys(parsed)).toEqual([
      'events',
      'cursor',
      'more',
      'history',
      'diverged',
      'serverTime',
      'serverVersion',
    ]);
    const page = pullResponseSchema.parse(parsed);
    const stored = await withShopStore(server.data, (shop) => shop.readEvents(1, 5));
    expect(page).toMatchObject({ ...stored, diverged: false });
    expect(page.events.map((e) => e.data)).toEqual(events.slice(1, 6).map((e) => e.data));
    // Caught up, and without `seen`: no `diverged` key at all.
    const tail = JSON.parse(await (await api.pull(`?after=${events.length}`)).text()) as object;
    expect(Object.keys(tail)).toEqual([
      'events',
      'cursor',
      'more',
      'history',
      'serverTime',
      'serverVersion',
    ]);
    expect(tail).toMatchObject({ events: [], cursor: events.length, more: false });
  });
});
