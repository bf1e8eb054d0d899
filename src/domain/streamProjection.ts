// What every stream kind's projection offers the database: a full fold and an in-order extension.
import { isRealStamp } from './clock';
import type { StreamKind } from '../protocol/streams';
import type { StoredEvent } from '../protocol/events';

/** What every projection row keeps of the events folded into it. */
export interface StreamHead {
  /** The stream's id: the events' `jobId` field on the wire. */
  id: string;
  /** The greatest (at, id) folded in: a later event can be applied without re-reading the rest. */
  lastAt: string;
  lastEventId: string;
  eventCount: number;
  /** Events kept but not folded (a newer version's types, unreadable data), types sorted. */
  skipped: { count: number; types: string[] };
}

/**
 * One stream kind's fold. Both functions are pure and give the same state for the same set of
 * events in any arrival order (the convergence property); neither throws because of an event.
 */
export interface StreamProjection<S extends StreamHead> {
  kind: StreamKind;
  /** All of one stream's events → its state, or null while nothing it can start from has come. */
  fold(events: readonly StoredEvent[]): S | null;
  /**
   * Events that all sort after `state`'s last one (or any new events, when `orderFree`): the same
   * result as `fold` of everything.
   */
  extend(state: S, events: readonly StoredEvent[]): S;
  /**
   * The fold does not depend on order (sums, records kept by stamp): `extend` takes new events
   * whatever their stamps, so a long stream is never folded again because events interleave.
   */
  orderFree?: true;
}

/**
 * The total order of events: by clock stamp, ties broken by id (DESIGN.md). Never throws: an event
 * whose stamp is not a real time sorts after every real one, among its kind by id alone.
 */
export function compareStreamEvents(
  a: { at: string; id: string },
  b: { at: string; id: string },
): number {
  const realA = isRealStamp(a.at);
  const realB = isRealStamp(b.at);
  if (realA !== realB) return realA ? -1 : 1;
  if (realA && a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/** Each event once (by id), in the total order. */
export function inStreamOrder(events: readonly StoredEvent[]): StoredEvent[] {
  const byId = new Map<string, StoredEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  return [...byId.values()].sort(compareStreamEvents);
}

/** True when `event` sorts after everything already folded into `head`. */
export function sortsAfter(head: StreamHead, event: { at: string; id: string }): boolean {
  return compareStreamEvents(event, { at: head.lastAt, id: head.lastEventId }) > 0;
}

/** `head` with one more event counted as kept but not folded. Types stay sorted, each once. */
export function withSkipped<S extends StreamHead>(head: S, type: unknown): S {
  const name = typeof type === 'string' ? type : 'unreadable';
  const types = head.skipped.types.includes(name)
    ? head.skipped.types
    : [...head.skipped.types, name].sort();
  return { ...head, skipped: { count: head.skipped.count + 1, types } };
}
