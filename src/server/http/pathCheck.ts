// Refuses a request whose path has broken percent-encoding (`/%`, `/%ff`) with a 400, before any route.
import type { MiddlewareHandler } from 'hono';
import { API_ERROR_CODES } from '../../protocol/api';
import { HttpError } from './errors';

/** The path as decoded text, or an HttpError 400 saying why it is not one. */
export function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    // No link the app makes looks like this: a mistyped address, or someone probing the server.
    throw new HttpError(
      400,
      API_ERROR_CODES.badRequest,
      `The address ${JSON.stringify(rawPath.slice(0, 200))} is not a valid path: each % must be ` +
        'followed by two hex digits that spell UTF-8 text (e.g. %20 for a space).',
    );
  }
}

/**
 * Checked once for every path, API or app, so no route meets a path it cannot decode (the static
 * files used to throw on it and answer 500 with a stack trace in the log).
 */
export function rejectMalformedPaths(): MiddlewareHandler {
  return async (c, next) => {
    decodePath(new URL(c.req.url).pathname);
    await next();
  };
}
