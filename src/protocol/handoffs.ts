// Hand-offs you can defend on the wire: a receiver's confirmation, trade shops and work sent to them,
// and the end-of-day safe count. One set of zod schemas for app and server (issue 14, part 4).
import { z } from 'zod';
import { ULID_PATTERN } from '../domain/ids';
import { isoDateSchema as isoDate, requiredText, text } from './text';

const ulid = z.string().regex(ULID_PATTERN, { error: 'Not a valid id (ULID).' });
const cents = z.number().int({ error: 'Use whole cents.' }).nonnegative({
  error: 'An amount cannot be negative.',
});

/** How the receiver signed for a piece: their PIN typed on the giver's tablet, or their badge. */
export const CONFIRM_METHODS = ['pin', 'badge'] as const;
export type ConfirmMethod = (typeof CONFIRM_METHODS)[number];

/**
 * The receiver's side of a hand-off (job stream): the actor is the person who received the piece,
 * `moveEventId` the custody.moved it confirms. A move to a place (the safe) needs none.
 */
export const custodyConfirmedSchema = z.object({
  moveEventId: ulid,
  method: z.enum(CONFIRM_METHODS),
});

export const TRADE_SHOP_KINDS = ['trade_shop', 'setter', 'engraver', 'plater', 'other'] as const;
export type TradeShopKind = (typeof TRADE_SHOP_KINDS)[number];

/** The custody place id of a trade shop: `trade:<its id>`, so a hand-off names it like any place. */
export const TRADE_PLACE_PREFIX = 'trade:';

/** A trade shop or outside setter the shop sends work to (shop stream), last writer wins per id. */
export const tradeShopSetSchema = z.object({
  tradeShopId: ulid,
  name: requiredText(60, 'name of the trade shop'),
  kind: z.enum(TRADE_SHOP_KINDS),
  phone: text(40).optional(),
  /** A trade shop no longer used stays listed (jobs name it), never offered for new work. */
  active: z.boolean(),
});
export type TradeShopData = z.infer<typeof tradeShopSetSchema>;

/** Work sent out (job stream): recorded with a custody move to the trade shop's place. */
export const tradeSentSchema = z
  .object({
    tradeShopId: ulid,
    /** As the shop was named when it was sent: the history stays true after a rename. */
    tradeShopName: requiredText(60, 'name of the trade shop'),
    work: requiredText(200, 'work asked of the trade shop'),
    /** Who physically took the piece: the setter, a courier. */
    takenBy: requiredText(60, 'name of who took the piece'),
    sentDate: isoDate,
    expectedBack: isoDate,
    insuranceValueCents: cents.optional(),
    note: text(500).optional(),
  })
  .refine((t) => t.expectedBack >= t.sentDate, {
    error: 'The expected return is before the day it was sent.',
    path: ['expectedBack'],
  });

/** Work back from a trade shop (job stream): `sentEventId` is the trade.sent it closes. */
export const tradeReturnedSchema = z.object({
  sentEventId: ulid,
  returnedDate: isoDate,
  condition: requiredText(500, 'condition it came back in'),
  /** Weighed on return: the piece's metal is checked like any other (jobMetal.ts). */
  weightG: z.number().positive().max(1000).optional(),
  note: text(500).optional(),
});

const MAX_COUNTED = 5000;

/**
 * The end-of-day safe count (shop stream): which open jobs' envelopes were scanned into the safe, and
 * which were not, with where each was last. Wall-clock times, never derived from event stamps.
 */
export const safeCountedSchema = z.object({
  startedAtMs: z.number().int().positive(),
  finishedAtMs: z.number().int().positive(),
  scanned: z.array(ulid).max(MAX_COUNTED),
  missing: z
    .array(
      z.object({
        jobId: ulid,
        envelopeNumber: requiredText(32, 'envelope number'),
        /** "Bench 2", "Mia Berg", "Out at Kovac Setting": as the tablet read the custody trail. */
        lastWhere: text(80),
      }),
    )
    .max(MAX_COUNTED),
});
export type SafeCountData = z.infer<typeof safeCountedSchema>;

export const HANDOFF_EVENT_SCHEMAS = {
  'custody.confirmed': custodyConfirmedSchema,
  'trade.sent': tradeSentSchema,
  'trade.returned': tradeReturnedSchema,
} as const;

export const SHOP_HANDOFF_EVENT_SCHEMAS = {
  'trade.shop_set': tradeShopSetSchema,
  'safe.counted': safeCountedSchema,
} as const;
