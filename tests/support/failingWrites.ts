// A tablet whose disk fills mid-transaction: the nth write of events from a point on fails, as
// IndexedDB would answer it, the chunks before it written (and the transaction must not keep them).
import type { LoupeDB } from '../../src/db';
import { wrapEventsTable } from './eventsTable';

export interface EventWriteFault {
  /** The write (counted from when this is set) that fails; 0 fails none. */
  failAt: number;
}

/** Installs the fault on `db`, failing its `failAt`th write of events (none until it is set). */
export function failEventWrite(db: LoupeDB, failAt = 0): EventWriteFault {
  let writes = 0;
  let at = failAt;
  wrapEventsTable(db, 'failEventWrite', (table) => ({
    ...table,
    // Dexie's own promise, not an async function: its callbacks run while the transaction is
    // still active, as IndexedDB's answer does.
    mutate: (req) =>
      table.mutate(req).then((result) => {
        writes += 1;
        if (at > 0 && writes === at) {
          throw new DOMException('The disk is full.', 'QuotaExceededError');
        }
        return result;
      }),
  }));
  return {
    get failAt() {
      return at;
    },
    set failAt(n: number) {
      writes = 0;
      at = n;
    },
  };
}
