// The embedded store: one SQLite file under DATA_DIR, opened in WAL mode, schema made on first open.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Changing this file name strands every shop's existing data: it needs a migration. */
export const SQLITE_FILE_NAME = 'loupe.sqlite';

// Each entry moves the schema one version on; never edit an entry that has shipped.
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
];

export interface Store {
  readonly path: string;
  schemaVersion(): number;
  close(): void;
}

export function openSqliteStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, SQLITE_FILE_NAME);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return {
    path,
    schemaVersion: () => db.pragma('user_version', { simple: true }) as number,
    close: () => {
      db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    const step = MIGRATIONS[v];
    if (step === undefined) break;
    db.transaction(() => {
      db.exec(step);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
