// How a promised date reads on the bench list: "Today", "Tomorrow", "Late 3 days" or "Mon 30 Nov".
import { dayNumber, dayText } from '../../../domain/dates';

/** How urgent the promised date looks: the row colours it by this. */
export type PromisedTone = 'late' | 'today' | 'tomorrow' | 'later' | 'past';

export interface PromisedLabel {
  text: string;
  tone: PromisedTone;
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
  const text = dayText(promised, { year: promised.slice(0, 4) !== today.slice(0, 4) });
  return { text, tone: diff < 0 ? 'past' : 'later' };
}
