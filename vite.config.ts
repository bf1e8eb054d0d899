// Build of the bench PWA: React, and a Workbox service worker that precaches the whole shell.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { precompress } from './scripts/precompress';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const SOURCE_DIR = fileURLToPath(new URL('./src/', import.meta.url));

const DEXIE_MODERN = './node_modules/dexie/dist/modern/dexie.mjs';

/**
 * The first screen's libraries, for the vendor chunk. Not zustand's middleware: only the signed-in
 * staff's store persists, and it is not on the first screen (1 KB gzip there for nothing).
 */
const VENDOR =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|dexie|dexie-react-hooks|zustand(?![\\/]esm[\\/]middleware))[\\/]/;

/**
 * The app's own modules the first screen shares with later screens (opening the database, the
 * envelope key, the list's index fields), and Vite's preload helper: one file rather than the
 * half-kilobyte pieces the sharing would cut them into, each a request and each gzipped alone.
 */
const SHELL_SHARED =
  /(?:[\\/]src[\\/](?:db[\\/](?:db|LoupeDB|device)|domain[\\/](?:clock|envelopes|ids|jobList|emptyShop)|protocol[\\/](?:statuses|streamIds))\.ts$)|vite[\\/]preload-helper/;

export const THEME_COLOUR = '#1f2a36';

export default defineConfig({
  define: {
    __LOUPE_VERSION__: JSON.stringify(pkg.version),
  },
  resolve: {
    alias: [
      // Dexie's package points bundlers at its UMD build (through a wrapper guarding against two
      // copies in one app); its modern ES build is the same Dexie, smaller. Every import of
      // 'dexie' in the app (and in dexie-react-hooks) is this one file, so there is one copy.
      { find: /^dexie$/, replacement: fileURLToPath(new URL(DEXIE_MODERN, import.meta.url)) },
    ],
  },
  plugins: [
    react(),
    VitePWA({
      // An update is offered ("A new version is ready — Reload"), never forced on a person mid-task.
      registerType: 'prompt',
      // src/pwa/ registers the worker itself through workbox-window.
      injectRegister: false,
      // globPatterns below already pick up the icons; the plugin adds the manifest itself.
      includeManifestIcons: false,
      manifest: {
        name: 'Loupe — bench',
        short_name: 'Loupe',
        description:
          'Job envelopes, checklists, photos, weights and custody for the jewelry bench.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: THEME_COLOUR,
        theme_color: THEME_COLOUR,
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: 'icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        // The scanner's .wasm must be in the precache: the casting room has no network.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,wasm}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        // Deep links (/jobs/xyz, /j/<id>) open offline from the cached shell; the API never does.
        navigateFallback: '/index.html',
        // The API, and the head office's view (a page of the server's own, never the app shell).
        navigateFallbackDenylist: [/^\/api\//, /^\/office(\/|$)/],
        cleanupOutdatedCaches: true,
        // The first install takes control at once so the app works offline from its first visit.
        // Later versions wait (no skipWaiting) until the person taps Reload.
        clientsClaim: true,
        skipWaiting: false,
      },
    }),
    // Last: after the service worker is written, a .br and a .gz beside every text file.
    precompress(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: {
      // Every browser Loupe runs on (Chromium, Safari 17+) preloads modules itself.
      polyfill: false,
      // A lazy chunk's stylesheets only: nothing else would load them. Its scripts come as it
      // imports them (from the service worker's cache once it is installed), so the first screen
      // does not carry every lazy chunk's list of files (1.8 KB gzip of its entry).
      resolveDependencies: (_file, deps, { hostType }) =>
        hostType === 'html' ? deps : deps.filter((dep) => dep.endsWith('.css')),
    },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The libraries every screen starts from, in one file: one request, better compressed
          // than in the pieces the screens' sharing would cut them into, and cached across releases.
          groups: [
            { name: 'vendor', test: VENDOR },
            { name: 'shell', test: SHELL_SHARED },
          ],
        },
      },
      treeshake: {
        // The app's own modules do nothing on import but define things, so a barrel like
        // src/db/index.ts brings in only what is used from it. The exceptions: stylesheets, and
        // noEval.ts, imported for its effect alone. Packages keep their own package.json's say.
        moduleSideEffects: (id) => {
          if (!id.startsWith(SOURCE_DIR)) return undefined;
          return id.endsWith('.css') || id.endsWith('/protocol/noEval.ts');
        },
      },
    },
  },
});
