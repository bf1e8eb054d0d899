// Serves the built PWA from one folder: hashed assets cached for good, the service worker never,
// and any other navigation answered with index.html so deep links (/jobs/xyz) open.
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

async function fileAt(path: string): Promise<Buffer | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? await readFile(path) : null;
  } catch {
    return null;
  }
}

export function staticFiles(staticDir: string) {
  const root = normalize(staticDir + sep);
  return async (c: Context): Promise<Response> => {
    // A broken %-escape answers 400 here too, whoever mounts this handler.
    const urlPath = decodePath(new URL(c.req.url).pathname);
    const candidate = normalize(join(root, urlPath));
    // Never serve outside the build folder, whatever the path says.
    if (!candidate.startsWith(root)) return c.text('Not found', 404);
    const asset = urlPath !== '/' ? await fileAt(candidate) : null;
    if (asset) return send(c, urlPath, asset);

    // A missing file with an extension is a real 404; anything else is a route of the app.
    if (extname(urlPath) !== '') return c.text(`Not found: ${urlPath}`, 404);
    const index = await fileAt(join(root, 'index.html'));
    if (!index) return c.text(MISSING_BUILD_MESSAGE, 503);
    return send(c, '/index.html', index);
  };
}

function send(c: Context, urlPath: string, body: Buffer): Response {
  const type = CONTENT_TYPES[extname(urlPath)] ?? 'application/octet-stream';
  const cache = NEVER_CACHED.has(urlPath)
    ? 'no-cache'
    : urlPath.startsWith('/assets/')
      ? 'public, max-age=31536000, immutable'
      : 'public, max-age=3600';
  return c.body(new Uint8Array(body), 200, { 'Content-Type': type, 'Cache-Control': cache });
}
