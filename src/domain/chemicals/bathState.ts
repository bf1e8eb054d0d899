// A rhodium bath's stream folded into its row: made, replenished, each plating, retired.
// Events come in stamp order (sortedFold), so lists keep that order and "first" means first by stamp:
// any arrival order folds to the same row.
import type { EventData, LoupeEvent } from '../../protocol/events';
import type { Attribution } from '../job';
import { emptyHead, sortedProjection } from '../sortedFold';
import type { StreamHead } from '../streamProjection';

export type BathMade = EventData<'bath.made'> & Attribution;
export type BathReplenishment = EventData<'bath.replenished'> & Attribution;
export type BathPlating = EventData<'bath.plated'> & Attribution;
export type BathRetirement = EventData<'bath.retired'> & Attribution;

export interface BathState extends StreamHead {
  /** Null until its bath.made is folded. */
  made: BathMade | null;
  /** Rhodium (and perhaps solution) added, in stamp order. */
  replenishments: BathReplenishment[];
  /**
   * Every plating done in it, in stamp order. One recorded after its retirement (a tablet offline
   * that did not know yet) is kept: the piece was plated in it all the same.
   */
  platings: BathPlating[];
  retired: BathRetirement | null;
}

export function emptyBath(id: string): BathState {
  return { ...emptyHead(id), made: null, replenishments: [], platings: [], retired: null };
}

function attribution(e: LoupeEvent): Attribution {
  return { by: e.actor, at: e.at, eventId: e.id };
}

function applyToBath(state: BathState, e: LoupeEvent): BathState | null {
  switch (e.type) {
    case 'bath.made':
      // A bath is made once; a second "made" on its stream (a mistake) stays in the history only.
      return state.made ? null : { ...state, made: { ...e.data, ...attribution(e) } };
    case 'bath.replenished':
      return {
        ...state,
        replenishments: [...state.replenishments, { ...e.data, ...attribution(e) }],
      };
    case 'bath.plated':
      return { ...state, platings: [...state.platings, { ...e.data, ...attribution(e) }] };
    case 'bath.retired':
      // Two tablets retiring it offline: the first by stamp is the retirement, the other is kept.
      return state.retired ? null : { ...state, retired: { ...e.data, ...attribution(e) } };
    default:
      return null;
  }
}

/** A row from an older version (the contract's stub kept only `made`) read with today's lists. */
function upgradeBath(row: BathState): BathState {
  const partial = row as Partial<BathState> & StreamHead;
  return {
    ...row,
    made: partial.made ?? null,
    replenishments: partial.replenishments ?? [],
    platings: partial.platings ?? [],
    retired: partial.retired ?? null,
  };
}

export const BATH_PROJECTION = sortedProjection<BathState>({
  kind: 'bath',
  empty: emptyBath,
  apply: applyToBath,
  upgrade: upgradeBath,
});
