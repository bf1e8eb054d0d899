// Builds for the Chromium IndexedDB benchmark and the big-shop e2e: the app as `npm run build` makes
// it, and the benchmark page in a folder of it, so the page seeds the app's own database (one origin).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

/** Where the page lives in the app's build: its address is `${url}${IDB_PAGE_PATH}`. */
export const IDB_PAGE_DIR = 'bench-idb';
/** Asked for by its file name: the server answers any other path without one with the app. */
export const IDB_PAGE_PATH = `/${IDB_PAGE_DIR}/index.html`;

/** The app, built with the project's vite.config.ts into `outDir`. */
export async function buildApp(outDir: string): Promise<void> {
  await build({ root: resolve('.'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

/** The benchmark page, into `${appDir}/bench-idb/`; unminified for a profile that names functions. */
export async function buildIdbPage(
  appDir: string,
  { minify = true }: { minify?: boolean } = {},
): Promise<void> {
  const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string };
  await build({
    configFile: false,
    root: resolve('bench/idb'),
    base: `/${IDB_PAGE_DIR}/`,
    logLevel: 'warn',
    define: { __LOUPE_VERSION__: JSON.stringify(pkg.version) },
    build: {
      outDir: join(appDir, IDB_PAGE_DIR),
      emptyOutDir: true,
      chunkSizeWarningLimit: 4096,
      minify,
    },
  });
}
