// The sync API's requests, answers and limits (DESIGN.md, "Sync"): one set of zod schemas for the
// tablet's sync client and the shop server, so both sides check the very same shapes.
import { z } from 'zod';
import { DEFAULT_MAX_DRIFT_MS } from '../domain/clock';
import { SHOP_PREFIX_PATTERN } from '../domain/envelopes';
import { ULID_PATTERN } from '../domain/ids';
import { eventEnvelopeSchema } from './events';

// ---- Limits: the server answers 413 past these; the client sizes its batches to stay under them ----

/** Events in one push. A tablet back from a week offline sends its outbox in several batches. */
export const MAX_PUSH_EVENTS = 500;
/** Bytes of one JSON request body (a push of 500 events is usually well under 300 KiB). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Bytes of one photo or signature: phone cameras' full-size JPEGs stay under this. */
export const MAX_BLOB_BYTES = 15 * 1024 * 1024;
/**
 * Events in one pull page, and the page size when the client does not say. A tablet catching up
 * asks for pages this large (sync/engine.ts); events are a few hundred bytes each, so a page stays
 * around a megabyte in the server's memory and the tablet's.
 */
export const MAX_PULL_LIMIT = 2000;
export const DEFAULT_PULL_LIMIT = 500;

/**
 * How far ahead of the shop server's clock an event's stamp may be when it is pushed: the same
 * drift limit the tablets' clocks use. Past it the tablet's clock is wrong, and the event is
 * refused (future_stamp) rather than let it win every last-writer-wins field for ever.
 */
export const MAX_STAMP_AHEAD_MS = DEFAULT_MAX_DRIFT_MS;

/** A blob's address: the SHA-256 of its bytes, as 64 lowercase hex digits. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

// ---- Pairing ----

/**
 * Characters of a pairing code: digits and capitals without 0/O, 1/I/L, which a person copying the
 * code from a terminal to a tablet would confuse. 31 symbols, 8 of them: about 40 bits.
 */
export const PAIRING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{8}$/;

/** What a person typed, as a code: case, spaces and dashes do not matter ("k7qf-3mxp"). */
export function normalizePairingCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

export const pairRequestSchema = z.object({
  code: z
    .string({ error: 'Enter the pairing code.' })
    .max(64, { error: 'A pairing code is 8 letters and digits.' })
    .overwrite(normalizePairingCode)
    .regex(PAIRING_CODE_PATTERN, {
      error: 'A pairing code is 8 letters and digits (no 0, O, 1, I or L), like K7QF3MXP.',
    }),
  /** How the tablet calls itself in `npm run unpair -- --list` (e.g. "Casting room tablet"). */
  name: z
    .string()
    .trim()
    .min(1, { error: 'Give the tablet a name, or leave it out.' })
    .max(60, { error: 'Keep it to 60 characters.' })
    .optional(),
});
export type PairRequest = z.infer<typeof pairRequestSchema>;

export const pairResponseSchema = z.object({
  /** The server's id for this tablet: what `npm run unpair -- <deviceId>` takes. */
  deviceId: z.string().min(1),
  /** The bearer token for every other call; the server keeps only its hash. */
  token: z.string().min(1),
  /**
   * This tablet's envelope series, unique in the shop (domain/envelopes.ts). Optional: a server
   * from before it gave none, and the tablet then keeps the prefix it derived.
   */
  envelopePrefix: envelopePrefixSchema().optional(),
});
export type PairResponse = z.infer<typeof pairResponseSchema>;

/** POST /envelope-prefix: the series of a tablet paired before the server gave prefixes. */
export const envelopePrefixResponseSchema = z.object({
  envelopePrefix: envelopePrefixSchema(),
});
export type EnvelopePrefixResponse = z.infer<typeof envelopePrefixResponseSchema>;

function envelopePrefixSchema() {
  return z.string().regex(SHOP_PREFIX_PATTERN, {
    error: 'An envelope prefix from the shop server is three characters, like K7M.',
  });
}

// ---- Events ----

const seqSchema = z.number().int().positive();
const cursorSchema = z.number().int().nonnegative();

/**
 * A push: events as the tablet stores them. The server checks each one strictly with `parseEvent`
 * (a known type and valid data) and names the failing field, e.g. `events[3].data.customer.name`.
 */
export const pushRequestSchema = z.object({
  events: z
    .array(eventEnvelopeSchema)
    .max(MAX_PUSH_EVENTS, { error: `Send at most ${MAX_PUSH_EVENTS} events per batch.` }),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushResponseSchema = z.object({
  /** Events stored for the first time by this push. */
  accepted: z.number().int().nonnegative(),
  /** Events the server already had (by id): a retry after a lost answer changes nothing. */
  duplicates: z.number().int().nonnegative(),
  /** The greatest seq the server has stored. */
  cursor: cursorSchema,
  /** The server's clock when it answered (see pullResponseSchema). */
  serverTime: z.number().int().nonnegative().optional(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** The query of a pull; numbers arrive as query-string text. */
export const pullQuerySchema = z.object({
  after: z.coerce
    .number({ error: 'Use a whole number of 0 or more.' })
    .int({ error: 'Use a whole number of 0 or more.' })
    .nonnegative({ error: 'Use a whole number of 0 or more.' })
    .default(0),
  /**
   * The id of the event this tablet pulled at seq `after`. The server says whether it still holds
   * that very event there: a restored server may hold another one, or none, at that seq.
   */
  seen: z.string().regex(ULID_PATTERN, { error: 'Not an event id (ULID).' }).optional(),
  limit: z.coerce
    .number({ error: `Use a whole number from 1 to ${MAX_PULL_LIMIT}.` })
    .int({ error: `Use a whole number from 1 to ${MAX_PULL_LIMIT}.` })
    .min(1, { error: `Use a whole number from 1 to ${MAX_PULL_LIMIT}.` })
    .max(MAX_PULL_LIMIT, { error: `Use a whole number from 1 to ${MAX_PULL_LIMIT}.` })
    .default(DEFAULT_PULL_LIMIT),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

/** An event as pulled: the envelope as it was pushed, plus the seq the server gave it. */
export const pulledEventSchema = eventEnvelopeSchema.extend({ seq: seqSchema });
export type PulledEvent = z.infer<typeof pulledEventSchema>;

export const pullResponseSchema = z.object({
  /** Ordered by seq, every seq greater than `after`. */
  events: z.array(pulledEventSchema),
  /** The seq of the last event returned, or `after` when none: the next pull's `after`. */
  cursor: cursorSchema,
  /** More events remain after this page: pull again at once. */
  more: z.boolean(),
  /**
   * The id of the server's event history. It changes when the server learns it lost events a
   * tablet has seen (restored from an older backup): every tablet then sends it all it has again.
   * Optional: servers from before it had none.
   */
  history: z.string().min(1).max(64).optional(),
  /**
   * Given `seen`: true when the server holds another event at seq `after`, or none. Then this
   * server is not the one the tablet pulled from before (restored from an older backup), whatever
   * its last seq: the tablet reports it (POST /history/diverged), sends all it has again and pulls
   * from the start. Optional: older servers never say.
   */
  diverged: z.boolean().optional(),
  /** The server's clock (ms since 1970) when it answered: the shop's reference time on the LAN. */
  serverTime: z.number().int().nonnegative().optional(),
  /** The server's version: events it refused are offered again when this changes. */
  serverVersion: z.string().max(64).optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** Photos listed at most in one answer of GET /photos/missing. */
export const MAX_MISSING_PHOTOS = 1000;

/**
 * The photos (by the SHA-256 of the photo itself) that stored events name but whose bytes, or
 * thumbnail's bytes, the server lacks: after a restore from a backup taken before they were
 * uploaded, say. A tablet that holds one uploads it again.
 */
export const missingPhotosResponseSchema = z.object({
  photos: z.array(z.string().regex(SHA256_PATTERN)).max(MAX_MISSING_PHOTOS),
});
export type MissingPhotosResponse = z.infer<typeof missingPhotosResponseSchema>;

/**
 * A tablet found the server diverged from what it pulled before. The server checks its own log at
 * `seq` (the tablet's word is not enough) and starts a new history only when it holds another
 * event there or none, and at most once per run of the server: no request of a device can make
 * every tablet resend everything again and again.
 */
export const divergedRequestSchema = z.object({
  seq: seqSchema,
  id: z.string().regex(ULID_PATTERN, { error: 'Not an event id (ULID).' }),
  /** The history the tablet pulled under, so a report that arrives late starts nothing new. */
  history: z.string().min(1).max(64).nullable(),
});
export type DivergedRequest = z.infer<typeof divergedRequestSchema>;

export const divergedResponseSchema = z.object({
  /** The history id now: the tablet resends under it. */
  history: z.string().min(1).max(64),
  /** Whether this report started the new history. */
  rotated: z.boolean(),
  /** Whether the server agrees its log at `seq` is not what the tablet saw. */
  diverged: z.boolean(),
});
export type DivergedResponse = z.infer<typeof divergedResponseSchema>;
