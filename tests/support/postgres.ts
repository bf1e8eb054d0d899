// Fresh PostgreSQL databases for tests: one per call, uniquely named, on the server the globalSetup
// (tests/setup/postgres.ts) gave, or DATABASE_URL's; dropped again by the test that made it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  /** postgres://… of the new, empty database. */
  url: string;
  /** Drops the database, ending any connection still open to it first. */
  drop(): Promise<void>;
}

/** The superuser URL the test databases are made with. */
export function adminUrl(): string {
  const given = process.env.DATABASE_URL;
  if (given !== undefined && given !== '') return given;
  const provided = inject('postgresAdminUrl') as string | undefined;
  if (provided === undefined) {
    throw new Error(
      "No test PostgreSQL: add tests/setup/postgres.ts to this vitest project's globalSetup, " +
        'or set DATABASE_URL.',
    );
  }
  return provided;
}

async function asAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function testDatabase(): Promise<TestDatabase> {
  const admin = adminUrl();
  // Lower case hex: a name that needs no quoting rules beyond the identifier quotes below.
  const name = `loupe_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  // FILE_COPY: a copy of the empty template's files, ~20 ms rather than ~300 ms a database (15+).
  await asAdmin(admin, (c) => c.query(`CREATE DATABASE "${name}" STRATEGY = FILE_COPY`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await asAdmin(admin, async (c) => {
        // A store a failed test never closed still holds connections: end them, or DROP waits.
        await c.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [name],
        );
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
    },
  };
}
