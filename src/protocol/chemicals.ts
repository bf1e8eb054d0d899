// Rhodium baths and chemical waste on the wire: a bath made, replenished, used by each plating and
// retired (each bath its own stream); the shop's chemical waste log (one stream) (issue 15).
import { z } from 'zod';
import { ULID_PATTERN } from '../domain/ids';
import { isoDateSchema as isoDate, requiredText, text } from './text';

const ulid = z.string().regex(ULID_PATTERN, { error: 'Not a valid id (ULID).' });
const rhodiumGrams = z
  .number({ error: 'Enter the grams of rhodium.' })
  .positive({ error: 'Grams of rhodium must be more than 0.' })
  .max(100, { error: 'More than 100 g of rhodium is surely a typo.' });
const millilitres = z
  .number({ error: 'Enter the volume in millilitres.' })
  .positive({ error: 'A volume must be more than 0 ml.' })
  .max(100_000, { error: 'More than 100 l is surely a typo.' });

/** A rhodium bath made up (bath stream: the stream id is the bath's id). */
export const bathMadeSchema = z.object({
  name: requiredText(60, 'name of the bath'),
  madeDate: isoDate,
  rhodiumG: rhodiumGrams,
  volumeMl: millilitres,
  /** The rectifier or tank it runs in (an equipment id), when the registry has it. */
  equipmentId: ulid.optional(),
  note: text(300).optional(),
});

/** Rhodium (and perhaps solution) added to a bath (bath stream). */
export const bathReplenishedSchema = z.object({
  rhodiumG: rhodiumGrams,
  volumeMl: millilitres.optional(),
  note: text(300).optional(),
});

/**
 * A plating done in the bath (bath stream), written with the job's rhodium plate step in one
 * transaction: its time and voltage are the checklist's values.
 */
export const bathPlatedSchema = z.object({
  jobId: ulid,
  serviceId: ulid,
  seconds: z.number().positive().max(3600),
  volts: z.number().nonnegative().max(24),
  tempC: z.number().min(0).max(100).optional(),
});

export const bathRetiredSchema = z.object({
  reason: requiredText(300, 'reason the bath was retired'),
});

export const WASTE_UNITS = ['ml', 'l', 'g', 'kg'] as const;
export type WasteUnit = (typeof WASTE_UNITS)[number];

/** Chemical waste taken away or put in a container (waste stream): what, how much, where, who. */
export const wasteLoggedSchema = z.object({
  entryId: ulid,
  what: requiredText(120, 'what the waste is'),
  amount: z
    .number({ error: 'Enter how much.' })
    .positive({ error: 'An amount must be more than 0.' })
    .max(100_000, { error: 'That amount is surely a typo.' }),
  unit: z.enum(WASTE_UNITS),
  /** The container, the collector, the neutralising step: where it went. */
  where: requiredText(120, 'place it went'),
  note: text(300).optional(),
});

/** A waste entry marked wrong (waste stream); the entry stays in the history, struck through. */
export const wasteCorrectedSchema = z.object({
  entryId: ulid,
  reason: requiredText(300, 'what was wrong'),
});

export const BATH_EVENT_SCHEMAS = {
  'bath.made': bathMadeSchema,
  'bath.replenished': bathReplenishedSchema,
  'bath.plated': bathPlatedSchema,
  'bath.retired': bathRetiredSchema,
} as const;

export const WASTE_EVENT_SCHEMAS = {
  'waste.logged': wasteLoggedSchema,
  'waste.corrected': wasteCorrectedSchema,
} as const;
