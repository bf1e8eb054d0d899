// The casting room's events on the wire: a tree's stream (waxes, flask, burnout, cast, weigh-out) and
// the shop's burnout programs and loss threshold. One set of zod schemas for the app and the server.
import { z } from 'zod';
import { BURNOUT_MAX_TEMP_C } from '../domain/checklists/templates/lostWaxCasting';
import { ULID_PATTERN } from '../domain/ids';
import { ALLOY_IDS } from '../domain/metals';
import { requiredText, text } from './text';

const ulid = z.string().regex(ULID_PATTERN, { error: 'Not a valid id (ULID).' });

/**
 * A moment on the recording tablet's wall clock, in ms since 1970. Timers are wall-clock facts in
 * the data (DESIGN.md, "Time"): the hybrid clock orders events, it is not a stopwatch. Bounded so a
 * typo'd or zero clock is refused: 2020-01-01 to 2100-01-01.
 */
export const wallMsSchema = z
  .number()
  .int({ error: 'A time must be whole milliseconds.' })
  .min(1_577_836_800_000, { error: 'That time is before 2020: is the tablet clock set?' })
  .max(4_102_444_800_000, { error: 'That time is after 2100: is the tablet clock set?' });

/** Casting-room grams: a flask of silver can pass a kilogram of metal; beyond 5 kg is a typo. */
export const castingGramsSchema = z
  .number({ error: 'Enter the weight in grams.' })
  .nonnegative({ error: 'A weight cannot be negative.' })
  .max(5000, { error: 'A weight over 5000 g is surely a typo.' });
const positiveGrams = castingGramsSchema.refine((g) => g > 0, {
  error: 'A weight must be more than 0 g.',
});

/** Flask sizes the shop's flasks come in, diameter × height in inches (DOMAIN.md, "Burnout"). */
export const FLASK_SIZE_IDS = ['2.5x2.5', '3.5x4', '4x8'] as const;
export const INVESTMENTS = ['gypsum', 'stone_safe'] as const;

/** A physical flask's tag as printed or typed: flasks are steel and reused, tree after tree. */
export const flaskIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,15}$/, {
    error: 'A flask id is letters, digits and dashes, up to 16 (e.g. F12).',
  });

export const burnoutStageSchema = z.object({
  label: requiredText(40, 'stage name'),
  tempC: z
    .number()
    .int({ error: 'Whole degrees.' })
    .min(20, { error: 'A stage below 20 °C is not a burnout stage.' })
    // Gypsum-bonded investment breaks down above about 788 °C (DOMAIN.md): refused at the door.
    .max(BURNOUT_MAX_TEMP_C, {
      error: `Never above ${BURNOUT_MAX_TEMP_C} °C (1450 °F): the investment breaks down.`,
    }),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /** The last hold, at the flask's casting temperature (given when a run starts). */
  soak: z.literal(true).optional(),
});

/** A program as a run keeps it: a copy, so editing the shop's program later changes no run. */
export const burnoutProgramSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]{1,40}$/, { error: 'Not a program id.' }),
  name: requiredText(60, 'program name'),
  stages: z.array(burnoutStageSchema).min(1).max(12),
  investment: z.enum(INVESTMENTS),
  flaskSizes: z.array(z.enum(FLASK_SIZE_IDS)).max(FLASK_SIZE_IDS.length),
  builtIn: z.boolean(),
});

// ---- A tree's stream (its id is the tree's ULID) ----

export const treeStartedSchema = z.object({
  alloyId: z.enum(ALLOY_IDS),
  note: text(200).optional(),
});

export const treeJobAddedSchema = z.object({
  jobId: ulid,
  /** As the envelope reads, so the tree's page names it without the job's stream. */
  envelopeNumber: requiredText(32, 'envelope number'),
  /** The job's lost-wax casting service whose steps the tree ticks. */
  serviceId: ulid.optional(),
});

export const treeJobRemovedSchema = z.object({
  jobId: ulid,
  reason: requiredText(200, 'reason'),
});

/** The tree's own ticks, last-writer-wins per step (the job's casting steps are ticked with them). */
export const TREE_STEP_IDS = [
  'wax_cleanup',
  'sprue',
  'tree',
  'vacuum',
  'quench',
  'devest',
  'cut_off',
] as const;
export const treeStepSetSchema = z.object({
  stepId: z.enum(TREE_STEP_IDS),
  done: z.boolean(),
});

/** Weighed on its rubber base: the wax is the difference. A later weighing replaces it. */
export const treeWeighedSchema = z
  .object({ grossG: positiveGrams, baseG: castingGramsSchema })
  .refine((w) => w.grossG > w.baseG, {
    error: 'The tree must weigh more than its base.',
    path: ['grossG'],
  });

/** Metal weighed out for the tree; each issue adds to the total. `actor` is who issued it. */
export const treeMetalIssuedSchema = z.object({
  grams: positiveGrams,
  /** Fresh grain, or clean button and sprues of the same alloy cast again. */
  source: z.enum(['fresh', 'reused']),
  note: text(200).optional(),
});

export const treeInvestedSchema = z.object({
  flaskId: flaskIdSchema,
  flaskSize: z.enum(FLASK_SIZE_IDS),
  investment: z.enum(INVESTMENTS),
  powderG: positiveGrams,
  waterMl: z.number().positive().max(5000),
  /** When powder met water: the working-time countdown starts here. */
  mixedAtMs: wallMsSchema,
  workingMinutes: z.number().min(1).max(60),
});

export const treeBurnoutStartedSchema = z.object({
  atMs: wallMsSchema,
  program: burnoutProgramSchema,
  /** The soak's temperature: the flask's casting temperature. */
  soakTempC: burnoutStageSchema.shape.tempC,
});
export const treeBurnoutPausedSchema = z.object({
  atMs: wallMsSchema,
  reason: text(200).optional(),
});
export const treeBurnoutResumedSchema = z.object({ atMs: wallMsSchema });
/** From `atMs` the kiln runs `program` from the start of stage `stageIndex`. */
export const treeBurnoutChangedSchema = z
  .object({
    atMs: wallMsSchema,
    program: burnoutProgramSchema,
    stageIndex: z.number().int().min(0),
    soakTempC: burnoutStageSchema.shape.tempC,
    reason: text(200).optional(),
  })
  .refine((c) => c.stageIndex < c.program.stages.length, {
    error: 'That stage is not in the program.',
    path: ['stageIndex'],
  });

export const treeCastSchema = z.object({
  atMs: wallMsSchema,
  flaskTempC: z.number().int().min(100).max(BURNOUT_MAX_TEMP_C),
  castingTempC: z.number().int().min(600).max(1900),
  machine: requiredText(60, 'casting machine'),
});

export const METAL_DESTINATIONS = ['stock', 'scrap'] as const;
/** The weigh-out after cut-off; a later one replaces it (a correction, both kept in the history). */
export const treeWeighedOutSchema = z.object({
  castings: z
    .array(z.object({ jobId: ulid, grams: castingGramsSchema }))
    .max(100)
    .refine((list) => new Set(list.map((c) => c.jobId)).size === list.length, {
      error: 'Each job is weighed once.',
    }),
  buttonG: castingGramsSchema,
  spruesG: castingGramsSchema,
  /** Where the button and sprues went: back to the alloy's stock, or to its scrap pot. */
  buttonTo: z.enum(METAL_DESTINATIONS),
  spruesTo: z.enum(METAL_DESTINATIONS),
});

export const treeNoteSchema = z.object({ text: requiredText(2000, 'note') });

// ---- The shop's casting settings (shop stream) ----

export const castingProgramAddedSchema = z.object({
  program: burnoutProgramSchema.refine((p) => !p.builtIn, {
    error: 'A built-in program cannot be added again.',
  }),
});
export const castingProgramRetiredSchema = z.object({ programId: burnoutProgramSchema.shape.id });
export const castingLossThresholdSetSchema = z.object({
  pct: z.number().min(0.1).max(10),
});

export const CASTING_EVENT_SCHEMAS = {
  'tree.started': treeStartedSchema,
  'tree.job_added': treeJobAddedSchema,
  'tree.job_removed': treeJobRemovedSchema,
  'tree.step_set': treeStepSetSchema,
  'tree.weighed': treeWeighedSchema,
  'tree.metal_issued': treeMetalIssuedSchema,
  'tree.invested': treeInvestedSchema,
  'tree.burnout_started': treeBurnoutStartedSchema,
  'tree.burnout_paused': treeBurnoutPausedSchema,
  'tree.burnout_resumed': treeBurnoutResumedSchema,
  'tree.burnout_changed': treeBurnoutChangedSchema,
  'tree.cast': treeCastSchema,
  'tree.weighed_out': treeWeighedOutSchema,
  'tree.note_added': treeNoteSchema,
} as const;

export const SHOP_CASTING_EVENT_SCHEMAS = {
  'casting.program_added': castingProgramAddedSchema,
  'casting.program_retired': castingProgramRetiredSchema,
  'casting.loss_threshold_set': castingLossThresholdSetSchema,
} as const;

export type BurnoutProgramData = z.infer<typeof burnoutProgramSchema>;
export type BurnoutStageData = z.infer<typeof burnoutStageSchema>;
export type TreeStepId = (typeof TREE_STEP_IDS)[number];
export type FlaskSizeIdData = (typeof FLASK_SIZE_IDS)[number];
