// Reads of the metal ledger the screens use: its row (balances, pots, lots), its movements in a
// period, and the shop's scales.
import { useLiveQuery } from 'dexie-react-hooks';
import { Dexie } from 'dexie';
import { emptyLedger, type LedgerState } from '../domain/ledger/ledgerState';
import { activeScales } from '../domain/ledger/scales';
import type { StoredEvent } from '../protocol/events';
import type { ScaleData } from '../protocol/ledger';
import { LEDGER_STREAM_ID } from '../protocol/streamIds';
import { db as appDb } from './db';
import type { LoupeDB } from './LoupeDB';
import { getShop } from './staffList';

/** The ledger's row; an empty ledger on a tablet that has none of its events yet. */
export async function getLedger(db: LoupeDB): Promise<LedgerState> {
  return (await db.ledger.get(LEDGER_STREAM_ID)) ?? emptyLedger();
}

/** The ledger, live; undefined while it is first read. */
export function useLedger(): LedgerState | undefined {
  return useLiveQuery(() => getLedger(appDb), []);
}

/**
 * The ledger's events with stamps from `since` up to (not including) `until`, oldest first: clock
 * stamps start with the ISO time, so a period is a range of the [jobId+at] index. Corrections are
 * among them: a corrected movement shows beside what corrected it.
 */
export function ledgerEvents(
  db: LoupeDB,
  range: { since?: string; until?: string } = {},
): Promise<StoredEvent[]> {
  return db.events
    .where('[jobId+at]')
    .between(
      [LEDGER_STREAM_ID, range.since ?? Dexie.minKey],
      [LEDGER_STREAM_ID, range.until ?? Dexie.maxKey],
      true,
      false,
    )
    .toArray();
}

/** The newest `limit` of the ledger's events, newest first, and how many it holds in all. */
export async function latestLedgerEvents(
  db: LoupeDB,
  limit: number,
): Promise<{ events: StoredEvent[]; total: number }> {
  const all = db.events
    .where('[jobId+at]')
    .between([LEDGER_STREAM_ID, Dexie.minKey], [LEDGER_STREAM_ID, Dexie.maxKey]);
  const [events, total] = await Promise.all([
    all.clone().reverse().limit(limit).toArray(),
    all.count(),
  ]);
  return { events, total };
}

/** The newest movements, live: a year of them is not read to show a screenful. */
export function useLatestLedgerEvents(limit: number) {
  return useLiveQuery(() => latestLedgerEvents(appDb, limit), [limit]);
}

/** The ledger's events in a period, live. */
export function useLedgerEvents(range: { since?: string; until?: string } = {}) {
  return useLiveQuery(() => ledgerEvents(appDb, range), [range.since, range.until]);
}

/** Every scale the shop has set, retired ones too (the ledger names them). */
export async function listScales(db: LoupeDB): Promise<ScaleData[]> {
  return (await getShop(db)).scales;
}

/** The scales a person may weigh on now (the default bench scale while the shop has set none). */
export function useActiveScales(): ScaleData[] | undefined {
  return useLiveQuery(async () => activeScales(await listScales(appDb)), []);
}

/** The job ids ledger events name (metal used on a job, a job's scrap). */
export function jobIdsOf(events: readonly StoredEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    const jobId = (e.data as { jobId?: unknown }).jobId;
    if (typeof jobId === 'string') ids.add(jobId);
  }
  return [...ids].sort();
}

/** Envelope numbers of the jobs this tablet holds, by job id. */
export async function envelopeNumbers(
  db: LoupeDB,
  jobIds: readonly string[],
): Promise<Record<string, string>> {
  const jobs = await db.jobs.bulkGet([...jobIds]);
  return Object.fromEntries(
    jobs.flatMap((job) => (job ? [[job.id, job.envelopeNumber] as const] : [])),
  );
}

/** Envelope numbers of the jobs the ledger events name, live. */
export function useEnvelopeNumbers(events: readonly StoredEvent[] | undefined) {
  const ids = events ? jobIdsOf(events).join(' ') : '';
  return useLiveQuery(() => envelopeNumbers(appDb, ids === '' ? [] : ids.split(' ')), [ids]);
}
