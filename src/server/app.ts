// The Loupe HTTP app: the /api/v1 routes and the built PWA, on one origin.
import { Hono } from 'hono';
import { API_ERROR_CODES, API_PREFIX, type HealthResponse } from '../protocol/api';
import { apiError } from './http/errors';
import { staticFiles } from './http/staticFiles';
import type { Store } from './store/sqliteStore';

export interface AppDeps {
  store: Store;
  staticDir: string;
  version: string;
}

export function createApp({ staticDir, version }: AppDeps): Hono {
  const app = new Hono();
  const api = new Hono();

  api.get('/health', (c) => c.json({ ok: true, version } satisfies HealthResponse));

  api.all('*', (c) =>
    apiError(
      c,
      404,
      API_ERROR_CODES.notFound,
      `No API route ${c.req.method} ${new URL(c.req.url).pathname}.`,
    ),
  );

  app.route(API_PREFIX, api);
  // Any other /api path (an old or mistyped version) is still an API 404, never the app shell.
  app.all('/api/*', (c) =>
    apiError(c, 404, API_ERROR_CODES.notFound, `No API route ${c.req.method} ${c.req.path}.`),
  );
  app.get('*', staticFiles(staticDir));

  app.onError((err, c) => {
    console.error(err);
    return apiError(c, 500, API_ERROR_CODES.internal, 'The server hit an unexpected error.');
  });
  return app;
}
