// A server that answers in the wrong shape (not Loupe, a proxy's page, a broken version): every
// answer is checked with the shared schemas, and a wrong one is an error shown, never stored.
import 'fake-indexeddb/auto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LoupeDB, syncPosition } from '../../src/db';
import { createApiClient, SyncRequestError } from '../../src/sync/apiClient';
import { runSync } from '../../src/sync/engine';

const servers: Server[] = [];
const dbs: LoupeDB[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
  for (const db of dbs.splice(0)) await db.delete();
});

/** A server on 127.0.0.1 that answers every request with `body`. */
async function answering(body: unknown): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const goodEvent = {
  seq: 1,
  id: '01JDX5C1W0AAAAAAAAAAAAAAAA',
  jobId: '01JDX5C1W0BBBBBBBBBBBBBBBB',
  type: 'note.added',
  at: '2026-11-23T09:00:00.000Z-0000-aaaaaaaaaaaaaaaa',
  actor: 'staff-mia',
  device: 'aaaaaaaaaaaaaaaa',
  data: { text: 'x' },
};

describe('answers in the wrong shape', () => {
  it.each([
    ['events that are not a list', { events: 'none', cursor: 1, more: false }],
    ['no cursor', { events: [goodEvent], more: false }],
    ['a cursor that is text', { events: [goodEvent], cursor: '1', more: false }],
    ['an HTML page as JSON text', '<html>Welcome to the hotel Wi-Fi</html>'],
  ])('a pull with %s stops the sync with a clear error and stores nothing', async (_what, body) => {
    const url = await answering(body);
    const db = new LoupeDB(`bad-answers-${Date.now()}-${dbs.length}`);
    dbs.push(db);
    const api = createApiClient({ serverUrl: url, token: 't'.repeat(43) });
    const failure = await runSync(db, api).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(SyncRequestError);
    expect((failure as SyncRequestError).code).toBe('bad_answer');
    expect((failure as SyncRequestError).message).toMatch(
      /^The shop server's answer to receiving changes does not have the expected shape/,
    );
    expect(await db.events.count()).toBe(0);
    expect(await syncPosition(db)).toEqual({ cursor: 0, eventId: null });
  });

  it('a pairing answer without a token pairs nothing', async () => {
    const url = await answering({ deviceId: 'abc' });
    await expect(createApiClient({ serverUrl: url }).pair('K7QF3MXP')).rejects.toMatchObject({
      code: 'bad_answer',
    });
  });
});
