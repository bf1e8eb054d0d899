// The metal balance of a job: intake weight against the latest return or check weight.
// DOMAIN.md ("Shop manager"): the shop wants to know that no metal went missing.
import type { JobState, WeightEntry } from '../../../domain/job';
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

export interface WeightBalance {
  intakeG: number;
  /** The latest return or check weighing, if the piece has been weighed again. */
  latest: WeightEntry | null;
  /** latest − intake: what the piece gained (+) or lost (−) while with the shop. */
  differenceG: number | null;
  addedG: number;
  removedG: number;
  /** intake + added − removed: what the piece should weigh after the logged bench work. */
  expectedG: number;
}

export function weightBalance(job: JobState): WeightBalance {
  const sum = (kind: WeightKind) =>
    job.weights.filter((w) => w.kind === kind).reduce((total, w) => total + w.grams, 0);
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
