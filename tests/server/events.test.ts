// Push and pull over HTTP: idempotent by event id, paged by seq, all or nothing per batch.
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatStamp } from '../../src/domain/clock';
import { newUlid } from '../../src/domain/ids';
import {
  divergedResponseSchema,
  MAX_BODY_BYTES,
  MAX_PUSH_EVENTS,
  pullResponseSchema,
} from '../../src/protocol/sync';
import { unpairDevice } from '../../src/server/cli/unpair';
import { event, openedEvent } from '../support/events';
import { freshData } from '../sync/support/storeData';
import { startTestServer, STORE_KINDS, type TestServer } from './startTestServer';
import { client, errorOf, notes, pairDevice, postJson, withShopStore } from './syncHelpers';

const NO_BUILD = '/nonexistent-loupe-build';

/** The event as pulled, without its seq: what was pushed. */
const withoutSeq = ({ seq: _seq, ...rest }: { seq: number } & Record<string, unknown>) => rest;

/** The whole first response in `bytes` (its head and the body its Content-Length gives), if there. */
function wholeResponse(bytes: Buffer): boolean {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length: *(\d+)/i.exec(bytes.subarray(0, end).toString('latin1'));
  return length !== null && bytes.length >= end + 4 + Number(length[1]);
}

/**
 * Sends raw bytes on one connection and returns what comes back until the server closes it. With
 * `stillSending`, the client does not end its side (the rest of a body it claimed is still to
 * come): the answer is returned once a whole response is in, without waiting for the server to close.
 */
function rawRequest(
  baseUrl: string,
  payload: string,
  { stillSending = false }: { stillSending?: boolean } = {},
): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = Buffer.alloc(0);
    const done = () => {
      resolve(answer.toString('utf8'));
    };
    socket.on('data', (data: Buffer) => {
      answer = Buffer.concat([answer, data]);
      if (stillSending && wholeResponse(answer)) {
        done();
        socket.destroy();
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // The server may reset the connection while bytes it refused are still arriving.
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') done();
      else reject(err);
    });
    socket.on('close', done);
    socket.write(payload, () => {
      if (!stillSending) socket.end();
    });
  });
}

// Every suite on both stores: the routes cannot tell them apart, and neither may a tablet.
describe.each(STORE_KINDS)('on %s', (kind) => {
  describe('push and pull', () => {
    let server: TestServer;
    let api: ReturnType<typeof client>;

    beforeEach(async () => {
      server = await startTestServer(NO_BUILD, { store: kind });
      api = client(server.url, (await pairDevice(server)).token);
      return () => server.close();
    });

    it('stores a batch and hands it back with seqs 1, 2, 3…', async () => {
      const { opened } = openedEvent();
      const batch = [opened, ...notes(4)];
      expect(await api.pushOk(batch)).toMatchObject({ accepted: 5, duplicates: 0, cursor: 5 });
      const page = await api.pullOk(0);
      expect(page.more).toBe(false);
      expect(page.cursor).toBe(5);
      expect(page.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(page.events.map(withoutSeq)).toEqual(batch);
    });

    it('is idempotent: the same batch twice stores nothing new and answers the same cursor', async () => {
      const batch = notes(20);
      const first = await api.pushOk(batch);
      expect(first).toMatchObject({ accepted: 20, duplicates: 0, cursor: 20 });
      expect(first.serverTime).toEqual(expect.any(Number));
      // A retry after a lost answer: the tablet cannot know the first push was stored.
      expect(await api.pushOk(batch)).toMatchObject({ accepted: 0, duplicates: 20, cursor: 20 });
      const { events } = await api.pullOk(0);
      expect(events).toHaveLength(20);
    });

    it('counts an id seen before as a duplicate that changes nothing, even with other content', async () => {
      const [a, b] = notes(2);
      if (!a || !b) throw new Error('two events expected');
      await api.pushOk([a]);
      const altered = { ...a, data: { text: 'Rewritten history' } };
      const dupInBatch = { ...b };
      expect(await api.pushOk([altered, b, dupInBatch])).toMatchObject({
        accepted: 1,
        duplicates: 2,
        cursor: 2,
      });
      const { events } = await api.pullOk(0);
      expect(events.map(withoutSeq)).toEqual([a, b]);
    });

    it('answers an empty batch with the current cursor', async () => {
      await api.pushOk(notes(3));
      expect(await api.pushOk([])).toMatchObject({ accepted: 0, duplicates: 0, cursor: 3 });
    });

    it('answers the greatest seq stored, including events other tablets pushed', async () => {
      const other = client(server.url, (await pairDevice(server)).token);
      await other.pushOk(notes(7));
      expect(await api.pushOk(notes(2))).toMatchObject({ accepted: 2, duplicates: 0, cursor: 9 });
    });

    it('keeps each event exactly as the tablet sent it (every device holds the same bytes)', async () => {
      const { jobId } = openedEvent();
      const note = event(jobId, 'note.added', { text: '  Loose stone at 3 o’clock  ' });
      await api.pushOk([note]);
      const [pulled] = (await api.pullOk(0)).events;
      expect(pulled?.data).toEqual({ text: '  Loose stone at 3 o’clock  ' });
    });

    it('pages 1,234 events by seq with no gap and no repeat', async () => {
      const pushed: string[] = [];
      let lastCursor = 0;
      // Uneven batches, as a tablet's outbox drains them.
      for (const size of [100, 500, 1, 233, 400]) {
        const batch = notes(size);
        const { accepted, cursor } = await api.pushOk(batch);
        expect(accepted).toBe(size);
        expect(cursor).toBe(lastCursor + size);
        lastCursor = cursor;
        pushed.push(...batch.map((e) => e.id));
      }
      expect(pushed).toHaveLength(1234);

      const { pages, cursor } = await api.pullAll(100);
      expect(pages).toHaveLength(13);
      expect(pages.slice(0, -1).every((p) => p.more && p.events.length === 100)).toBe(true);
      expect(pages.at(-1)?.events).toHaveLength(34);
      expect(cursor).toBe(1234);
      const seqs = pages.flatMap((p) => p.events.map((e) => e.seq));
      expect(seqs).toEqual(Array.from({ length: 1234 }, (_, i) => i + 1));
      expect(pages.flatMap((p) => p.events.map((e) => e.id))).toEqual(pushed);
      for (const page of pages) expect(page.cursor).toBe(page.events.at(-1)?.seq);

      // Caught up: nothing more, and the cursor stays where it was.
      const caughtUp = await api.pullOk(1234, 100);
      expect(caughtUp).toMatchObject({ events: [], cursor: 1234, more: false });
      expect(caughtUp.history).toMatch(/^[0-9a-f-]{36}$/);
      expect(pages.map((p) => p.history)).toEqual(pages.map(() => caughtUp.history));
      // A cursor past the last event: the server answers its own last seq. A GET changes nothing
      // on the server: the history stays, however often a device asks.
      for (let i = 0; i < 3; i++) {
        const behind = await api.pullOk(5000);
        expect(behind).toMatchObject({ events: [], cursor: 1234, more: false });
        expect(behind.history).toBe(caughtUp.history);
      }
      expect((await api.pullOk(0, 1)).history).toBe(caughtUp.history);
    });

    it('pulls 500 by default and up to 1000 when asked', async () => {
      for (let i = 0; i < 3; i++) await api.pushOk(notes(400));
      const res = await api.pull('');
      expect(res.status).toBe(200);
      const page = (await res.json()) as { events: unknown[]; cursor: number; more: boolean };
      expect(page.events).toHaveLength(500);
      expect(page.cursor).toBe(500);
      expect(page.more).toBe(true);
      const big = await api.pullOk(0, 1000);
      expect(big.events).toHaveLength(1000);
      expect(big.more).toBe(true);
      const rest = await api.pullOk(1000, 1000);
      expect(rest).toMatchObject({ cursor: 1200, more: false });
    });

    it.each([
      ['?limit=2001', 'limit: Use a whole number from 1 to 2000.'],
      ['?limit=0', 'limit: Use a whole number from 1 to 2000.'],
      ['?limit=2.5', 'limit: Use a whole number from 1 to 2000.'],
      ['?after=-1', 'after: Use a whole number of 0 or more.'],
      ['?after=abc', 'after: Use a whole number of 0 or more.'],
    ])('answers a pull with %s by a 400 naming the parameter', async (query, message) => {
      const res = await api.pull(query);
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toEqual({ code: 'bad_request', message });
    });
  });

  describe('bad pushes store nothing and the server keeps serving', () => {
    let server: TestServer;
    let api: ReturnType<typeof client>;
    let token: string;

    beforeAll(async () => {
      server = await startTestServer(NO_BUILD, { store: kind });
      token = (await pairDevice(server)).token;
      api = client(server.url, token);
    });
    afterAll(async () => {
      await server.close();
    });

    async function expectNothingStored() {
      expect(await api.pullOk(0)).toMatchObject({ events: [], cursor: 0, more: false });
      expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
    }

    it('refuses a batch with one bad event, naming its index and field', async () => {
      const batch = notes(10);
      const { opened } = openedEvent({ customer: { name: '   ' } });
      batch[3] = opened;
      const res = await api.push(batch);
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toEqual({
        code: 'bad_request',
        message:
          "events[3].data.customer.name: Enter the customer's name. Nothing in this batch was stored.",
        // Which event, so the tablet sets exactly that one aside and sends the rest.
        events: [
          {
            index: 3,
            id: opened.id,
            code: 'invalid',
            message: "events[3].data.customer.name: Enter the customer's name.",
          },
        ],
      });
      await expectNothingStored();
    });

    it('says how many more events are bad', async () => {
      const batch = notes(5).map((e, i) => (i % 2 === 0 ? { ...e, at: 'yesterday' } : e));
      const error = await errorOf(await api.push(batch));
      expect(error.message).toBe(
        'events[0].at: Not a clock stamp. 2 more events in this batch are refused too. Nothing in this batch was stored.',
      );
      await expectNothingStored();
    });

    it.each([
      [
        'an unknown event type',
        { type: 'job.teleported' },
        'events[0].type: Unknown event type "job.teleported".',
      ],
      ['a wrong type of field', { actor: 42 }, 'events[0].actor: '],
      ['a missing field', { id: undefined }, 'events[0].id: '],
      ['data of the wrong shape', { data: { text: 7 } }, 'events[0].data.text: '],
    ])('refuses %s with a 400 naming the field', async (_what, change, message) => {
      const [note] = notes(1);
      const res = await api.push([{ ...note, ...change }]);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toContain(message);
      await expectNothingStored();
    });

    it.each([
      ['not JSON', '{"events": [', 'The body is not valid JSON'],
      ['no events array', '{"event": []}', 'events: Send { "events": [ … ] }'],
      ['events not an array', '{"events": {}}', 'events: Send { "events": [ … ] }'],
      ['a bare array', '[]', 'events: Send { "events": [ … ] }'],
      ['an empty body', '', 'The request has no body'],
    ])('refuses %s with a 400', async (_what, body, message) => {
      const res = await postJson(`${server.url}/api/v1/events`, body, token);
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('bad_request');
      expect(error.message).toContain(message);
      await expectNothingStored();
    });

    it(`refuses a batch of ${MAX_PUSH_EVENTS + 1} events with a 413`, async () => {
      const res = await api.push(notes(MAX_PUSH_EVENTS + 1));
      expect(res.status).toBe(413);
      expect(await errorOf(res)).toEqual({
        code: 'too_large',
        message:
          'A push holds at most 500 events, and this one has 501. Send them in batches of 500 or fewer.',
      });
      await expectNothingStored();
    });

    it('accepts a batch of exactly 500', async () => {
      const fresh = await startTestServer(NO_BUILD, { store: kind });
      try {
        const other = client(fresh.url, (await pairDevice(fresh)).token);
        expect(await other.pushOk(notes(MAX_PUSH_EVENTS))).toMatchObject({ accepted: 500 });
      } finally {
        await fresh.close();
      }
    });

    it('refuses a body over 1 MiB with a 413', async () => {
      const big = JSON.stringify({ events: notes(1), padding: 'x'.repeat(1.1 * MAX_BODY_BYTES) });
      const res = await postJson(`${server.url}/api/v1/events`, big, token);
      expect(res.status).toBe(413);
      const error = await errorOf(res);
      expect(error.code).toBe('too_large');
      expect(error.message).toBe(
        'This batch of events is larger than the 1 MiB the server takes. Send the events in smaller batches.',
      );
      await expectNothingStored();
    });

    it('cuts off a chunked body (no Content-Length) once it passes 1 MiB', async () => {
      let sent = 0;
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"events":[],"padding":"'));
        },
        pull(controller) {
          // Ends after 4 MiB either way, so a server that kept reading would still finish.
          if (sent >= 4 * MAX_BODY_BYTES) {
            controller.close();
            return;
          }
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const res = await fetch(`${server.url}/api/v1/events`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect((await errorOf(res)).code).toBe('too_large');
      await expectNothingStored();
    });

    it('refuses at once a Content-Length over 1 MiB, without waiting for the body', async () => {
      const head = [
        'POST /api/v1/events HTTP/1.1',
        'Host: 127.0.0.1',
        `Authorization: Bearer ${token}`,
        'Content-Type: application/json',
        `Content-Length: ${2 * MAX_BODY_BYTES}`,
        '',
        '',
      ].join('\r\n');
      // The client goes on as if 2 MiB were to follow: the answer may not wait for them (and on
      // PostgreSQL, where the token is looked up over the network, an ended socket would race it).
      const answer = await rawRequest(server.url, head + '{"events":[]}', { stillSending: true });
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toContain('"code":"too_large"');
      await expectNothingStored();
    });

    it('reads no more than a too-small Content-Length claims, and stores nothing', async () => {
      // The header says 20 bytes and 2 MiB follow: the server reads 20 bytes (not JSON) and stops.
      const bytes = JSON.stringify({ events: notes(3), padding: 'x'.repeat(2 * MAX_BODY_BYTES) });
      const head = [
        'POST /api/v1/events HTTP/1.1',
        'Host: 127.0.0.1',
        `Authorization: Bearer ${token}`,
        'Content-Type: application/json',
        'Content-Length: 20',
        '',
        '',
      ].join('\r\n');
      const answer = await rawRequest(server.url, head + bytes);
      // Node reads the rest as a next request, finds no HTTP in it and closes the connection with a
      // 400 of its own, before or instead of the app's "not valid JSON" 400.
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      await expectNothingStored();
    });
  });

  describe('tokens', () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer(NO_BUILD, { store: kind });
    });
    afterAll(async () => {
      await server.close();
    });

    const routes: [string, string][] = [
      ['POST', '/api/v1/events'],
      ['GET', '/api/v1/events?after=0'],
      ['PUT', `/api/v1/blobs/${'a'.repeat(64)}`],
      ['GET', `/api/v1/blobs/${'a'.repeat(64)}`],
    ];

    it.each(routes)('%s %s without a token answers 401', async (method, path) => {
      const res = await fetch(server.url + path, {
        method,
        ...(method === 'GET' ? {} : { body: '{"events":[]}' }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      const error = await errorOf(res);
      expect(error.code).toBe('unauthorized');
      expect(error.message).toContain('not paired');
    });

    it('HEAD of a blob without a token answers 401', async () => {
      const res = await fetch(`${server.url}/api/v1/blobs/${'a'.repeat(64)}`, { method: 'HEAD' });
      expect(res.status).toBe(401);
    });

    it.each([
      ['a token the server never gave', `Bearer ${'A'.repeat(43)}`, 'does not know'],
      ['a malformed header', 'Basic dXNlcjpwYXNz', 'must be "Bearer <token>"'],
      ['a token of the wrong shape', 'Bearer short', 'must be "Bearer <token>"'],
    ])('refuses %s with a 401', async (_what, header, message) => {
      const res = await fetch(`${server.url}/api/v1/events?after=0`, {
        headers: { Authorization: header },
      });
      expect(res.status).toBe(401);
      expect((await errorOf(res)).message).toContain(message);
    });

    it('refuses a revoked token, and only that one', async () => {
      const lost = await pairDevice(server);
      const kept = await pairDevice(server);
      const lostApi = client(server.url, lost.token);
      await lostApi.pushOk(notes(2));

      const { exitCode } = await withShopStore(server.data, (shop) =>
        unpairDevice(shop, lost.deviceId),
      );
      expect(exitCode).toBe(0);

      const refused = await lostApi.push(notes(1));
      expect(refused.status).toBe(401);
      expect((await errorOf(refused)).message).toContain('unpaired on the server');
      expect((await lostApi.pull('?after=0')).status).toBe(401);
      // Its events stay, and the other tablet still syncs.
      const page = await client(server.url, kept.token).pullOk(0);
      expect(page.events).toHaveLength(2);
    });
  });

  describe('restart', () => {
    it('keeps events, seqs and tokens across a restart on the same data', async () => {
      // Its own data, which outlives the first server: on PostgreSQL the same database.
      const fresh = await freshData(kind, { prefix: 'loupe-restart-' });
      try {
        const first = await startTestServer(NO_BUILD, fresh.data);
        const { token } = await pairDevice(first);
        const batch = [openedEvent({ customer: { name: 'Ines Sousa' } }).opened, ...notes(49)];
        await client(first.url, token).pushOk(batch);
        await first.close();

        const second = await startTestServer(NO_BUILD, fresh.data);
        try {
          const api = client(second.url, token);
          const page = await api.pullOk(0);
          expect(page.events.map(withoutSeq)).toEqual(batch);
          expect(page.events.map((e) => e.seq)).toEqual(batch.map((_, i) => i + 1));
          // The same batch is still a duplicate, and new events carry on after seq 50.
          expect(await api.pushOk(batch)).toMatchObject({
            accepted: 0,
            duplicates: 50,
            cursor: 50,
          });
          expect(await api.pushOk(notes(1))).toMatchObject({
            accepted: 1,
            duplicates: 0,
            cursor: 51,
          });
        } finally {
          await second.close();
        }
      } finally {
        await fresh.remove();
      }
    });
  });

  describe('stamps at the door', () => {
    let server: TestServer;
    let api: ReturnType<typeof client>;

    beforeEach(async () => {
      server = await startTestServer(NO_BUILD, { store: kind });
      api = client(server.url, (await pairDevice(server)).token);
      return () => server.close();
    });

    it('refuses a stamp on a day that does not exist, which the pattern alone lets through', async () => {
      const [good, bad] = notes(2);
      if (!good || !bad) throw new Error('two events expected');
      const impossible = { ...bad, at: '2099-02-29T00:00:00.000Z-0000-aaaaaaaaaaaaaaaa' };
      const res = await api.push([good, impossible]);
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.events).toEqual([
        {
          index: 1,
          id: bad.id,
          code: 'invalid',
          message: 'events[1].at: Not a real time: that day does not exist.',
        },
      ]);
      expect((await api.pullOk(0)).events).toEqual([]);
    });

    it('refuses an event stamped further ahead of its clock than the drift limit, and says by how much', async () => {
      const now = Date.now();
      const [soon, later] = notes(2);
      if (!soon || !later) throw new Error('two events expected');
      const inTime = {
        ...soon,
        at: formatStamp({ ms: now + 60_000, counter: 0, device: 'aaaaaaaaaaaaaaaa' }),
      };
      const yearAhead = {
        ...later,
        at: formatStamp({ ms: now + 365 * 86_400_000, counter: 0, device: 'aaaaaaaaaaaaaaaa' }),
      };
      const refused = await errorOf(await api.push([inTime, yearAhead]));
      expect(refused.events).toHaveLength(1);
      expect(refused.events?.[0]).toMatchObject({ index: 1, id: later.id, code: 'future_stamp' });
      expect(refused.events?.[0]?.message).toMatch(
        /stamped 36[45] d( 23 h)? ahead of the shop server's clock/,
      );
      // A minute ahead is an honest clock: taken.
      expect(await api.pushOk([inTime])).toMatchObject({ accepted: 1 });
    });
  });

  describe('a restored server tells tablets apart from liars', () => {
    let server: TestServer;
    let api: ReturnType<typeof client>;
    let token: string;

    beforeEach(async () => {
      server = await startTestServer(NO_BUILD, { store: kind });
      token = (await pairDevice(server)).token;
      api = client(server.url, token);
      return () => server.close();
    });

    const report = (body: unknown) =>
      postJson(`${server.url}/api/v1/history/diverged`, body, token);

    it('says on a pull whether it holds the event the tablet saw at its cursor, and changes nothing', async () => {
      const pushed = notes(3);
      await api.pushOk(pushed);
      const seen = pushed[1]?.id ?? '';
      const res = await api.pull(`?after=2&seen=${seen}`);
      const same = pullResponseSchema.parse(await res.json());
      expect(same.diverged).toBe(false);
      expect(same.events.map((e) => e.id)).toEqual([pushed[2]?.id]);
      const other = await api.pull(`?after=2&seen=${pushed[0]?.id ?? ''}`);
      const differs = pullResponseSchema.parse(await other.json());
      expect(differs.diverged).toBe(true);
      const beyond = pullResponseSchema.parse(
        await (await api.pull(`?after=9&seen=${seen}`)).json(),
      );
      expect(beyond.diverged).toBe(true);
      // None of it started a new history.
      expect(beyond.history).toBe(same.history);
    });

    it('starts a new history only on a report it can check, and once per run', async () => {
      const pushed = notes(3);
      await api.pushOk(pushed);
      const { history } = await api.pullOk(0);
      const honest = await report({ seq: 2, id: pushed[1]?.id, history });
      expect(await honest.json()).toEqual({ history, rotated: false, diverged: false });

      const lost = await report({ seq: 7, id: newUlid(), history });
      const first = divergedResponseSchema.parse(await lost.json());
      expect(first).toMatchObject({ rotated: true, diverged: true });
      expect(first.history).not.toBe(history);
      expect((await api.pullOk(0)).history).toBe(first.history);

      // However often a device says so after that, nothing more changes in this run.
      for (let i = 0; i < 3; i++) {
        const again = divergedResponseSchema.parse(
          await (await report({ seq: 9, id: newUlid(), history: first.history })).json(),
        );
        expect(again).toEqual({ history: first.history, rotated: false, diverged: true });
      }
      expect((await api.pullOk(0)).history).toBe(first.history);
    });

    it('answers a report without a token with 401 and a malformed one with 400', async () => {
      const res = await fetch(`${server.url}/api/v1/history/diverged`, {
        method: 'POST',
        body: '{}',
      });
      expect(res.status).toBe(401);
      const bad = await report({ seq: 'x' });
      expect(bad.status).toBe(400);
    });
  });
});
