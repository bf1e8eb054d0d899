// Vitest globalSetup: the PostgreSQL the tests create their databases on. DATABASE_URL's server when
// set; else a throwaway cluster started once for the run and stopped after it.
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../support/postgresCluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser's URL on the test PostgreSQL: tests/support/postgres.ts makes databases there. */
    postgresAdminUrl: string;
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.DATABASE_URL;
  if (given !== undefined && given !== '') {
    project.provide('postgresAdminUrl', given);
    return () => Promise.resolve();
  }
  const cluster = await startPostgresCluster();
  project.provide('postgresAdminUrl', cluster.url);
  return () => cluster.stop();
}
