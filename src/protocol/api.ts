// The shapes every /api/v1 response shares with the app: the error body and the health answer.
import { z } from 'zod';

export const API_PREFIX = '/api/v1';

/** Every API error, whatever the status: `{ error: { code, message } }` (DESIGN.md, "Sync"). */
/** One event of a push the server refused, and why: the tablet sets exactly these aside. */
export const refusedEventSchema = z.object({
  /** Its place in the batch. */
  index: z.number().int().nonnegative(),
  /** Its id, when it had a readable one. */
  id: z.string().max(64).optional(),
  /** unknown_type, invalid or future_stamp. */
  code: z.string().max(40),
  message: z.string().max(2000),
});
export type RefusedEvent = z.infer<typeof refusedEventSchema>;

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** A push refused for some of its events: every one of them, so the rest can go on. */
    events: z.array(refusedEventSchema).optional(),
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
  /** POST /pair with a body that is not declared as JSON (a cross-site form post, say). */
  unsupportedMediaType: 'unsupported_media_type',
  /** POST /pair from a web page of another origin. */
  forbiddenOrigin: 'forbidden_origin',
  internal: 'internal',
} as const;

/** Why one event of a push was refused (`refusedEventSchema.code`). */
export const REFUSED_EVENT_CODES = {
  /** A type this server does not know: a newer tablet, or a server rolled back. */
  unknownType: 'unknown_type',
  invalid: 'invalid',
  /** Stamped further ahead of the server's clock than the drift limit: the tablet's clock is wrong. */
  futureStamp: 'future_stamp',
} as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES];

export const healthResponseSchema = z.object({
  ok: z.literal(true),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
