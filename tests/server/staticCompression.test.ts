// The app's files sent compressed: the build's Brotli and gzip copies (scripts/precompress.ts),
// chosen by the browser's Accept-Encoding, with the file's own type and caching, and Vary.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../scripts/precompress';
import { acceptedCodings } from '../../src/server/http/staticFiles';
import { startTestServer, type TestServer } from './startTestServer';

/** Compressible text well over the smallest size worth a copy. */
const APP_JS = Array.from({ length: 400 }, (_, i) => `export const step${i} = "ring ${i}";`).join(
  '\n',
);
const STYLES = Array.from({ length: 200 }, (_, i) => `.job-row-${i} { margin: ${i}px; }`).join(
  '\n',
);
const INDEX_HTML = `<!doctype html><title>Loupe</title>${'<div id="root"></div>'.repeat(60)}`;
const SW_JS = `self.addEventListener("fetch", () => {});\n${'// precache\n'.repeat(80)}`;
/** Too small to be worth a copy: the build leaves it as it is. */
const TINY_JS = 'console.log("tiny")';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** GET with exactly these headers, the body as it came on the wire (fetch would decode it). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compressed app files', () => {
  let server: TestServer;
  let build: string;

  beforeAll(async () => {
    build = mkdtempSync(join(tmpdir(), 'loupe-dist-'));
    mkdirSync(join(build, 'assets'));
    writeFileSync(join(build, 'index.html'), INDEX_HTML);
    writeFileSync(join(build, 'sw.js'), SW_JS);
    writeFileSync(join(build, 'assets', 'index-abc123.js'), APP_JS);
    writeFileSync(join(build, 'assets', 'index-abc123.css'), STYLES);
    writeFileSync(join(build, 'assets', 'tiny-abc123.js'), TINY_JS);
    await precompressDir(build);
    server = await startTestServer(build);
  });
  afterAll(async () => {
    await server.close();
    rmSync(build, { recursive: true, force: true });
  });

  it('sends Brotli to a browser that takes it, with the file’s own type and caching', async () => {
    const res = await rawGet(`${server.url}/assets/index-abc123.js`, {
      'Accept-Encoding': 'gzip, deflate, br, zstd',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(APP_JS.length / 4);
    expect(brotliDecompressSync(res.body).toString()).toBe(APP_JS);
  });

  it('sends gzip to one that takes gzip and not Brotli', async () => {
    for (const accept of ['gzip', 'gzip, br;q=0', 'deflate, gzip;q=0.5']) {
      const res = await rawGet(`${server.url}/assets/index-abc123.css`, {
        'Accept-Encoding': accept,
      });
      expect(res.headers['content-encoding'], accept).toBe('gzip');
      expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(gunzipSync(res.body).toString()).toBe(STYLES);
    }
  });

  it('sends the file as it is to one that takes neither, or says nothing', async () => {
    const asks: Record<string, string>[] = [
      {},
      { 'Accept-Encoding': 'identity' },
      { 'Accept-Encoding': 'br;q=0, gzip;q=0' },
    ];
    for (const headers of asks) {
      const res = await rawGet(`${server.url}/assets/index-abc123.js`, headers);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(res.body.toString()).toBe(APP_JS);
    }
  });

  it('sends a file the build left uncompressed as it is, whatever the browser takes', async () => {
    const res = await rawGet(`${server.url}/assets/tiny-abc123.js`, {
      'Accept-Encoding': 'br, gzip',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.body.toString()).toBe(TINY_JS);
  });

  it('compresses the app shell for deep links and the service worker, keeping them uncached', async () => {
    const page = await rawGet(`${server.url}/jobs/01JXYZ`, { 'Accept-Encoding': 'br' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(page.body).toString()).toBe(INDEX_HTML);

    const sw = await rawGet(`${server.url}/sw.js`, { 'Accept-Encoding': 'gzip' });
    expect(sw.headers['content-encoding']).toBe('gzip');
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(gunzipSync(sw.body).toString()).toBe(SW_JS);
  });

  it('never sends a copy older than its file: a file replaced after the build goes as it is', async () => {
    const replaced = `${SW_JS}\n// next version\n`;
    const file = join(build, 'sw.js');
    writeFileSync(file, replaced);
    // Written after its copies, as a deploy that replaced the file but not them would leave it.
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    const sw = await rawGet(`${server.url}/sw.js`, { 'Accept-Encoding': 'br, gzip' });
    expect(sw.headers['content-encoding']).toBeUndefined();
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.body.toString()).toBe(replaced);
  });

  it('still answers a missing file with 404', async () => {
    const res = await rawGet(`${server.url}/assets/gone-123.js`, { 'Accept-Encoding': 'br' });
    expect(res.status).toBe(404);
  });
});

describe('acceptedCodings', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['identity', []],
    ['gzip, deflate, br, zstd', ['br', 'gzip']],
    ['GZIP', ['gzip']],
    ['br;q=0, gzip;q=0.8', ['gzip']],
    ['*', ['br', 'gzip']],
    ['*;q=0.1, br;q=0', ['gzip']],
    ['gzip;q=0', []],
  ])('reads %j as %j', (header, codings) => {
    expect([...acceptedCodings(header)]).toEqual(codings);
  });
});
