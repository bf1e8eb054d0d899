// What the header shows of sync (changes waiting, the shop server's clock), read without sync's
// writes, so the first screen does not load how pulled events are applied (db/syncState.ts).
import { useLiveQuery } from 'dexie-react-hooks';
import { db as appDb } from './db';
import type { LoupeDB } from './LoupeDB';

/** Changing these keys forgets a tablet's pairing or makes it pull everything again. */
export const SYNC_KEYS = {
  cursor: 'sync.cursor',
  pairing: 'sync.pairing',
  /** While set, every event here is being sent again, in id order, after this id. */
  resendAfter: 'sync.resendAfter',
  /** The server's event history id as of the last pull (DESIGN.md, "Sync"). */
  history: 'sync.history',
  /** The id of the event pulled at the cursor's seq: a restored server holds another one there. */
  cursorEventId: 'sync.cursorEventId',
  /** The shop server's clock against this tablet's, as of the last answer that said it. */
  clock: 'sync.clock',
  /** The shop server's version as of the last pull. */
  serverVersion: 'sync.serverVersion',
} as const;

export interface OutboxSummary {
  waiting: number;
  oldestQueuedAt: number | null;
  photosWaiting: number;
}

export async function outboxSummary(db: LoupeDB): Promise<OutboxSummary> {
  const [waiting, oldest, photosWaiting] = await Promise.all([
    db.outbox.count(),
    db.outbox.orderBy('queuedAt').first(),
    db.photos.where('uploaded').equals(0).count(),
  ]);
  return { waiting, oldestQueuedAt: oldest?.queuedAt ?? null, photosWaiting };
}

export function useOutboxSummary(): OutboxSummary | undefined {
  return useLiveQuery(() => outboxSummary(appDb), []);
}

/** The shop server's clock against this tablet's, measured around one answer. */
export interface ClockCheck {
  /** The server's clock when it answered. */
  serverTime: number;
  /** This tablet's clock at the same moment (the middle of the request). */
  tabletTime: number;
  /** serverTime − tabletTime: what to add to this tablet's clock to get the shop's time. */
  offsetMs: number;
}

export async function clockCheck(db: LoupeDB): Promise<ClockCheck | null> {
  const row = await db.meta.get(SYNC_KEYS.clock);
  const value = row?.value as Partial<ClockCheck> | undefined;
  return typeof value?.offsetMs === 'number' &&
    typeof value.serverTime === 'number' &&
    typeof value.tabletTime === 'number'
    ? (value as ClockCheck)
    : null;
}

/**
 * Past this difference the clock is wrong, not just a little off: tablets that set their time from
 * the network agree within seconds. Below the server's 5-minute refusal limit, so the person is
 * told before any change of theirs is refused.
 */
export const CLOCK_WRONG_MS = 2 * 60 * 1000;

export function clockIsWrong(check: ClockCheck | null | undefined): check is ClockCheck {
  return !!check && Math.abs(check.offsetMs) > CLOCK_WRONG_MS;
}

export function useClockCheck(): ClockCheck | null | undefined {
  return useLiveQuery(() => clockCheck(appDb), []);
}
