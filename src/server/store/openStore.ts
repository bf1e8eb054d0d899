// Opens the store the configuration names: PostgreSQL when DATABASE_URL is set (a chain of shops,
// several server processes), else the embedded SQLite file under DATA_DIR (one shop's own box).
import { openSqliteStore } from './sqliteStore';
import type { Store } from './store';

export interface StoreConfig {
  dataDir: string;
  /** postgres://… : the shared database of a chain of shops. */
  databaseUrl?: string;
}

export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl === undefined) return openSqliteStore(config.dataDir);
  // Loaded only when asked for: a shop's box never loads the PostgreSQL client.
  const { openPostgresStore } = await import('./postgresStore');
  return openPostgresStore(config.databaseUrl);
}
