// Events the shop server refused: taken out of the outbox with the server's reason, so one bad
// event never blocks a tablet's sync, kept and shown, and offered again when the server changes.
import { useLiveQuery } from 'dexie-react-hooks';
import type { StoredEvent } from '../protocol/events';
import { db as appDb } from './db';
import type { LoupeDB, SetAsideRow } from './LoupeDB';

export interface Refusal {
  event: StoredEvent;
  code: string;
  reason: string;
}

/** Moves refused events from the outbox to the set-aside table, in one transaction. */
export async function setAsideEvents(
  db: LoupeDB,
  refusals: readonly Refusal[],
  serverVersion: string | null,
  now: number = Date.now(),
): Promise<void> {
  if (refusals.length === 0) return;
  await db.transaction('rw', [db.outbox, db.setAside], async () => {
    const rows = await db.outbox.bulkGet(refusals.map((r) => r.event.id));
    const setAside: SetAsideRow[] = refusals.map((r, i) => {
      const row = rows[i];
      return {
        eventId: r.event.id,
        jobId: r.event.jobId,
        type: r.event.type,
        code: r.code,
        reason: r.reason,
        serverVersion,
        setAsideAt: now,
        queuedAt: row?.queuedAt ?? now,
        // Not in the outbox: an event sent again after a restore, which other tablets hold.
        held: row ? row.held === true : true,
      };
    });
    await db.setAside.bulkPut(setAside);
    await db.outbox.bulkDelete(refusals.map((r) => r.event.id));
  });
}

/**
 * Puts back in the outbox every set-aside event that a different server version refused: an
 * updated (or rolled-forward) server may take it now. Returns how many went back.
 */
export async function releaseSetAside(db: LoupeDB, serverVersion: string): Promise<number> {
  return db.transaction('rw', [db.outbox, db.setAside], async () => {
    const rows = await db.setAside.filter((r) => r.serverVersion !== serverVersion).toArray();
    if (rows.length === 0) return 0;
    await db.outbox.bulkPut(
      rows.map((r) => ({
        eventId: r.eventId,
        queuedAt: r.queuedAt,
        ...(r.held ? { held: true as const } : {}),
      })),
    );
    await db.setAside.bulkDelete(rows.map((r) => r.eventId));
    return rows.length;
  });
}

export interface SetAsideSummary {
  count: number;
  /** A few of them, newest first, for the sync sheet: which job (its envelope), what, why. */
  examples: (SetAsideRow & { envelopeNumber: string | null })[];
  /** Pulled events this version could not read. */
  unreadable: number;
  unreadableReasons: string[];
}

export async function setAsideSummary(db: LoupeDB): Promise<SetAsideSummary> {
  const [count, examples, unreadable, unreadableRows] = await Promise.all([
    db.setAside.count(),
    db.setAside.reverse().limit(5).toArray(),
    db.unreadable.count(),
    db.unreadable.limit(3).toArray(),
  ]);
  const jobs = await db.jobs.bulkGet(examples.map((r) => r.jobId));
  return {
    count,
    examples: examples.map((r, i) => ({ ...r, envelopeNumber: jobs[i]?.envelopeNumber ?? null })),
    unreadable,
    unreadableReasons: unreadableRows.map((u) => `seq ${u.seq}: ${u.reason}`),
  };
}

export function useSetAsideSummary(): SetAsideSummary | undefined {
  return useLiveQuery(() => setAsideSummary(appDb), []);
}
