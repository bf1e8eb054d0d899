// Serves the built PWA from one folder: hashed assets cached for good, the service worker never,
// and any other navigation answered with index.html so deep links (/jobs/xyz) open. Each file is
// sent as the Brotli or gzip copy the build wrote beside it (scripts/precompress.ts) when the
// browser accepts one, and as it is otherwise.
import type { Context } from 'hono';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { decodePath } from './pathCheck';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Files the browser must re-check every time, or updates would never reach a tablet. */
const NEVER_CACHED = new Set(['/sw.js', '/index.html', '/manifest.webmanifest', '/registerSW.js']);

export const MISSING_BUILD_MESSAGE =
  'Loupe has not been built yet: the server found no app to serve. ' +
  'Run "npm start" (it builds the app first), or "npm run build" and then "npm run serve".';

/** When the file was last written, or null when there is no such file. */
async function fileTime(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.mtimeMs : null;
  } catch {
    return null;
  }
}

async function isFile(path: string): Promise<boolean> {
  return (await fileTime(path)) !== null;
}

async function fileAt(path: string): Promise<Buffer | null> {
  return (await isFile(path)) ? await readFile(path) : null;
}

export function staticFiles(staticDir: string) {
  const root = normalize(staticDir + sep);
  return async (c: Context): Promise<Response> => {
    // A broken %-escape answers 400 here too, whoever mounts this handler.
    const urlPath = decodePath(new URL(c.req.url).pathname);
    const candidate = normalize(join(root, urlPath));
    // Never serve outside the build folder, whatever the path says.
    if (!candidate.startsWith(root)) return c.text('Not found', 404);
    if (urlPath !== '/' && (await isFile(candidate))) return send(c, urlPath, candidate);

    // A missing file with an extension is a real 404; anything else is a route of the app.
    if (extname(urlPath) !== '') return c.text(`Not found: ${urlPath}`, 404);
    const indexPath = join(root, 'index.html');
    if (!(await isFile(indexPath))) return c.text(MISSING_BUILD_MESSAGE, 503);
    return send(c, '/index.html', indexPath);
  };
}

/** The precompressed copies the build writes, best first: file suffix and Content-Encoding. */
const ENCODINGS = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
] as const;
type Coding = (typeof ENCODINGS)[number]['coding'];

/**
 * The content codings an Accept-Encoding header allows (RFC 9110 §12.5.3): those listed with a
 * q-value above 0, or any not refused when it has `*`. No header: none, the file goes as it is.
 */
export function acceptedCodings(header: string | undefined): Set<Coding> {
  const accepted = new Set<Coding>();
  if (header === undefined) return accepted;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (name === '') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  for (const { coding } of ENCODINGS) {
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (weight > 0) accepted.add(coding);
  }
  return accepted;
}

/**
 * The best copy of `path` the browser accepts: its bytes and coding, or null for none. A copy older
 * than the file is not the file any more (the file was replaced after the build): never sent.
 */
async function compressedCopy(
  path: string,
  accepted: Set<Coding>,
): Promise<{ coding: Coding; body: Buffer } | null> {
  if (accepted.size === 0) return null;
  const original = await fileTime(path);
  if (original === null) return null;
  for (const { coding, suffix } of ENCODINGS) {
    if (!accepted.has(coding)) continue;
    const written = await fileTime(path + suffix);
    if (written === null || written < original) continue;
    // Known to be a file: read, not looked up again.
    return { coding, body: await readFile(path + suffix) };
  }
  return null;
}

async function send(c: Context, urlPath: string, path: string): Promise<Response> {
  const type = CONTENT_TYPES[extname(urlPath)] ?? 'application/octet-stream';
  const cache = NEVER_CACHED.has(urlPath)
    ? 'no-cache'
    : urlPath.startsWith('/assets/')
      ? 'public, max-age=31536000, immutable'
      : 'public, max-age=3600';
  // Every answer says it depends on Accept-Encoding: a cache must not hand Brotli to a browser
  // that asked for none, nor the plain file to one that could have had it in a fifth of the size.
  const headers = { 'Content-Type': type, 'Cache-Control': cache, Vary: 'Accept-Encoding' };
  const copy = await compressedCopy(path, acceptedCodings(c.req.header('Accept-Encoding')));
  if (copy) {
    return c.body(new Uint8Array(copy.body), 200, { ...headers, 'Content-Encoding': copy.coding });
  }
  const plain = await fileAt(path);
  if (!plain) return c.text(`Not found: ${urlPath}`, 404);
  return c.body(new Uint8Array(plain), 200, headers);
}
