// Turns a zod error into one 400 whose message names the field, as parseEvent's messages do.
import type { z } from 'zod';
import { API_ERROR_CODES } from '../../protocol/api';
import { HttpError } from './errors';

export function pathOf(prefix: string, path: readonly PropertyKey[]): string {
  const joined = path.reduce<string>(
    (acc, key) =>
      typeof key === 'number' ? `${acc}[${key}]` : `${acc}${acc ? '.' : ''}${String(key)}`,
    prefix,
  );
  return joined === '' ? 'body' : joined;
}

export function badRequest(error: z.ZodError, prefix = ''): HttpError {
  const message = error.issues.map((i) => `${pathOf(prefix, i.path)}: ${i.message}`).join('; ');
  return new HttpError(400, API_ERROR_CODES.badRequest, message);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
