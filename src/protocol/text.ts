// Text fields on the wire: trimmed, bounded, and (when required) not blank, with messages a person reads.
import { z } from 'zod';

export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Keep it to ${max} characters.` });

export const requiredText = (max: number, what: string) =>
  text(max).min(1, { error: `Enter the ${what}.` });
