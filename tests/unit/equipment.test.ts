// Machine care in the domain: a machine's stream folded the same in any order, maintenance due by
// days and by hours of use (tables), a scale's calibration at a moment, weighings flagged, the board.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equipmentAlerts, equipmentBoard } from '../../src/domain/equipment/board';
import {
  calibrationAt,
  checkPasses,
  machineOfScale,
  momentFor,
  momentOf,
  weighingFlag,
} from '../../src/domain/equipment/calibration';
import { addDays, stampDay } from '../../src/domain/equipment/days';
import {
  EQUIPMENT_PROJECTION,
  type EquipmentState,
} from '../../src/domain/equipment/equipmentState';
import { taskDue, tasksDue } from '../../src/domain/equipment/maintenance';
import { newUlid } from '../../src/domain/ids';
import type { EquipmentFields } from '../../src/protocol/equipment';
import type { EventData, EventType, StoredEvent } from '../../src/protocol/events';
import { DEVICE_B, event, stampAt, T0 } from '../support/events';

// ---- Builders ----

const MINUTES_A_DAY = 1440;
/**
 * A stamp at noon UTC `day` days after T0's day (T0 is 09:00 UTC): noon UTC is the same calendar
 * day in every time zone from UTC−11 to UTC+11, so the tables read alike wherever they run.
 */
function onDay(day: number, device?: string): string {
  return stampAt(day * MINUTES_A_DAY + 180, device);
}
/** The tablet's local day of `onDay(day)`: what "today" is on that day. */
function day(n: number): string {
  return stampDay(onDay(n)) ?? '';
}
function msOnDay(n: number): number {
  return T0 + (n * MINUTES_A_DAY + 180) * 60_000;
}

const POLISHER: EquipmentFields = {
  name: 'Polishing motor',
  kind: 'polishing_motor',
  retired: false,
};
const SCALE: EquipmentFields = {
  name: 'Bench scale',
  kind: 'scale',
  scaleId: 'bench',
  calibrationEveryDays: 30,
  testWeightG: 10,
  retired: false,
};

class Machine {
  readonly id = newUlid(T0);
  readonly events: StoredEvent[] = [];

  constructor(fields: EquipmentFields = POLISHER, at = onDay(0)) {
    this.add('equipment.added', fields, at);
  }

  add<T extends EventType>(type: T, data: EventData<T>, at: string, actor = 'staff-mia'): this {
    this.events.push(event(this.id, type, data, at, actor));
    return this;
  }

  plan(taskId: string, at: string, every: { everyDays?: number; everyHours?: number }): this {
    return this.add(
      'maintenance.planned',
      { taskId, what: 'Change the brushes', active: true, ...every },
      at,
    );
  }

  done(taskId: string | undefined, at: string): this {
    return this.add(
      'maintenance.done',
      { ...(taskId ? { taskId } : {}), what: 'Changed the brushes' },
      at,
    );
  }

  hours(hours: number, at: string): this {
    return this.add('equipment.hours_logged', { hours }, at);
  }

  check(passed: boolean, at: string): this {
    return this.add(
      'calibration.checked',
      { testWeightG: 10, readG: passed ? 10.01 : 10.2, toleranceG: 0.02, passed },
      at,
    );
  }

  state(): EquipmentState {
    const folded = EQUIPMENT_PROJECTION.fold(this.events);
    if (!folded) throw new Error('nothing folded');
    return folded;
  }
}

// ---- The fold ----

describe('the machine fold', () => {
  it('keeps fields last writer wins per field, tasks per task, logs, hours, malfunctions and checks', () => {
    const task = newUlid(T0);
    const report = newUlid(T0);
    const m = new Machine(POLISHER)
      .add('equipment.updated', { changes: { location: 'Polishing room' } }, onDay(0.1))
      .add('equipment.updated', { changes: { name: 'Polisher 1' } }, onDay(0.2))
      .plan(task, onDay(1), { everyDays: 30 })
      .hours(1.1, onDay(2))
      .hours(2.2, onDay(3))
      .plan(task, onDay(4), { everyDays: 14, everyHours: 50 })
      .done(task, onDay(5))
      .add(
        'malfunction.reported',
        { reportId: report, what: 'Sparks at the brushes', outOfService: true },
        onDay(6),
      )
      .add('malfunction.resolved', { reportId: report, how: 'New brushes' }, onDay(7), 'staff-jo')
      .add('malfunction.resolved', { reportId: report, how: 'Second opinion' }, onDay(8));
    const s = m.state();
    expect(s.fields).toEqual({
      name: 'Polisher 1',
      kind: 'polishing_motor',
      location: 'Polishing room',
      retired: false,
    });
    expect(s.hours).toBe(3.3);
    expect(s.tasks).toHaveLength(1);
    expect(s.tasks[0]).toMatchObject({ everyDays: 14, everyHours: 50, hoursAtFirstPlan: 0 });
    // Re-planned, it still counts from when it was first planned.
    expect(s.tasks[0]?.firstPlanned.at).toBe(m.events[3]?.at);
    expect(s.log).toEqual([
      expect.objectContaining({ taskId: task, what: 'Changed the brushes', hoursCounted: 3.3 }),
    ]);
    expect(s.malfunctions).toEqual([
      expect.objectContaining({
        reportId: report,
        outOfService: true,
        resolved: expect.objectContaining({ how: 'New brushes', by: 'staff-jo' }) as unknown,
      }),
    ]);
    expect(s.skipped.count).toBe(0);
  });

  it('skips a change of a machine not added and a resolution of an unknown report, keeping them', () => {
    const m = new Machine();
    const lone = event(newUlid(T0), 'equipment.updated', { changes: { name: 'X' } }, onDay(1));
    expect(EQUIPMENT_PROJECTION.fold([lone])?.fields).toBeNull();
    m.add('malfunction.resolved', { reportId: newUlid(T0), how: 'Fixed' }, onDay(1));
    expect(m.state().skipped).toEqual({ count: 1, types: ['malfunction.resolved'] });
  });

  it('folds the same machine from its events in any arrival order, and extends to the same', () => {
    const task = newUlid(T0);
    const report = newUlid(T0);
    const m = new Machine(SCALE)
      .plan(task, onDay(1), { everyHours: 20 })
      .hours(4, onDay(2, DEVICE_B))
      .done(task, onDay(3))
      .hours(6, onDay(3, DEVICE_B))
      .add('equipment.updated', { changes: { calibrationEveryDays: 7 } }, onDay(4))
      .add('equipment.updated', { changes: { calibrationEveryDays: 14 } }, onDay(4, DEVICE_B))
      .check(true, onDay(5))
      .check(false, onDay(5, DEVICE_B))
      .add(
        'malfunction.reported',
        { reportId: report, what: 'Drifts', outOfService: false },
        onDay(6),
      )
      .add('malfunction.resolved', { reportId: report, how: 'Levelled' }, onDay(7, DEVICE_B))
      .add('malfunction.resolved', { reportId: report, how: 'Levelled again' }, onDay(7))
      .plan(task, onDay(8, DEVICE_B), { everyDays: 3 });
    const expected = m.state();
    fc.assert(
      fc.property(
        fc.shuffledSubarray(m.events, { minLength: m.events.length, maxLength: m.events.length }),
        fc.nat({ max: m.events.length }),
        (shuffled, cut) => {
          expect(EQUIPMENT_PROJECTION.fold(shuffled)).toEqual(expected);
          // Extending a fold of the first events with the rest (all sorting after) is the same row.
          const sorted = [...m.events].sort((a, b) => (a.at < b.at ? -1 : 1));
          const head = EQUIPMENT_PROJECTION.fold(sorted.slice(0, Math.max(1, cut)));
          if (!head) throw new Error('nothing folded');
          expect(EQUIPMENT_PROJECTION.extend(head, sorted.slice(Math.max(1, cut)))).toEqual(
            expected,
          );
        },
      ),
    );
  });
});

// ---- Maintenance due ----

describe('maintenance due by days', () => {
  const task = newUlid(T0);
  it.each([
    // [what happened, today, state, daysLeft]
    ['planned day 0 every 7, never done', 3, 'ok', 4],
    ['planned day 0 every 7, never done', 4, 'soon', 3],
    ['planned day 0 every 7, never done', 6, 'soon', 1],
    ['planned day 0 every 7, never done', 7, 'due', 0],
    ['planned day 0 every 7, never done', 9, 'overdue', -2],
  ] as const)('%s: on day %i it is %s (%i days left)', (_, today, state, daysLeft) => {
    const m = new Machine().plan(task, onDay(0), { everyDays: 7 }).state();
    const due = tasksDue(m, day(today))[0];
    expect(due).toMatchObject({ state, daysLeft, dueDay: day(7), by: 'days', lastDone: null });
  });

  it.each([
    [5, 8, 'ok', 4],
    [5, 12, 'due', 0],
    [5, 13, 'overdue', -1],
  ])('done on day %i, every 7: on day %i it is %s', (doneOn, today, state, daysLeft) => {
    const m = new Machine()
      .plan(task, onDay(0), { everyDays: 7 })
      .done(task, onDay(doneOn))
      .state();
    expect(tasksDue(m, day(today))[0]).toMatchObject({ state, daysLeft, dueDay: day(doneOn + 7) });
  });

  it.each([
    [0, 'ok'],
    [1, 'due'],
    [2, 'overdue'],
  ])('a daily task done on day 0 is never "soon": on day %i it is %s', (today, state) => {
    const m = new Machine().plan(task, onDay(0), { everyDays: 1 }).done(task, onDay(0)).state();
    expect(tasksDue(m, day(today))[0]?.state).toBe(state);
  });

  it('counts a re-planned task from when it was first planned, and the latest done of that task only', () => {
    const other = newUlid(T0);
    const m = new Machine()
      .plan(task, onDay(0), { everyDays: 30 })
      .plan(other, onDay(0), { everyDays: 30 })
      .done(other, onDay(9))
      .done(undefined, onDay(9))
      .plan(task, onDay(10), { everyDays: 7 })
      .state();
    const [first, second] = tasksDue(m, day(10));
    expect(first).toMatchObject({ task: { taskId: task }, state: 'overdue', dueDay: day(7) });
    expect(second).toMatchObject({ task: { taskId: other }, state: 'ok', dueDay: day(39) });
  });

  it('leaves a stopped task off the plan', () => {
    const m = new Machine()
      .plan(task, onDay(0), { everyDays: 7 })
      .add(
        'maintenance.planned',
        { taskId: task, what: 'Change the brushes', everyDays: 7, active: false },
        onDay(1),
      )
      .state();
    expect(tasksDue(m, day(30))).toEqual([]);
  });
});

describe('maintenance due by hours of use', () => {
  const task = newUlid(T0);
  it.each([
    // hours logged after planning at 10 h, every 50 h → due at 60 h
    [40, 'ok', 10],
    [45, 'soon', 5],
    [50, 'due', 0],
    [50.5, 'overdue', -0.5],
  ])('with %d more hours logged it is %s (%d left)', (more, state, hoursLeft) => {
    const m = new Machine()
      .hours(10, onDay(0.5))
      .plan(task, onDay(1), { everyHours: 50 })
      .hours(more, onDay(2))
      .state();
    expect(taskDue(m, m.tasks[0] as never, day(2))).toMatchObject({
      state,
      hoursLeft,
      dueHours: 60,
      by: 'hours',
    });
  });

  it('counts from the hours of use when it was last done, whatever order they synced in', () => {
    const m = new Machine()
      .plan(task, onDay(1), { everyHours: 50 })
      .hours(61, onDay(2))
      .done(task, onDay(3))
      // Logged on another tablet before the maintenance, synced after it: still counted before.
      .hours(4, onDay(2.5, DEVICE_B))
      .hours(30, onDay(4))
      .state();
    expect(m.log[0]?.hoursCounted).toBe(65);
    expect(taskDue(m, m.tasks[0] as never, day(4))).toMatchObject({
      dueHours: 115,
      hoursLeft: 20,
      state: 'ok',
    });
  });

  it('is due by whichever comes first, days or hours', () => {
    const m = new Machine()
      .plan(task, onDay(0), { everyDays: 30, everyHours: 20 })
      .hours(21, onDay(3))
      .state();
    expect(tasksDue(m, day(3))[0]).toMatchObject({ state: 'overdue', by: 'hours', daysLeft: 27 });
    expect(tasksDue(m, day(40))[0]).toMatchObject({ state: 'overdue', by: 'days', daysLeft: -10 });
  });
});

// ---- Calibration ----

describe('a scale’s calibration at a moment', () => {
  const scale = () => new Machine(SCALE, onDay(0));
  it.each([
    ['weighed before the scale was in the registry', [], -1, 'untracked'],
    ['never checked', [], 1, 'overdue'],
    ['checked and passed on day 2', [[true, 2]], 10, 'ok'],
    ['passed day 2, weighed on its last day (32)', [[true, 2]], 32, 'ok'],
    ['passed day 2, weighed on day 33', [[true, 2]], 33, 'overdue'],
    [
      'passed day 2, failed day 20',
      [
        [true, 2],
        [false, 20],
      ],
      21,
      'failed',
    ],
    [
      'passed day 2, failed day 20, weighed before the failure',
      [
        [true, 2],
        [false, 20],
      ],
      19,
      'ok',
    ],
    [
      'failed day 20, passed day 22',
      [
        [false, 20],
        [true, 22],
      ],
      23,
      'ok',
    ],
    [
      'failed day 20, passed day 22, weighed between',
      [
        [false, 20],
        [true, 22],
      ],
      21,
      'failed',
    ],
  ] as const)('%s: checks %j, weighed on day %i → %s', (_, checks, weighedOn, state) => {
    const m = scale();
    for (const [passed, on] of checks) m.check(passed, onDay(on));
    expect(calibrationAt(m.state(), onDay(weighedOn)).state).toBe(state);
  });

  it('says the last day a passing check counts, and what was last passed', () => {
    const m = scale().check(true, onDay(2)).state();
    expect(calibrationAt(m, momentOf(msOnDay(5)))).toMatchObject({
      state: 'ok',
      dueDay: addDays(day(2), 30),
      lastPassed: { readG: 10.01 },
    });
  });

  it('counts a check synced from a tablet whose clock runs a little ahead as made already, now', () => {
    const m = scale().check(false, onDay(5, DEVICE_B)).state();
    const halfAMinuteBefore = msOnDay(5) - 30_000;
    expect(calibrationAt(m, momentOf(halfAMinuteBefore)).state).toBe('overdue');
    // The next weighing stamped here sorts after it: it is judged failed, and the board says so.
    expect(calibrationAt(m, momentFor(m, halfAMinuteBefore)).state).toBe('failed');
    expect(equipmentBoard([m], halfAMinuteBefore).scales[0]?.status.state).toBe('failed');
  });

  it('without an interval, judges only by its latest check', () => {
    const m = new Machine({ ...SCALE, calibrationEveryDays: undefined }, onDay(0));
    expect(calibrationAt(m.state(), onDay(400)).state).toBe('untracked');
    m.check(true, onDay(1));
    expect(calibrationAt(m.state(), onDay(400)).state).toBe('ok');
    m.check(false, onDay(2));
    expect(calibrationAt(m.state(), onDay(3)).state).toBe('failed');
  });

  it.each([
    [10, 10.02, 0.02, true],
    [10, 9.98, 0.02, true],
    [10, 10.03, 0.02, false],
    [0.1 + 0.2, 0.3, 0, true],
  ])('test weight %d g read as %d g within ±%d g passes: %s', (weight, read, tol, passes) => {
    expect(checkPasses(weight, read, tol)).toBe(passes);
  });
});

describe('a weighing flagged by its scale', () => {
  it('flags a weighing on a scale that failed or was overdue then, never one on a scale not followed', () => {
    const m = new Machine(SCALE, onDay(0)).check(true, onDay(1)).check(false, onDay(40));
    const machines = [m.state()];
    expect(weighingFlag({ scaleId: 'bench', at: onDay(10) }, machines)).toBeNull();
    expect(weighingFlag({ scaleId: 'bench', at: onDay(35) }, machines)).toMatchObject({
      state: 'overdue',
      lastPassed: { at: m.events[1]?.at },
    });
    expect(weighingFlag({ scaleId: 'bench', at: onDay(41) }, machines)).toMatchObject({
      state: 'failed',
      check: { passed: false },
    });
    expect(weighingFlag({ at: onDay(41) }, machines)).toBeNull();
    expect(weighingFlag({ scaleId: 'floor', at: onDay(41) }, machines)).toBeNull();
  });

  it('finds the machine of a scale: one still in use before a retired one', () => {
    const retired = new Machine({ ...SCALE, retired: true }).state();
    const used = new Machine(SCALE).state();
    expect(machineOfScale([retired, used], 'bench')?.id).toBe(used.id);
    expect(machineOfScale([retired], 'bench')?.id).toBe(retired.id);
    expect(machineOfScale([used], undefined)).toBeNull();
  });
});

// ---- The board ----

describe('the board', () => {
  it('puts overdue before due before soon, out of service first, failed scales first, retired off', () => {
    const brushes = newUlid(T0);
    const oil = newUlid(T0);
    const polisher = new Machine(POLISHER)
      .plan(brushes, onDay(0), { everyDays: 10 })
      .add(
        'malfunction.reported',
        { reportId: newUlid(T0), what: 'Noisy', outOfService: false },
        onDay(1),
      );
    const kiln = new Machine({ name: 'Kiln', kind: 'kiln', retired: false })
      .plan(oil, onDay(0), { everyDays: 14 })
      .add(
        'malfunction.reported',
        { reportId: newUlid(T0), what: 'Door seal burnt', outOfService: true },
        onDay(2),
      );
    const oldKiln = new Machine({ name: 'Old kiln', kind: 'kiln', retired: true })
      .plan(oil, onDay(0), { everyDays: 1 })
      .add(
        'malfunction.reported',
        { reportId: newUlid(T0), what: 'Dead', outOfService: true },
        onDay(1),
      );
    const bench = new Machine(SCALE).check(false, onDay(3));
    const floor = new Machine({ ...SCALE, name: 'Floor scale', scaleId: 'floor' });
    const machines = [polisher, kiln, oldKiln, bench, floor].map((m) => m.state());

    const board = equipmentBoard(machines, msOnDay(12));
    expect(board.tasks.map((t) => [t.machine.fields?.name, t.due.state])).toEqual([
      ['Polishing motor', 'overdue'],
      ['Kiln', 'soon'],
    ]);
    expect(board.malfunctions.map((r) => r.report.what)).toEqual(['Door seal burnt', 'Noisy']);
    expect(board.scales.map((s) => [s.machine.fields?.name, s.status.state])).toEqual([
      ['Bench scale', 'failed'],
      ['Floor scale', 'overdue'],
    ]);
    expect(equipmentAlerts(machines, msOnDay(12))).toEqual({
      overdueTasks: 1,
      dueTasks: 0,
      openMalfunctions: 2,
      outOfService: 1,
      scalesOverdue: 1,
      scalesFailed: 1,
    });
    expect(equipmentAlerts(machines, msOnDay(14))).toMatchObject({ overdueTasks: 1, dueTasks: 1 });
  });
});
