// Words the machines screens use: the kinds of machine, when maintenance is due, a scale's
// calibration, hours of use — said the way the workshop says them.
import type { CalibrationStatus } from '../../domain/equipment/calibration';
import { stampDay } from '../../domain/equipment/days';
import type { CalibrationCheck } from '../../domain/equipment/equipmentState';
import type { DueState, TaskDue } from '../../domain/equipment/maintenance';
import { dayText } from '../../domain/dates';
import type { EquipmentKind } from '../../protocol/equipment';
import { gramsText, toleranceText } from '../metal/metalText';

export const KIND_LABELS: Record<EquipmentKind, string> = {
  ultrasonic: 'Ultrasonic cleaner',
  steam_cleaner: 'Steam cleaner',
  polishing_motor: 'Polishing motor',
  flex_shaft: 'Flex shaft',
  laser_welder: 'Laser welder',
  kiln: 'Kiln',
  casting_machine: 'Casting machine',
  rhodium_rectifier: 'Rhodium rectifier',
  plating_bath: 'Plating bath',
  scale: 'Scale',
  other: 'Other',
};

/** A kind's name; a kind a newer version knows is shown by its id. */
export function kindLabel(kind: string): string {
  return (KIND_LABELS as Partial<Record<string, string>>)[kind] ?? kind;
}

export const DUE_LABELS: Record<DueState, string> = {
  overdue: 'Overdue',
  due: 'Due today',
  soon: 'Due soon',
  ok: 'Planned',
};

/** "3.5 h", "12 h": hours of use to the hundredth, no trailing zeros. */
export function hoursText(h: number): string {
  return `${String(Math.round(h * 100) / 100)} h`;
}

function daysWord(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** The day of a stamp, "Mon 30 Nov", with the year only when it is not this one. */
export function stampDayText(at: string, today: string): string {
  const day = stampDay(at);
  if (day === null) return 'an unknown day';
  return dayText(day, { year: day.slice(0, 4) !== today.slice(0, 4) });
}

function shortDay(day: string, today: string): string {
  return dayText(day, { year: day.slice(0, 4) !== today.slice(0, 4) });
}

/** How a task's "every" reads: "every 7 days", "every 50 h of use", or both. */
export function everyText(task: { everyDays?: number; everyHours?: number }): string {
  const parts = [
    ...(task.everyDays === undefined ? [] : [`every ${daysWord(task.everyDays)}`]),
    ...(task.everyHours === undefined ? [] : [`every ${hoursText(task.everyHours)} of use`]),
  ];
  return parts.join(' or ') + (parts.length > 1 ? ', whichever comes first' : '');
}

/** When a task falls due, in words: "Overdue by 3 days (due Mon 30 Nov)", "Due today", … */
export function dueText(due: TaskDue, today: string): string {
  if (due.by === 'hours' && due.dueHours !== null && due.hoursLeft !== null) {
    const at = hoursText(due.dueHours);
    switch (due.state) {
      case 'overdue':
        return `Overdue by ${hoursText(-due.hoursLeft)} of use (due at ${at})`;
      case 'due':
        return `Due now: ${at} of use reached`;
      case 'soon':
        return `Due in ${hoursText(due.hoursLeft)} of use (at ${at})`;
      case 'ok':
        break;
    }
  }
  if (due.by === 'days' && due.dueDay !== null && due.daysLeft !== null) {
    const day = shortDay(due.dueDay, today);
    switch (due.state) {
      case 'overdue':
        return `Overdue by ${daysWord(-due.daysLeft)} (due ${day})`;
      case 'due':
        return 'Due today';
      case 'soon':
        return `Due in ${daysWord(due.daysLeft)} (${day})`;
      case 'ok':
        break;
    }
  }
  const next = [
    ...(due.dueDay === null ? [] : [shortDay(due.dueDay, today)]),
    ...(due.dueHours === null ? [] : [`at ${hoursText(due.dueHours)} of use`]),
  ];
  return `Next due ${next.join(' or ')}`;
}

/** A check's reading: "read 10.20 g of 10.00 g (±0.02 g)". */
export function readingText(check: Pick<CalibrationCheck, 'readG' | 'testWeightG' | 'toleranceG'>) {
  return `read ${gramsText(check.readG)} of ${gramsText(check.testWeightG)} (${toleranceText(check.toleranceG)})`;
}

/** A scale's calibration now, in words. */
export function calibrationText(status: CalibrationStatus, today: string): string {
  switch (status.state) {
    case 'failed':
      return `Failed its check on ${stampDayText(status.check.at, today)}: ${readingText(status.check)}. Check it again before weighing on it.`;
    case 'overdue':
      if (status.lastPassed === null) return 'Never checked: check it with its test weight.';
      return `Check overdue: last passed on ${stampDayText(status.lastPassed.at, today)}${
        status.dueDay === null ? '' : `, due by ${shortDay(status.dueDay, today)}`
      }.`;
    case 'ok':
      return `Passed its check on ${stampDayText(status.lastPassed.at, today)}${
        status.dueDay === null ? '' : `; next check by ${shortDay(status.dueDay, today)}`
      }.`;
    case 'untracked':
      return 'Its calibration is not followed: set how often it is checked.';
  }
}
