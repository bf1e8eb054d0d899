// The hybrid logical clock: stamp format, merge rules, drift and overflow errors, and monotonicity.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ClockDriftError,
  ClockError,
  ClockOverflowError,
  compareStamps,
  createClock,
  DEFAULT_MAX_DRIFT_MS,
  describeDuration,
  formatStamp,
  isRealStamp,
  parseStamp,
  STAMP_PATTERN,
  stampCeiling,
  stampMs,
  type HlcTimestamp,
} from '../../src/domain/clock';

const A = 'aaaaaaaaaaaaaaaa'; // this tablet
const B = 'bbbbbbbbbbbbbbbb';
const C = '0123456789abcdef';
const T = Date.parse('2026-11-23T09:15:00.000Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const MAX_STAMP_MS = Date.parse('9999-12-31T23:59:59.999Z');

const stamp = (ms: number, counter: number, device = A): string =>
  formatStamp({ ms, counter, device });

// Arbitraries for the property tests.
const deviceArb = fc.stringMatching(/^[0-9a-f]{16}$/);
const timestampArb = fc.record({
  ms: fc.oneof(fc.integer({ min: 0, max: MAX_STAMP_MS }), fc.integer({ min: T - 3, max: T + 3 })),
  counter: fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 3 })),
  device: fc.oneof(deviceArb, fc.constantFrom(A, B, C)),
});

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Wall clock moves: mostly small (many stamps in one ms), sometimes big jumps either way. */
const wallStepArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: -3, max: 3 }),
  fc.integer({ min: -HOUR, max: HOUR }),
);

const opArb = fc.oneof(
  fc.record({ do: fc.constant('now' as const), step: wallStepArb }),
  fc.record({
    do: fc.constant('observe' as const),
    step: wallStepArb,
    /** What the remote ms is near: the wall clock, or this clock's last ms (to hit equal ms). */
    near: fc.constantFrom('wall' as const, 'last' as const),
    offset: fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.integer({ min: -24 * HOUR, max: DEFAULT_MAX_DRIFT_MS }),
    ),
    counter: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1000 })),
    device: fc.constantFrom(A, B, C),
  }),
);

/** A clock on device A whose wall clock the test sets. */
function testClock(options: { wall?: number; last?: string; maxDriftMs?: number } = {}) {
  const state = { wall: options.wall ?? T };
  const clock = createClock({
    device: A,
    wallClock: () => state.wall,
    ...(options.last === undefined ? {} : { last: options.last }),
    ...(options.maxDriftMs === undefined ? {} : { maxDriftMs: options.maxDriftMs }),
  });
  return { clock, state };
}

describe('formatStamp and parseStamp', () => {
  it.each<[HlcTimestamp, string]>([
    [
      { ms: T, counter: 1, device: '3fa9c2d1e07b4c55' },
      '2026-11-23T09:15:00.000Z-0001-3fa9c2d1e07b4c55',
    ],
    [{ ms: 0, counter: 0, device: A }, '1970-01-01T00:00:00.000Z-0000-aaaaaaaaaaaaaaaa'],
    [{ ms: T + 7, counter: 0xabcd, device: B }, '2026-11-23T09:15:00.007Z-abcd-bbbbbbbbbbbbbbbb'],
    [
      { ms: MAX_STAMP_MS, counter: 0xffff, device: C },
      '9999-12-31T23:59:59.999Z-ffff-0123456789abcdef',
    ],
  ])('%j ⇄ %s', (t, text) => {
    expect(formatStamp(t)).toBe(text);
    expect(parseStamp(text)).toEqual(t);
    expect(text).toMatch(STAMP_PATTERN);
  });

  it('round-trips any timestamp (property)', () => {
    fc.assert(
      fc.property(timestampArb, (t) => {
        expect(parseStamp(formatStamp(t))).toEqual(t);
      }),
    );
  });

  it('orders stamps as strings exactly as (ms, counter, device) (property)', () => {
    fc.assert(
      fc.property(timestampArb, timestampArb, (a, b) => {
        const expected =
          Math.sign(a.ms - b.ms) || Math.sign(a.counter - b.counter) || order(a.device, b.device);
        const sa = formatStamp(a);
        const sb = formatStamp(b);
        expect(compareStamps(sa, sb)).toBe(expected);
        expect(order(sa, sb)).toBe(expected);
      }),
    );
  });

  it.each<[HlcTimestamp, string]>([
    [
      { ms: -1, counter: 0, device: A },
      'A clock stamp needs a time from 1970 to 9999 in whole ms (got -1).',
    ],
    [
      { ms: 1.5, counter: 0, device: A },
      'A clock stamp needs a time from 1970 to 9999 in whole ms (got 1.5).',
    ],
    [
      { ms: MAX_STAMP_MS + 1, counter: 0, device: A },
      `A clock stamp needs a time from 1970 to 9999 in whole ms (got ${MAX_STAMP_MS + 1}).`,
    ],
    [
      { ms: T, counter: 0x10000, device: A },
      'A clock stamp counter runs from 0 to 65535 (got 65536).',
    ],
    [{ ms: T, counter: -1, device: A }, 'A clock stamp counter runs from 0 to 65535 (got -1).'],
    [
      { ms: T, counter: 0, device: 'AAAAAAAAAAAAAAAA' },
      'A clock stamp needs a device id of 16 lowercase hex digits (got "AAAAAAAAAAAAAAAA").',
    ],
    [
      { ms: T, counter: 0, device: 'a-b' },
      'A clock stamp needs a device id of 16 lowercase hex digits (got "a-b").',
    ],
  ])('formatStamp refuses %j', (t, message) => {
    expect(() => formatStamp(t)).toThrow(ClockError);
    expect(() => formatStamp(t)).toThrow(message);
  });

  const example = '(expected e.g. 2026-11-23T09:15:00.000Z-0001-3fa9c2d1e07b4c55)';
  it.each([
    ['', `Not a clock stamp: "" ${example}.`],
    ['nope', `Not a clock stamp: "nope" ${example}.`],
    [
      '2026-11-23T09:15:00Z-0001-3fa9c2d1e07b4c55',
      `Not a clock stamp: "2026-11-23T09:15:00Z-0001-3fa9c2d1e07b4c55" ${example}.`,
    ],
    [
      '2026-11-23T09:15:00.000Z-0001-3FA9C2D1E07B4C55',
      `Not a clock stamp: "2026-11-23T09:15:00.000Z-0001-3FA9C2D1E07B4C55" ${example}.`,
    ],
    [
      '2026-11-23T09:15:00.000Z-ABCD-3fa9c2d1e07b4c55',
      `Not a clock stamp: "2026-11-23T09:15:00.000Z-ABCD-3fa9c2d1e07b4c55" ${example}.`,
    ],
    [
      '2026-11-23T09:15:00.000Z-1-3fa9c2d1e07b4c55',
      `Not a clock stamp: "2026-11-23T09:15:00.000Z-1-3fa9c2d1e07b4c55" ${example}.`,
    ],
    [
      '2026-11-23T09:15:00.000Z-00001-3fa9c2d1e07b4c55',
      `Not a clock stamp: "2026-11-23T09:15:00.000Z-00001-3fa9c2d1e07b4c55" ${example}.`,
    ],
    [
      '2026-11-23T09:15:00.000Z-0001-3fa9c2d1e07b4c5',
      `Not a clock stamp: "2026-11-23T09:15:00.000Z-0001-3fa9c2d1e07b4c5" ${example}.`,
    ],
    [
      '2026-11-23T09:15:00.000+01:00-0001-3fa9c2d1e07b4c55',
      `Not a clock stamp: "2026-11-23T09:15:00.000+01:00-0001-3fa9c2d1e07b4c55" ${example}.`,
    ],
    [
      ' 2026-11-23T09:15:00.000Z-0001-3fa9c2d1e07b4c55',
      `Not a clock stamp: " 2026-11-23T09:15:00.000Z-0001-3fa9c2d1e07b4c55" ${example}.`,
    ],
    [
      '2026-13-01T09:15:00.000Z-0001-3fa9c2d1e07b4c55',
      `Not a clock stamp: "2026-13-01T09:15:00.000Z-0001-3fa9c2d1e07b4c55" ${example}.`,
    ],
    [
      '2026-11-23T24:00:00.000Z-0001-3fa9c2d1e07b4c55',
      `Not a clock stamp: "2026-11-23T24:00:00.000Z-0001-3fa9c2d1e07b4c55" ${example}.`,
    ],
    [
      '2026-02-30T09:15:00.000Z-0001-3fa9c2d1e07b4c55',
      'Not a clock stamp: "2026-02-30T09:15:00.000Z-0001-3fa9c2d1e07b4c55" (2026-02-30T09:15:00.000Z is not a real time).',
    ],
    ['x'.repeat(500), `Not a clock stamp: "${'x'.repeat(60)}…" ${example}.`],
  ])('parseStamp refuses %j, naming it', (text, message) => {
    expect(() => parseStamp(text)).toThrow(ClockError);
    expect(() => parseStamp(text)).toThrow(message);
  });

  it('compareStamps refuses a malformed stamp on either side', () => {
    const good = stamp(T, 0);
    expect(() => compareStamps(good, 'nope')).toThrow('Not a clock stamp: "nope"');
    expect(() => compareStamps('', good)).toThrow('Not a clock stamp: ""');
  });

  it('compareStamps sorts a list the way the fold needs it', () => {
    const sorted = [stamp(T, 0, C), stamp(T, 0, B), stamp(T, 1, A), stamp(T + 1, 0, A)];
    const shuffled = [sorted[2], sorted[0], sorted[3], sorted[1]] as string[];
    expect(shuffled.sort(compareStamps)).toEqual(sorted);
    expect(compareStamps(sorted[0] as string, sorted[0] as string)).toBe(0);
  });
});

type Step =
  | { do: 'now'; wall: number; gives: string }
  | { do: 'observe'; wall: number; remote: string; then: [ms: number, counter: number] };

describe('createClock: merge rules', () => {
  const cases: { name: string; last?: string; steps: Step[] }[] = [
    {
      name: 'wall clock moving forward starts each new ms at counter 0',
      steps: [
        { do: 'now', wall: T, gives: stamp(T, 0) },
        { do: 'now', wall: T + 5, gives: stamp(T + 5, 0) },
        { do: 'now', wall: T + HOUR, gives: stamp(T + HOUR, 0) },
      ],
    },
    {
      name: 'several stamps in the same ms count up',
      steps: [
        { do: 'now', wall: T, gives: stamp(T, 0) },
        { do: 'now', wall: T, gives: stamp(T, 1) },
        { do: 'now', wall: T, gives: stamp(T, 2) },
        { do: 'now', wall: T + 1, gives: stamp(T + 1, 0) },
      ],
    },
    {
      name: 'wall clock stepping back keeps the last ms and counts up until it catches up',
      steps: [
        { do: 'now', wall: T, gives: stamp(T, 0) },
        { do: 'now', wall: T - MINUTE, gives: stamp(T, 1) },
        { do: 'now', wall: T - MINUTE + 1, gives: stamp(T, 2) },
        { do: 'now', wall: T, gives: stamp(T, 3) },
        { do: 'now', wall: T + 1, gives: stamp(T + 1, 0) },
      ],
    },
    {
      name: 'observing a stamp ahead (within drift) moves to it, and later stamps follow it',
      steps: [
        { do: 'now', wall: T, gives: stamp(T, 0) },
        { do: 'observe', wall: T, remote: stamp(T + SECOND, 5, B), then: [T + SECOND, 6] },
        { do: 'now', wall: T + 10, gives: stamp(T + SECOND, 7) },
        { do: 'now', wall: T + 2 * SECOND, gives: stamp(T + 2 * SECOND, 0) },
      ],
    },
    {
      name: 'observing a stamp behind, with the wall clock still in the last ms, counts up',
      steps: [
        { do: 'now', wall: T, gives: stamp(T, 0) },
        { do: 'observe', wall: T, remote: stamp(T - 5 * SECOND, 9, B), then: [T, 1] },
        { do: 'now', wall: T, gives: stamp(T, 2) },
      ],
    },
    {
      name: 'observing a stamp behind, with the wall clock ahead, takes the wall clock',
      steps: [
        { do: 'now', wall: T, gives: stamp(T, 0) },
        { do: 'observe', wall: T + 1, remote: stamp(T - 5 * SECOND, 9, B), then: [T + 1, 0] },
        { do: 'now', wall: T + 1, gives: stamp(T + 1, 1) },
      ],
    },
    {
      name: 'observing the same ms with a higher counter goes past its counter',
      steps: [
        { do: 'now', wall: T, gives: stamp(T, 0) },
        { do: 'now', wall: T, gives: stamp(T, 1) },
        { do: 'observe', wall: T, remote: stamp(T, 7, B), then: [T, 8] },
        { do: 'now', wall: T, gives: stamp(T, 9) },
      ],
    },
    {
      name: 'observing the same ms with a lower counter goes past our own counter',
      steps: [
        { do: 'now', wall: T, gives: stamp(T, 0) },
        { do: 'now', wall: T, gives: stamp(T, 1) },
        { do: 'observe', wall: T, remote: stamp(T, 0, B), then: [T, 2] },
        { do: 'now', wall: T, gives: stamp(T, 3) },
      ],
    },
    {
      name: 'observing a stamp equal but for a greater device id still sorts later stamps after it',
      steps: [
        { do: 'now', wall: T, gives: stamp(T, 0) },
        { do: 'observe', wall: T, remote: stamp(T, 0, B), then: [T, 1] },
        { do: 'now', wall: T, gives: stamp(T, 2) },
      ],
    },
    {
      name: 'observing a stamp behind the wall clock when the wall is ahead of both starts at 0',
      steps: [
        { do: 'now', wall: T, gives: stamp(T, 0) },
        { do: 'observe', wall: T + 100, remote: stamp(T + 50, 3, B), then: [T + 100, 0] },
      ],
    },
    {
      name: 'observing its own stamp coming back from the server is harmless',
      steps: [
        { do: 'now', wall: T, gives: stamp(T, 0) },
        { do: 'observe', wall: T, remote: stamp(T, 0), then: [T, 1] },
        { do: 'now', wall: T, gives: stamp(T, 2) },
      ],
    },
    {
      name: 'a stamp exactly at the drift limit is accepted',
      steps: [
        {
          do: 'observe',
          wall: T,
          remote: stamp(T + DEFAULT_MAX_DRIFT_MS, 0, B),
          then: [T + DEFAULT_MAX_DRIFT_MS, 1],
        },
        { do: 'now', wall: T, gives: stamp(T + DEFAULT_MAX_DRIFT_MS, 2) },
      ],
    },
    {
      name: 'resuming from the last stored stamp continues after it even with the wall clock behind',
      last: stamp(T + MINUTE, 4, B),
      steps: [
        { do: 'now', wall: T, gives: stamp(T + MINUTE, 5) },
        { do: 'now', wall: T + 2 * MINUTE, gives: stamp(T + 2 * MINUTE, 0) },
      ],
    },
    {
      name: 'resuming from an old stamp takes the wall clock',
      last: stamp(T - HOUR, 4),
      steps: [{ do: 'now', wall: T, gives: stamp(T, 0) }],
    },
    {
      name: 'the first stamp of a fresh clock is at the wall clock with counter 0',
      steps: [{ do: 'now', wall: T, gives: stamp(T, 0) }],
    },
  ];

  it.each(cases)('$name', ({ last, steps }) => {
    const { clock, state } = testClock(last === undefined ? {} : { last });
    for (const step of steps) {
      state.wall = step.wall;
      if (step.do === 'now') {
        expect(clock.now()).toBe(step.gives);
      } else {
        clock.observe(step.remote);
        expect(clock.last()).toEqual({ ms: step.then[0], counter: step.then[1], device: A });
      }
    }
  });

  it('last() starts at the resumed stamp with this device', () => {
    const { clock } = testClock({ last: stamp(T, 9, B) });
    expect(clock.last()).toEqual({ ms: T, counter: 9, device: A });
  });

  it('uses Date.now by default', () => {
    const before = Date.now();
    const clock = createClock({ device: A });
    const made = parseStamp(clock.now());
    expect(made.ms).toBeGreaterThanOrEqual(before);
    expect(made.ms).toBeLessThanOrEqual(Date.now());
    expect(made.device).toBe(A);
  });
});

describe('createClock: drift', () => {
  it.each([
    [3 * HOUR + 12 * MINUTE + 5 * SECOND, '3 h 12 min'],
    [DEFAULT_MAX_DRIFT_MS + 1, '5 min'],
    [2 * 24 * HOUR + 4 * HOUR, '2 d 4 h'],
    [7 * MINUTE + 30 * SECOND, '7 min 30 s'],
  ])('refuses a stamp %d ms ahead, saying "%s", and leaves the clock as it was', (ahead, words) => {
    const { clock, state } = testClock();
    clock.now();
    clock.now();
    const before = clock.last();
    const remote = stamp(T + ahead, 0, B);

    let error: unknown;
    try {
      clock.observe(remote);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ClockDriftError);
    expect(error).toBeInstanceOf(ClockError);
    const drift = error as ClockDriftError;
    expect(drift.message).toBe(
      `A stamp from device ${B} is ${words} ahead of this tablet's clock (at most 5 min is allowed). ` +
        'Set the correct date and time on both tablets, then sync again.',
    );
    expect(drift.driftMs).toBe(ahead);
    expect(drift.stamp).toBe(remote);
    expect(drift.device).toBe(B);
    expect(drift.name).toBe('ClockDriftError');

    expect(clock.last()).toEqual(before);
    state.wall = T;
    expect(clock.now()).toBe(stamp(T, 2));
  });

  it('measures drift against the wall clock, not against a clock already ahead', () => {
    // The tablet resumed at T + 4 min (its wall clock was set back): a stamp 6 min ahead of the
    // wall is refused even though it is only 2 min ahead of the last stamp.
    const { clock } = testClock({ last: stamp(T + 4 * MINUTE, 0) });
    expect(() => {
      clock.observe(stamp(T + 6 * MINUTE, 0, B));
    }).toThrow(ClockDriftError);
  });

  it.each([
    [0, SECOND, '0 ms'],
    [HOUR, HOUR + 1, '1 h'],
  ])('honours maxDriftMs %d', (maxDriftMs, ahead, limitWords) => {
    const { clock } = testClock({ maxDriftMs });
    expect(() => {
      clock.observe(stamp(T + ahead, 0, B));
    }).toThrow(`(at most ${limitWords} is allowed)`);
    clock.observe(stamp(T + maxDriftMs, 0, B));
    expect(clock.last().ms).toBe(T + maxDriftMs);
  });

  it.each([
    [0, '0 ms'],
    [999, '999 ms'],
    [SECOND, '1 s'],
    [59 * SECOND + 999, '59 s'],
    [5 * MINUTE, '5 min'],
    [5 * MINUTE + 59 * SECOND, '5 min 59 s'],
    [HOUR, '1 h'],
    [3 * HOUR + 12 * MINUTE + 59 * SECOND, '3 h 12 min'],
    [24 * HOUR, '1 d'],
    [400 * 24 * HOUR + 23 * HOUR + 59 * MINUTE, '400 d 23 h'],
  ])('describeDuration(%d) → %s', (ms, words) => {
    expect(describeDuration(ms)).toBe(words);
  });
});

describe('createClock: overflow', () => {
  it('refuses a 65,537th stamp in one millisecond and recovers when the ms moves on', () => {
    const { clock, state } = testClock({ last: stamp(T, 0xfffe) });
    expect(clock.now()).toBe(stamp(T, 0xffff));
    expect(() => clock.now()).toThrow(ClockOverflowError);
    expect(() => clock.now()).toThrow(
      'Too many clock stamps in the same millisecond (2026-11-23T09:15:00.000Z): the counter would pass 65535.',
    );
    expect(clock.last()).toEqual({ ms: T, counter: 0xffff, device: A });
    state.wall = T + 1;
    expect(clock.now()).toBe(stamp(T + 1, 0));
  });

  it('refuses to observe a stamp whose counter is already at the limit, unchanged', () => {
    const { clock } = testClock();
    clock.now();
    expect(() => {
      clock.observe(stamp(T, 0xffff, B));
    }).toThrow(ClockOverflowError);
    expect(clock.last()).toEqual({ ms: T, counter: 0, device: A });
  });
});

describe('createClock: bad setup', () => {
  it.each([
    [{ device: 'ABC' }, 'A clock needs a device id of 16 lowercase hex digits (got "ABC").'],
    [{ device: A, maxDriftMs: -1 }, 'The allowed clock drift must be 0 ms or more (got -1).'],
    [
      { device: A, maxDriftMs: Number.NaN },
      'The allowed clock drift must be 0 ms or more (got NaN).',
    ],
    [{ device: A, last: 'yesterday' }, 'Not a clock stamp: "yesterday"'],
  ])('createClock(%j) throws', (options, message) => {
    expect(() => createClock(options)).toThrow(ClockError);
    expect(() => createClock(options)).toThrow(message);
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])('refuses a wall clock reading %d', (wall) => {
    const clock = createClock({ device: A, wallClock: () => wall });
    expect(() => clock.now()).toThrow(
      `This tablet's clock reads ${wall}, which is not a usable time.`,
    );
    expect(() => {
      clock.observe(stamp(T, 0, B));
    }).toThrow(ClockError);
  });

  it('drops fractions of a millisecond from the wall clock', () => {
    const clock = createClock({ device: A, wallClock: () => T + 0.75 });
    expect(clock.now()).toBe(stamp(T, 0));
  });

  it('observe refuses a malformed stamp without changing the clock', () => {
    const { clock } = testClock();
    clock.now();
    expect(() => {
      clock.observe('2026-11-23T09:15:00.000Z-0001-B');
    }).toThrow('Not a clock stamp: "2026-11-23T09:15:00.000Z-0001-B"');
    expect(clock.last()).toEqual({ ms: T, counter: 0, device: A });
  });
});

describe('createClock: properties', () => {
  it('every now() is greater than every stamp made or observed before, whatever the wall clock does', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: -HOUR, max: HOUR }), { nil: undefined }),
        fc.array(opArb, { maxLength: 200 }),
        (resumeOffset, ops) => {
          const resumed = resumeOffset === undefined ? undefined : stamp(T + resumeOffset, 7, B);
          const { clock, state } = testClock(resumed === undefined ? {} : { last: resumed });
          let greatest = resumed;
          for (const op of ops) {
            state.wall = Math.max(0, state.wall + op.step);
            if (op.do === 'now') {
              const made = clock.now();
              if (greatest !== undefined) {
                expect(compareStamps(made, greatest)).toBe(1);
                expect(made > greatest).toBe(true);
              }
              expect(parseStamp(made).device).toBe(A);
              greatest = made;
            } else {
              const base = op.near === 'wall' ? state.wall : clock.last().ms;
              // Kept within the drift limit: refusals have their own property below.
              const ms = Math.max(0, Math.min(base + op.offset, state.wall + DEFAULT_MAX_DRIFT_MS));
              const remote = stamp(ms, op.counter, op.device);
              clock.observe(remote);
              if (greatest === undefined || remote > greatest) greatest = remote;
            }
          }
        },
      ),
    );
  });

  it('a stamp beyond the drift limit is refused and changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 50 }),
        fc.integer({ min: 1, max: 30 * 24 * HOUR }),
        fc.integer({ min: 0, max: 0xffff }),
        (ops, beyond, counter) => {
          const { clock, state } = testClock();
          for (const op of ops) {
            state.wall = Math.max(0, state.wall + op.step);
            if (op.do === 'now') clock.now();
            else
              clock.observe(
                stamp(Math.max(0, state.wall + Math.min(op.offset, 0)), op.counter, op.device),
              );
          }
          const before = clock.last();
          const remote = stamp(state.wall + DEFAULT_MAX_DRIFT_MS + beyond, counter, B);
          expect(() => {
            clock.observe(remote);
          }).toThrow(ClockDriftError);
          expect(clock.last()).toEqual(before);
        },
      ),
    );
  });

  it('two tablets exchanging every stamp never stamp out of causal order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            who: fc.constantFrom(0, 1),
            // Forward, or back a few ms: a big step back on both would put each tablet's stamps
            // more than the drift limit ahead of the other's wall clock, which is refused.
            step: fc.oneof(
              fc.constant(0),
              fc.integer({ min: -3, max: 3 }),
              fc.integer({ min: 0, max: HOUR }),
            ),
            send: fc.boolean(),
          }),
          { maxLength: 100 },
        ),
        fc.integer({ min: -2 * MINUTE, max: 2 * MINUTE }),
        (ops, skew) => {
          // Tablet 1's wall clock is off by `skew`; both run from the same true time.
          const truth = { now: T };
          const tablets = [A, B].map((device, i) =>
            createClock({ device, wallClock: () => truth.now + (i === 1 ? skew : 0) }),
          );
          const inbox: string[][] = [[], []];
          let greatestSeenBy: (string | undefined)[] = [undefined, undefined];
          for (const op of ops) {
            truth.now = Math.max(HOUR, truth.now + op.step);
            const me = tablets[op.who];
            if (me === undefined) throw new Error('no such tablet');
            for (const received of inbox[op.who] ?? []) {
              me.observe(received);
              const seen = greatestSeenBy[op.who];
              if (seen === undefined || received > seen) greatestSeenBy[op.who] = received;
            }
            inbox[op.who] = [];
            const made = me.now();
            const seen = greatestSeenBy[op.who];
            if (seen !== undefined) expect(made > seen).toBe(true);
            greatestSeenBy = greatestSeenBy.map((s, i) => (i === op.who ? made : s));
            if (op.send) inbox[1 - op.who]?.push(made);
          }
        },
      ),
    );
  });
});

describe('stampCeiling and isRealStamp', () => {
  it('sorts every stamp of that millisecond at or below the ceiling, and the next one above', () => {
    const ms = Date.parse('2026-11-23T09:15:00.000Z');
    const ceiling = stampCeiling(ms);
    expect(isRealStamp(ceiling)).toBe(true);
    const same = formatStamp({ ms, counter: 0xffff, device: 'ffffffffffffffff' });
    const next = formatStamp({ ms: ms + 1, counter: 0, device: '0000000000000000' });
    expect(same <= ceiling).toBe(true);
    expect(next > ceiling).toBe(true);
  });

  it('knows a stamp on a day that does not exist', () => {
    expect(isRealStamp('2099-02-29T00:00:00.000Z-0000-aaaaaaaaaaaaaaaa')).toBe(false);
    expect(stampMs('2099-02-29T00:00:00.000Z-0000-aaaaaaaaaaaaaaaa')).toBeNull();
    expect(stampMs('2026-11-23T09:15:00.000Z-0000-aaaaaaaaaaaaaaaa')).toBe(
      Date.parse('2026-11-23T09:15:00.000Z'),
    );
  });
});
