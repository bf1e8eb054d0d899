// The shapes every /api/v1 response shares with the app: the error body and the health answer.
import { z } from 'zod';

export const API_PREFIX = '/api/v1';

/** Every API error, whatever the status: `{ error: { code, message } }` (DESIGN.md, "Sync"). */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** Machine-readable error codes; the message says the rest in words a person can act on. */
export const API_ERROR_CODES = {
  notFound: 'not_found',
  badRequest: 'bad_request',
  unauthorized: 'unauthorized',
  /** POST /pair with a code that is wrong, expired or already used. */
  invalidPairingCode: 'invalid_pairing_code',
  /** Too many wrong pairing codes: wait for the Retry-After header's seconds. */
  tooManyAttempts: 'too_many_attempts',
  tooLarge: 'too_large',
  hashMismatch: 'hash_mismatch',
  internal: 'internal',
} as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES];

export const healthResponseSchema = z.object({
  ok: z.literal(true),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
