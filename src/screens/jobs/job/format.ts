// Words and numbers as the job page shows them: clock times, grams, ring sizes and step values.
import type { FieldTemplate, StepValue, StepValues } from '../../../domain/checklists';
import { localDay, MONTH_NAMES } from '../../../domain/dates';
import { ALLOYS, isAlloyId } from '../../../domain/metals';
import { ringSizeViews } from '../../../domain/ringSizes';

/** The instant of a clock stamp: its first 24 characters are an ISO time in UTC (domain/clock.ts). */
export function stampDate(at: string): Date | null {
  const ms = Date.parse(at.slice(0, 24));
  return Number.isNaN(ms) ? null : new Date(ms);
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** "14:05", local time on this tablet. */
export function clockTime(at: string): string {
  const date = stampDate(at);
  return date ? `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}` : '—';
}

/** "14:05" today, "20 Nov 14:05" on another day, "20 Nov 2025 14:05" in another year. */
export function whenText(at: string, today: string = localDay()): string {
  const date = stampDate(at);
  if (!date) return 'an unknown time';
  if (localDay(date) === today) return clockTime(at);
  const year = date.getFullYear() === Number(today.slice(0, 4)) ? '' : ` ${date.getFullYear()}`;
  return `${date.getDate()} ${MONTH_NAMES[date.getMonth()] ?? ''}${year} ${clockTime(at)}`;
}

/** The bench scale reads 0.01 g: "3.42 g". */
export function grams(g: number): string {
  return `${g.toFixed(2)} g`;
}

/** "17.32 mm · US 7 · UK O · EU 54 · JP 14": the inner diameter is the truth, the rest are views. */
export function ringSizeText(mm: number): string {
  try {
    const v = ringSizeViews(mm);
    return `${v.mm} mm · US ${v.us} · UK ${v.uk} · EU ${v.eu} · JP ${v.jp}`;
  } catch {
    return `${mm} mm`;
  }
}

/** One recorded value in words, as its field describes it. */
export function valueText(field: FieldTemplate, value: StepValue): string {
  switch (field.kind) {
    case 'number':
      return field.unit === 'count' ? String(value) : `${String(value)} ${field.unit}`;
    case 'ringSize':
      return typeof value === 'number' ? ringSizeText(value) : String(value);
    case 'choice':
      return field.options.find((o) => o.value === value)?.label ?? String(value);
    case 'alloy':
      return typeof value === 'string' && isAlloyId(value) ? ALLOYS[value].name : String(value);
    case 'check':
      return value === true ? 'yes' : 'no';
    case 'photo':
      return 'photo taken';
    case 'text':
      return String(value);
  }
}

/** "Join: Hard solder, Metal added: 0.31 g" for the values that were given. */
export function valuesText(fields: readonly FieldTemplate[], values: StepValues): string {
  return fields
    .filter((f) => Object.hasOwn(values, f.key))
    .map((f) => `${f.label}: ${valueText(f, values[f.key] as StepValue)}`)
    .join(', ');
}

/**
 * Grams to the scale's 0.01 g, or to the milligram when a finer scale gave one, without the unit:
 * "3.42", "0.005", "−0.02". The metal check shows sums this way, so a milligram is never rounded away.
 */
export function fineDecimal(g: number): string {
  const mg = Math.round(g * 1000);
  const digits = (Math.abs(mg) / 1000).toFixed(mg % 10 === 0 ? 2 : 3);
  return mg < 0 ? `−${digits}` : digits;
}

/** A difference in grams with its sign, to the milligram when it has one: "+0.31 g", "−0.005 g". */
export function signedFineGrams(g: number): string {
  const mg = Math.round(g * 1000);
  return mg > 0 ? `+${fineDecimal(g)} g` : `${fineDecimal(g)} g`;
}
