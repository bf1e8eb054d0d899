import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, healthResponseSchema } from '../../src/protocol/api';
import { readConfig } from '../../src/server/config';
import { SQLITE_FILE_NAME } from '../../src/server/store/sqliteStore';
import { startTestServer, type TestServer } from './startTestServer';

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

describe('Loupe server with a build', () => {
  let server: TestServer;
  let build: string;

  beforeAll(async () => {
    build = makeBuild();
    server = await startTestServer(build);
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

  it('creates its SQLite file under the data folder, in WAL mode', () => {
    const file = join(server.dataDir, SQLITE_FILE_NAME);
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
    db.close();
  });

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

describe('Loupe server without a build', () => {
  it('says clearly that the app is not built, and the API still answers', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'loupe-empty-'));
    const server = await startTestServer(empty);
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
