// Builds the one JSON error shape every API answer uses (protocol/api.ts).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError, ApiErrorCode, RefusedEvent } from '../../protocol/api';

export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
  headers?: Record<string, string>,
  events?: readonly RefusedEvent[],
): Response {
  const body: ApiError = { error: { code, message, ...(events ? { events: [...events] } : {}) } };
  return c.json(body, status, headers);
}

/** Thrown by a route or a helper it calls; the app's error handler answers it as `apiError`. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly headers?: Record<string, string>,
    /** A push refused for some of its events: which ones, and why. */
    readonly events?: readonly RefusedEvent[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
