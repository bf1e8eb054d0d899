// Day arithmetic of machine care on the tablet's local calendar: the day a stamp fell on, and a day
// so many days later (domain/dates.ts counts days between; this moves by them).
import { stampMs } from '../clock';
import { dayNumber, localDay } from '../dates';

const DAY_MS = 86_400_000;

/** The local day (YYYY-MM-DD) a clock stamp fell on, on this tablet; null for no real stamp. */
export function stampDay(at: string): string | null {
  const ms = stampMs(at);
  return ms === null ? null : localDay(new Date(ms));
}

/** The calendar day `days` after `day` (before, when negative); `day` itself when it is no day. */
export function addDays(day: string, days: number): string {
  const n = dayNumber(day);
  // UTC arithmetic on day numbers: a DST change is no day.
  return n === null ? day : new Date((n + days) * DAY_MS).toISOString().slice(0, 10);
}
