// Text fields on the wire: trimmed, bounded, and (when required) not blank, with messages a person reads;
// and calendar dates as people type them.
import { z } from 'zod';

export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Keep it to ${max} characters.` });

export const requiredText = (max: number, what: string) =>
  text(max).min(1, { error: `Enter the ${what}.` });

/** A calendar day, 2026-12-24. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use a date like 2026-12-24.' })
  // Round-trip, because Date.parse happily reads 2026-02-31 as 3 March.
  .refine(
    (d) => {
      const ms = Date.parse(`${d}T00:00:00Z`);
      return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
    },
    { error: 'Not a real date.' },
  );
