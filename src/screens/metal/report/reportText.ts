// Words and numbers of the loss report: metal families, buckets, grams to the milligram.
import { dayText, MONTH_NAMES } from '../../../domain/dates';
import type { BucketSize, LossBucket, Period } from '../../../domain/ledger/report';
import type { MetalFamily } from '../../../domain/metals';
import { fineDecimal } from '../../jobs/job/format';

export const FAMILY_LABELS: Record<MetalFamily, string> = {
  gold: 'Fine gold',
  silver: 'Fine silver',
  platinum: 'Platinum',
  palladium: 'Palladium',
};

/** Grams lost, to the milligram when there is one: "0.31 g", "−0.05 g", "0.005 g". */
export function lossGrams(g: number): string {
  return `${fineDecimal(g)} g`;
}

/** "1 Dec 2026 to 31 Dec 2026", or "all time". */
export function periodText(period: Period | null): string {
  if (period === null) return 'all time';
  if (period.from === period.to) return dayText(period.from);
  return `${dayText(period.from)} to ${dayText(period.to)}`;
}

function monthText(day: string): string {
  return `${MONTH_NAMES[Number(day.slice(5, 7)) - 1] ?? ''} ${day.slice(0, 4)}`;
}

/** A bucket named in full, for the chart's table: "Tue 1 Dec 2026", "Week of Mon 30 Nov 2026", "Dec 2026". */
export function bucketText(bucket: LossBucket, size: BucketSize): string {
  if (size === 'day') return dayText(bucket.start);
  if (size === 'week') return `Week of ${dayText(bucket.start)}`;
  return monthText(bucket.start);
}

/** A bucket named short, under its bar: "1 Dec", "30 Nov", "Dec 26". */
export function bucketShort(bucket: LossBucket, size: BucketSize): string {
  if (size === 'month') {
    return `${MONTH_NAMES[Number(bucket.start.slice(5, 7)) - 1] ?? ''} ${bucket.start.slice(2, 4)}`;
  }
  return dayText(bucket.start, { year: false }).split(' ').slice(1).join(' ');
}

export const BUCKET_WORDS: Record<BucketSize, string> = {
  day: 'day',
  week: 'week',
  month: 'month',
};

/**
 * Fine grams from exact micrograms, rounded to the milligram as the CSV rounds them (half up), so
 * the screen and the accountant's file never differ by a milligram: "0.176 g", "1.90 g".
 */
export function fineText(ug: number): string {
  return lossGrams(Math.round(ug / 1000) / 1000);
}
