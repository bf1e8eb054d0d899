// The chemical waste log's one stream folded into its row: every entry, corrections marked.
// Nothing is deleted: an entry marked wrong stays, and its corrections are kept beside it by entry id,
// so a correction folds the same whether or not its entry has been seen yet.
import type { EventData, LoupeEvent } from '../../protocol/events';
import { WASTE_STREAM_ID } from '../../protocol/streams';
import type { Attribution } from '../job';
import { emptyHead, sortedProjection } from '../sortedFold';
import type { StreamHead } from '../streamProjection';

export type WasteEntry = EventData<'waste.logged'> & Attribution;
export type WasteCorrection = EventData<'waste.corrected'> & Attribution;

export interface WasteState extends StreamHead {
  id: typeof WASTE_STREAM_ID;
  /** Every entry logged, in stamp order (oldest first). */
  entries: WasteEntry[];
  /** Corrections by the entry they mark wrong, each list in stamp order (the first strikes it). */
  corrections: Record<string, WasteCorrection[]>;
}

export function emptyWaste(): WasteState {
  return { ...emptyHead(WASTE_STREAM_ID), id: WASTE_STREAM_ID, entries: [], corrections: {} };
}

function attribution(e: LoupeEvent): Attribution {
  return { by: e.actor, at: e.at, eventId: e.id };
}

function applyToWaste(state: WasteState, e: LoupeEvent): WasteState | null {
  switch (e.type) {
    case 'waste.logged':
      // An entry id is made once, on one tablet; a second entry of that id is kept only in the history.
      if (state.entries.some((x) => x.entryId === e.data.entryId)) return null;
      return { ...state, entries: [...state.entries, { ...e.data, ...attribution(e) }] };
    case 'waste.corrected': {
      const earlier = state.corrections[e.data.entryId] ?? [];
      return {
        ...state,
        corrections: {
          ...state.corrections,
          [e.data.entryId]: [...earlier, { ...e.data, ...attribution(e) }],
        },
      };
    }
    default:
      return null;
  }
}

/** A row from an older version (the contract's stub had no lists) read with today's. */
function upgradeWaste(row: WasteState): WasteState {
  const partial = row as Partial<WasteState> & StreamHead;
  return { ...row, entries: partial.entries ?? [], corrections: partial.corrections ?? {} };
}

export const WASTE_PROJECTION = sortedProjection<WasteState>({
  kind: 'waste',
  // The waste log is one stream: whatever id the fold is handed, the row is the log's own.
  empty: () => emptyWaste(),
  apply: applyToWaste,
  upgrade: upgradeWaste,
});
