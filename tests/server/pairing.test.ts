// Pairing over HTTP: one-time codes from `npm run pair`, their expiry, and the limit on guessing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAIRING_CODE_PATTERN, pairResponseSchema } from '../../src/protocol/sync';
import { AttemptLimiter } from '../../src/server/auth/attemptLimiter';
import { PAIRING_CODE_TTL_MS } from '../../src/server/auth/pairing';
import { newPairingCode } from '../../src/server/auth/secrets';
import { SQLITE_FILE_NAME } from '../../src/server/store/sqliteStore';
import { startTestServer, TestClock, type TestServer } from './startTestServer';
import { client, errorOf, makeCode, postJson, withSideStore } from './syncHelpers';

const NO_BUILD = '/nonexistent-loupe-build';

describe('POST /api/v1/pair', () => {
  let server: TestServer;
  let clock: TestClock;
  const pair = (body: unknown) => postJson(`${server.url}/api/v1/pair`, body);

  beforeEach(async () => {
    clock = new TestClock();
    server = await startTestServer(NO_BUILD, { now: clock.now });
  });
  afterEach(async () => {
    await server.close();
  });

  it('trades a code from the server for a device id and a bearer token', async () => {
    const code = await makeCode(server.dataDir, clock.ms);
    expect(code).toMatch(PAIRING_CODE_PATTERN);
    const res = await pair({ code, name: 'Casting room' });
    expect(res.status).toBe(200);
    const body = pairResponseSchema.parse(await res.json());
    expect(body.deviceId).toMatch(/^[0-9a-f]{16}$/);
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The token works at once, and the server lists the tablet under the name it gave.
    expect((await client(server.url, body.token).pull('?after=0')).status).toBe(200);
    const devices = await withSideStore(server.dataDir, (s) => s.listDevices());
    expect(devices).toMatchObject([{ id: body.deviceId, name: 'Casting room', revokedAt: null }]);
  });

  it('keeps neither the token nor the code in the SQLite file, only their hashes', async () => {
    const code = await makeCode(server.dataDir, clock.ms);
    const { token } = pairResponseSchema.parse(await (await pair({ code })).json());
    const files = ['', '-wal'].map((suffix) => join(server.dataDir, SQLITE_FILE_NAME + suffix));
    const bytes = files.map((f) => readFileSync(f).toString('latin1')).join('');
    expect(bytes).not.toContain(token);
    expect(bytes).not.toContain(code);
  });

  it('accepts the code as a person types it: lower case, spaces, a dash', async () => {
    const code = await makeCode(server.dataDir, clock.ms);
    const typed = ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `;
    expect((await pair({ code: typed })).status).toBe(200);
  });

  it('pairs only one tablet per code', async () => {
    const code = await makeCode(server.dataDir, clock.ms);
    expect((await pair({ code })).status).toBe(200);
    const again = await pair({ code });
    expect(again.status).toBe(401);
    const error = await errorOf(again);
    expect(error.code).toBe('invalid_pairing_code');
    expect(error.message).toContain('already paired a tablet');
    expect(error.message).toContain('npm run pair');
  });

  it('refuses a code once its 10 minutes are up', async () => {
    const early = await makeCode(server.dataDir, clock.ms);
    const late = await makeCode(server.dataDir, clock.ms);
    clock.advance(PAIRING_CODE_TTL_MS - 1);
    expect((await pair({ code: early })).status).toBe(200);
    clock.advance(1);
    const res = await pair({ code: late });
    expect(res.status).toBe(401);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_pairing_code');
    expect(error.message).toContain('has expired');
  });

  it('refuses a code the server never made', async () => {
    await makeCode(server.dataDir, clock.ms);
    const res = await pair({ code: newPairingCode() });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toContain('not right');
  });

  it.each([
    [{ code: '12345678' }, 'code: A pairing code is 8 letters and digits (no 0, O, 1, I or L)'],
    [{ code: 'ABC' }, 'code: A pairing code is 8 letters and digits'],
    [{}, 'code: Enter the pairing code.'],
    [{ code: 42 }, 'code: Enter the pairing code.'],
    [[], 'body: '],
    ['{"code": ', 'The body is not valid JSON'],
    ['', 'The request has no body'],
  ])('answers %j with a 400 naming the field', async (body, message) => {
    const res = await pair(body);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain(message);
  });

  it('after 5 wrong codes from one address answers 429, even to a right code, for 10 minutes', async () => {
    const right = await makeCode(server.dataDir, clock.ms);
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      expect((await pair({ code: newPairingCode() })).status).toBe(401);
    }
    const blocked = await pair({ code: right });
    expect(blocked.status).toBe(429);
    const error = await errorOf(blocked);
    expect(error.code).toBe('too_many_attempts');
    expect(error.message).toBe(
      'Too many wrong pairing codes from this tablet. Try again in 10 minutes.',
    );
    // The first wrong code was 5 s ago (at +1 s); it leaves the window at +601 s.
    expect(blocked.headers.get('retry-after')).toBe('596');

    clock.advance(595_000);
    const fresh = await makeCode(server.dataDir, clock.ms);
    expect((await pair({ code: fresh })).status).toBe(429);
    clock.advance(1_000);
    expect((await pair({ code: fresh })).status).toBe(200);
  });

  it('does not count malformed requests as guesses', async () => {
    for (let i = 0; i < 10; i++) expect((await pair({ code: 'nope' })).status).toBe(400);
    expect((await pair({ code: await makeCode(server.dataDir, clock.ms) })).status).toBe(200);
  });
});

describe('the global cap on wrong pairing codes', () => {
  it('pauses pairing for everyone once the server has seen too many wrong codes', async () => {
    const clock = new TestClock();
    const server = await startTestServer(NO_BUILD, {
      now: clock.now,
      pairingLimits: { perAddress: 100, global: 3, windowMs: 60_000 },
    });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await postJson(`${server.url}/api/v1/pair`, { code: newPairingCode() });
        expect(res.status).toBe(401);
      }
      const res = await postJson(`${server.url}/api/v1/pair`, { code: newPairingCode() });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('60');
      expect((await errorOf(res)).message).toBe(
        'Too many wrong pairing codes have reached the server. Pairing is paused for 1 minute.',
      );
    } finally {
      await server.close();
    }
  });
});

describe('AttemptLimiter', () => {
  const limits = { perAddress: 2, global: 3, windowMs: 1000 };

  it('blocks an address after its limit, and only that address', () => {
    const clock = new TestClock(0);
    const limiter = new AttemptLimiter(limits, clock.now);
    limiter.recordFailure('10.0.0.5');
    expect(limiter.check('10.0.0.5')).toEqual({ allowed: true });
    clock.advance(100);
    limiter.recordFailure('10.0.0.5');
    expect(limiter.check('10.0.0.5')).toEqual({
      allowed: false,
      scope: 'address',
      retryAfterMs: 900,
    });
    expect(limiter.check('10.0.0.6')).toEqual({ allowed: true });
    clock.advance(900);
    expect(limiter.check('10.0.0.5')).toEqual({ allowed: true });
  });

  it('blocks every address once the failures of all of them reach the global cap', () => {
    const clock = new TestClock(0);
    const limiter = new AttemptLimiter(limits, clock.now);
    for (const address of ['a', 'b', 'c']) limiter.recordFailure(address);
    expect(limiter.check('d')).toEqual({ allowed: false, scope: 'global', retryAfterMs: 1000 });
    clock.advance(1000);
    expect(limiter.check('d')).toEqual({ allowed: true });
  });
});
