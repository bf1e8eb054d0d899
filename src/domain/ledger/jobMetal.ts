// A job's metal balance: intake + metal the bench added − metal it removed is what the piece should
// weigh back, and a weighing agrees with it or not within the scale's tolerance. DOMAIN.md ("Take-in":
// weigh on a calibrated scale at intake) — one rule here for QC, pick-up and the weights card.
import {
  BENCH_METAL_FIELDS,
  isServiceKind,
  stepById,
  templateFor,
  type ServiceKind,
  type StepValues,
} from '../checklists';
import type { Attribution, JobState, WeightEntry } from '../job';
import { toleranceFlag, type ToleranceFlag } from './scales';

/** Metal a done checklist step recorded, e.g. the stock added when sizing a ring up. */
export interface StepMetal extends Attribution {
  kind: 'added' | 'removed';
  grams: number;
  alloyId?: string;
  /** Where it was recorded, e.g. "Ring sizing up: Cut and add stock, or stretch". */
  step: string;
}

/** A line of the weights log: a weight logged on its own, or metal recorded in a step. */
export type WeightLine = (WeightEntry & { step?: undefined }) | StepMetal;

/**
 * The grams of metal the job's done steps recorded (services not cancelled; 0 g is no line). An
 * unticked step drops out: it was not done, so neither was its metal. A cancelled service drops out
 * too: its steps are no longer the job's work (metal that stayed on the piece from it is for the bench
 * to log as a weight of its own).
 */
export function stepMetal(job: JobState): StepMetal[] {
  const lines: StepMetal[] = [];
  for (const service of job.services) {
    if (service.cancelled || !isServiceKind(service.kind)) continue;
    for (const [stepId, state] of Object.entries(service.steps)) {
      if (!state.done) continue;
      for (const [key, kind] of Object.entries(BENCH_METAL_FIELDS)) {
        const grams = state.values[key];
        if (typeof grams !== 'number' || grams <= 0) continue;
        const alloyId = metalAlloy(service.kind, stepId, state.values, service.details);
        lines.push({
          kind,
          grams,
          ...(alloyId === undefined ? {} : { alloyId }),
          step: `${templateFor(service.kind).name}: ${stepById(service.kind, stepId)?.label ?? stepId}`,
          by: state.by,
          at: state.at,
          eventId: state.eventId,
        });
      }
    }
  }
  return lines;
}

/**
 * The alloy of a step's metal: the step's own alloy field (sizing's stock_alloy, re-tipping's
 * wire_alloy, soldering's solder_alloy), found by its kind in the template so a new step needs no list
 * here; else the service's alloy (a casting's, asked at intake), since its cut_off step names none.
 */
function metalAlloy(
  kind: ServiceKind,
  stepId: string,
  values: StepValues,
  details: StepValues,
): string | undefined {
  const alloyIn = (keys: readonly string[], from: StepValues) =>
    keys.map((k) => from[k]).find((v): v is string => typeof v === 'string' && v !== '');
  const alloyKeys = (fields: readonly { key: string; kind: string }[]) =>
    fields.filter((f) => f.kind === 'alloy').map((f) => f.key);
  return (
    alloyIn(alloyKeys(stepById(kind, stepId)?.fields ?? []), values) ??
    alloyIn(alloyKeys(templateFor(kind).detailFields), details)
  );
}

/** Every weight of the job, logged or recorded in a step, oldest first. */
export function weightLines(job: JobState): WeightLine[] {
  const lines: WeightLine[] = [...job.weights, ...stepMetal(job)];
  return lines.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export interface WeightBalance {
  intakeG: number;
  /** The latest return or check weighing, if the piece has been weighed again. */
  latest: WeightEntry | null;
  addedG: number;
  removedG: number;
  /** intake + added − removed: what the piece should weigh after the bench work. */
  expectedG: number;
}

/**
 * The job's metal: logged weights of kind added or removed, and the metal of done steps in services
 * not cancelled. Sums are rounded to the milligram, so 0.1 + 0.2 is 0.3 and never a difference.
 */
export function weightBalance(job: JobState): WeightBalance {
  const lines = weightLines(job);
  const sum = (kind: 'added' | 'removed') =>
    toMg(lines.filter((w) => w.kind === kind).reduce((total, w) => total + w.grams, 0));
  const latest = job.weights.findLast((w) => w.kind === 'return' || w.kind === 'check') ?? null;
  const addedG = sum('added');
  const removedG = sum('removed');
  return {
    intakeG: job.intakeWeightG,
    latest,
    addedG,
    removedG,
    expectedG: toMg(job.intakeWeightG + addedG - removedG),
  };
}

/** A weighing of the piece against what it should weigh. */
export interface ReturnCheck {
  intakeG: number;
  addedG: number;
  removedG: number;
  expectedG: number;
  returnedG: number;
  /** returned − expected, to the milligram: + the piece is heavier, − it is lighter. */
  differenceG: number;
  toleranceG: number;
  /** 'within' the scale's tolerance is the scale; 'over' or 'short' is metal come or gone. */
  flag: ToleranceFlag;
}

/**
 * The piece weighed `returnedG` (at pick-up, or at a check) on a scale good to ±`toleranceG`: how far
 * it is from intake + added − removed, and whether that is beyond the scale. A difference of exactly
 * the tolerance is still within it (toleranceFlag).
 */
export function returnCheck(job: JobState, returnedG: number, toleranceG: number): ReturnCheck {
  const { intakeG, addedG, removedG, expectedG } = weightBalance(job);
  return {
    intakeG,
    addedG,
    removedG,
    expectedG,
    returnedG,
    differenceG: toMg(returnedG - expectedG),
    toleranceG,
    flag: toleranceFlag(returnedG, expectedG, toleranceG),
  };
}

/** The latest return or check weighing against the expected weight; null if not weighed again. */
export function latestReturnCheck(
  job: JobState,
  toleranceG: number,
): (ReturnCheck & { weighing: WeightEntry }) | null {
  const { latest } = weightBalance(job);
  return latest ? { ...returnCheck(job, latest.grams, toleranceG), weighing: latest } : null;
}

/** Grams to the milligram: the scale reads 0.01 g, so the third decimal is only float noise. */
function toMg(g: number): number {
  return Math.round(g * 1000) / 1000;
}
