// The take-in draft kept in sessionStorage, so a bumped tablet or a reload loses nothing typed.
//
// sessionStorage, not IndexedDB: a draft is not a record (nothing is recorded until Save), it holds a
// customer's name and phone, and it should end with the browser tab. The signature is never kept:
// strokes in a draft could be put under a different piece, so the customer signs again.
import { z } from 'zod';
import { SERVICE_KINDS } from '../../domain/checklists';
import { ALLOY_IDS } from '../../domain/metals';
import { ITEM_KINDS } from '../../protocol/events';
import { CONDITION_FLAGS, emptyIntake, isEmptyIntake, type IntakeForm } from './intakeForm';

/** Changing this key drops the drafts of tablets mid-intake once; harmless but surprising. */
export const INTAKE_DRAFT_KEY = 'loupe.intakeDraft';

const str = z.string().max(5000);

// A draft from an older app version that no longer fits is dropped whole rather than half-read.
const draftSchema = z.object({
  jobId: z.string().min(1).max(64),
  envelope: z.object({
    mode: z.enum(['app', 'preprinted']),
    code: str,
    part: z.object({ index: z.number(), of: z.number() }).nullable(),
  }),
  // Drafts kept before the customer's email was asked have none (and no consent).
  customer: z.object({
    name: str,
    phone: str,
    email: str.optional(),
    notifyByEmail: z.boolean().optional(),
  }),
  item: z.object({
    kind: z.enum(ITEM_KINDS).nullable(),
    description: str,
    stamps: str,
    alloyId: z.enum(ALLOY_IDS).nullable(),
    stones: z.array(z.object({ key: z.string(), count: str, kind: str, sizeMm: str })).max(100),
  }),
  values: z.object({ stated: str, insurance: str, estimate: str }),
  condition: z.object({
    ...Object.fromEntries(CONDITION_FLAGS.map((f) => [f, z.boolean()])),
    other: str,
  }),
  services: z
    .array(
      z.object({
        key: z.string(),
        kind: z.enum(SERVICE_KINDS),
        details: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
      }),
    )
    .max(50),
  promisedDate: str,
  rush: z.boolean(),
  weight: str,
  notes: str,
  // Drafts kept before intake photos existed have none.
  photosTaken: z.boolean().default(false),
});

/** The draft as kept: the form without its signature. */
export function draftText(form: IntakeForm): string {
  const { signed: _signed, ...rest } = form;
  return JSON.stringify(rest);
}

/** The form a kept draft describes (unsigned), or null when there is none or it cannot be read. */
export function readDraft(text: string | null): IntakeForm | null {
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = draftSchema.safeParse(json);
  if (!parsed.success) return null;
  const base = emptyIntake(parsed.data.jobId);
  // The zod type of the spread condition object is loose; the keys were checked above.
  const condition = { ...base.condition, ...parsed.data.condition } as IntakeForm['condition'];
  const form: IntakeForm = { ...base, ...parsed.data, condition, signed: false };
  return isEmptyIntake(form) ? null : form;
}

// Storage may be missing or full (private browsing, quota): the form still works, only unsaved.
export function loadDraft(): IntakeForm | null {
  try {
    return readDraft(sessionStorage.getItem(INTAKE_DRAFT_KEY));
  } catch {
    return null;
  }
}

export function keepDraft(form: IntakeForm): void {
  try {
    if (isEmptyIntake({ ...form, signed: false })) sessionStorage.removeItem(INTAKE_DRAFT_KEY);
    else sessionStorage.setItem(INTAKE_DRAFT_KEY, draftText(form));
  } catch (err) {
    console.warn('Could not keep the intake draft', err);
  }
}

export function clearDraft(): void {
  try {
    sessionStorage.removeItem(INTAKE_DRAFT_KEY);
  } catch {
    // Nothing kept, nothing to clear.
  }
}
