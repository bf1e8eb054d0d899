// The security headers on every answer the server gives: the app, its assets, the API, photos, errors.
import type { MiddlewareHandler } from 'hono';

/**
 * What the built app needs, and nothing more (checked in real Chromium by tests/e2e/security.spec.ts):
 * - scripts, workers, the service worker and the scanner's .wasm come from our own origin only;
 *   'wasm-unsafe-eval' lets ZXing compile its WebAssembly, and allows no JavaScript eval;
 * - photos and signatures are shown from blob: URLs (IndexedDB) and data: URLs (canvas snapshots);
 * - styles: 'unsafe-inline' because the envelope label writes its print CSS (page size chosen by
 *   the label format) into a <style> element. Styles cannot run code; scripts stay strict;
 * - the API is on the same origin, so connect-src is 'self';
 * - no plug-ins, no <base> tricks, forms post only here, and no page may frame the app
 *   (clickjacking a PIN pad or a pick-up signature).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Two years, the figure browsers' preload lists ask for; only ever sent over HTTPS. */
const HSTS = 'max-age=63072000';

export function securityHeaderSet({ tls }: { tls: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    // Photos are served as application/octet-stream: never let a browser guess them into HTML.
    'X-Content-Type-Options': 'nosniff',
    // For browsers older than frame-ancestors.
    'X-Frame-Options': 'DENY',
    // Job links carry job ids: no other site learns them from a Referer.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // HSTS over plain HTTP is ignored by browsers, and on 127.0.0.1 it would only confuse.
    ...(tls ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}

/** Sets the headers after the route ran, so errors, 404s and streamed blobs get them too. */
export function securityHeaders(options: { tls: boolean }): MiddlewareHandler {
  const headers = Object.entries(securityHeaderSet(options));
  return async (c, next) => {
    await next();
    for (const [name, value] of headers) c.res.headers.set(name, value);
  };
}
