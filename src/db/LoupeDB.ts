// The Dexie database class: its tables and every schema version, oldest first.
import { Dexie, type EntityTable } from 'dexie';

/** Changing this name orphans every tablet's stored jobs: it needs a migration, never a rename. */
export const DATABASE_NAME = 'loupe';

/** A small keyed value: shop settings, device id, sync cursor, pairing. */
export interface MetaRow {
  key: string;
  value: unknown;
}

export class LoupeDB extends Dexie {
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    // Version 1: the foundation. Later versions are added below, never edited once shipped.
    this.version(1).stores({
      meta: '&key',
    });
  }
}
