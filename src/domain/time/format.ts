// Time worked in words and numbers as the bench reads them: "2 h 05 min", a ticking "1:02:03", "09:05".

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2 h 05 min", "45 min", "0 min": whole minutes, rounded down (a total never shows time not yet worked). */
export function durationText(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE_MS);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} min` : `${h} h ${two(m)} min`;
}

/** "1:02:03" (hours:minutes:seconds): a running timer's face, ticking each second. */
export function stopwatchText(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(seconds / 3600);
  return `${h}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

/** "09:05": the local time of day of a wall-clock moment on this tablet. */
export function clockOfDay(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}`;
}

export type HoursMinutes = { ok: true; ms: number } | { ok: false; message: string };

/**
 * Hours and minutes typed for a correction ("1", "30"; either may be blank) as milliseconds. Whole
 * numbers only: a correction is set to the minute, never a fraction a person has to work out.
 */
export function parseHoursMinutes(hours: string, minutes: string): HoursMinutes {
  const h = hours.trim();
  const m = minutes.trim();
  if (h === '' && m === '') return { ok: false, message: 'Enter the time worked.' };
  if ((h !== '' && !/^\d{1,3}$/.test(h)) || (m !== '' && !/^\d{1,2}$/.test(m))) {
    return { ok: false, message: 'Enter whole hours and minutes, like 1 and 30.' };
  }
  const mm = m === '' ? 0 : Number(m);
  if (mm > 59) return { ok: false, message: 'Minutes go up to 59: add an hour instead.' };
  return { ok: true, ms: (h === '' ? 0 : Number(h)) * HOUR_MS + mm * MINUTE_MS };
}
