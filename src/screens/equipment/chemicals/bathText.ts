// Words and numbers of the bath and waste logs as the bench reads them: grams of rhodium, volumes,
// plating times, a bath's age.
import type { BathPlating } from '../../../domain/chemicals/bathState';
import type { WasteUnit } from '../../../protocol/chemicals';

/** Up to `places` decimals, trailing zeros dropped: 2 → "2", 0.25 → "0.25". */
function trimmedNumber(n: number, places: number): string {
  return String(Number(n.toFixed(places)));
}

/** Rhodium is weighed to the milligram: "2 g", "0.125 g". */
export function rhodiumText(g: number): string {
  return `${trimmedNumber(g, 3)} g`;
}

/** "800 ml", "1.5 l" from a litre up. */
export function volumeText(ml: number): string {
  return ml >= 1000 ? `${trimmedNumber(ml / 1000, 2)} l` : `${trimmedNumber(ml, 0)} ml`;
}

/** "25 s", "4 min 10 s": plating time in the bath. */
export function secondsText(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${trimmedNumber(seconds, 1)} s`;
  const min = Math.floor(whole / 60);
  const s = whole % 60;
  return s === 0 ? `${min} min` : `${min} min ${s} s`;
}

/** "made today", "1 day old", "12 days old". */
export function ageText(days: number): string {
  if (days === 0) return 'made today';
  return days === 1 ? '1 day old' : `${days} days old`;
}

/** "3 platings", "1 plating", "no platings". */
export function platingsText(count: number): string {
  if (count === 0) return 'no platings';
  return count === 1 ? '1 plating' : `${count} platings`;
}

/** One plating's time, voltage and bath temperature: "25 s at 4.2 V, 45 °C". */
export function platingText(p: Pick<BathPlating, 'seconds' | 'volts' | 'tempC'>): string {
  const temp = p.tempC === undefined ? '' : `, ${trimmedNumber(p.tempC, 1)} °C`;
  return `${secondsText(p.seconds)} at ${trimmedNumber(p.volts, 2)} V${temp}`;
}

/** "2.5 l", "300 g": an amount of waste in the unit it was logged in. */
export function amountText(amount: number, unit: WasteUnit): string {
  return `${trimmedNumber(amount, 3)} ${unit}`;
}
