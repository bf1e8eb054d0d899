// The server's HTTP face: the app's files, the API's 404s, security headers, health and settings.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiErrorSchema, healthResponseSchema } from '../../src/protocol/api';
import { readConfig } from '../../src/server/config';
import { SQLITE_FILE_NAME } from '../../src/server/store/sqliteStore';
import { startTestServer, STORE_KINDS, type TestServer } from './startTestServer';
import { pairDevice, withSideStore } from './syncHelpers';

const INDEX_HTML = '<!doctype html><title>Loupe</title><div id="root"></div>';

function makeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("app")');
  writeFileSync(join(dir, 'scanner.wasm'), new Uint8Array([0, 97, 115, 109]));
  return dir;
}

// Every suite with a server on both stores: what it serves does not depend on where its data is.
describe.each(STORE_KINDS)('on %s', (kind) => {
  describe('Loupe server with a build', () => {
    let server: TestServer;
    let build: string;

    beforeAll(async () => {
      build = makeBuild();
      server = await startTestServer(build, { store: kind });
    });
    afterAll(async () => {
      await server.close();
      rmSync(build, { recursive: true, force: true });
    });

    it('listens on 127.0.0.1 only', () => {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('answers GET /api/v1/health with ok and the version', async () => {
      const res = await fetch(`${server.url}/api/v1/health`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      const body = healthResponseSchema.parse(await res.json());
      expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    });

    // Where its data is differs by store: the SQLite file is the data of a shop's own box.
    if (kind === 'sqlite') {
      it('creates its SQLite file under the data folder, in WAL mode', () => {
        const file = join(server.dataDir, SQLITE_FILE_NAME);
        expect(existsSync(file)).toBe(true);
        const db = new Database(file, { readonly: true });
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
        db.close();
      });
    } else {
      it('keeps its data in PostgreSQL, migrated, and makes no SQLite file', async () => {
        expect(existsSync(join(server.dataDir, SQLITE_FILE_NAME))).toBe(false);
        await withSideStore(server.data, async (store) => {
          expect(store.kind).toBe('postgres');
          expect(await store.schemaVersion()).toBeGreaterThanOrEqual(1);
        });
      });
    }

    it.each([
      ['GET', '/api/v1/nope'],
      ['POST', '/api/v1/health/extra'],
      ['GET', '/api/v2/health'],
      ['DELETE', '/api/v1/events'],
    ])('answers %s %s with a JSON 404', async (method, path) => {
      const res = await fetch(`${server.url}${path}`, { method });
      expect(res.status).toBe(404);
      const body = apiErrorSchema.parse(await res.json());
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toContain(path);
    });

    it('serves index.html at the root and for deep links', async () => {
      for (const path of ['/', '/jobs', '/jobs/01JXYZ', '/j/abc']) {
        const res = await fetch(`${server.url}${path}`);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('content-type')).toContain('text/html');
        expect(await res.text()).toBe(INDEX_HTML);
      }
    });

    it('never lets the browser cache the service worker, and caches hashed assets for good', async () => {
      const sw = await fetch(`${server.url}/sw.js`);
      expect(sw.headers.get('cache-control')).toBe('no-cache');
      expect(sw.headers.get('content-type')).toContain('text/javascript');
      const asset = await fetch(`${server.url}/assets/index-abc123.js`);
      expect(asset.headers.get('cache-control')).toContain('immutable');
    });

    it('serves .wasm with its own type (the scanner streams it)', async () => {
      const res = await fetch(`${server.url}/scanner.wasm`);
      expect(res.headers.get('content-type')).toBe('application/wasm');
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
    });

    it('answers a missing file with 404, not the app shell', async () => {
      const res = await fetch(`${server.url}/assets/gone-123.js`);
      expect(res.status).toBe(404);
    });

    it('never serves a file outside the build folder', async () => {
      const res = await fetch(`${server.url}/..%2f..%2fetc%2fpasswd`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('root:');
    });
  });

  describe('security headers and broken addresses', () => {
    let server: TestServer;
    let build: string;
    let token: string;

    beforeAll(async () => {
      build = makeBuild();
      server = await startTestServer(build, { store: kind });
      token = (await pairDevice(server)).token;
    });
    afterAll(async () => {
      await server.close();
      rmSync(build, { recursive: true, force: true });
    });

    function expectSecurityHeaders(res: Response, what: string): void {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, what).toContain("default-src 'self'");
      expect(csp, what).toContain("frame-ancestors 'none'");
      expect(csp, what).toContain("object-src 'none'");
      // The scanner's WebAssembly may compile; JavaScript eval and inline scripts may not.
      expect(csp, what).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
      expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), what).toBe('DENY');
      expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
      // Plain HTTP: HSTS would be ignored, and on 127.0.0.1 it would only confuse.
      expect(res.headers.get('strict-transport-security'), what).toBeNull();
    }

    it('puts them on every answer: app, assets, API, photos, errors and 404s', async () => {
      const photo = new TextEncoder().encode('<html><script>alert(1)</script>');
      const hash = createHash('sha256').update(photo).digest('hex');
      const auth = { Authorization: `Bearer ${token}` };
      const put = await fetch(`${server.url}/api/v1/blobs/${hash}`, {
        method: 'PUT',
        body: photo,
        headers: { ...auth, 'Content-Type': 'application/octet-stream' },
      });
      expect(put.status).toBe(201);
      const answers: [string, Promise<Response>, number][] = [
        ['the app shell', fetch(`${server.url}/`), 200],
        ['a deep link', fetch(`${server.url}/jobs/01JXYZ`), 200],
        ['the service worker', fetch(`${server.url}/sw.js`), 200],
        ['an asset', fetch(`${server.url}/assets/index-abc123.js`), 200],
        ['the .wasm', fetch(`${server.url}/scanner.wasm`), 200],
        ['a missing file', fetch(`${server.url}/assets/gone.js`), 404],
        ['health', fetch(`${server.url}/api/v1/health`), 200],
        ['an API 404', fetch(`${server.url}/api/v1/nope`), 404],
        ['another API version', fetch(`${server.url}/api/v2/health`), 404],
        ['a POST to the app', fetch(`${server.url}/jobs`, { method: 'POST' }), 404],
        ['no token', fetch(`${server.url}/api/v1/events?after=0`), 401],
        ['a pull', fetch(`${server.url}/api/v1/events?after=0`, { headers: auth }), 200],
        ['a bad query', fetch(`${server.url}/api/v1/events?after=x`, { headers: auth }), 400],
        ['a photo', fetch(`${server.url}/api/v1/blobs/${hash}`, { headers: auth }), 200],
        [
          'HEAD of a photo',
          fetch(`${server.url}/api/v1/blobs/${hash}`, { method: 'HEAD', headers: auth }),
          200,
        ],
        ['a broken path', fetch(`${server.url}/%ff`), 400],
      ];
      for (const [what, pending, status] of answers) {
        const res = await pending;
        expect(res.status, what).toBe(status);
        expectSecurityHeaders(res, what);
        await res.body?.cancel();
      }
    });

    it('serves a photo as bytes a browser never sniffs into a page', async () => {
      const bytes = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');
      const hash = createHash('sha256').update(bytes).digest('hex');
      const auth = { Authorization: `Bearer ${token}` };
      await fetch(`${server.url}/api/v1/blobs/${hash}`, {
        method: 'PUT',
        body: bytes,
        headers: auth,
      });
      const res = await fetch(`${server.url}/api/v1/blobs/${hash}`, { headers: auth });
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it.each(['/%', '/%ff', '/jobs/%E0%A4%A', '/assets/%zz.js', '/api/v1/%ff', '/api/v1/blobs/%'])(
      'answers GET %s with 400 and the error shape, and logs no stack trace',
      async (path) => {
        const logged = vi.spyOn(console, 'error');
        try {
          const res = await fetch(`${server.url}${path}`);
          expect(res.status).toBe(400);
          const body = apiErrorSchema.parse(await res.json());
          expect(body.error.code).toBe('bad_request');
          expect(body.error.message).toContain('is not a valid path');
          expect(logged).not.toHaveBeenCalled();
        } finally {
          logged.mockRestore();
        }
      },
    );

    it('still serves paths with proper escapes', async () => {
      const res = await fetch(`${server.url}/jobs/caf%C3%A9%20ring`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(INDEX_HTML);
    });
  });

  describe('Loupe server without a build', () => {
    it('says clearly that the app is not built, and the API still answers', async () => {
      const empty = mkdtempSync(join(tmpdir(), 'loupe-empty-'));
      const server = await startTestServer(empty, { store: kind });
      try {
        const res = await fetch(`${server.url}/jobs`);
        expect(res.status).toBe(503);
        const text = await res.text();
        expect(text).toContain('Loupe has not been built yet');
        expect(text).toContain('npm start');
        expect(text).not.toMatch(/at \w+ \(/); // no stack trace
        expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
      } finally {
        await server.close();
        rmSync(empty, { recursive: true, force: true });
      }
    });
  });
});

describe('readConfig', () => {
  it('defaults to 127.0.0.1:8080 with data under ./data', () => {
    const config = readConfig({});
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(join(process.cwd(), 'data'));
  });

  it('takes PORT and DATA_DIR from the environment', () => {
    const config = readConfig({ PORT: '9000', DATA_DIR: '/srv/loupe' });
    expect(config.port).toBe(9000);
    expect(config.dataDir).toBe('/srv/loupe');
  });

  it('refuses a PORT that is not a port, saying what it got', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(
      'PORT must be a whole number from 0 to 65535, got "eighty".',
    );
  });
});
