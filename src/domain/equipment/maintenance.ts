// When each preventive maintenance task falls due: the last time it was done (or, never done, when
// it was planned) plus every N days on the tablet's calendar, or plus every N hours of use —
// whichever comes first — and how near that is: ok, due soon, due, overdue.
import { daysBetween } from '../dates';
import { addDays, stampDay } from './days';
import {
  roundHours,
  type EquipmentState,
  type MaintenanceLogEntry,
  type MaintenanceTask,
} from './equipmentState';

export type DueState = 'ok' | 'soon' | 'due' | 'overdue';

/** Most urgent first: how the board and a machine's plan sort. */
export const DUE_RANK: Readonly<Record<DueState, number>> = { overdue: 0, due: 1, soon: 2, ok: 3 };

/** At most this many days ahead a task by days shows as due soon (less for a short interval). */
export const SOON_DAYS = 3;
/** A task by hours shows as due soon in the last tenth of its interval. */
export const SOON_HOURS_SHARE = 0.1;

export interface TaskDue {
  task: MaintenanceTask;
  /** The latest time it was done (stamp order), or null: then it counts from when it was planned. */
  lastDone: MaintenanceLogEntry | null;
  /** The local day it falls due by days; null when it is not planned by days. */
  dueDay: string | null;
  /** Days from today to dueDay: 0 is today, negative is overdue by so many. */
  daysLeft: number | null;
  /** The hours of use it falls due at; null when it is not planned by hours. */
  dueHours: number | null;
  /** Hours of use left until dueHours: negative is overdue by so many. */
  hoursLeft: number | null;
  /** The more urgent of the two. */
  state: DueState;
  /** Which of days or hours makes `state` (days when both are as urgent). */
  by: 'days' | 'hours';
}

/** The state of a task by days, `daysLeft` from today. */
export function daysState(daysLeft: number, everyDays: number): DueState {
  if (daysLeft < 0) return 'overdue';
  if (daysLeft === 0) return 'due';
  // A daily task is never "soon": it is due tomorrow the moment it is done.
  return daysLeft <= Math.min(SOON_DAYS, Math.floor(everyDays / 2)) ? 'soon' : 'ok';
}

/** The state of a task by hours of use, `hoursLeft` until it is due. */
export function hoursState(hoursLeft: number, everyHours: number): DueState {
  if (hoursLeft < 0) return 'overdue';
  if (hoursLeft === 0) return 'due';
  return hoursLeft <= roundHours(everyHours * SOON_HOURS_SHARE) ? 'soon' : 'ok';
}

/** The latest maintenance done of this task, or null when it was never done. */
export function lastDoneOf(
  machine: Pick<EquipmentState, 'log'>,
  taskId: string,
): MaintenanceLogEntry | null {
  for (let i = machine.log.length - 1; i >= 0; i--) {
    const entry = machine.log[i];
    if (entry?.taskId === taskId) return entry;
  }
  return null;
}

/** When `task` of `machine` falls due, as seen on local day `today` (YYYY-MM-DD). */
export function taskDue(
  machine: Pick<EquipmentState, 'log' | 'hours'>,
  task: MaintenanceTask,
  today: string,
): TaskDue {
  const lastDone = lastDoneOf(machine, task.taskId);
  let dueDay: string | null = null;
  let daysLeft: number | null = null;
  let byDays: DueState = 'ok';
  if (task.everyDays !== undefined) {
    const from = stampDay(lastDone?.at ?? task.firstPlanned.at);
    if (from !== null) {
      dueDay = addDays(from, task.everyDays);
      daysLeft = daysBetween(today, dueDay);
      byDays = Number.isNaN(daysLeft) ? 'ok' : daysState(daysLeft, task.everyDays);
    }
  }
  let dueHours: number | null = null;
  let hoursLeft: number | null = null;
  let byHours: DueState = 'ok';
  if (task.everyHours !== undefined) {
    dueHours = roundHours((lastDone?.hoursCounted ?? task.hoursAtFirstPlan) + task.everyHours);
    hoursLeft = roundHours(dueHours - machine.hours);
    byHours = hoursState(hoursLeft, task.everyHours);
  }
  const hoursFirst = DUE_RANK[byHours] < DUE_RANK[byDays];
  return {
    task,
    lastDone,
    dueDay,
    daysLeft,
    dueHours,
    hoursLeft,
    state: hoursFirst ? byHours : byDays,
    by: hoursFirst || task.everyDays === undefined ? 'hours' : 'days',
  };
}

/** The machine's planned tasks still in use, with when each is due, the most urgent first. */
export function tasksDue(
  machine: Pick<EquipmentState, 'log' | 'hours' | 'tasks'>,
  today: string,
): TaskDue[] {
  return (
    machine.tasks
      .filter((t) => t.active)
      .map((t) => taskDue(machine, t, today))
      // A stable sort: tasks as urgent as each other stay in the order they were planned.
      .sort((a, b) => DUE_RANK[a.state] - DUE_RANK[b.state])
  );
}
