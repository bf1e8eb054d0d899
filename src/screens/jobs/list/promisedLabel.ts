// How a promised date reads on the bench list: "Today", "Tomorrow", "Late 3 days" or "Mon 30 Nov".

/** How urgent the promised date looks: the row colours it by this. */
export type PromisedTone = 'late' | 'today' | 'tomorrow' | 'later' | 'past';

export interface PromisedLabel {
  text: string;
  tone: PromisedTone;
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = [
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

/** Days since 1970-01-01 of a YYYY-MM-DD local day. UTC arithmetic, so a DST change is no day. */
function dayNumber(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return null;
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  return Number.isNaN(ms) ? null : Math.round(ms / DAY_MS);
}

/**
 * The promised date `promised` as seen on `today` (both local days, YYYY-MM-DD). Only a job still
 * with the bench (`open`) can be late; a piece ready or collected shows its date. The year is shown
 * only when it is not this year's.
 */
export function promisedLabel(promised: string, today: string, open = true): PromisedLabel {
  const p = dayNumber(promised);
  const t = dayNumber(today);
  if (p === null || t === null) return { text: promised, tone: 'later' };
  const diff = p - t;
  if (diff === 0) return { text: 'Today', tone: 'today' };
  if (diff === 1) return { text: 'Tomorrow', tone: 'tomorrow' };
  if (diff < 0 && open)
    return { text: `Late ${-diff} ${diff === -1 ? 'day' : 'days'}`, tone: 'late' };
  const date = new Date(p * DAY_MS);
  const year = date.getUTCFullYear();
  const text = [
    WEEKDAYS[date.getUTCDay()],
    date.getUTCDate(),
    MONTHS[date.getUTCMonth()],
    ...(year === new Date(t * DAY_MS).getUTCFullYear() ? [] : [year]),
  ].join(' ');
  return { text, tone: diff < 0 ? 'past' : 'later' };
}
