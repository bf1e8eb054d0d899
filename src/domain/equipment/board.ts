// What the machines board shows and the manager is told: maintenance due or overdue, malfunctions
// still open (machines out of service), and scales overdue for their check or failed. Retired
// machines are off the board; their history stays on their own page.
import { localDay } from '../dates';
import { calibrationAt, momentFor, type CalibrationStatus } from './calibration';
import type { EquipmentState, Malfunction } from './equipmentState';
import { DUE_RANK, tasksDue, type TaskDue } from './maintenance';

/** A machine in the registry and still in use. */
export function inUse(machine: EquipmentState): boolean {
  return machine.fields !== null && !machine.fields.retired;
}

/** Malfunctions reported and not yet resolved, oldest first. */
export function openMalfunctions(machine: Pick<EquipmentState, 'malfunctions'>): Malfunction[] {
  return machine.malfunctions.filter((r) => r.resolved === null);
}

/** An open malfunction says it must not be used until resolved. */
export function isOutOfService(machine: Pick<EquipmentState, 'malfunctions'>): boolean {
  return openMalfunctions(machine).some((r) => r.outOfService);
}

/** Whether the machine is a scale whose calibration is followed (linked to a shop scale). */
export function isCheckedScale(machine: EquipmentState): boolean {
  return machine.fields?.scaleId !== undefined;
}

export interface BoardTask {
  machine: EquipmentState;
  due: TaskDue;
}

export interface BoardMalfunction {
  machine: EquipmentState;
  report: Malfunction;
}

export interface BoardScale {
  machine: EquipmentState;
  status: Extract<CalibrationStatus, { state: 'overdue' | 'failed' }>;
}

export interface EquipmentBoard {
  /** The local day the board was made for: what its due words count from. */
  today: string;
  /** Overdue first, then due today, then due soon; as urgent, by machine name. */
  tasks: BoardTask[];
  /** Out of service first, then oldest first. */
  malfunctions: BoardMalfunction[];
  /** Failed first, then overdue. */
  scales: BoardScale[];
}

function byName(a: EquipmentState, b: EquipmentState): number {
  return (
    (a.fields?.name ?? '').localeCompare(b.fields?.name ?? '') ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The board at wall-clock `nowMs` on this tablet (its local day counts for days). */
export function equipmentBoard(machines: readonly EquipmentState[], nowMs: number): EquipmentBoard {
  const today = localDay(new Date(nowMs));
  const used = machines.filter(inUse).sort(byName);
  const tasks = used
    .flatMap((machine) =>
      tasksDue(machine, today)
        .filter((due) => due.state !== 'ok')
        .map((due) => ({ machine, due })),
    )
    .sort((a, b) => DUE_RANK[a.due.state] - DUE_RANK[b.due.state]);
  const malfunctions = used
    .flatMap((machine) => openMalfunctions(machine).map((report) => ({ machine, report })))
    .sort(
      (a, b) =>
        Number(b.report.outOfService) - Number(a.report.outOfService) ||
        (a.report.at < b.report.at ? -1 : a.report.at > b.report.at ? 1 : 0),
    );
  const scales: BoardScale[] = [];
  for (const machine of used.filter(isCheckedScale)) {
    const status = calibrationAt(machine, momentFor(machine, nowMs));
    if (status.state === 'failed' || status.state === 'overdue') scales.push({ machine, status });
  }
  scales.sort((a, b) => Number(b.status.state === 'failed') - Number(a.status.state === 'failed'));
  return { today, tasks, malfunctions, scales };
}

/** What the manager's alert strip counts. */
export interface EquipmentAlerts {
  overdueTasks: number;
  /** Due today (not yet overdue). */
  dueTasks: number;
  openMalfunctions: number;
  /** Machines an open malfunction put out of service. */
  outOfService: number;
  scalesOverdue: number;
  scalesFailed: number;
}

export function equipmentAlerts(
  machines: readonly EquipmentState[],
  nowMs: number,
): EquipmentAlerts {
  const board = equipmentBoard(machines, nowMs);
  return {
    overdueTasks: board.tasks.filter((t) => t.due.state === 'overdue').length,
    dueTasks: board.tasks.filter((t) => t.due.state === 'due').length,
    openMalfunctions: board.malfunctions.length,
    outOfService: machines.filter((m) => inUse(m) && isOutOfService(m)).length,
    scalesOverdue: board.scales.filter((s) => s.status.state === 'overdue').length,
    scalesFailed: board.scales.filter((s) => s.status.state === 'failed').length,
  };
}
