// A scale's calibration at a moment, from its checks with the test weight: ok, overdue (no passing
// check within its interval) or failed (its latest check before that moment failed); and whether a
// weighing made on it is flagged for that. DOMAIN.md ("Take-in": weigh on a calibrated scale).
import { stampCeiling, stampMs } from '../clock';
import { toleranceFlag } from '../ledger/scales';
import { addDays, stampDay } from './days';
import type { CalibrationCheck, EquipmentState } from './equipmentState';

export type CalibrationStatus =
  /** Not judged: no interval set and never checked, or the moment is before it was registered. */
  | { state: 'untracked' }
  /** Its latest check passed; `dueDay` is the last day it counts (null: no interval set). */
  | { state: 'ok'; lastPassed: CalibrationCheck; dueDay: string | null }
  /** No passing check within its interval: `lastPassed` null when never checked at all. */
  | { state: 'overdue'; lastPassed: CalibrationCheck | null; dueDay: string | null }
  /** Its latest check failed: weighings on it are not to be trusted until it passes one. */
  | { state: 'failed'; check: CalibrationCheck };

/** Whether a reading of the test weight passes: within the scale's tolerance, to the milligram. */
export function checkPasses(testWeightG: number, readG: number, toleranceG: number): boolean {
  return toleranceFlag(readG, testWeightG, toleranceG) === 'within';
}

/** The stamp that stands for "now" at `ms`: every event stamped within that millisecond is before it. */
export function momentOf(ms: number): string {
  return stampCeiling(ms);
}

/**
 * "Now" for a machine at wall-clock `nowMs`: after every event of it this tablet has folded, as
 * the next event stamped here will be (the clock stamps past everything it has seen). A check
 * recorded a moment ago, or synced from a tablet whose clock runs a little ahead, already counts.
 */
export function momentFor(machine: Pick<EquipmentState, 'lastAt'>, nowMs: number): string {
  const now = momentOf(nowMs);
  const last = stampMs(machine.lastAt);
  return last === null || now > machine.lastAt ? now : stampCeiling(last);
}

/**
 * The machine's calibration as it was at `at` (a clock stamp: a weighing's, or momentOf(now)).
 * Only checks stamped before it count, so a later check never changes how an earlier weighing is
 * judged. The interval is the machine's as it is now (its fields fold last writer wins).
 */
export function calibrationAt(
  machine: Pick<EquipmentState, 'fields' | 'added' | 'calibration'>,
  at: string,
): CalibrationStatus {
  if (machine.fields === null) return { state: 'untracked' };
  let latest: CalibrationCheck | null = null;
  for (const check of machine.calibration) {
    if (check.at < at) latest = check;
  }
  if (latest && !latest.passed) return { state: 'failed', check: latest };
  const every = machine.fields.calibrationEveryDays;
  if (every === undefined) {
    return latest ? { state: 'ok', lastPassed: latest, dueDay: null } : { state: 'untracked' };
  }
  if (latest === null) {
    // Weighed before the scale was in the registry: there was nothing to check it against yet.
    if (machine.added === null || at < machine.added.at) return { state: 'untracked' };
    return { state: 'overdue', lastPassed: null, dueDay: null };
  }
  const checkedDay = stampDay(latest.at);
  const day = stampDay(at);
  if (checkedDay === null || day === null) return { state: 'ok', lastPassed: latest, dueDay: null };
  const dueDay = addDays(checkedDay, every);
  return day > dueDay
    ? { state: 'overdue', lastPassed: latest, dueDay }
    : { state: 'ok', lastPassed: latest, dueDay };
}

/**
 * The machine a shop scale is, by the scaleId it is linked to. Two tablets offline may link two
 * machines to one scale: the one still in use wins, then the first by id, the same on every tablet.
 */
export function machineOfScale<M extends Pick<EquipmentState, 'id' | 'fields'>>(
  machines: readonly M[],
  scaleId: string | undefined,
): M | null {
  if (scaleId === undefined) return null;
  const linked = machines
    .filter((m) => m.fields?.scaleId === scaleId)
    .sort(
      (a, b) =>
        Number(a.fields?.retired ?? false) - Number(b.fields?.retired ?? false) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  return linked[0] ?? null;
}

export type WeighingFlag =
  | { state: 'overdue'; machine: EquipmentState; lastPassed: CalibrationCheck | null }
  | { state: 'failed'; machine: EquipmentState; check: CalibrationCheck };

/**
 * Whether a weighing (a job's weight, with the scale it names and its stamp) was made on a scale
 * that was overdue for its check or had failed it then; null when it was not, or names no scale.
 */
export function weighingFlag(
  weighing: { scaleId?: string | undefined; at: string },
  machines: readonly EquipmentState[],
): WeighingFlag | null {
  const machine = machineOfScale(machines, weighing.scaleId);
  if (!machine) return null;
  const status = calibrationAt(machine, weighing.at);
  if (status.state === 'failed') return { state: 'failed', machine, check: status.check };
  if (status.state === 'overdue') {
    return { state: 'overdue', machine, lastPassed: status.lastPassed };
  }
  return null;
}
