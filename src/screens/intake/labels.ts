// What the counter reads on the intake buttons: item kinds and condition marks in shop words.
import type { ItemKind } from '../../protocol/events';
import type { ConditionFlag } from './intakeForm';

export const ITEM_KIND_LABELS: Readonly<Record<ItemKind, string>> = {
  ring: 'Ring',
  chain: 'Chain',
  bracelet: 'Bracelet',
  necklace: 'Necklace',
  earrings: 'Earrings',
  pendant: 'Pendant',
  brooch: 'Brooch',
  watch: 'Watch',
  other: 'Other',
};

/** DOMAIN.md ("Take-in"): what a careful jeweler looks for under 10× before taking a piece in. */
export const CONDITION_LABELS: Readonly<Record<ConditionFlag, string>> = {
  wornProngs: 'Worn prongs',
  looseStones: 'Loose stones',
  chippedStones: 'Chipped stones',
  missingStones: 'Missing stones',
  thinShank: 'Thin shank',
  kinks: 'Kinks / out of shape',
  brokenClasp: 'Broken clasp',
};

/** Recorded as read when a stamp is there but cannot be read (DOMAIN.md, "Take-in"). */
export const STAMP_ILLEGIBLE = 'Stamp illegible';
