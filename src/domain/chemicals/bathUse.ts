// What a rhodium bath has been through, worked out from its row: age, rhodium put in, platings and
// plating time since it was made and since it was last topped up; which baths a plating may use.
import { stampMs } from '../clock';
import { daysBetween, localDay } from '../dates';
import { compareStreamEvents } from '../streamProjection';
import type { BathPlating, BathReplenishment, BathState } from './bathState';

/** A bath whose bath.made is folded: the only kind a person sees listed. */
export type MadeBath = BathState & { made: NonNullable<BathState['made']> };

export function isMade(bath: BathState): bath is MadeBath {
  return bath.made !== null;
}

/** Made and not retired: a plating may be recorded in it. */
export function isActive(bath: BathState): bath is MadeBath {
  return isMade(bath) && bath.retired === null;
}

export interface PlatingTally {
  platings: number;
  seconds: number;
}

export interface BathUse {
  /** Whole days from the day it was made to today, or to the day it was retired. */
  ageDays: number;
  /** The rhodium it was made with and every replenishment's, in grams (to the milligram). */
  rhodiumG: number;
  /** The volume it was made up to, with solution added since. */
  volumeMl: number;
  sinceMade: PlatingTally;
  /** Since the last replenishment; the same as sinceMade while it has had none. */
  sinceReplenished: PlatingTally;
  lastReplenishment: BathReplenishment | null;
}

function tally(platings: readonly BathPlating[]): PlatingTally {
  // Whole seconds in the checklist, but a sum of decimals would drift: counted in milliseconds.
  const ms = platings.reduce((sum, p) => sum + Math.round(p.seconds * 1000), 0);
  return { platings: platings.length, seconds: ms / 1000 };
}

/** The local day a clock stamp fell on, or null for one that names no time. */
function stampDay(at: string): string | null {
  const ms = stampMs(at);
  return ms === null ? null : localDay(new Date(ms));
}

/**
 * A bath's use, as of `today` (YYYY-MM-DD, the tablet's local day). A retired bath's age stops at
 * its retirement. A made date after today (another tablet's clock) reads as 0 days, never negative.
 */
export function bathUse(bath: MadeBath, today: string): BathUse {
  const end = bath.retired ? (stampDay(bath.retired.at) ?? today) : today;
  const age = daysBetween(bath.made.madeDate, end);
  const rhodiumMg =
    Math.round(bath.made.rhodiumG * 1000) +
    bath.replenishments.reduce((sum, r) => sum + Math.round(r.rhodiumG * 1000), 0);
  const addedMl = bath.replenishments.reduce((sum, r) => sum + (r.volumeMl ?? 0), 0);
  const last = bath.replenishments.at(-1) ?? null;
  // Lists are in stamp order: "since" is every plating that sorts after the replenishment.
  const since = last
    ? bath.platings.filter((p) => compareStreamEvents(toOrder(p), toOrder(last)) > 0)
    : bath.platings;
  return {
    ageDays: Number.isNaN(age) ? 0 : Math.max(0, age),
    rhodiumG: rhodiumMg / 1000,
    volumeMl: bath.made.volumeMl + addedMl,
    sinceMade: tally(bath.platings),
    sinceReplenished: tally(since),
    lastReplenishment: last,
  };
}

function toOrder(x: { at: string; eventId: string }): { at: string; id: string } {
  return { at: x.at, id: x.eventId };
}

/** Most recently made first: by the day it was made, then by when it was recorded. */
export function newestFirst<B extends MadeBath>(baths: readonly B[]): B[] {
  return [...baths].sort((a, b) => {
    if (a.made.madeDate !== b.made.madeDate) return a.made.madeDate < b.made.madeDate ? 1 : -1;
    return -compareStreamEvents(toOrder(a.made), toOrder(b.made));
  });
}

/** The shop's baths a plating may go in, most recently made first. */
export function activeBaths(baths: readonly BathState[]): MadeBath[] {
  return newestFirst(baths.filter(isActive));
}

/** The bath a plate step offers first: the most recently made active one, or null when none is. */
export function defaultBath(baths: readonly BathState[]): MadeBath | null {
  return activeBaths(baths)[0] ?? null;
}

/** A plating recorded after the bath's retirement (by stamp): a tablet offline did not know yet. */
export function platedAfterRetirement(bath: BathState, plating: BathPlating): boolean {
  return bath.retired !== null && compareStreamEvents(toOrder(plating), toOrder(bath.retired)) > 0;
}
