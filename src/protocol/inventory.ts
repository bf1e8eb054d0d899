// The inventory on the wire: findings, small parts, stones, solder, stock and consumables, each item
// its own stream (received, used, counted), and the materials a job used (issue 15, "Inventory",
// "Materials used"). One set of zod schemas for app and server.
import { z } from 'zod';
import { ULID_PATTERN } from '../domain/ids';
import { ALLOY_IDS } from '../domain/metals';
import { requiredText, text } from './text';

const ulid = z.string().regex(ULID_PATTERN, { error: 'Not a valid id (ULID).' });
const cents = z.number().int({ error: 'Use whole cents.' }).nonnegative({
  error: 'An amount cannot be negative.',
});

/** What an item is, for the inventory's sections and the supply order. */
export const ITEM_CATEGORIES = [
  'finding',
  'small_part',
  'stone',
  'solder',
  'stock',
  'consumable',
] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

/** How an item is counted: pieces, grams, millilitres, centimetres (chain by length), pairs. */
export const ITEM_UNITS = ['pcs', 'g', 'ml', 'cm', 'pair'] as const;
export type ItemUnit = (typeof ITEM_UNITS)[number];

/** A quantity of an item: a count, grams of solder, millilitres of solution. Never 0 on a movement. */
export const quantitySchema = z
  .number({ error: 'Enter the quantity.' })
  .positive({ error: 'A quantity must be more than 0.' })
  .max(1_000_000, { error: 'That quantity is surely a typo.' });

/** A count taken at the shelf: may be 0. */
export const countedSchema = z
  .number({ error: 'Enter what you counted.' })
  .nonnegative({ error: 'A count cannot be negative.' })
  .max(1_000_000, { error: 'That count is surely a typo.' });

/** An item's description, set when added and changed by item.updated (last writer wins per field). */
export const itemFieldsSchema = z.object({
  name: requiredText(80, 'name of the item'),
  category: z.enum(ITEM_CATEGORIES),
  unit: z.enum(ITEM_UNITS),
  /** Stones are described generically (DOMAIN.md, "Take-in"): "white round 2.0 mm", not a gem name. */
  description: text(200).optional(),
  /** 2.0 mm, 4-prong 3 mm, 18 in: as the supplier sizes it. */
  size: text(40).optional(),
  /** The supplier's code or the shop's bin code: what a scanner reads off the bag. */
  code: text(40).optional(),
  supplier: text(80).optional(),
  /** Below this the item is short: it goes on the shortage list and the supply order. */
  minimum: countedSchema,
  /** How many to order when short; the order makes up to the minimum when absent. */
  reorderQuantity: quantitySchema.optional(),
  /** What one unit costs the shop: the job's materials cost. */
  unitCostCents: cents.optional(),
  /** Stock metal (sheet, wire, grain) kept in the metal ledger: its balance is the ledger's. */
  alloyId: z.enum(ALLOY_IDS).optional(),
  /** An item no longer kept stays listed (jobs name it), never offered for new use. */
  retired: z.boolean(),
});
export type ItemFields = z.infer<typeof itemFieldsSchema>;

/** An item added to the inventory (item stream: the stream id is the item's id). */
export const itemAddedSchema = itemFieldsSchema;

/** Some of an item's fields changed (item stream). */
export const itemUpdatedSchema = z.object({ changes: itemFieldsSchema.partial() });

/** Stock received from a supplier (item stream). */
export const stockReceivedSchema = z.object({
  quantity: quantitySchema,
  unitCostCents: cents.optional(),
  supplier: text(80).optional(),
  note: text(300).optional(),
});

/**
 * Stock taken off the shelf (item stream): for a job (its `usageId` is the job's material.used), or
 * for the shop (polishing compound, investment powder) with no job.
 */
export const stockUsedSchema = z.object({
  quantity: quantitySchema,
  jobId: ulid.optional(),
  usageId: ulid.optional(),
  note: text(300).optional(),
});

/** Stock put back on the shelf: a job's material returned unused (item stream). */
export const stockReturnedSchema = z.object({
  quantity: quantitySchema,
  jobId: ulid.optional(),
  usageId: ulid.optional(),
  note: text(300).optional(),
});

/** A count at the shelf (item stream): what is there now, whatever the book said. */
export const stockCountedSchema = z.object({
  quantity: countedSchema,
  note: text(300).optional(),
});

/**
 * A material a job used (job stream), written with the item's stock.used in one transaction. The
 * item's name, unit and cost are copied as they were: the job's cost and history stay true later.
 */
export const materialUsedSchema = z.object({
  usageId: ulid,
  itemId: ulid,
  itemName: requiredText(80, 'name of the item'),
  category: z.enum(ITEM_CATEGORIES),
  unit: z.enum(ITEM_UNITS),
  quantity: quantitySchema,
  unitCostCents: cents.optional(),
  serviceId: ulid.optional(),
  /** The checklist step it was used at, when it was used at one. */
  stepKey: z.string().min(1).max(64).optional(),
  note: text(300).optional(),
});

/** A job's material put back unused, in whole (job stream): it no longer counts in the cost. */
export const materialReturnedSchema = z.object({
  usageId: ulid,
  reason: requiredText(300, 'reason it went back'),
});

export const INVENTORY_EVENT_SCHEMAS = {
  'item.added': itemAddedSchema,
  'item.updated': itemUpdatedSchema,
  'stock.received': stockReceivedSchema,
  'stock.used': stockUsedSchema,
  'stock.returned': stockReturnedSchema,
  'stock.counted': stockCountedSchema,
} as const;

export const MATERIAL_EVENT_SCHEMAS = {
  'material.used': materialUsedSchema,
  'material.returned': materialReturnedSchema,
} as const;
