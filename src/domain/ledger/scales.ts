// The shop's scales and what a difference between two weighings means on them: within the scale's
// tolerance it is the scale; beyond it, metal came or went.
import type { ScaleData } from '../../protocol/ledger';

/**
 * The scale every shop has before it sets its own: a bench scale reading 0.01 g. Two weighings of the
 * same piece on it differ by a count or two, so ±0.02 g is still the same metal.
 */
export const DEFAULT_SCALE: ScaleData = Object.freeze({
  scaleId: 'bench',
  name: 'Bench scale',
  readabilityG: 0.01,
  toleranceG: 0.02,
  retired: false,
});

/** The scales a person may weigh on now: the shop's own, or the default while it has none. */
export function activeScales(scales: readonly ScaleData[]): ScaleData[] {
  const active = scales.filter((s) => !s.retired);
  return active.length > 0 ? active : [DEFAULT_SCALE];
}

/** A scale by id, retired ones too (the ledger names them); the default scale for an unknown id. */
export function scaleById(scales: readonly ScaleData[], id: string | undefined): ScaleData {
  return (
    scales.find((s) => s.scaleId === id) ??
    (id === undefined ? activeScales(scales)[0] : undefined) ??
    DEFAULT_SCALE
  );
}

/** What a weighed difference means: 'within' the scale's tolerance, or metal 'over' or 'short'. */
export type ToleranceFlag = 'within' | 'over' | 'short';

/**
 * Compares a weighing with what was expected. Rounded to the milligram first, so 0.1 + 0.2 against
 * 0.3 is no difference, and a difference of exactly the tolerance is still within it.
 */
export function toleranceFlag(
  weighedG: number,
  expectedG: number,
  toleranceG: number,
): ToleranceFlag {
  const diffMg = Math.round((weighedG - expectedG) * 1000);
  const tolMg = Math.round(toleranceG * 1000);
  if (Math.abs(diffMg) <= tolMg) return 'within';
  return diffMg > 0 ? 'over' : 'short';
}
