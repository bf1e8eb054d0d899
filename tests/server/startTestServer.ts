// A real Loupe server on 127.0.0.1, on a free port, with its data in a fresh temp folder: in SQLite
// there, or in a fresh PostgreSQL database (its photos still in the folder).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig } from '../../src/server/config';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/server';
import { openStore, type StoreConfig } from '../../src/server/store/openStore';
import { FIRST_SHOP_NAME } from '../../src/server/store/sqliteStore';
import { testDatabase } from '../support/postgres';

/** The two stores every server test runs against. */
export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Set when the server runs on PostgreSQL. */
  databaseUrl?: string;
  /** Where its data is, for a side connection (`withSideStore`) or a restart on the same data. */
  data: StoreConfig;
}

export interface TestServerOptions extends ServerOptions {
  /** Reuse this data folder (a restart); the caller then removes it. */
  dataDir?: string;
  /** PostgreSQL: reuse this database (a restart); the caller then drops it. */
  databaseUrl?: string;
  /** A fresh PostgreSQL database rather than SQLite (ignored when databaseUrl is given). */
  store?: StoreKind;
  tls?: ServerConfig['tls'];
}

/**
 * A fresh PostgreSQL database has no shop, as a chain's has none until its head office adds one;
 * a test's server gets the shop a SQLite box starts with, so the same tests run on both.
 */
export async function ensureFirstShop(data: StoreConfig): Promise<void> {
  const store = await openStore(data);
  try {
    if ((await store.listShops()).length === 0) await store.addShop(FIRST_SHOP_NAME, Date.now());
  } finally {
    await store.close();
  }
}

export async function startTestServer(
  staticDir: string,
  {
    dataDir: givenDir,
    databaseUrl: givenUrl,
    store: kind = 'sqlite',
    tls,
    ...options
  }: TestServerOptions = {},
): Promise<TestServer> {
  const dataDir = givenDir ?? mkdtempSync(join(tmpdir(), 'loupe-data-'));
  const database = givenUrl === undefined && kind === 'postgres' ? await testDatabase() : null;
  const databaseUrl = givenUrl ?? database?.url;
  const data: StoreConfig = { dataDir, ...(databaseUrl !== undefined ? { databaseUrl } : {}) };
  if (databaseUrl !== undefined) await ensureFirstShop(data);
  const server = await startServer(
    { port: 0, host: '127.0.0.1', staticDir, ...data, ...(tls ? { tls } : {}) },
    options,
  );
  return {
    ...server,
    dataDir,
    ...(databaseUrl !== undefined ? { databaseUrl } : {}),
    data,
    close: async () => {
      await server.close();
      if (!givenDir) rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
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
