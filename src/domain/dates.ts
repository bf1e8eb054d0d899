// Calendar dates as the shop lives them: promised dates are local days, not instants.

/** The local calendar day of `date`, as YYYY-MM-DD. */
export function localDay(date: Date = new Date()): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

const DAY_MS = 86_400_000;
export const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
export const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/**
 * Days since 1970-01-01 of a YYYY-MM-DD calendar day, or null when it is not a real one (2026-02-30).
 * UTC arithmetic: a DST change is no day, and the tablet's time zone never shifts the date.
 */
export function dayNumber(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return null;
  const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return null;
  }
  return Math.round(date.getTime() / DAY_MS);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); NaN when either is not a day. */
export function daysBetween(from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? NaN : b - a;
}

/**
 * "Mon 30 Nov 2026" (or "Mon 30 Nov" without the year): the weekday helps at the counter, and a
 * spelled-out month means no one reads 03/04 as April or March. Anything not a day is shown as given.
 */
export function dayText(day: string, { year = true }: { year?: boolean } = {}): string {
  const n = dayNumber(day);
  if (n === null) return day;
  const date = new Date(n * DAY_MS);
  const text = `${WEEKDAY_NAMES[date.getUTCDay()] ?? ''} ${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()] ?? ''}`;
  return year ? `${text} ${date.getUTCFullYear()}` : text;
}
