// Small builders for field templates and the steps many services share (inspect, polish, clean, photo).
import type { FieldTemplate, StepTemplate, Unit } from '../types';

interface FieldOptions {
  /** Fields are required unless marked optional: most values a step asks for are the record. */
  optional?: boolean;
  hint?: string;
}

function base(key: string, label: string, options: FieldOptions) {
  return {
    key,
    label,
    required: options.optional !== true,
    ...(options.hint === undefined ? {} : { hint: options.hint }),
  };
}

export function numberField(
  key: string,
  label: string,
  unit: Unit,
  range: { min: number; max: number; step: number },
  options: FieldOptions = {},
): FieldTemplate {
  return { ...base(key, label, options), kind: 'number', unit, ...range };
}

export function choiceField(
  key: string,
  label: string,
  choices: readonly { value: string; label: string }[],
  options: FieldOptions = {},
): FieldTemplate {
  return { ...base(key, label, options), kind: 'choice', options: choices };
}

export function ringSizeField(
  key: string,
  label: string,
  options: FieldOptions = {},
): FieldTemplate {
  return { ...base(key, label, options), kind: 'ringSize' };
}

export function alloyField(key: string, label: string, options: FieldOptions = {}): FieldTemplate {
  return { ...base(key, label, options), kind: 'alloy' };
}

export function textField(
  key: string,
  label: string,
  maxLength: number,
  options: FieldOptions = {},
): FieldTemplate {
  return { ...base(key, label, options), kind: 'text', maxLength };
}

export function photoField(key: string, label: string, options: FieldOptions = {}): FieldTemplate {
  return { ...base(key, label, options), kind: 'photo' };
}

export function checkField(key: string, label: string, options: FieldOptions = {}): FieldTemplate {
  return { ...base(key, label, options), kind: 'check' };
}

/** Room for a note without inviting an essay on a tablet keyboard. */
export const NOTE_MAX_LENGTH = 500;

/** Weights of metal added to or taken from a piece at the bench, in grams (scale reads 0.01 g). */
export const BENCH_METAL_G = { min: 0, max: 50, step: 0.01 } as const;

/**
 * Step fields whose grams are metal added to or taken from the customer's piece: the job's metal
 * balance (domain/ledger/jobMetal.ts) counts them once their step is done, so the bench records the
 * weight once, in the step. Keys are stored forever, so a key means the same metal in every template:
 * - metal_added_g: sizing stock, re-tipping wire, solder or filler wire;
 * - metal_removed_g: the offcut when sizing down;
 * - good_weight_g: lost-wax casting's cut_off, the castings cut from the tree for this job. They are
 *   the customer's piece (or a part of it) from then on, so they count as metal added to the job;
 *   the button and sprues (button_weight_g) go back to stock, not to the customer.
 */
export const BENCH_METAL_FIELDS = {
  metal_added_g: 'added',
  metal_removed_g: 'removed',
  good_weight_g: 'added',
} as const;

/** How a seam, link or jump ring is joined. Hard solder first, easier solders for later joins. */
export const JOIN_OPTIONS = [
  { value: 'hard_solder', label: 'Hard solder' },
  { value: 'medium_solder', label: 'Medium solder' },
  { value: 'easy_solder', label: 'Easy solder' },
  { value: 'laser_weld', label: 'Laser weld' },
] as const;

// Ultrasonic vibration cracks or strips these stones (and steam's heat shock is no kinder to them).
export const ULTRASONIC_WARNING =
  'No ultrasonic for emeralds, opals, pearls or fracture-filled stones: clean those by hand.';

/**
 * Inspection under 10× before any work, with what a careful jeweler records (DOMAIN.md, take-in:
 * Jewelers Mutual; JVC bulletin via JCK; "Avoid Common Take-In Pitfalls"): one worn prong means check
 * them all; photos of damaged areas protect the shop when the piece comes back.
 */
export function inspectStep(
  fields: readonly FieldTemplate[],
  hint = 'Look for worn or broken prongs (one worn: check all), loose or chipped stones, a thin or cracked shank, earlier repairs.',
): StepTemplate {
  return {
    id: 'inspect',
    label: 'Inspect under 10× and note the condition',
    hint,
    requiredBeforeQc: true,
    fields: [
      ...fields,
      textField('condition_notes', 'Condition notes', NOTE_MAX_LENGTH, { optional: true }),
      photoField('condition_photo', 'Photo of damaged areas', { optional: true }),
    ],
  };
}

export const POLISH_STEP: StepTemplate = {
  id: 'polish',
  label: 'Polish',
  requiredBeforeQc: true,
  fields: [],
};

export const CLEAN_STEP: StepTemplate = {
  id: 'clean',
  label: 'Clean (ultrasonic or steam)',
  hint: ULTRASONIC_WARNING,
  requiredBeforeQc: true,
  fields: [],
};

/** Photos before and after are what shops keep (DOMAIN.md, "What workshop software commonly has"). */
export const PHOTO_AFTER_STEP: StepTemplate = {
  id: 'photo_after',
  label: 'Photo after',
  requiredBeforeQc: false,
  fields: [photoField('after_photo', 'Photo after')],
};
