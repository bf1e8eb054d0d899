// Timers on a job from their wall-clock marks (tables): pause and resume, a reload (the row read
// back), a clock set back, marks out of order, a double stop, corrections; the totals per service
// and person; a person's local day clipped across UTC midnight; the words a timer is shown in.
import { describe, expect, it } from 'vitest';
import { newUlid } from '../../src/domain/ids';
import type { TimerMark } from '../../src/domain/job';
import { foldJob } from '../../src/domain/projection';
import {
  clockOfDay,
  durationText,
  parseHoursMinutes,
  stopwatchText,
} from '../../src/domain/time/format';
import {
  localDayBounds,
  personDay,
  timedDayKeysOf,
  type Span,
} from '../../src/domain/time/personDay';
import {
  measuredMs,
  runningStaff,
  timedDayKeys,
  timersOf,
  workedMs,
  type Timer,
} from '../../src/domain/time/timers';
import { countUntil, openTimerOn, timeTotals, WHOLE_JOB } from '../../src/domain/time/totals';
import { event, openedEvent, stampAt } from '../support/events';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** 09:00 UTC on a Monday: the wall clock of the marks, apart from their stamps. */
const W = Date.parse('2026-11-23T09:00:00.000Z');
const at = (minutes: number) => W + minutes * MIN;

const MIA = 'staff-mia';
const JO = 'staff-jo';
const SIZING = newUlid();
const POLISH = newUlid();

type Kind = TimerMark['mark'];

/** A mark stamped `stamp` minutes in (the order the fold reads), at wall clock `wall` minutes. */
function mark(
  stamp: number,
  kind: Kind,
  timerId: string,
  wall: number | undefined,
  extra: Partial<TimerMark> = {},
): TimerMark {
  return {
    by: MIA,
    at: stampAt(stamp),
    eventId: newUlid(),
    timerId,
    mark: kind,
    ...(wall === undefined ? {} : { wallMs: at(wall) }),
    ...extra,
  };
}

function only(marks: TimerMark[]): Timer {
  const timers = timersOf(marks);
  expect(timers).toHaveLength(1);
  return timers[0] as Timer;
}

describe('timersOf and workedMs', () => {
  const T = newUlid();
  const cases: {
    name: string;
    marks: TimerMark[];
    now: number;
    phase: Timer['phase'];
    worked: number;
    measured?: number;
  }[] = [
    {
      name: 'runs from its start to now',
      marks: [mark(1, 'started', T, 0)],
      now: 20,
      phase: 'running',
      worked: 20,
    },
    {
      name: 'a pause stops the count; waiting longer adds nothing',
      marks: [mark(1, 'started', T, 0), mark(2, 'paused', T, 30)],
      now: 300,
      phase: 'paused',
      worked: 30,
    },
    {
      name: 'paused, resumed and stopped: the stretches add up',
      marks: [
        mark(1, 'started', T, 0),
        mark(2, 'paused', T, 30),
        mark(3, 'resumed', T, 60),
        mark(4, 'stopped', T, 105),
      ],
      now: 600,
      phase: 'stopped',
      worked: 75,
    },
    {
      name: 'resumed and still running: the open stretch counts to now',
      marks: [mark(1, 'started', T, 0), mark(2, 'paused', T, 30), mark(3, 'resumed', T, 60)],
      now: 90,
      phase: 'running',
      worked: 60,
    },
    {
      name: 'stopped while paused: the pause stays the end',
      marks: [mark(1, 'started', T, 0), mark(2, 'paused', T, 40), mark(3, 'stopped', T, 90)],
      now: 600,
      phase: 'stopped',
      worked: 40,
    },
    {
      name: 'a double stop: the first one counts, the second changes nothing',
      marks: [mark(1, 'started', T, 0), mark(2, 'stopped', T, 50), mark(3, 'stopped', T, 80)],
      now: 600,
      phase: 'stopped',
      worked: 50,
    },
    {
      name: 'a resume after the stop changes nothing',
      marks: [mark(1, 'started', T, 0), mark(2, 'stopped', T, 50), mark(3, 'resumed', T, 60)],
      now: 600,
      phase: 'stopped',
      worked: 50,
    },
    {
      name: 'a clock set back: a pause reading before the start ends the stretch at nothing',
      marks: [mark(1, 'started', T, 60), mark(2, 'paused', T, 45)],
      now: 600,
      phase: 'paused',
      worked: 0,
    },
    {
      name: 'a clock set back while it runs: never less than nothing',
      marks: [mark(1, 'started', T, 60)],
      now: 30,
      phase: 'running',
      worked: 0,
    },
    {
      name: 'a clock set back between stretches: each stretch is what its own clock measured',
      marks: [
        mark(1, 'started', T, 0),
        mark(2, 'paused', T, 30),
        mark(3, 'resumed', T, 10),
        mark(4, 'stopped', T, 25),
      ],
      now: 600,
      phase: 'stopped',
      worked: 45,
    },
    {
      name: 'a pause stamped before the start (another tablet) is not applied',
      marks: [mark(2, 'started', T, 0), mark(1, 'paused', T, 10)],
      now: 30,
      phase: 'running',
      worked: 30,
    },
    {
      name: 'a second start of the same timer is not a new stretch',
      marks: [mark(1, 'started', T, 0), mark(2, 'paused', T, 10), mark(3, 'started', T, 20)],
      now: 60,
      phase: 'paused',
      worked: 10,
    },
    {
      name: 'a pause while paused and a resume while running change nothing',
      marks: [
        mark(1, 'started', T, 0),
        mark(2, 'resumed', T, 5),
        mark(3, 'paused', T, 10),
        mark(4, 'paused', T, 20),
      ],
      now: 60,
      phase: 'paused',
      worked: 10,
    },
    {
      name: 'a correction replaces what was measured',
      marks: [
        mark(1, 'started', T, 0),
        mark(2, 'stopped', T, 240),
        mark(3, 'corrected', T, undefined, { workedMs: 90 * MIN, reason: 'Left over lunch' }),
      ],
      now: 600,
      phase: 'stopped',
      worked: 90,
      measured: 240,
    },
    {
      name: 'two corrections: the later stamp counts, whatever the order they arrived in',
      marks: [
        mark(5, 'corrected', T, undefined, { workedMs: 30 * MIN, reason: 'Second look' }),
        mark(1, 'started', T, 0),
        mark(2, 'stopped', T, 240),
        mark(3, 'corrected', T, undefined, { workedMs: 90 * MIN, reason: 'Left over lunch' }),
      ],
      now: 600,
      phase: 'stopped',
      worked: 30,
      measured: 240,
    },
    {
      name: 'a correction stamped before the start names no timer yet: not applied',
      marks: [
        mark(1, 'corrected', T, undefined, { workedMs: 5 * MIN, reason: 'Too early' }),
        mark(2, 'started', T, 0),
        mark(3, 'stopped', T, 20),
      ],
      now: 600,
      phase: 'stopped',
      worked: 20,
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const timer = only(c.marks);
      expect(timer.phase).toBe(c.phase);
      expect(workedMs(timer, at(c.now))).toBe(c.worked * MIN);
      expect(measuredMs(timer, at(c.now))).toBe((c.measured ?? c.worked) * MIN);
    });
  }

  it('reads the same timers from marks in any arrival order: the stamps order them', () => {
    const marks = cases[2]?.marks ?? [];
    const orders = [marks, marks.slice().reverse(), [marks[2], marks[0], marks[3], marks[1]]];
    for (const order of orders) {
      const timer = only(order as TimerMark[]);
      expect(timer.segments).toEqual([
        { startMs: at(0), endMs: at(30) },
        { startMs: at(60), endMs: at(105) },
      ]);
      expect(timer.stoppedMs).toBe(at(105));
    }
  });

  it('keeps who, what and when: the starter is the person timed, whoever pauses it', () => {
    const timer = only([
      mark(1, 'started', T, 0, { serviceId: SIZING, by: JO }),
      mark(2, 'paused', T, 10, { by: MIA }),
    ]);
    expect(timer).toMatchObject({ staffId: JO, serviceId: SIZING, startedMs: at(0) });
  });

  it('lists timers in the order they were started', () => {
    const [a, b] = [newUlid(), newUlid()];
    const timers = timersOf([mark(2, 'started', b, 5), mark(1, 'started', a, 0)]);
    expect(timers.map((t) => t.timerId)).toEqual([a, b]);
  });
});

describe('a timer across a reload: only the marks in the job row', () => {
  it('is still running after the row is read back, and its time kept counting', () => {
    const { jobId, opened, serviceId } = openedEvent();
    const timerId = newUlid();
    const started = event(
      jobId,
      'timer.started',
      { timerId, serviceId, wallMs: at(0) },
      stampAt(1),
    );
    // What IndexedDB keeps: the folded row as plain JSON, nothing in memory.
    const stored = JSON.parse(JSON.stringify(foldJob([opened, started]))) as ReturnType<
      typeof foldJob
    >;
    if (!stored) throw new Error('no job');
    expect(stored.runningTimers).toEqual([MIA]);
    const before = only(stored.timerMarks);
    const after = only(stored.timerMarks);
    expect(workedMs(before, at(10))).toBe(10 * MIN);
    // Ten minutes of the tablet asleep later, the same row reads ten minutes more.
    expect(workedMs(after, at(20))).toBe(20 * MIN);

    const events = [
      opened,
      started,
      event(jobId, 'timer.paused', { timerId, wallMs: at(20) }, stampAt(2)),
      event(jobId, 'timer.resumed', { timerId, wallMs: at(50) }, stampAt(3)),
      event(jobId, 'timer.stopped', { timerId, wallMs: at(65) }, stampAt(4)),
    ];
    const job = foldJob(events.reverse());
    if (!job) throw new Error('no job');
    expect(job.runningTimers).toEqual([]);
    expect(job.timedDays).toEqual([`${MIA}|2026-11-23`]);
    expect(workedMs(only(job.timerMarks), at(600))).toBe(35 * MIN);
  });
});

describe('the indexed keys', () => {
  it('names each UTC day a stretch touches, and who is running', () => {
    const [a, b] = [newUlid(), newUlid()];
    const late = Date.parse('2026-11-23T23:30:00.000Z');
    const timers = timersOf([
      mark(1, 'started', a, 0),
      { ...mark(2, 'started', b, undefined, { by: JO }), wallMs: late },
      { ...mark(3, 'stopped', b, undefined, { by: JO }), wallMs: late + HOUR },
    ]);
    expect(timedDayKeys(timers)).toEqual(
      [`${MIA}|2026-11-23`, `${JO}|2026-11-23`, `${JO}|2026-11-24`].sort(),
    );
    expect(runningStaff(timers)).toEqual([MIA]);
  });
});

describe('timeTotals', () => {
  it('adds each timer to its service (or the whole job) and its person, running ones to now', () => {
    const [a, b, c, d] = [newUlid(), newUlid(), newUlid(), newUlid()];
    const timers = timersOf([
      mark(1, 'started', a, 0, { serviceId: SIZING }),
      mark(2, 'stopped', a, 45, { serviceId: SIZING }),
      mark(3, 'started', b, 0, { serviceId: POLISH, by: JO }),
      mark(4, 'started', c, 60, { by: JO }),
      mark(5, 'stopped', c, 70, { by: JO }),
      mark(6, 'started', d, 100, { serviceId: SIZING }),
      mark(7, 'stopped', d, 200, { serviceId: SIZING }),
      mark(8, 'corrected', d, undefined, { workedMs: 15 * MIN, reason: 'Forgot to stop it' }),
    ]);
    const totals = timeTotals(timers, at(120));
    expect(totals).toEqual({
      totalMs: (45 + 120 + 10 + 15) * MIN,
      byTarget: { [SIZING]: 60 * MIN, [POLISH]: 120 * MIN, [WHOLE_JOB]: 10 * MIN },
      byPerson: { [MIA]: 60 * MIN, [JO]: 130 * MIN },
      byPersonTarget: {
        [MIA]: { [SIZING]: 60 * MIN },
        [JO]: { [POLISH]: 120 * MIN, [WHOLE_JOB]: 10 * MIN },
      },
    });
    expect(openTimerOn(timers, JO, POLISH)?.timerId).toBe(b);
    expect(openTimerOn(timers, MIA, SIZING)).toBeUndefined();
  });

  it('counts a voided job’s running timer to its last mark, not for ever', () => {
    const [a, b] = [newUlid(), newUlid()];
    const running = [mark(1, 'started', a, 0), mark(2, 'paused', a, 40), mark(3, 'started', b, 10)];
    expect(countUntil({ timerMarks: running, voided: null }, at(500))).toBe(at(500));
    expect(countUntil({ timerMarks: running, voided: { reason: 'Opened twice' } }, at(500))).toBe(
      at(40),
    );
  });
});

describe('a person’s day', () => {
  // A shop ten hours east of Greenwich: its Monday runs 14:00 UTC Sunday to 14:00 UTC Monday.
  const EAST: Span = {
    startMs: Date.parse('2026-11-22T14:00:00.000Z'),
    endMs: Date.parse('2026-11-23T14:00:00.000Z'),
  };
  // And one eight hours west: Monday 08:00 UTC Monday to 08:00 UTC Tuesday.
  const WEST: Span = {
    startMs: Date.parse('2026-11-23T08:00:00.000Z'),
    endMs: Date.parse('2026-11-24T08:00:00.000Z'),
  };
  const utc = (iso: string) => Date.parse(`${iso}Z`);

  /** A job with marks stamped in order, at UTC wall-clock moments. */
  function jobWith(id: string, list: [Kind, string, string | undefined, Partial<TimerMark>?][]) {
    return {
      id,
      voided: null,
      timerMarks: list.map(([kind, timerId, iso, extra], i) => ({
        ...mark(i + 1, kind, timerId, undefined, extra),
        ...(iso === undefined ? {} : { wallMs: utc(iso) }),
      })),
    };
  }

  it('asks the index for both UTC days a local day spans', () => {
    expect(timedDayKeysOf(MIA, EAST)).toEqual([`${MIA}|2026-11-22`, `${MIA}|2026-11-23`]);
    expect(timedDayKeysOf(MIA, WEST)).toEqual([`${MIA}|2026-11-23`, `${MIA}|2026-11-24`]);
    const utcDay = { startMs: utc('2026-11-23T00:00:00'), endMs: utc('2026-11-24T00:00:00') };
    expect(timedDayKeysOf(MIA, utcDay)).toEqual([`${MIA}|2026-11-23`]);
  });

  it('clips stretches to the local day across UTC midnight, only that person’s, per job', () => {
    const [a, b, c, d, e] = [newUlid(), newUlid(), newUlid(), newUlid(), newUlid()];
    const ring = jobWith('job-ring', [
      // Began Sunday 12:00 UTC (22:00 local, Sunday), stopped after local midnight: 1 h is Monday's.
      ['started', a, '2026-11-22T12:00:00'],
      ['stopped', a, '2026-11-22T15:00:00'],
      // Jo's timer on the same job is not Mia's day.
      ['started', b, '2026-11-22T15:00:00', { by: JO }],
      ['stopped', b, '2026-11-22T18:00:00', { by: JO }],
    ]);
    const chain = jobWith('job-chain', [
      // 23:30 to 00:30 local: the first half hour is Monday's, across UTC's own midnight.
      ['started', c, '2026-11-22T23:30:00', { serviceId: POLISH }],
      ['paused', c, '2026-11-23T00:00:00'],
      ['resumed', c, '2026-11-23T13:30:00'],
      ['stopped', c, '2026-11-23T14:30:00'],
      // Still running since 13:00 UTC: Monday's part ends at local midnight, 14:00 UTC.
      ['started', d, '2026-11-23T13:00:00'],
      // Tuesday's work only: not on Monday at all.
      ['started', e, '2026-11-23T15:00:00', { by: JO }],
    ]);
    const now = utc('2026-11-23T16:00:00');
    const day = personDay([ring, chain, ring], MIA, EAST, now);
    expect(day.totalMs).toBe((60 + 30 + 30 + 60) * MIN);
    expect(day.jobs.map((j) => [j.job.id, j.ms])).toEqual([
      ['job-ring', 60 * MIN],
      ['job-chain', 120 * MIN],
    ]);
    const chainTimers = day.jobs[1]?.timers ?? [];
    expect(chainTimers.map((t) => [t.timer.timerId, t.ms])).toEqual([
      [c, 60 * MIN],
      [d, 60 * MIN],
    ]);
    expect(chainTimers[0]?.pieces).toEqual([
      { startMs: utc('2026-11-22T23:30:00'), endMs: utc('2026-11-23T00:00:00') },
      { startMs: utc('2026-11-23T13:30:00'), endMs: EAST.endMs },
    ]);

    // The same marks read by a shop eight hours west: its Monday holds other parts of them.
    const west = personDay([ring, chain], MIA, WEST, now);
    expect(west.jobs.map((j) => [j.job.id, j.ms])).toEqual([['job-chain', (60 + 180) * MIN]]);
  });

  it('shares a corrected total over the days in proportion to what each measured', () => {
    const t = newUlid();
    const job = jobWith('job-over-midnight', [
      ['started', t, '2026-11-22T13:00:00'],
      ['stopped', t, '2026-11-22T17:00:00'],
      ['corrected', t, undefined, { workedMs: 2 * HOUR, reason: 'Left running' }],
    ]);
    const sunday = { startMs: EAST.startMs - 24 * HOUR, endMs: EAST.startMs };
    const now = utc('2026-11-24T00:00:00');
    // Measured 1 h on Sunday and 3 h on Monday: the corrected 2 h is ½ h and 1½ h.
    expect(personDay([job], MIA, sunday, now).totalMs).toBe(30 * MIN);
    expect(personDay([job], MIA, EAST, now).totalMs).toBe(90 * MIN);
  });

  it('puts the correction of a timer that measured nothing on the day it started', () => {
    const t = newUlid();
    const job = jobWith('job-paper', [
      ['started', t, '2026-11-23T10:00:00'],
      ['stopped', t, '2026-11-23T10:00:00'],
      ['corrected', t, undefined, { workedMs: 45 * MIN, reason: 'Timed on paper' }],
    ]);
    const now = utc('2026-11-24T10:00:00');
    const tuesday = { startMs: EAST.endMs, endMs: EAST.endMs + 24 * HOUR };
    expect(personDay([job], MIA, EAST, now).totalMs).toBe(45 * MIN);
    expect(personDay([job], MIA, tuesday, now).jobs).toEqual([]);
  });

  it('bounds a local day from its midnight to the next on this tablet’s clock', () => {
    const { startMs, endMs } = localDayBounds('2026-11-23');
    const start = new Date(startMs);
    expect([start.getFullYear(), start.getMonth(), start.getDate(), start.getHours()]).toEqual([
      2026, 10, 23, 0,
    ]);
    const end = new Date(endMs);
    expect([end.getDate(), end.getHours(), end.getMinutes()]).toEqual([24, 0, 0]);
  });
});

describe('time in words', () => {
  const rows: [number, string, string][] = [
    [0, '0 min', '0:00:00'],
    [59_999, '0 min', '0:00:59'],
    [45 * MIN, '45 min', '0:45:00'],
    [HOUR + 5 * MIN + 3_000, '1 h 05 min', '1:05:03'],
    [26 * HOUR, '26 h 00 min', '26:00:00'],
    [-5 * MIN, '0 min', '0:00:00'],
  ];
  for (const [ms, words, face] of rows) {
    it(`${ms} ms is "${words}" and "${face}"`, () => {
      expect(durationText(ms)).toBe(words);
      expect(stopwatchText(ms)).toBe(face);
    });
  }

  it('reads a clock time on this tablet', () => {
    expect(clockOfDay(new Date(2026, 10, 23, 9, 5).getTime())).toBe('09:05');
  });

  it('takes hours and minutes for a correction, refusing what is not', () => {
    expect(parseHoursMinutes('1', '30')).toEqual({ ok: true, ms: 90 * MIN });
    expect(parseHoursMinutes('', '45')).toEqual({ ok: true, ms: 45 * MIN });
    expect(parseHoursMinutes(' 2 ', '')).toEqual({ ok: true, ms: 2 * HOUR });
    expect(parseHoursMinutes('', '')).toEqual({ ok: false, message: 'Enter the time worked.' });
    expect(parseHoursMinutes('1.5', '')).toMatchObject({ ok: false });
    expect(parseHoursMinutes('1', '75')).toEqual({
      ok: false,
      message: 'Minutes go up to 59: add an hour instead.',
    });
  });
});
