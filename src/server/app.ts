// The Loupe HTTP app: the /api/v1 routes and the built PWA, on one origin.
import { Hono, type Context } from 'hono';
import { API_ERROR_CODES, API_PREFIX, type HealthResponse } from '../protocol/api';
import { AttemptLimiter, PAIRING_ATTEMPT_LIMITS, type AttemptLimits } from './auth/attemptLimiter';
import { requireDevice, type DeviceEnv } from './http/auth';
import { registerBlobRoutes } from './http/blobRoutes';
import { apiError, HttpError } from './http/errors';
import { registerEventRoutes } from './http/eventRoutes';
import { registerEnvelopePrefixRoute, registerPairRoute } from './http/pairRoute';
import { rejectMalformedPaths } from './http/pathCheck';
import { securityHeaders } from './http/securityHeaders';
import { staticFiles } from './http/staticFiles';
import { officeRoutes } from './office/officeRoutes';
import type { BlobStore } from './store/blobStore';
import type { Store } from './store/store';

export interface AppDeps {
  store: Store;
  blobs: BlobStore;
  staticDir: string;
  version: string;
  /** The clock for pairing-code expiry, rate limits and receipt times; tests move it by hand. */
  now?: () => number;
  pairingLimits?: AttemptLimits;
  /** Whether the server speaks HTTPS: only then is HSTS sent. */
  tls?: boolean;
  /** PUBLIC_URL, when set: its origin may pair too, besides the origin a request was sent to. */
  publicUrl?: string;
  /** Called after a push stored new events: wakes the ready-notice worker. */
  onEventsAccepted?: () => void;
}

function onError(err: Error, c: Context): Response {
  if (err instanceof HttpError) {
    return apiError(c, err.status, err.code, err.message, err.headers, err.events);
  }
  console.error(err);
  return apiError(c, 500, API_ERROR_CODES.internal, 'The server hit an unexpected error.');
}

export function createApp({
  store,
  blobs,
  staticDir,
  version,
  now = Date.now,
  pairingLimits = PAIRING_ATTEMPT_LIMITS,
  tls = false,
  publicUrl,
  onEventsAccepted,
}: AppDeps): Hono {
  const app = new Hono();
  // First, so that every answer below (errors and 404s included) carries the headers.
  app.use('*', securityHeaders({ tls }));
  app.use('*', rejectMalformedPaths());
  const api = new Hono<DeviceEnv>();
  const auth = requireDevice(store, now);

  api.get('/health', (c) => c.json({ ok: true, version } satisfies HealthResponse));
  registerPairRoute(api, {
    store,
    now,
    limiter: new AttemptLimiter(pairingLimits, now),
    ...(publicUrl !== undefined ? { publicUrl } : {}),
  });
  registerEnvelopePrefixRoute(api, { auth });
  registerEventRoutes(api, {
    now,
    auth,
    version,
    ...(onEventsAccepted ? { onAccepted: onEventsAccepted } : {}),
  });
  registerBlobRoutes(api, { blobs, auth, now });

  api.all('*', (c) =>
    apiError(
      c,
      404,
      API_ERROR_CODES.notFound,
      `No API route ${c.req.method} ${new URL(c.req.url).pathname}.`,
    ),
  );
  api.onError(onError);

  app.route(API_PREFIX, api);
  // Any other /api path (an old or mistyped version) is still an API 404, never the app shell.
  app.all('/api/*', (c) =>
    apiError(c, 404, API_ERROR_CODES.notFound, `No API route ${c.req.method} ${c.req.path}.`),
  );
  // The head office's view, behind a manager's login: never a tablet's token, never the app shell.
  app.route(
    '/office',
    officeRoutes({ store, now, tls, ...(publicUrl !== undefined ? { publicUrl } : {}) }),
  );
  app.get('*', staticFiles(staticDir));

  app.onError(onError);
  return app;
}
