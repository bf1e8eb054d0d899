// A real Loupe server on 127.0.0.1, on a free port, with its data in a fresh temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig } from '../../src/server/config';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/server';

export interface TestServer extends RunningServer {
  dataDir: string;
}

export interface TestServerOptions extends ServerOptions {
  /** Reuse this data folder (a restart); the caller then removes it. */
  dataDir?: string;
  tls?: ServerConfig['tls'];
}

export async function startTestServer(
  staticDir: string,
  { dataDir: givenDir, tls, ...options }: TestServerOptions = {},
): Promise<TestServer> {
  const dataDir = givenDir ?? mkdtempSync(join(tmpdir(), 'loupe-data-'));
  const server = await startServer(
    { port: 0, host: '127.0.0.1', dataDir, staticDir, ...(tls ? { tls } : {}) },
    options,
  );
  return {
    ...server,
    dataDir,
    close: async () => {
      await server.close();
      if (!givenDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A clock the test moves by hand: pairing codes expire and rate limits lift without sleeping. */
export class TestClock {
  constructor(public ms = Date.parse('2026-11-23T09:00:00.000Z')) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}
