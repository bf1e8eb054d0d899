// The metal balance of a job: intake weight against the latest return or check weight, with the
// metal the bench added or removed, whether logged on its own or recorded in a checklist step.
// DOMAIN.md ("Shop manager"): the shop wants to know that no metal went missing.
import {
  BENCH_METAL_FIELDS,
  isServiceKind,
  stepById,
  templateFor,
} from '../../../domain/checklists';
import type { Attribution, JobState, WeightEntry } from '../../../domain/job';
import type { WeightKind } from '../../../protocol/events';

export const WEIGHT_KIND_LABELS: Record<WeightKind, string> = {
  intake: 'Intake',
  added: 'Added',
  removed: 'Removed',
  check: 'Check',
  return: 'Return',
};

/** The kinds a person logs on the job page; intake is logged once, when the job is opened. */
export const LOGGED_KINDS = ['added', 'removed', 'check', 'return'] as const;

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
 * unticked step drops out: it was not done, so neither was its metal.
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
        const alloy = state.values.stock_alloy;
        lines.push({
          kind,
          grams,
          ...(typeof alloy === 'string' ? { alloyId: alloy } : {}),
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

/** Every weight of the job, logged or recorded in a step, oldest first. */
export function weightLines(job: JobState): WeightLine[] {
  const lines: WeightLine[] = [...job.weights, ...stepMetal(job)];
  return lines.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export interface WeightBalance {
  intakeG: number;
  /** The latest return or check weighing, if the piece has been weighed again. */
  latest: WeightEntry | null;
  /** latest − intake: what the piece gained (+) or lost (−) while with the shop. */
  differenceG: number | null;
  addedG: number;
  removedG: number;
  /** intake + added − removed: what the piece should weigh after the bench work. */
  expectedG: number;
}

export function weightBalance(job: JobState): WeightBalance {
  const lines = weightLines(job);
  const sum = (kind: WeightKind) =>
    lines.filter((w) => w.kind === kind).reduce((total, w) => total + w.grams, 0);
  const latest = job.weights.findLast((w) => w.kind === 'return' || w.kind === 'check') ?? null;
  const addedG = sum('added');
  const removedG = sum('removed');
  return {
    intakeG: job.intakeWeightG,
    latest,
    differenceG: latest ? latest.grams - job.intakeWeightG : null,
    addedG,
    removedG,
    expectedG: job.intakeWeightG + addedG - removedG,
  };
}
