// The workshop's machines on the wire: a registry (each machine its own stream), preventive
// maintenance plans and logs, hours of use, malfunction reports and scale calibration checks
// (issue 15, "Equipment"). One set of zod schemas for app and server.
import { z } from 'zod';
import { ULID_PATTERN } from '../domain/ids';
import { requiredText, text } from './text';

const ulid = z.string().regex(ULID_PATTERN, { error: 'Not a valid id (ULID).' });
const sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: 'Not a SHA-256 hash (64 lowercase hex digits).' });
/** A shop scale's id, as scale.set names it (protocol/ledger.ts). */
const scaleId = z.string().regex(/^[a-z0-9_]{1,40}$/, { error: 'Not a scale id.' });

export const EQUIPMENT_KINDS = [
  'ultrasonic',
  'steam_cleaner',
  'polishing_motor',
  'flex_shaft',
  'laser_welder',
  'kiln',
  'casting_machine',
  'rhodium_rectifier',
  'plating_bath',
  'scale',
  'other',
] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];

const days = z
  .number({ error: 'Enter the number of days.' })
  .int({ error: 'Use whole days.' })
  .min(1, { error: 'At least every day.' })
  .max(3650, { error: 'More than ten years is surely a typo.' });
const hours = z
  .number({ error: 'Enter the hours.' })
  .positive({ error: 'Hours must be more than 0.' })
  .max(100_000, { error: 'That many hours is surely a typo.' });

/** A machine's description (last writer wins per field). */
export const equipmentFieldsSchema = z.object({
  name: requiredText(60, 'name of the machine'),
  kind: z.enum(EQUIPMENT_KINDS),
  maker: text(60).optional(),
  model: text(60).optional(),
  serial: text(60).optional(),
  location: text(60).optional(),
  /** A scale's link to the shop's scale (scale.set): weighings name that id. */
  scaleId: scaleId.optional(),
  /** A scale is checked with its test weight this often; past it, its weighings are flagged. */
  calibrationEveryDays: days.optional(),
  /** The certified test weight a scale is checked with, in grams. */
  testWeightG: z.number().positive().max(20_000).optional(),
  /** A machine no longer used stays listed (its logs name it), off the board. */
  retired: z.boolean(),
});
export type EquipmentFields = z.infer<typeof equipmentFieldsSchema>;

/** A machine added to the registry (equipment stream: the stream id is the machine's id). */
export const equipmentAddedSchema = equipmentFieldsSchema;
export const equipmentUpdatedSchema = z.object({ changes: equipmentFieldsSchema.partial() });

/**
 * A preventive maintenance task planned on a machine (equipment stream), last writer wins per task:
 * due every N days or every N hours of use, whichever comes first when both are set.
 */
export const maintenancePlannedSchema = z
  .object({
    taskId: ulid,
    what: requiredText(120, 'what is done'),
    everyDays: days.optional(),
    everyHours: hours.optional(),
    active: z.boolean(),
  })
  .refine((t) => t.everyDays !== undefined || t.everyHours !== undefined, {
    error: 'Say how often: every so many days or hours of use.',
    path: ['everyDays'],
  });

/** Maintenance done (equipment stream): a planned task, or work outside the plan (no taskId). */
export const maintenanceDoneSchema = z.object({
  taskId: ulid.optional(),
  what: requiredText(120, 'what was done'),
  notes: text(1000).optional(),
  photoSha256: sha256.optional(),
  /** The machine's hours of use when it was done, as counted (or read off its meter). */
  hoursAt: z.number().nonnegative().max(1_000_000).optional(),
});

/** Hours a machine ran (equipment stream): added to its hours of use. */
export const hoursLoggedSchema = z.object({ hours, note: text(300).optional() });

/** A malfunction reported (equipment stream): it reaches the manager until resolved. */
export const malfunctionReportedSchema = z.object({
  reportId: ulid,
  what: requiredText(500, 'what is wrong'),
  /** The machine must not be used until it is resolved. */
  outOfService: z.boolean(),
  photoSha256: sha256.optional(),
});

export const malfunctionResolvedSchema = z.object({
  reportId: ulid,
  how: requiredText(500, 'how it was resolved'),
});

/**
 * A scale checked with its test weight (equipment stream). `passed` is recorded as the checker saw
 * it (reading within tolerance of the weight); the fold trusts it, so a later change of tolerance
 * does not rewrite history.
 */
export const calibrationCheckedSchema = z.object({
  testWeightG: z.number().positive().max(20_000),
  readG: z.number().nonnegative().max(20_000),
  toleranceG: z.number().nonnegative().max(10),
  passed: z.boolean(),
  note: text(300).optional(),
});

export const EQUIPMENT_EVENT_SCHEMAS = {
  'equipment.added': equipmentAddedSchema,
  'equipment.updated': equipmentUpdatedSchema,
  'maintenance.planned': maintenancePlannedSchema,
  'maintenance.done': maintenanceDoneSchema,
  'equipment.hours_logged': hoursLoggedSchema,
  'malfunction.reported': malfunctionReportedSchema,
  'malfunction.resolved': malfunctionResolvedSchema,
  'calibration.checked': calibrationCheckedSchema,
} as const;
