// The chemical waste log as a person reads it: newest entry first, each with the correction that
// marks it wrong (kept, struck through), and the totals of what was not marked wrong.
import type { WasteUnit } from '../../protocol/chemicals';
import { compareStreamEvents } from '../streamProjection';
import type { WasteCorrection, WasteEntry, WasteState } from './wasteState';

export interface WasteLine {
  entry: WasteEntry;
  /** The first correction by stamp, or null while the entry stands. */
  correction: WasteCorrection | null;
}

/** Every entry, newest first (by stamp, ties by event id: the same on every tablet). */
export function wasteLines(state: WasteState): WasteLine[] {
  return [...state.entries]
    .sort((a, b) => -compareStreamEvents(order(a), order(b)))
    .map((entry) => ({ entry, correction: state.corrections[entry.entryId]?.[0] ?? null }));
}

function order(x: { at: string; eventId: string }): { at: string; id: string } {
  return { at: x.at, id: x.eventId };
}

export function findEntry(state: WasteState, entryId: string): WasteLine | null {
  const entry = state.entries.find((e) => e.entryId === entryId);
  return entry ? { entry, correction: state.corrections[entryId]?.[0] ?? null } : null;
}

/** Litres and kilograms in the smaller unit, so a total of one kind adds up. */
const BASE: Record<WasteUnit, { unit: 'ml' | 'g'; factor: number }> = {
  ml: { unit: 'ml', factor: 1 },
  l: { unit: 'ml', factor: 1000 },
  g: { unit: 'g', factor: 1 },
  kg: { unit: 'g', factor: 1000 },
};

export interface WasteTotal {
  what: string;
  unit: 'ml' | 'g';
  amount: number;
}

/**
 * What went, per kind of waste (its words, case and spaces aside) and per measure (volume or
 * weight), leaving out entries marked wrong. Sorted by name, so every tablet lists it alike.
 */
export function wasteTotals(state: WasteState): WasteTotal[] {
  const totals = new Map<string, WasteTotal & { thousandths: number }>();
  for (const { entry, correction } of wasteLines(state)) {
    if (correction) continue;
    const base = BASE[entry.unit];
    const what = entry.what.trim().replace(/\s+/g, ' ');
    const key = `${what.toLowerCase()}|${base.unit}`;
    const t = totals.get(key) ?? { what, unit: base.unit, amount: 0, thousandths: 0 };
    t.thousandths += Math.round(entry.amount * base.factor * 1000);
    totals.set(key, t);
  }
  return [...totals.values()]
    .map(({ what, unit, thousandths }) => ({ what, unit, amount: thousandths / 1000 }))
    .sort((a, b) => a.what.localeCompare(b.what) || a.unit.localeCompare(b.unit));
}
