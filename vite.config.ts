// Build of the bench PWA: React, and a Workbox service worker that precaches the whole shell.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export const THEME_COLOUR = '#1f2a36';

export default defineConfig({
  define: {
    __LOUPE_VERSION__: JSON.stringify(pkg.version),
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
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
