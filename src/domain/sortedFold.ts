// The fold most stream kinds share: events in the total order, each known one applied by the kind's
// rule, anything it cannot fold counted as skipped; extended in place when new events sort after.
import type { StreamKind } from '../protocol/streams';
import { readStoredEvent, type LoupeEvent, type StoredEvent } from '../protocol/events';
import { isRealStamp } from './clock';
import {
  inStreamOrder,
  sortsAfter,
  withSkipped,
  type StreamHead,
  type StreamProjection,
} from './streamProjection';

export interface SortedFoldRules<S extends StreamHead> {
  kind: StreamKind;
  /** The stream before any of its events (its description not yet known: a use may come first). */
  empty(id: string): S;
  /**
   * One known event's effect, returning a new state (never mutating `state`); null when it does not
   * apply (another kind's type, a mark of something the stream does not have): counted as skipped.
   */
  apply(state: S, event: LoupeEvent): S | null;
  /** A row folded by an older version read with the fields this one added (optional). */
  upgrade?(row: S): S;
}

/** A stream kind's projection from its rules: the same state for the same events in any order. */
export function sortedProjection<S extends StreamHead>(
  rules: SortedFoldRules<S>,
): StreamProjection<S> {
  const applyOne = (state: S, stored: StoredEvent): S => {
    const counted = { ...state, eventCount: state.eventCount + 1 };
    // A stamp that is not a real time sorts last and is never folded, nor becomes the head.
    if (!isRealStamp(stored.at)) return withSkipped(counted, stored.type);
    const head = { ...counted, lastAt: stored.at, lastEventId: stored.id };
    try {
      const read = readStoredEvent(stored);
      if (!read.known) return withSkipped(head, stored.type);
      return rules.apply(head, read.event) ?? withSkipped(head, stored.type);
    } catch {
      // Data that slipped past the schemas in a shape the fold did not expect: kept, not folded.
      return withSkipped(head, stored.type);
    }
  };
  const applyAll = (state: S, ordered: readonly StoredEvent[]): S =>
    ordered.reduce(applyOne, rules.upgrade ? rules.upgrade(state) : state);
  return {
    kind: rules.kind,
    fold(events) {
      const ordered = inStreamOrder(events);
      const first = ordered[0];
      return first ? applyAll(rules.empty(first.jobId), ordered) : null;
    },
    extend(state, events) {
      const ordered = inStreamOrder(events);
      for (const e of ordered) {
        if (state.lastAt !== '' && !sortsAfter(state, e)) {
          throw new Error(`Event ${e.id} sorts before stream ${state.id}'s last: fold it in full.`);
        }
      }
      return applyAll(state, ordered);
    },
  };
}

/** A new stream head of this id: nothing folded yet. */
export function emptyHead(id: string): StreamHead {
  return { id, lastAt: '', lastEventId: '', eventCount: 0, skipped: { count: 0, types: [] } };
}
