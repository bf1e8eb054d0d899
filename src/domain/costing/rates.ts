// The shop's prices as a job's cost reads them: a person's labour rate (their own, else their role's)
// and an alloy's price per gram. One rule here for the job's cost and the settings that show them.
import type { ShopState } from '../shopState';
import type { StaffRole } from '../../protocol/roles';
import { isAlloyId } from '../metals';

/** Where a person's labour rate comes from: their own, or the one of their role. */
export type LabourRate =
  | { centsPerHour: number; from: 'person' }
  | { centsPerHour: number; from: 'role'; role: StaffRole };

/**
 * The rate a person's time is costed at: their own rate when the shop set one, else their role's
 * (their role as the staff list has it now), else null — nobody is costed at 0 by accident. A rate
 * of 0 set on purpose (an apprentice the shop does not charge for) is a rate, not a missing one.
 */
export function labourRateOf(
  shop: Pick<ShopState, 'labourRates' | 'staff'>,
  staffId: string,
): LabourRate | null {
  const own = shop.labourRates.staff[staffId];
  if (own !== undefined) return { centsPerHour: own, from: 'person' };
  const role = shop.staff.find((s) => s.id === staffId)?.role;
  if (role === undefined) return null;
  const ofRole = shop.labourRates.roles[role];
  return ofRole === undefined ? null : { centsPerHour: ofRole, from: 'role', role };
}

/** The shop's price of an alloy in cents per gram, or null when it has none (or knows no such alloy). */
export function metalPriceOf(shop: Pick<ShopState, 'metalPrices'>, alloyId: string): number | null {
  if (!isAlloyId(alloyId)) return null;
  return shop.metalPrices[alloyId] ?? null;
}
