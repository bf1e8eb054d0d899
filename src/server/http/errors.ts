// Builds the one JSON error shape every API answer uses (protocol/api.ts).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError, ApiErrorCode } from '../../protocol/api';

export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
): Response {
  const body: ApiError = { error: { code, message } };
  return c.json(body, status);
}
