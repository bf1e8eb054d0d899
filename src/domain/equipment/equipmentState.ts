// A machine's stream folded into its row: what it is, its maintenance plan and log, hours of use,
// malfunctions and calibration checks. The same row for the same events in any arrival order.
import type { EquipmentFields } from '../../protocol/equipment';
import type { LoupeEvent } from '../../protocol/events';
import type { Attribution } from '../job';
import { emptyHead, sortedProjection } from '../sortedFold';
import type { StreamHead } from '../streamProjection';

/** A preventive maintenance task as last planned (last writer wins per task). */
export interface MaintenanceTask extends Attribution {
  taskId: string;
  what: string;
  everyDays?: number;
  everyHours?: number;
  /** A task stopped is kept (the log names it), off the board. */
  active: boolean;
  /**
   * When it was first planned, and the machine's hours of use then: a task never done falls due
   * from there. A later change of interval keeps them, so re-planning never postpones a due task.
   */
  firstPlanned: Attribution;
  hoursAtFirstPlan: number;
}

/** Maintenance done on the machine, a planned task's or work outside the plan. */
export interface MaintenanceLogEntry extends Attribution {
  taskId?: string;
  what: string;
  notes?: string;
  photoSha256?: string;
  /** The hours the tablet recorded with it (the count it saw, or the machine's meter). */
  hoursAt?: number;
  /**
   * The hours of use counted when it was done: every hours_logged that sorts before it, on any
   * tablet. What the next due by hours counts from, the same on every tablet.
   */
  hoursCounted: number;
}

export interface HoursEntry extends Attribution {
  hours: number;
  note?: string;
}

export interface MalfunctionResolution extends Attribution {
  how: string;
}

export interface Malfunction extends Attribution {
  reportId: string;
  what: string;
  outOfService: boolean;
  photoSha256?: string;
  /** The first resolution recorded (stamp order); null while it is open. */
  resolved: MalfunctionResolution | null;
}

export interface CalibrationCheck extends Attribution {
  testWeightG: number;
  readG: number;
  toleranceG: number;
  passed: boolean;
  note?: string;
}

export interface EquipmentState extends StreamHead {
  /** Null until its equipment.added is folded. */
  fields: EquipmentFields | null;
  /** Who added it to the registry, and when: a scale's weighings before this are not judged. */
  added: Attribution | null;
  /** Tasks in the order first planned. */
  tasks: MaintenanceTask[];
  /** Maintenance done, in stamp order. */
  log: MaintenanceLogEntry[];
  /** Hours of use logged, in stamp order. */
  hoursLog: HoursEntry[];
  /** The sum of hoursLog, rounded to the hundredth of an hour. */
  hours: number;
  /** Malfunctions reported, in stamp order, open or resolved. */
  malfunctions: Malfunction[];
  /** Calibration checks (scales), in stamp order. */
  calibration: CalibrationCheck[];
}

export function emptyEquipment(id: string): EquipmentState {
  return {
    ...emptyHead(id),
    fields: null,
    added: null,
    tasks: [],
    log: [],
    hoursLog: [],
    hours: 0,
    malfunctions: [],
    calibration: [],
  };
}

/** Hours kept to the hundredth, so 0.1 + 0.2 is 0.3 hours on every tablet and on screen. */
export function roundHours(h: number): number {
  return Math.round(h * 100) / 100;
}

function attribution(e: LoupeEvent): Attribution {
  return { by: e.actor, at: e.at, eventId: e.id };
}

/** Keys whose value is undefined dropped: the row is plain JSON, and equal rows compare equal. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * One event's effect on the machine. Events come in stamp order (sortedFold), so "last writer wins"
 * is "the later event replaces"; something that names what the machine does not have (a change of
 * a machine not yet added, the resolution of an unknown report) is skipped, and kept.
 */
function applyEquipment(m: EquipmentState, e: LoupeEvent): EquipmentState | null {
  const who = attribution(e);
  switch (e.type) {
    case 'equipment.added':
      // The first addition stands; the same id added again (it cannot be, ids are new) changes nothing.
      if (m.fields !== null) return m;
      return { ...m, fields: defined({ ...e.data }), added: who };
    case 'equipment.updated':
      if (m.fields === null) return null;
      // Last writer wins per field: only the fields this change names are replaced.
      return { ...m, fields: defined({ ...m.fields, ...e.data.changes }) };
    case 'maintenance.planned': {
      const index = m.tasks.findIndex((t) => t.taskId === e.data.taskId);
      const before = index < 0 ? undefined : m.tasks[index];
      const task: MaintenanceTask = defined({
        ...who,
        taskId: e.data.taskId,
        what: e.data.what,
        everyDays: e.data.everyDays,
        everyHours: e.data.everyHours,
        active: e.data.active,
        firstPlanned: before?.firstPlanned ?? who,
        hoursAtFirstPlan: before?.hoursAtFirstPlan ?? m.hours,
      });
      const tasks = m.tasks.slice();
      if (index < 0) tasks.push(task);
      else tasks[index] = task;
      return { ...m, tasks };
    }
    case 'maintenance.done':
      return {
        ...m,
        log: [...m.log, defined({ ...who, ...e.data, hoursCounted: m.hours })],
      };
    case 'equipment.hours_logged':
      return {
        ...m,
        hoursLog: [...m.hoursLog, defined({ ...who, ...e.data })],
        hours: roundHours(m.hours + e.data.hours),
      };
    case 'malfunction.reported':
      // A report id is made once; the same report again (never made so) changes nothing.
      if (m.malfunctions.some((r) => r.reportId === e.data.reportId)) return m;
      return {
        ...m,
        malfunctions: [...m.malfunctions, defined({ ...who, ...e.data, resolved: null })],
      };
    case 'malfunction.resolved': {
      const index = m.malfunctions.findIndex((r) => r.reportId === e.data.reportId);
      const report = m.malfunctions[index];
      if (!report) return null;
      // Two tablets resolving it offline: the first resolution stands; the other stays an event.
      if (report.resolved !== null) return m;
      const malfunctions = m.malfunctions.slice();
      malfunctions[index] = { ...report, resolved: { ...who, how: e.data.how } };
      return { ...m, malfunctions };
    }
    case 'calibration.checked':
      return { ...m, calibration: [...m.calibration, defined({ ...who, ...e.data })] };
    default:
      return null;
  }
}

export const EQUIPMENT_PROJECTION = sortedProjection<EquipmentState>({
  kind: 'equipment',
  empty: emptyEquipment,
  apply: applyEquipment,
});
