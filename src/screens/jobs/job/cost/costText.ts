// Words and figures of the job's cost and the shop's prices: money, rates, time worked, what is missing.
import type { EstimateComparison, MissingCost } from '../../../../domain/costing/jobCost';
import type { LabourRate } from '../../../../domain/costing/rates';
import { STAFF_ROLE_LABELS } from '../../../../domain/staff';
import { durationText } from '../../../../domain/time/format';
import { alloyName, moneyText } from '../../../metal/metalText';

export function perHourText(centsPerHour: number): string {
  return `${moneyText(centsPerHour)} an hour`;
}

export function perGramText(centsPerGram: number): string {
  return `${moneyText(centsPerGram)} a gram`;
}

/** Where a person's rate comes from, in words: "own rate", "Bench jeweler rate". */
export function rateSourceText(rate: LabourRate): string {
  return rate.from === 'person' ? 'own rate' : `${STAFF_ROLE_LABELS[rate.role]} rate`;
}

/** Time worked to the minute, counted down: "1 h 05 min", "40 min", "under a minute". */
export function workedText(ms: number): string {
  return ms < 60_000 ? 'under a minute' : durationText(ms);
}

/** What the cost could not count, as the manager reads it, with what to do about it. */
export function missingText(missing: MissingCost, nameOf: (staffId: string) => string): string {
  switch (missing.kind) {
    case 'rate':
      return `No labour rate for ${nameOf(missing.staffId)}: their time is not costed. Set a rate for them or their role in Settings.`;
    case 'cost':
      return `No cost for ${missing.itemName}: it was used with no unit cost on the item.`;
    case 'price':
      return `No price for ${alloyName(missing.alloyId)}: set the shop’s price per gram in Settings.`;
    case 'alloy':
      return `${String(missing.grams)} g of metal added with no alloy named: it has no price.`;
  }
}

/**
 * The total beside the estimate: "3.65 over the estimate of 80.00". With something missing the total
 * is only part of the cost: over stays over ("at least"), under may not be.
 */
export function estimateText(estimate: EstimateComparison | null, complete: boolean): string {
  if (estimate === null) return 'No estimate was given at intake.';
  const of = `the estimate of ${moneyText(estimate.estimateCents)}`;
  const by = moneyText(Math.abs(estimate.differenceCents));
  switch (estimate.verdict) {
    case 'over':
      return complete ? `${by} over ${of}.` : `At least ${by} over ${of}.`;
    case 'under':
      return complete
        ? `${by} under ${of}.`
        : `${by} under ${of} so far: not everything is costed.`;
    case 'on':
      return complete ? `Exactly ${of}.` : `At ${of} so far: not everything is costed.`;
  }
}
