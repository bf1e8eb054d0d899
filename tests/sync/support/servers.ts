// A real server on a data folder the test keeps (to back up, restore or restart on), and temp
// folders removed when the test ends: shared by the sync tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../server/startTestServer';

export type Cleanups = (() => Promise<void> | void)[];

/** A server on `dataDir`, kept when it stops; stopped at the test's end if still running. */
export async function serverOn(
  cleanups: Cleanups,
  dataDir: string,
  version?: string,
): Promise<TestServer> {
  const server = await startTestServer(join(tmpdir(), 'loupe-no-app'), {
    dataDir,
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
