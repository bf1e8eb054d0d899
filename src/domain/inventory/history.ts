// An item's whole history for its page, read from its stored events (the row keeps only the last
// few): each delivery, use, return and count with the book after it, and each change to the item.
import { readStoredEvent, type StoredEvent } from '../../protocol/events';
import type { ItemFields } from '../../protocol/inventory';
import { isRealStamp } from '../clock';
import type { Attribution } from '../job';
import { inStreamOrder } from '../streamProjection';
import { applyItemEvent, emptyItem, type ItemMovement, type ItemState } from './itemState';

export type HistoryLine =
  | { kind: 'movement'; movement: ItemMovement }
  | (Attribution & { kind: 'added'; fields: ItemFields })
  | (Attribution & { kind: 'changed'; changes: Partial<ItemFields> })
  /** Kept but not folded: a newer version's event, or a return of a use already put back. */
  | (Attribution & { kind: 'not_folded'; type: string });

/**
 * The item's events, oldest first, each as the line the item page shows. Folded with the row's
 * own rule, so the "on hand after" of every line agrees with the row.
 */
export function itemHistory(events: readonly StoredEvent[]): HistoryLine[] {
  const ordered = inStreamOrder(events);
  const first = ordered[0];
  if (!first) return [];
  let state: ItemState = emptyItem(first.jobId);
  const lines: HistoryLine[] = [];
  for (const stored of ordered) {
    const who: Attribution = { by: stored.actor, at: stored.at, eventId: stored.id };
    const read = isRealStamp(stored.at) ? readSafely(stored) : null;
    const next = read?.known ? applyItemEvent(state, read.event) : null;
    if (!read?.known || next === null) {
      lines.push({ ...who, kind: 'not_folded', type: stored.type });
      continue;
    }
    state = next;
    const e = read.event;
    if (e.type === 'item.added') lines.push({ ...who, kind: 'added', fields: e.data });
    else if (e.type === 'item.updated') {
      lines.push({ ...who, kind: 'changed', changes: e.data.changes });
    } else {
      const movement = state.recent.at(-1);
      if (movement) lines.push({ kind: 'movement', movement });
    }
  }
  return lines;
}

/** The event read, or null when its data is in a shape this version cannot read (kept, shown). */
function readSafely(stored: StoredEvent): ReturnType<typeof readStoredEvent> | null {
  try {
    return readStoredEvent(stored);
  } catch {
    return null;
  }
}
