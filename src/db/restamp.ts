// Gives this tablet's own events that the shop server refused as stamped in the future the time
// they really happened, by the measured difference between this tablet's clock and the server's.
//
// Why rewriting a stamp is safe here, and only here: the event waits in this tablet's outbox and the
// server never held it (its row is not `held`: never acknowledged, never set aside from a resend),
// and tablets get each other's events only through the server, so no other device holds it. Its
// id stays, so nothing is doubled; its order among the others re-stamped stays.
import { createClock, stampMs } from '../domain/clock';
import { compareEvents } from '../domain/projection';
import type { StoredEvent } from '../protocol/events';
import { deviceId } from './device';
import type { LoupeDB } from './LoupeDB';
import { projectStreams, storingTables } from './streams';

/**
 * Moves each event's stamp by `offsetMs` (the shop server's clock minus this tablet's), never past
 * `serverNow`, keeping them strictly increasing in their old order; re-folds the streams they are
 * on, of any kind, in the same transaction. Returns the ids re-stamped: those made here that only
 * this tablet holds.
 */
export async function restampEvents(
  db: LoupeDB,
  eventIds: readonly string[],
  offsetMs: number,
  serverNow: number,
): Promise<Set<string>> {
  const device = await deviceId(db);
  return db.transaction('rw', storingTables(db), async () => {
    const found = (await db.events.bulkGet([...eventIds])).filter(
      (e): e is StoredEvent => e !== undefined && e.device === device,
    );
    const rows = await db.outbox.bulkGet(found.map((e) => e.id));
    const events = found.filter((_, i) => {
      const row = rows[i];
      return row !== undefined && row.held !== true;
    });
    events.sort(compareEvents);
    // The hybrid clock does the ordering: each stamp at its corrected time, or just after the
    // previous one when two fall in the same millisecond.
    let target = 0;
    const clock = createClock({ device, wallClock: () => target });
    const moved: StoredEvent[] = [];
    for (const e of events) {
      const ms = stampMs(e.at);
      if (ms === null) continue;
      target = Math.max(0, Math.min(ms + offsetMs, serverNow));
      moved.push({ ...e, at: clock.now() });
    }
    if (moved.length === 0) return new Set();
    await db.events.bulkPut(moved);
    // Their stamps changed, so no row can be extended: each stream they are on is folded again.
    await projectStreams(db, moved, 'refold');
    return new Set(moved.map((e) => e.id));
  });
}
