// Test databases on fake-indexeddb: a fresh LoupeDB per test, deleted after it; and a refusal's words.
import { afterEach } from 'vitest';
import { BenchInputError } from '../../src/db/jobOperations';
import { LoupeDB } from '../../src/db/LoupeDB';

/**
 * Returns a maker of fresh, uniquely named databases for this test file; every one it made is
 * deleted after each test. Call it at the top level of the file (it registers an afterEach).
 */
export function freshDatabases(
  prefix: string,
  options: ConstructorParameters<typeof LoupeDB>[1] = {},
): (more?: ConstructorParameters<typeof LoupeDB>[1]) => LoupeDB {
  const opened: LoupeDB[] = [];
  let n = 0;
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.delete();
  });
  return (more = {}) => {
    const db = new LoupeDB(`${prefix}-${Date.now()}-${n++}`, { ...options, ...more });
    opened.push(db);
    return db;
  };
}

/** The message of the BenchInputError a refused operation throws; anything else fails the test. */
export async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof BenchInputError) return err.message;
    throw err;
  }
  throw new Error('expected a refusal');
}
