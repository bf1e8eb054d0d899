// Names of shops and managers, as both stores check them: trimmed, of a sane length, unique by a
// case-folded key (so "Rose" and "rose" are one shop), with the error said in words.

/** The key two names are compared by: trimmed, inner spaces collapsed, lower case. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A name as stored: trimmed, inner spaces collapsed, case kept. */
export function cleanName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

function problem(what: string, name: string, max: number): string | null {
  const clean = cleanName(name);
  if (clean === '') return `A ${what} needs a name.`;
  if (clean.length > max)
    return `A ${what}'s name is at most ${max} characters; "${clean.slice(0, 20)}…" is ${clean.length}.`;
  // Control characters would garble the command line's tables and the head office's page.
  if (/\p{Cc}/u.test(clean)) return `A ${what}'s name cannot hold control characters.`;
  return null;
}

/** Why a shop name cannot be used, or null. */
export function shopNameProblem(name: string): string | null {
  return problem('shop', name, 60);
}

/** Why a manager's login name cannot be used, or null. */
export function managerNameProblem(name: string): string | null {
  return problem('manager', name, 60);
}

/** Thrown for a name taken, unknown or malformed: its message is for the person who typed it. */
export class StoreInputError extends Error {
  override name = 'StoreInputError';
}
