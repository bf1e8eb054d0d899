// A real Loupe server on 127.0.0.1, on a free port, with its data in a fresh temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/server/server';

export interface TestServer extends RunningServer {
  dataDir: string;
}

export async function startTestServer(staticDir: string): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'loupe-data-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, staticDir });
  return {
    ...server,
    dataDir,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
