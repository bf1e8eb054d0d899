// Watches or changes what a test's database does on its events table, below Dexie (a DBCore
// middleware): reads counted, writes failed as a full disk would fail them.
import type { DBCore, DBCoreTable } from 'dexie';
import type { LoupeDB } from '../../src/db';

/** Installs `name` on `db`: the events table's calls go through `wrap(table)`, the others as ever. */
export function wrapEventsTable(
  db: LoupeDB,
  name: string,
  wrap: (table: DBCoreTable) => DBCoreTable,
): void {
  db.use({
    stack: 'dbcore',
    name,
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (tableName: string): DBCoreTable => {
        const table = down.table(tableName);
        return tableName === 'events' ? wrap(table) : table;
      },
    }),
  });
}
