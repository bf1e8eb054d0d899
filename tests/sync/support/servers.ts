// A real server on data the test keeps (to back up, restore or restart on), and data removed when
// the test ends: shared by the sync tests. Data is a SQLite data folder (a path alone), or a data
// folder and a PostgreSQL database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreConfig } from '../../../src/server/store/openStore';
import { startTestServer, type StoreKind, type TestServer } from '../../server/startTestServer';
import { freshData } from './storeData';

export type Cleanups = (() => Promise<void> | void)[];

/** A server on `data`, kept when it stops; stopped at the test's end if still running. */
export async function serverOn(
  cleanups: Cleanups,
  data: string | StoreConfig,
  version?: string,
): Promise<TestServer> {
  const { dataDir, databaseUrl } = typeof data === 'string' ? { dataDir: data } : data;
  const server = await startTestServer(join(tmpdir(), 'loupe-no-app'), {
    dataDir,
    ...(databaseUrl !== undefined ? { databaseUrl } : {}),
    ...(version ? { version } : {}),
  });
  let open = true;
  cleanups.push(async () => {
    if (open) await server.close();
  });
  return {
    ...server,
    close: async () => {
      open = false;
      await server.close();
    },
  };
}

export function freshDataDir(cleanups: Cleanups, prefix = 'loupe-sync-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** Fresh data on either store (on PostgreSQL, a database of its own), removed at the test's end. */
export async function freshStoreData(
  cleanups: Cleanups,
  kind: StoreKind,
  prefix = 'loupe-sync-',
): Promise<StoreConfig> {
  const fresh = await freshData(kind, { prefix });
  cleanups.push(() => fresh.remove());
  return fresh.data;
}
