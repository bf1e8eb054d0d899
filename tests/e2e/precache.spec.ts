// The built service worker must precache the whole shell, or some screen fails in the casting room.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BUILD_DIR, expect, test } from './fixtures';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(BUILD_DIR, path)];
  });
}

test('the built service worker precaches every file of the shell, .wasm included', () => {
  const sw = readFileSync(join(BUILD_DIR, 'sw.js'), 'utf8');
  const entries = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]);
  const precached = new Set(entries);
  expect(precached.has('index.html')).toBe(true);
  expect(entries.length, 'no file is precached twice').toBe(precached.size);

  const shell = filesUnder(BUILD_DIR).filter(
    (f) =>
      /\.(js|css|html|svg|png|webmanifest|wasm)$/.test(f) && f !== 'sw.js' && !/^workbox-/.test(f),
  );
  expect(shell.some((f) => f.startsWith('assets/') && f.endsWith('.js'))).toBe(true);
  const missing = shell.filter((f) => !precached.has(f));
  expect(missing).toEqual([]);
  // Deep links fall back to the cached shell; the API and the head office's view never do.
  expect(sw).toContain('createHandlerBoundToURL("/index.html")');
  expect(sw).toContain(String.raw`denylist:[/^\/api\//,/^\/office(\/|$)/]`);
});
