// The shop's prices on the wire: labour rates per role or person and metal prices per gram, for the
// job's cost beside its estimate (issue 15, "Materials used"). Shop stream, last writer wins per key.
import { z } from 'zod';
import { ULID_PATTERN } from '../domain/ids';
import { ALLOY_IDS } from '../domain/metals';
import { STAFF_ROLES } from './roles';

const ulid = z.string().regex(ULID_PATTERN, { error: 'Not a valid id (ULID).' });
const cents = z.number().int({ error: 'Use whole cents.' }).nonnegative({
  error: 'An amount cannot be negative.',
});

/**
 * A labour rate: for a role, or for one person (which wins over their role's). `centsPerHour` null
 * takes a person's own rate away again, so their role's applies.
 */
export const labourRateSetSchema = z.union([
  z.object({ role: z.enum(STAFF_ROLES), centsPerHour: cents.nullable() }),
  z.object({ staffId: ulid, centsPerHour: cents.nullable() }),
]);

/** The shop's price of an alloy per gram, for metal a job used. */
export const metalPriceSetSchema = z.object({
  alloyId: z.enum(ALLOY_IDS),
  centsPerGram: cents,
});

export const SHOP_COSTING_EVENT_SCHEMAS = {
  'price.labour_set': labourRateSetSchema,
  'price.metal_set': metalPriceSetSchema,
} as const;
