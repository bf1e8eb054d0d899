// A server's data on either store, for the tests that start servers themselves: fresh data (a temp
// folder, and on PostgreSQL a fresh database with the shop a SQLite box starts with), a statement
// run straight on it (to play what an older server or an older backup left), and a PostgreSQL
// database copied whole (what a data folder copy is for SQLite: a backup, or its restore).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StoreConfig } from '../../../src/server/store/openStore';
import { SQLITE_FILE_NAME } from '../../../src/server/store/sqliteStore';
import { ensureFirstShop, type StoreKind } from '../../server/startTestServer';
import { adminUrl, testDatabase } from '../../support/postgres';

export interface FreshData {
  data: StoreConfig;
  /** Removes the folder and drops the database: the caller stops its servers first. */
  remove(): Promise<void>;
}

/** A new data folder (under `parent`), and on PostgreSQL a new database holding the first shop. */
export async function freshData(
  kind: StoreKind,
  { prefix = 'loupe-data-', parent = tmpdir() }: { prefix?: string; parent?: string } = {},
): Promise<FreshData> {
  const dataDir = mkdtempSync(join(parent, prefix));
  const removeDir = () => {
    rmSync(dataDir, { recursive: true, force: true });
  };
  if (kind === 'sqlite') {
    // The server makes its file, and the first shop in it, when it starts.
    return {
      data: { dataDir },
      remove: () => {
        removeDir();
        return Promise.resolve();
      },
    };
  }
  const database = await testDatabase();
  const data = { dataDir, databaseUrl: database.url };
  await ensureFirstShop(data);
  return {
    data,
    remove: async () => {
      removeDir();
      await database.drop();
    },
  };
}

/**
 * Runs one statement on the server's data, beside the store: `$1, $2…` stand for `params` in
 * order. The tables and columns the tests touch have the same names in both stores.
 */
export async function runSql(
  data: StoreConfig,
  sql: string,
  params: readonly (string | number | null)[] = [],
): Promise<void> {
  if (data.databaseUrl === undefined) {
    const file = new Database(join(data.dataDir, SQLITE_FILE_NAME));
    try {
      file.prepare(sql.replace(/\$\d+/g, '?')).run(...params);
    } finally {
      file.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: data.databaseUrl });
  await client.connect();
  try {
    await client.query(sql, [...params]);
  } finally {
    await client.end();
  }
}

const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

/**
 * Makes the database at `toUrl` a copy of the one at `fromUrl`, replacing what it held. Nothing may
 * be connected to either (the server is stopped, as for a copy of its data folder).
 */
export async function copyDatabase(fromUrl: string, toUrl: string): Promise<void> {
  const from = databaseName(fromUrl);
  const to = databaseName(toUrl);
  for (const name of [from, to]) {
    // Names tests/support/postgres.ts made: nothing in them needs quoting beyond the quotes.
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Not a test database name: "${name}".`);
  }
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    // PostgreSQL 15 copies block by block through the WAL unless told to copy the files, which
    // for these small databases is many times faster (a checkpoint, cheap with fsync off).
    const version = await client.query<{ v: string }>('SHOW server_version_num');
    const strategy = Number(version.rows[0]?.v) >= 150000 ? ' STRATEGY = FILE_COPY' : '';
    await client.query(`DROP DATABASE IF EXISTS "${to}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${to}" TEMPLATE "${from}"${strategy}`);
  } finally {
    await client.end();
  }
}
