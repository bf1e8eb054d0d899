// How the job page names weights, the scale a weighing is made on (and whether its calibration
// flags it), and the tolerance of the scale it weighs on. The balance itself is
// domain/ledger/jobMetal.ts: QC, pick-up and the weights card all ask it.
import { useState } from 'react';
import { useShop } from '../../../db';
import { useMachines } from '../../../db/equipmentQueries';
import { dayText } from '../../../domain/dates';
import {
  machineOfScale,
  momentFor,
  weighingFlag,
  type WeighingFlag,
} from '../../../domain/equipment/calibration';
import { stampDay } from '../../../domain/equipment/days';
import type { EquipmentState } from '../../../domain/equipment/equipmentState';
import type { JobState } from '../../../domain/job';
import { activeScales, DEFAULT_SCALE } from '../../../domain/ledger/scales';
import type { WeightKind } from '../../../protocol/events';
import type { ScaleData } from '../../../protocol/ledger';

export const WEIGHT_KIND_LABELS: Record<WeightKind, string> = {
  intake: 'Intake',
  added: 'Added',
  removed: 'Removed',
  check: 'Check',
  return: 'Return',
};

/** The kinds a person logs on the job page; intake is logged once, when the job is opened. */
export const LOGGED_KINDS = ['added', 'removed', 'check', 'return'] as const;

/**
 * The tolerance of the scale the piece is weighed back on: the shop's first active scale, or the
 * default bench scale while the shop has set none (or its row has not been read yet).
 */
export function useScaleToleranceG(): number {
  const shop = useShop();
  return (activeScales(shop?.scales ?? [])[0] ?? DEFAULT_SCALE).toleranceG;
}

/** How the metal check names a weighing: a check on the way, or the piece as returned. */
export function weighingWords(kind: WeightKind): string {
  return kind === 'check' ? 'check weighing' : 'returned';
}

// ---- The scale a weighing was made on, and its calibration (issue 15) ----

/**
 * The scales a weight may be logged on now, every scale the shop has set (a past weighing may name
 * a retired one), and the machines their calibration is followed on; null while read.
 */
export function useWeighingScales(): {
  scales: ScaleData[];
  allScales: ScaleData[];
  machines: EquipmentState[];
} | null {
  const shop = useShop();
  const machines = useMachines();
  if (shop === undefined || machines === undefined) return null;
  return { scales: activeScales(shop.scales), allScales: shop.scales, machines };
}

/**
 * The scale a new weighing starts on: the one this job was last weighed on, while the shop still
 * weighs on it (the same piece goes back to the same scale), else the shop's first.
 */
export function defaultScaleId(job: JobState, scales: readonly ScaleData[]): string {
  for (let i = job.weights.length - 1; i >= 0; i--) {
    const id = job.weights[i]?.scaleId;
    if (id !== undefined && scales.some((s) => s.scaleId === id)) return id;
  }
  return scales[0]?.scaleId ?? DEFAULT_SCALE.scaleId;
}

/** The scale chosen for a weighing: the person's pick while offered, else the default. */
export function useScaleChoice(
  job: JobState,
  scales: readonly ScaleData[],
): [string, (scaleId: string) => void] {
  const [picked, setPicked] = useState<string | null>(null);
  const chosen =
    picked !== null && scales.some((s) => s.scaleId === picked)
      ? picked
      : defaultScaleId(job, scales);
  return [chosen, setPicked];
}

/**
 * A flagged weighing in words: "Scale overdue for its check", "Scale failed its check on Mon 30
 * Nov". Null when the scale was in order then (or its calibration is not followed).
 */
export function weighingFlagText(flag: WeighingFlag | null, today: string): string | null {
  if (flag === null) return null;
  if (flag.state === 'overdue') {
    return flag.lastPassed === null
      ? 'Scale overdue for its check (never checked)'
      : 'Scale overdue for its check';
  }
  const day = stampDay(flag.check.at);
  const when =
    day === null ? 'an unknown day' : dayText(day, { year: day.slice(0, 4) !== today.slice(0, 4) });
  return `Scale failed its check on ${when}`;
}

/** Whether a weighing made now on `scaleId` would be flagged: said before it is logged. */
export function flagNow(
  scaleId: string,
  machines: readonly EquipmentState[],
  nowMs: number,
): WeighingFlag | null {
  const machine = machineOfScale(machines, scaleId);
  return machine ? weighingFlag({ scaleId, at: momentFor(machine, nowMs) }, machines) : null;
}
