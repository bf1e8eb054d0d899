// Checks the values recorded for a service's details and steps against their field templates.
import { templateFor } from './templates';
import type {
  FieldProblem,
  FieldTemplate,
  ServiceKind,
  StepTemplate,
  StepValues,
  Unit,
} from './types';

/**
 * Inner diameters a ring-size field accepts: US 0 is about 11.63 mm (DOMAIN.md, ring sizes: Wikipedia
 * formula); 25 mm (about US 16.5) is past the end of a standard mandrel, so more is a typo.
 */
export const RING_SIZE_FIELD_MM = { min: 11.6, max: 25 } as const;

/** Photos are addressed by the SHA-256 of their bytes (DESIGN.md, sync). */
const SHA256_HEX = /^[0-9a-f]{64}$/;

type Scope = 'step' | 'service';

/**
 * Checks the types and ranges of the values given, and reports keys no field has (a typo in stored
 * data). Missing values are fine here: the jeweler may save a step half-filled.
 */
export function checkFieldValues(
  fields: readonly FieldTemplate[],
  values: StepValues,
): FieldProblem[] {
  return checkValues(fields, values, { requireAll: false, scope: 'step' });
}

/**
 * Checks the values of a step being ticked done: everything `checkFieldValues` checks, plus every required
 * value present (and every required check confirmed). Callers call it only when ticking a step done.
 */
export function checkStepValues(step: StepTemplate, values: StepValues): FieldProblem[] {
  return checkValues(step.fields, values, { requireAll: true, scope: 'step' });
}

/** Checks the details asked when a service is added: every field, then the service's own rules. */
export function checkServiceDetails(kind: ServiceKind, details: StepValues): FieldProblem[] {
  const template = templateFor(kind);
  const problems = checkValues(template.detailFields, details, {
    requireAll: true,
    scope: 'service',
  });
  if (template.checkDetails === undefined) return problems;
  // Cross-field rules see only values that passed their own checks, so one bad value is reported once.
  const bad = new Set(problems.map((p) => p.key));
  const good = Object.fromEntries(Object.entries(details).filter(([key]) => !bad.has(key)));
  return [...problems, ...template.checkDetails(good)];
}

function checkValues(
  fields: readonly FieldTemplate[],
  values: StepValues,
  { requireAll, scope }: { requireAll: boolean; scope: Scope },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of fields) {
    // Values come from stored events and other tablets: trust no types, whatever the signature says.
    const value: unknown = Object.hasOwn(values, field.key) ? values[field.key] : undefined;
    const message = isBlank(value)
      ? missingMessage(field, value, requireAll)
      : (valueMessage(field, value) ?? unconfirmedMessage(field, value, requireAll));
    if (message !== undefined) problems.push({ key: field.key, message });
  }
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) {
      problems.push({ key, message: `Unknown value ${JSON.stringify(key)} for this ${scope}.` });
    }
  }
  return problems;
}

function isBlank(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

function missingMessage(
  field: FieldTemplate,
  value: unknown,
  requireAll: boolean,
): string | undefined {
  if (requireAll && field.required) {
    return field.kind === 'check'
      ? `${field.label} must be confirmed.`
      : `${field.label} is required.`;
  }
  // A blank optional note is fine; a blank choice, alloy or photo reference is bad data.
  if (value === undefined || field.kind === 'text') return undefined;
  return valueMessage(field, value);
}

/** A required check is a confirmation: ticking the step done with it unticked is not one. */
function unconfirmedMessage(
  field: FieldTemplate,
  value: unknown,
  requireAll: boolean,
): string | undefined {
  return requireAll && field.required && field.kind === 'check' && value === false
    ? `${field.label} must be confirmed.`
    : undefined;
}

function valueMessage(field: FieldTemplate, value: unknown): string | undefined {
  const { label } = field;
  const got = describe(value);
  switch (field.kind) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return `${label} must be a number (got ${got}).`;
      }
      if (value < field.min || value > field.max) {
        return `${label} must be between ${field.min} and ${field.max}${unitSuffix(field.unit)} (got ${value}).`;
      }
      if (field.unit === 'count' && !Number.isInteger(value)) {
        return `${label} must be a whole number (got ${value}).`;
      }
      return undefined;
    }
    case 'ringSize': {
      const { min, max } = RING_SIZE_FIELD_MM;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return `${label} must be an inner diameter in mm (got ${got}).`;
      }
      if (value < min || value > max) {
        return `${label} must be between ${min} and ${max} mm inner diameter (got ${value}).`;
      }
      return undefined;
    }
    case 'choice': {
      if (typeof value === 'string' && field.options.some((o) => o.value === value))
        return undefined;
      return `${label} must be one of: ${field.options.map((o) => o.label).join(', ')} (got ${got}).`;
    }
    case 'alloy':
      return typeof value === 'string' && value.trim() !== ''
        ? undefined
        : `${label} must name an alloy (got ${got}).`;
    case 'text': {
      if (typeof value !== 'string') return `${label} must be text (got ${got}).`;
      if (value.length > field.maxLength) {
        return `${label} must be at most ${field.maxLength} characters (it has ${value.length}).`;
      }
      return undefined;
    }
    case 'photo':
      return typeof value === 'string' && SHA256_HEX.test(value)
        ? undefined
        : `${label} is not a photo reference: expected a SHA-256 of 64 lowercase hex characters (got ${got}).`;
    case 'check':
      if (typeof value !== 'boolean') return `${label} must be yes or no (got ${got}).`;
      return undefined;
  }
}

/** "20 and 70 °C", "0 and 100%", "1 and 12" (a count needs no unit). */
function unitSuffix(unit: Unit): string {
  if (unit === 'count') return '';
  if (unit === '%') return '%';
  return ` ${unit}`;
}

/** What was given, short enough for a message on a tablet. */
function describe(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}
