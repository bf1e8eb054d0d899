// The event wire format: the envelope every change travels in and the data of each event type.
// One set of zod schemas for the app, the server and the tests (DESIGN.md, "Data: events are the truth").
import { z } from 'zod';
import { SERVICE_KINDS } from '../domain/checklists';
import { isRealStamp, STAMP_PATTERN } from '../domain/clock';
import { DEVICE_ID_PATTERN, ULID_PATTERN } from '../domain/ids';
import { ALLOY_IDS } from '../domain/metals';
import { CASTING_EVENT_SCHEMAS, SHOP_CASTING_EVENT_SCHEMAS } from './casting';
import { HANDOFF_EVENT_SCHEMAS, SHOP_HANDOFF_EVENT_SCHEMAS } from './handoffs';
import { LEDGER_EVENT_SCHEMAS, SHOP_LEDGER_EVENT_SCHEMAS } from './ledger';
import { customerEmailSchema, NOTICE_EVENT_SCHEMAS, SHOP_NOTICE_EVENT_SCHEMAS } from './notices';
import { JOB_STATUSES } from './statuses';
import { PICKUP_EVENT_SCHEMAS, redoOfSchema, SHOP_PICKUP_EVENT_SCHEMAS } from './pickup';
import {
  fixedStreamId,
  SHOP_STREAM_ID,
  STREAM_KINDS,
  STREAM_OF_TYPE,
  streamIdFits,
} from './streams';
import { isoDateSchema, requiredText, text } from './text';
import { STAFF_ROLES, type StaffRole } from './roles';
import { TIME_EVENT_SCHEMAS } from './time';
import { INVENTORY_EVENT_SCHEMAS, MATERIAL_EVENT_SCHEMAS } from './inventory';
import { EQUIPMENT_EVENT_SCHEMAS } from './equipment';
import { BATH_EVENT_SCHEMAS, WASTE_EVENT_SCHEMAS } from './chemicals';
import { SHOP_COSTING_EVENT_SCHEMAS } from './costing';

export { isoDateSchema };

/** Shop-level events (staff, settings) belong to the shop's stream, whose id is this. */
export const SHOP_JOB_ID = SHOP_STREAM_ID;

export const ulidSchema = z.string().regex(ULID_PATTERN, { error: 'Not a valid id (ULID).' });
export const sha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: 'Not a SHA-256 hash (64 lowercase hex digits).' });
export const staffIdSchema = z.string().min(1, { error: 'Missing staff id.' }).max(64);
/** Grams on a calibrated bench scale: positive, and no single piece weighs a kilogram. */
export const gramsSchema = z
  .number({ error: 'Enter the weight in grams.' })
  .positive({ error: 'A weight must be more than 0 g.' })
  .max(1000, { error: 'A weight over 1000 g is surely a typo.' });
/** Money in the shop's minor unit (cents), to keep sums exact. */
export const centsSchema = z
  .number()
  .int({ error: 'Use whole cents.' })
  .nonnegative({ error: 'An amount cannot be negative.' });
export const stepValueSchema = z.union([z.number(), z.string().max(500), z.boolean()]);
export const stepValuesSchema = z.record(z.string().min(1).max(64), stepValueSchema);

export const ITEM_KINDS = [
  'ring',
  'chain',
  'bracelet',
  'necklace',
  'earrings',
  'pendant',
  'brooch',
  'watch',
  'other',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export { JOB_STATUSES, OPEN_STATUSES, type JobStatus } from './statuses';

/** `pickup`: the piece as it goes home, shown beside the intake photos (the same piece, proved). */
export const PHOTO_TAGS = [
  'intake',
  'before',
  'after',
  'qc',
  'damage',
  'stone_layout',
  'pickup',
] as const;
export type PhotoTag = (typeof PHOTO_TAGS)[number];

export const WEIGHT_KINDS = ['intake', 'return', 'added', 'removed', 'check'] as const;
export type WeightKind = (typeof WEIGHT_KINDS)[number];

export const stoneSchema = z.object({
  count: z.number().int().min(1, { error: 'At least one stone.' }).max(999),
  /** Described generically ("white stone") unless tested (DOMAIN.md, "Take-in"). */
  kind: requiredText(60, 'stone description'),
  sizeMm: z.number().positive().max(100).optional(),
});

export const customerSchema = z.object({
  name: requiredText(100, "customer's name"),
  phone: text(40).optional(),
  email: customerEmailSchema.optional(),
  /** The customer agreed at intake to be told by email when the piece is ready (issue 14, part 7). */
  notifyByEmail: z.boolean().optional(),
});

export const itemSchema = z.object({
  kind: z.enum(ITEM_KINDS),
  description: requiredText(200, 'item description'),
  alloyId: z.enum(ALLOY_IDS).optional(),
  /** Stamps and hallmarks as read, or "stamp illegible". */
  stamps: text(100).optional(),
  stones: z.array(stoneSchema).max(50),
});

export const conditionSchema = z.object({
  wornProngs: z.boolean(),
  looseStones: z.boolean(),
  chippedStones: z.boolean(),
  missingStones: z.boolean(),
  thinShank: z.boolean(),
  kinks: z.boolean(),
  brokenClasp: z.boolean(),
  other: text(500).optional(),
});

export const serviceSchema = z.object({
  id: ulidSchema,
  kind: z.enum(SERVICE_KINDS),
  details: stepValuesSchema,
});

export const envelopeRefSchema = z.object({
  /** What a person reads and types: an app number like K7-0042, or a pre-printed envelope's code. */
  number: requiredText(32, 'envelope number'),
  preprinted: z.boolean(),
  /** "Job 1 of 2": one piece per envelope, several envelopes for one customer visit. */
  part: z
    .object({ index: z.number().int().min(1), of: z.number().int().min(1) })
    .refine((p) => p.index <= p.of, { error: 'Job number is past the number of jobs.' })
    .optional(),
});

export const custodyTargetSchema = z.object({
  kind: z.enum(['staff', 'place']),
  id: z.string().min(1).max(64),
  label: requiredText(60, 'name of the person or place'),
});

// ---- Data of each event type ----

export const jobOpenedSchema = z.object({
  envelope: envelopeRefSchema,
  customer: customerSchema,
  item: itemSchema,
  condition: conditionSchema,
  services: z.array(serviceSchema).min(1, { error: 'Add at least one service.' }).max(20),
  promisedDate: isoDateSchema,
  rush: z.boolean(),
  estimateCents: centsSchema.optional(),
  statedValueCents: centsSchema.optional(),
  insuranceValueCents: centsSchema.optional(),
  intakeWeightG: gramsSchema,
  notes: text(2000).optional(),
  signatureSha256: sha256Schema.optional(),
  /** A warranty redo: the job whose warranty it is done under (that job records warranty.claimed). */
  redoOf: redoOfSchema.optional(),
});

/**
 * Fields an edit may change; each one is last-writer-wins on its own. Not strict: a field added by a
 * newer app version is dropped here rather than making an older tablet skip the whole edit.
 */
export const jobFieldsSchema = z
  .object({
    customer: customerSchema,
    item: itemSchema,
    condition: conditionSchema,
    promisedDate: isoDateSchema,
    rush: z.boolean(),
    estimateCents: centsSchema.nullable(),
    statedValueCents: centsSchema.nullable(),
    insuranceValueCents: centsSchema.nullable(),
    assignee: staffIdSchema.nullable(),
  })
  .partial()
  .refine((f) => Object.keys(f).length > 0, { error: 'An edit must change at least one field.' });
export type JobFieldChanges = z.infer<typeof jobFieldsSchema>;
export const EDITABLE_JOB_FIELDS = [
  'customer',
  'item',
  'condition',
  'promisedDate',
  'rush',
  'estimateCents',
  'statedValueCents',
  'insuranceValueCents',
  'assignee',
] as const satisfies readonly (keyof JobFieldChanges)[];

export const jobUpdatedSchema = z.object({ changes: jobFieldsSchema });

export const statusChangedSchema = z.object({
  status: z.enum(JOB_STATUSES),
  reason: text(500).optional(),
  /** The customer's signature at pick-up (a photo of it, by hash). */
  signatureSha256: sha256Schema.optional(),
  /** At pick-up: the stones counted with the customer, against the intake's count. */
  stoneCount: z.number().int().min(0).max(9999).optional(),
  /**
   * At pick-up: the warranty promised, in days per service id, as the shop set it that day. A later
   * change of the shop's days does not change what a receipt already promised.
   */
  warrantyDays: z.record(ulidSchema, z.number().int().min(0).max(3650)).optional(),
});

export const jobVoidedSchema = z.object({ reason: requiredText(500, 'reason for voiding') });

export const envelopeBoundSchema = z.object({ code: requiredText(32, 'envelope code') });

export const serviceAddedSchema = z.object({ service: serviceSchema });

export const serviceCancelledSchema = z.object({
  serviceId: ulidSchema,
  reason: requiredText(500, 'reason'),
});

export const stepSetSchema = z.object({
  serviceId: ulidSchema,
  stepId: z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'Not a step id.' }),
  done: z.boolean(),
  values: stepValuesSchema,
});

export const custodyMovedSchema = z.object({ to: custodyTargetSchema, note: text(500).optional() });

export const weightLoggedSchema = z.object({
  kind: z.enum(WEIGHT_KINDS),
  grams: gramsSchema,
  alloyId: z.enum(ALLOY_IDS).optional(),
  serviceId: ulidSchema.optional(),
  note: text(500).optional(),
  /**
   * The scale it was weighed on (a shop scale's id, scale.set): a weighing on a scale overdue for
   * its calibration check, or that failed it, is flagged. Absent on weighings from before scales.
   */
  scaleId: z
    .string()
    .regex(/^[a-z0-9_]{1,40}$/, { error: 'Not a scale id.' })
    .optional(),
});

export const photoAddedSchema = z.object({
  sha256: sha256Schema,
  /**
   * The SHA-256 of its thumbnail's bytes, which travel as a blob of their own: another tablet
   * fetches the thumbnail first. Optional: photos recorded before thumbnails travelled have none.
   */
  thumbnailSha256: sha256Schema.optional(),
  tag: z.enum(PHOTO_TAGS),
  mimeType: z.enum(['image/jpeg', 'image/webp', 'image/png']),
  bytes: z.number().int().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  serviceId: ulidSchema.optional(),
  note: text(500).optional(),
});

export const noteAddedSchema = z.object({ text: requiredText(2000, 'note') });

export const qcRecordedSchema = z
  .object({
    result: z.enum(['pass', 'fail']),
    checks: z.record(z.string().min(1).max(64), z.boolean()),
    reason: text(500).optional(),
  })
  .refine((qc) => qc.result === 'pass' || (qc.reason ?? '') !== '', {
    error: 'Say why QC failed, so the bench knows what to fix.',
    path: ['reason'],
  });

// ---- Shop-level events (jobId SHOP_JOB_ID) ----

export { STAFF_ROLES, type StaffRole };

/** A PIN as stored: salted PBKDF2, never the digits themselves (domain/pin.ts). */
export const pinHashSchema = z.object({
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  iterations: z.number().int().min(1000),
});

export const staffAddedSchema = z.object({
  staffId: ulidSchema,
  name: requiredText(60, 'name'),
  role: z.enum(STAFF_ROLES),
  pin: pinHashSchema,
});

export const staffUpdatedSchema = z.object({
  staffId: ulidSchema,
  name: requiredText(60, 'name').optional(),
  role: z.enum(STAFF_ROLES).optional(),
  active: z.boolean().optional(),
  pin: pinHashSchema.optional(),
});

/** Every event type this version knows, with the schema of its data. */
export const EVENT_DATA_SCHEMAS = {
  'job.opened': jobOpenedSchema,
  'job.updated': jobUpdatedSchema,
  'job.voided': jobVoidedSchema,
  'status.changed': statusChangedSchema,
  'envelope.bound': envelopeBoundSchema,
  'service.added': serviceAddedSchema,
  'service.cancelled': serviceCancelledSchema,
  'step.set': stepSetSchema,
  'custody.moved': custodyMovedSchema,
  'weight.logged': weightLoggedSchema,
  'photo.added': photoAddedSchema,
  'note.added': noteAddedSchema,
  'qc.recorded': qcRecordedSchema,
  'staff.added': staffAddedSchema,
  'staff.updated': staffUpdatedSchema,
  ...SHOP_CASTING_EVENT_SCHEMAS,
  ...CASTING_EVENT_SCHEMAS,
  ...SHOP_LEDGER_EVENT_SCHEMAS,
  ...LEDGER_EVENT_SCHEMAS,
  ...HANDOFF_EVENT_SCHEMAS,
  ...SHOP_HANDOFF_EVENT_SCHEMAS,
  ...PICKUP_EVENT_SCHEMAS,
  ...SHOP_PICKUP_EVENT_SCHEMAS,
  ...NOTICE_EVENT_SCHEMAS,
  ...SHOP_NOTICE_EVENT_SCHEMAS,
  ...TIME_EVENT_SCHEMAS,
  ...MATERIAL_EVENT_SCHEMAS,
  ...INVENTORY_EVENT_SCHEMAS,
  ...EQUIPMENT_EVENT_SCHEMAS,
  ...BATH_EVENT_SCHEMAS,
  ...WASTE_EVENT_SCHEMAS,
  ...SHOP_COSTING_EVENT_SCHEMAS,
} as const;

/** Types that belong to the shop's stream, not to a job's or a tree's. */
export const SHOP_EVENT_TYPES: readonly EventType[] = (
  Object.keys(STREAM_OF_TYPE) as EventType[]
).filter((t) => STREAM_OF_TYPE[t] === 'shop');

export type EventType = keyof typeof EVENT_DATA_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_DATA_SCHEMAS) as EventType[];
export type EventData<T extends EventType> = z.infer<(typeof EVENT_DATA_SCHEMAS)[T]>;

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_DATA_SCHEMAS, type);
}

/** The envelope every event travels in; `data` is checked against its type's schema separately. */
export const eventEnvelopeSchema = z.object({
  id: ulidSchema,
  // The ledger's fixed id is a ULID too (time zero): no case of its own here.
  jobId: z.union([ulidSchema, z.literal(SHOP_JOB_ID)]),
  type: z.string().regex(/^[a-z]+(\.[a-z_]+)+$/, { error: 'Not an event type name.' }),
  at: z
    .string()
    .regex(STAMP_PATTERN, { error: 'Not a clock stamp.', abort: true })
    // The pattern lets 2099-02-29 through: a day that does not exist is refused at the door too.
    .refine(isRealStamp, { error: 'Not a real time: that day does not exist.' }),
  actor: staffIdSchema,
  device: z.string().regex(DEVICE_ID_PATTERN, { error: 'Not a device id.' }),
  data: z.record(z.string(), z.unknown()),
});

/**
 * An event as stored and synced: its type may be one a newer app version made. An older tablet keeps
 * such events and skips them in the fold until it updates (DESIGN.md, "Version skew").
 */
export type StoredEvent = z.infer<typeof eventEnvelopeSchema>;

type EventOf<T extends EventType> = Omit<StoredEvent, 'type' | 'data'> & {
  type: T;
  data: EventData<T>;
};
/** An event of a type this version knows, its data checked. */
export type LoupeEvent = { [T in EventType]: EventOf<T> }[EventType];

export class EventValidationError extends Error {
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'EventValidationError';
  }
}

function pathOf(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    prefix,
  );
}

function fail(issues: { path: string; message: string }[]): never {
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new EventValidationError(summary, issues);
}

function issuesOf(prefix: string, error: z.ZodError) {
  return error.issues.map((i) => ({ path: pathOf(prefix, i.path), message: i.message }));
}

/**
 * Checks an event strictly: a known type and data that fits it. Used for every event a tablet makes
 * and every event the server accepts. The error names the field, e.g. `data.customer.name: …`.
 */
export function parseEvent(input: unknown): LoupeEvent {
  const envelope = eventEnvelopeSchema.safeParse(input);
  if (!envelope.success) fail(issuesOf('event', envelope.error));
  const { type } = envelope.data;
  if (!isEventType(type)) {
    fail([{ path: 'event.type', message: `Unknown event type "${type}".` }]);
  }
  const kind = STREAM_OF_TYPE[type];
  if (!streamIdFits(kind, envelope.data.jobId)) {
    const fixed = fixedStreamId(kind);
    const onKind = STREAM_KINDS.find((k) => fixedStreamId(k) === envelope.data.jobId);
    const where =
      fixed !== null ? `the ${kind} ("${fixed}")` : `a ${kind}, not the ${onKind ?? kind}`;
    fail([{ path: 'event.jobId', message: `A ${type} event belongs to ${where}.` }]);
  }
  const data = EVENT_DATA_SCHEMAS[type].safeParse(envelope.data.data);
  if (!data.success) fail(issuesOf('event.data', data.error));
  return { ...envelope.data, type, data: data.data } as LoupeEvent;
}

/** Reads a stored or pulled event leniently: known types are checked, unknown ones are kept as is. */
export function readStoredEvent(
  event: StoredEvent,
): { known: true; event: LoupeEvent } | { known: false; reason: string } {
  if (!isEventType(event.type)) return { known: false, reason: `unknown type ${event.type}` };
  const data = EVENT_DATA_SCHEMAS[event.type].safeParse(event.data);
  if (!data.success) {
    return { known: false, reason: issuesOf('data', data.error)[0]?.message ?? 'invalid data' };
  }
  return { known: true, event: { ...event, data: data.data } as LoupeEvent };
}

/** The event types that can name a blob (blobsNamedBy reads only these). */
export const BLOB_NAMING_TYPES: readonly string[] = [
  'photo.added',
  'job.opened',
  'status.changed',
  'maintenance.done',
  'malfunction.reported',
];

/**
 * The blobs an event names, each with the photo it belongs to (a signature is its own photo): the
 * bytes the shop server must hold for the event to be whole. Only the types that name blobs are read.
 */
export function blobsNamedBy(stored: StoredEvent): { blob: string; photo: string }[] {
  if (!BLOB_NAMING_TYPES.includes(stored.type)) return [];
  const read = readStoredEvent(stored);
  if (!read.known) return [];
  const e = read.event;
  if (e.type === 'photo.added') {
    const { sha256, thumbnailSha256 } = e.data;
    const photo = { blob: sha256, photo: sha256 };
    return thumbnailSha256 && thumbnailSha256 !== sha256
      ? [photo, { blob: thumbnailSha256, photo: sha256 }]
      : [photo];
  }
  if (e.type === 'job.opened' || e.type === 'status.changed') {
    const signature = e.data.signatureSha256;
    return signature ? [{ blob: signature, photo: signature }] : [];
  }
  // A machine's maintenance or malfunction photo: stored whole, with no thumbnail of its own.
  if (e.type === 'maintenance.done' || e.type === 'malfunction.reported') {
    const photo = e.data.photoSha256;
    return photo ? [{ blob: photo, photo }] : [];
  }
  return [];
}
