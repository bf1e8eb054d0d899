// The metal ledger's events on the wire: shop metal received, issued and returned, weigh-ins, scrap
// deposits, refining lots, corrections; and the shop's scales. One set of zod schemas for app and server.
import { z } from 'zod';
import { ULID_PATTERN } from '../domain/ids';
import { ALLOY_IDS } from '../domain/metals';
import { isoDateSchema as isoDate, requiredText, text } from './text';

const ulid = z.string().regex(ULID_PATTERN, { error: 'Not a valid id (ULID).' });

/** Ledger grams: a refining lot or a bar of grain can pass a kilogram; beyond 20 kg is a typo. */
export const ledgerGramsSchema = z
  .number({ error: 'Enter the weight in grams.' })
  .positive({ error: 'A weight must be more than 0 g.' })
  .max(20_000, { error: 'A weight over 20 kg is surely a typo.' });
/** A weighing that may read nothing: an empty bench tray, a pot just emptied. */
const weighedGramsSchema = z
  .number({ error: 'Enter the weight in grams.' })
  .nonnegative({ error: 'A weight cannot be negative.' })
  .max(20_000, { error: 'A weight over 20 kg is surely a typo.' });

/** The forms stock metal comes in from a supplier (DOMAIN.md; findings stock are jump rings etc.). */
export const METAL_FORMS = [
  'grain',
  'sheet',
  'wire',
  'solder',
  'findings',
  'tube',
  'casting',
] as const;

/**
 * Who holds metal issued from stock: a person, a bench (a place where metal sits between jobs) or a
 * casting tree. The safe's stock is the shop's own account and never "issued to".
 */
export const holderSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), id: ulid }),
  z.object({
    kind: z.literal('bench'),
    id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'Not a bench id.' }),
  }),
  z.object({ kind: z.literal('tree'), id: ulid }),
]);

/** Where a weigh-in happens: the safe (the shop's stock) or a holder. */
export const weighPlaceSchema = z.union([z.object({ kind: z.literal('stock') }), holderSchema]);

/**
 * Scrap as it is segregated (DOMAIN.md, "Precious metal and scrap"). Bench sweeps, polishing dust and
 * floor sweeps assay low and vary most: they go in a pot of their own, apart from clean scrap.
 */
export const SCRAP_KINDS = [
  'bench_filings',
  'sprues_buttons',
  'lemel',
  'bench_sweeps',
  'polishing_dust',
  'floor_sweeps',
] as const;

/** A scrap pot: a scrap group (karat and metal family) and its grade. Both tablets name it alike. */
export const potIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,20}\/(clean|sweeps)$/, { error: 'Not a scrap pot.' });

const scaleId = z.string().regex(/^[a-z0-9_]{1,40}$/, { error: 'Not a scale id.' });
const common = {
  scaleId: scaleId.optional(),
  note: text(500).optional(),
};

export const metalReceivedSchema = z.object({
  alloyId: z.enum(ALLOY_IDS),
  grams: ledgerGramsSchema,
  form: z.enum(METAL_FORMS),
  supplier: requiredText(80, 'supplier'),
  /** The supplier's lot or invoice number, for the accountant. */
  supplierLot: text(60).optional(),
  ...common,
});

export const metalIssuedSchema = z.object({
  alloyId: z.enum(ALLOY_IDS),
  grams: ledgerGramsSchema,
  to: holderSchema,
  form: z.enum(METAL_FORMS).optional(),
  ...common,
});

export const metalReturnedSchema = z.object({
  alloyId: z.enum(ALLOY_IDS),
  grams: ledgerGramsSchema,
  from: holderSchema,
  ...common,
});

/** Metal a holder put into a customer's piece: the good castings of a tree, stock added at a bench. */
export const metalUsedSchema = z.object({
  alloyId: z.enum(ALLOY_IDS),
  grams: ledgerGramsSchema,
  from: holderSchema,
  jobId: ulid,
  ...common,
});

export const weighInSchema = z.object({
  place: weighPlaceSchema,
  alloyId: z.enum(ALLOY_IDS),
  session: z.enum(['opening', 'closing', 'count']),
  /** What the ledger said the place held when it was weighed (as this tablet knew it). */
  bookG: z.number().min(-20_000).max(20_000),
  weighedG: weighedGramsSchema,
  /** The scale's tolerance then: a difference within it is the scale, not metal. */
  toleranceG: z.number().nonnegative().max(10),
  ...common,
});

export const scrapDepositedSchema = z.object({
  potId: potIdSchema,
  alloyId: z.enum(ALLOY_IDS),
  kind: z.enum(SCRAP_KINDS),
  grams: ledgerGramsSchema,
  /** Whose scrap it was: a holder's (the bench's filings), or none (floor sweeps of the whole shop). */
  from: holderSchema.optional(),
  jobId: ulid.optional(),
  treeId: ulid.optional(),
  ...common,
});

export const lotSealedSchema = z.object({
  lotId: ulid,
  /** What was taken out of each pot, per alloy, as the sealing tablet saw them: frozen. */
  contents: z
    .array(
      z.object({
        potId: potIdSchema,
        alloyId: z.enum(ALLOY_IDS),
        grams: ledgerGramsSchema,
        estimatedFineG: z.number().nonnegative().max(20_000),
      }),
    )
    .min(1, { error: 'A lot takes at least one pot.' })
    .max(60),
  sealNumber: text(40).optional(),
  note: text(500).optional(),
});

export const lotSentSchema = z.object({
  lotId: ulid,
  sentOn: isoDate,
  refiner: requiredText(80, 'refiner'),
  /** Who took it: the courier or the person who drove it there. */
  takenBy: requiredText(80, 'who took it'),
  grossG: ledgerGramsSchema,
  sealNumber: requiredText(40, 'seal number'),
  ...common,
});

export const lotSettledSchema = z.object({
  lotId: ulid,
  settledOn: isoDate,
  /** The refiner's assay of the melted lot, in ‰ of the metal family's fine metal. */
  assayPermille: z.number().min(0).max(1000).optional(),
  fineCreditedG: z.number().nonnegative().max(20_000),
  feesCents: z.number().int().nonnegative(),
  note: text(500).optional(),
});

/** The movement types a later correction may reverse. A lot is corrected by its next event. */
export const CORRECTABLE_TYPES = [
  'metal.received',
  'metal.issued',
  'metal.returned',
  'metal.used',
  'metal.weighed_in',
  'scrap.deposited',
] as const;

/**
 * Nothing is deleted: a wrong movement is reversed by this, and both stay in the history. It carries
 * a copy of the movement it reverses, so it undoes the same grams whichever of the two a tablet
 * receives first.
 */
export const movementCorrectedSchema = z.object({
  /** The movement corrected: an earlier metal.* or scrap.deposited event. */
  eventId: ulid,
  original: z.object({
    type: z.enum(CORRECTABLE_TYPES),
    data: z.record(z.string(), z.unknown()),
  }),
  reason: requiredText(300, 'reason'),
});

export const LEDGER_EVENT_SCHEMAS = {
  'metal.received': metalReceivedSchema,
  'metal.issued': metalIssuedSchema,
  'metal.returned': metalReturnedSchema,
  'metal.used': metalUsedSchema,
  'metal.weighed_in': weighInSchema,
  'scrap.deposited': scrapDepositedSchema,
  'lot.sealed': lotSealedSchema,
  'lot.sent': lotSentSchema,
  'lot.settled': lotSettledSchema,
  'metal.corrected': movementCorrectedSchema,
} as const;

// ---- The shop's scales (shop stream) ----

export const scaleSetSchema = z
  .object({
    scaleId,
    name: requiredText(60, 'scale name'),
    /** What the display reads to: 0.01 g on a bench scale, 0.1 g on a floor-sweeps scale. */
    readabilityG: z.number().positive().max(10),
    /** The difference a re-weighing may show and still be the same metal. */
    toleranceG: z.number().nonnegative().max(10),
    retired: z.boolean(),
  })
  .refine((s) => s.toleranceG >= s.readabilityG, {
    error: 'The tolerance cannot be finer than what the scale reads.',
    path: ['toleranceG'],
  });

export const SHOP_LEDGER_EVENT_SCHEMAS = { 'scale.set': scaleSetSchema } as const;

export type HolderData = z.infer<typeof holderSchema>;
export type WeighPlaceData = z.infer<typeof weighPlaceSchema>;
export type ScrapKind = (typeof SCRAP_KINDS)[number];
export type MetalForm = (typeof METAL_FORMS)[number];
export type ScaleData = z.infer<typeof scaleSetSchema>;
