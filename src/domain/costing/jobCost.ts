// The job's cost for the manager: each person's time at their labour rate, the materials it used at
// their cost, the metal it took at the shop's price, and the total beside the estimate (issue 15).
import type { JobState, MaterialUseEntry } from '../job';
import { weightLines } from '../ledger/jobMetal';
import type { ShopState } from '../shopState';
import { timersOf, workedMs } from '../time/timers';
import { labourRateOf, metalPriceOf, type LabourRate } from './rates';

const HOUR_MS = 3_600_000;

/**
 * An amount to the whole cent, half a cent up. Every line is rounded on its own and each sum is the
 * sum of its rounded lines, so the figures the manager reads add up. toPrecision first, so binary
 * noise (100.4999… for 1.005 g × 100) rounds the way a person expects.
 */
export function roundCents(amount: number): number {
  return Math.round(Number(amount.toPrecision(12)));
}

/** One person's time on the job: every timer of theirs, a running one counted to now. */
export interface LabourLine {
  staffId: string;
  workedMs: number;
  /** A timer of theirs is running: the time and the amount grow until it is stopped. */
  running: boolean;
  /** A timer of theirs had its time set by hand (timer.corrected). */
  corrected: boolean;
  rate: LabourRate | null;
  /** workedMs × rate, to the cent; null when the person has no rate. */
  amountCents: number | null;
}

/** A material the job used and did not return, at the cost copied when it was used. */
export interface MaterialLine {
  use: MaterialUseEntry;
  /** quantity × unit cost, to the cent; null when the use carried no cost. */
  amountCents: number | null;
}

/** The metal the bench put into the piece in one alloy (or of no alloy named: alloyId null). */
export interface MetalLine {
  alloyId: string | null;
  grams: number;
  centsPerGram: number | null;
  /** grams × the shop's price, to the cent; null with no price (or no alloy). */
  amountCents: number | null;
}

/** What the cost could not count, each said to the manager in words: never a silent 0. */
export type MissingCost =
  | { kind: 'rate'; staffId: string }
  | { kind: 'cost'; usageId: string; itemName: string }
  | { kind: 'price'; alloyId: string }
  | { kind: 'alloy'; grams: number };

export interface EstimateComparison {
  estimateCents: number;
  /** total − estimate: more than 0 the job cost more than the estimate, less than 0 less. */
  differenceCents: number;
  verdict: 'over' | 'under' | 'on';
}

export interface JobCost {
  labour: LabourLine[];
  labourCents: number;
  materials: MaterialLine[];
  materialsCents: number;
  /** Uses put back (material.returned): listed in the history, not in the cost. */
  returnedCount: number;
  metal: MetalLine[];
  metalCents: number;
  /** labour + materials + metal of what could be costed. */
  totalCents: number;
  missing: MissingCost[];
  /** Nothing is missing: the total is the whole cost, not a part of it. */
  complete: boolean;
  /** A material that is metal (stock, solder) beside metal logged as added: it may be counted twice. */
  metalMayCountTwice: boolean;
  /** Null when the job was taken in without an estimate. */
  estimate: EstimateComparison | null;
}

/**
 * The job's cost at the shop's rates and prices now, with the running timers counted to `nowMs`.
 *
 * - Labour: each person's worked time (their timers' measured or corrected time, domain/time) at their
 *   own rate, else their role's; a person with neither is listed as missing.
 * - Materials: each use not returned, quantity × the unit cost it was used at (copied on the event,
 *   so a later price change leaves a past job's cost as it was); a use with no cost is listed.
 * - Metal: the grams the bench added (weights logged as added and metal recorded in done steps, as the
 *   metal balance counts them: domain/ledger/jobMetal.ts), per alloy, at the shop's price per gram.
 *   Metal removed (a ring sized down, filings) is not taken off: it is the piece's own metal cut
 *   away, going to the scrap pot for refining, not the shop's metal come back to stock. Added metal
 *   with no alloy named, or an alloy with no price, is listed.
 */
export function jobCost(
  job: JobState,
  shop: Pick<ShopState, 'labourRates' | 'staff' | 'metalPrices'>,
  nowMs: number,
): JobCost {
  const missing: MissingCost[] = [];

  const labour = labourLines(job, shop, nowMs);
  for (const l of labour) if (l.rate === null) missing.push({ kind: 'rate', staffId: l.staffId });

  const returned = new Set(job.materialsReturned.map((r) => r.usageId));
  const counted = job.materialsUsed.filter((u) => !returned.has(u.usageId));
  const materials = counted.map((use): MaterialLine => {
    if (use.unitCostCents === undefined) {
      missing.push({ kind: 'cost', usageId: use.usageId, itemName: use.itemName });
      return { use, amountCents: null };
    }
    return { use, amountCents: roundCents(use.quantity * use.unitCostCents) };
  });

  const metal = metalLines(job, shop);
  for (const m of metal) {
    if (m.alloyId === null) missing.push({ kind: 'alloy', grams: m.grams });
    else if (m.centsPerGram === null) missing.push({ kind: 'price', alloyId: m.alloyId });
  }

  const sum = (amounts: readonly (number | null)[]) =>
    amounts.reduce<number>((total, a) => total + (a ?? 0), 0);
  const labourCents = sum(labour.map((l) => l.amountCents));
  const materialsCents = sum(materials.map((m) => m.amountCents));
  const metalCents = sum(metal.map((m) => m.amountCents));
  const totalCents = labourCents + materialsCents + metalCents;

  return {
    labour,
    labourCents,
    materials,
    materialsCents,
    returnedCount: job.materialsUsed.length - counted.length,
    metal,
    metalCents,
    totalCents,
    missing,
    complete: missing.length === 0,
    metalMayCountTwice:
      metal.length > 0 && counted.some((u) => u.category === 'stock' || u.category === 'solder'),
    estimate: job.estimateCents === null ? null : compare(totalCents, job.estimateCents),
  };
}

function compare(totalCents: number, estimateCents: number): EstimateComparison {
  const differenceCents = totalCents - estimateCents;
  return {
    estimateCents,
    differenceCents,
    verdict: differenceCents > 0 ? 'over' : differenceCents < 0 ? 'under' : 'on',
  };
}

/** One line per person timed, in the order they first started a timer on the job. */
function labourLines(
  job: JobState,
  shop: Pick<ShopState, 'labourRates' | 'staff'>,
  nowMs: number,
): LabourLine[] {
  const byPerson = new Map<string, { ms: number; running: boolean; corrected: boolean }>();
  const timers = timersOf(job.timerMarks).sort((a, b) => a.startedMs - b.startedMs);
  for (const t of timers) {
    const line = byPerson.get(t.staffId) ?? { ms: 0, running: false, corrected: false };
    line.ms += workedMs(t, nowMs);
    // A corrected timer's time is fixed by hand: it no longer grows even if it was left running.
    line.running ||= t.phase === 'running' && t.corrected === null;
    line.corrected ||= t.corrected !== null;
    byPerson.set(t.staffId, line);
  }
  return [...byPerson].map(([staffId, { ms, running, corrected }]) => {
    const rate = labourRateOf(shop, staffId);
    return {
      staffId,
      workedMs: ms,
      running,
      corrected,
      rate,
      amountCents: rate === null ? null : roundCents((ms * rate.centsPerHour) / HOUR_MS),
    };
  });
}

/** Grams to the milligram: sums of 0.01 g readings carry only float noise below it. */
function toMg(g: number): number {
  return Math.round(g * 1000) / 1000;
}

/** The metal added to the piece, one line per alloy in the order it was first added. */
function metalLines(job: JobState, shop: Pick<ShopState, 'metalPrices'>): MetalLine[] {
  const grams = new Map<string | null, number>();
  for (const w of weightLines(job)) {
    if (w.kind !== 'added' || w.grams <= 0) continue;
    const alloyId = w.alloyId ?? null;
    grams.set(alloyId, (grams.get(alloyId) ?? 0) + w.grams);
  }
  return [...grams].map(([alloyId, total]) => {
    const g = toMg(total);
    const centsPerGram = alloyId === null ? null : metalPriceOf(shop, alloyId);
    return {
      alloyId,
      grams: g,
      centsPerGram,
      amountCents: centsPerGram === null ? null : roundCents(g * centsPerGram),
    };
  });
}
