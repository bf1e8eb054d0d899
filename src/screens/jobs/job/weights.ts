// How the job page names weights, and the tolerance of the scale it weighs on. The balance itself is
// domain/ledger/jobMetal.ts: QC, pick-up and the weights card all ask it.
import { useShop } from '../../../db';
import { activeScales, DEFAULT_SCALE } from '../../../domain/ledger/scales';
import type { WeightKind } from '../../../protocol/events';

export const WEIGHT_KIND_LABELS: Record<WeightKind, string> = {
  intake: 'Intake',
  added: 'Added',
  removed: 'Removed',
  check: 'Check',
  return: 'Return',
};

/** The kinds a person logs on the job page; intake is logged once, when the job is opened. */
export const LOGGED_KINDS = ['added', 'removed', 'check', 'return'] as const;

/**
 * The tolerance of the scale the piece is weighed back on: the shop's first active scale, or the
 * default bench scale while the shop has set none (or its row has not been read yet).
 */
export function useScaleToleranceG(): number {
  const shop = useShop();
  return (activeScales(shop?.scales ?? [])[0] ?? DEFAULT_SCALE).toleranceG;
}

/** How the metal check names a weighing: a check on the way, or the piece as returned. */
export function weighingWords(kind: WeightKind): string {
  return kind === 'check' ? 'check weighing' : 'returned';
}
