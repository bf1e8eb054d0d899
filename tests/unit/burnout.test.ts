// Burnout programs and the run on the board: schedules as DOMAIN.md gives them, the 788 °C limit, and the
// status folded from pauses, changes, restarts and entries arriving shuffled and twice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_PROGRAMS,
  BURNOUT_MAX_TEMP_C,
  builtInProgram,
  burnoutAlarms,
  burnoutStatus,
  checkProgram,
  checkSoakTemp,
  cToF,
  FLASK_SIZES,
  formatDuration,
  programForFlask,
  type BurnoutAlarm,
  type BurnoutLogEntry,
  type BurnoutProgram,
  type BurnoutStage,
  type BurnoutState,
  type FlaskSizeId,
  type ProgramDraft,
} from '../../src/domain/casting/burnout';
import { BURNOUT_PROGRAMS } from '../../src/domain/checklists/templates/lostWaxCasting';

const MIN = 60_000;
const H = 60 * MIN;
// A Monday morning in the casting room; any instant would do.
const T0 = Date.UTC(2025, 2, 3, 7, 30);

function program(id: string): BurnoutProgram {
  const p = builtInProgram(id);
  if (!p) throw new Error(`no built-in program ${id}`);
  return p;
}

const started = (atMs: number, p: BurnoutProgram, soakTempC: number): BurnoutLogEntry => ({
  kind: 'started',
  atMs,
  program: p,
  soakTempC,
});
const paused = (atMs: number, reason?: string): BurnoutLogEntry =>
  reason === undefined ? { kind: 'paused', atMs } : { kind: 'paused', atMs, reason };
const resumed = (atMs: number): BurnoutLogEntry => ({ kind: 'resumed', atMs });
const changed = (
  atMs: number,
  p: BurnoutProgram,
  stageIndex: number,
  soakTempC: number,
): BurnoutLogEntry => ({
  kind: 'changed',
  atMs,
  program: p,
  stageIndex,
  soakTempC,
  reason: 'test',
});

function statusAt(log: readonly BurnoutLogEntry[], atMs: number) {
  const s = burnoutStatus(log, atMs);
  if (!s) throw new Error(`no status at ${atMs}`);
  return s;
}

// ---------------------------------------------------------------------------------------------------

describe('built-in programs', () => {
  // DOMAIN.md, "Burnout for gypsum-bonded investment", written out again here rather than read from the
  // code: [°C, hours, soak].
  const SCHEDULES: Record<string, [number, number, boolean][]> = {
    '6h': [
      [149, 2, false],
      [371, 1, false],
      [732, 2, false],
      [BURNOUT_MAX_TEMP_C, 1, true],
    ],
    '8h': [
      [149, 2, false],
      [371, 2, false],
      [732, 3, false],
      [BURNOUT_MAX_TEMP_C, 1, true],
    ],
    '12h': [
      [149, 2, false],
      [315, 2, false],
      [482, 2, false],
      [732, 4, false],
      [BURNOUT_MAX_TEMP_C, 2, true],
    ],
    stone_in_place: [
      [149, 2, false],
      [260, 2, false],
      [482, 12, true],
    ],
  };

  it.each(Object.entries(SCHEDULES))('%s runs as DOMAIN.md gives it', (id, schedule) => {
    const p = program(id);
    expect(p.stages.map((s) => [s.tempC, s.minutes / 60, s.soak === true])).toEqual(schedule);
    expect(p.builtIn).toBe(true);
  });

  it('has the same ids as the casting checklist, and no others', () => {
    expect(BUILT_IN_PROGRAMS.map((p) => p.id)).toEqual(BURNOUT_PROGRAMS.map((p) => p.value));
  });

  it.each(BURNOUT_PROGRAMS.map((p) => [p.value, p.topTempC] as const))(
    "%s's hottest burnout stage agrees with the checklist's %i °C",
    (id, topTempC) => {
      const holds = program(id).stages.filter((s) => s.soak !== true);
      const hottest = Math.max(...program(id).stages.map((s) => s.tempC));
      if (id === 'stone_in_place') {
        // The long hold is the soak: inside the sources' 800–950 °F (427–510 °C).
        expect(hottest).toBeGreaterThanOrEqual(427);
        expect(hottest).toBeLessThanOrEqual(topTempC);
      } else {
        expect(Math.max(...holds.map((s) => s.tempC))).toBe(topTempC);
      }
    },
  );

  it.each([
    [149, 300],
    [371, 700],
    [732, 1350],
    [482, 900],
    [260, 500],
    [788, 1450],
  ])('%i °C is %i °F as DOMAIN.md pairs them', (c, f) => {
    expect(cToF(c)).toBe(f);
  });

  it.each<[FlaskSizeId, string]>([
    ['2.5x2.5', '6h'],
    ['3.5x4', '8h'],
    ['4x8', '12h'],
  ])('a %s in flask gets the %s program', (size, id) => {
    expect(programForFlask(size).id).toBe(id);
    expect(programForFlask(size).investment).toBe('gypsum');
  });

  it('every flask size has a program, and stone-in-place is stone-safe', () => {
    for (const size of FLASK_SIZES) expect(programForFlask(size.id).flaskSizes).toContain(size.id);
    expect(program('stone_in_place').investment).toBe('stone_safe');
  });

  it('pass the same checks as a shop program', () => {
    for (const p of BUILT_IN_PROGRAMS) {
      const check = checkProgram({ ...p, id: `copy_of_${p.id}` });
      expect(check.ok, JSON.stringify(check)).toBe(true);
    }
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(BUILT_IN_PROGRAMS)).toBe(true);
    for (const p of BUILT_IN_PROGRAMS) {
      expect(Object.isFrozen(p)).toBe(true);
      expect(Object.isFrozen(p.stages)).toBe(true);
      for (const s of p.stages) expect(Object.isFrozen(s)).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------------

describe('checkProgram', () => {
  const good: ProgramDraft = {
    name: 'Short small flask',
    stages: [
      { label: 'Wax out', tempC: 149, minutes: 90 },
      { label: 'Burnout', tempC: 732, minutes: 120 },
      { label: 'Soak', tempC: 700, minutes: 60, soak: true },
    ],
    investment: 'gypsum',
  };
  const withStage = (i: number, patch: Partial<BurnoutStage>): ProgramDraft => ({
    ...good,
    stages: good.stages.map((s, j) => (j === i ? { ...s, ...patch } : s)),
  });
  const errorsOf = (draft: ProgramDraft) => {
    const check = checkProgram(draft);
    return check.ok ? [] : check.errors;
  };

  it('returns a good program as it will be stored', () => {
    expect(
      checkProgram({ ...good, name: '  Short   small flask ', flaskSizes: ['2.5x2.5'] }),
    ).toEqual({
      ok: true,
      program: {
        id: '',
        name: 'Short small flask',
        stages: good.stages,
        investment: 'gypsum',
        flaskSizes: ['2.5x2.5'],
        builtIn: false,
      },
    });
  });

  it('refuses 789 °C, naming the stage and both °C and °F; 788 °C is fine', () => {
    expect(checkProgram(withStage(1, { tempC: 788 })).ok).toBe(true);
    const errors = errorsOf(withStage(1, { tempC: 789 }));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('stages.1.tempC');
    const message = errors[0]?.message ?? '';
    expect(message).toContain('Stage 2 (“Burnout”)');
    expect(message).toContain('789 °C (1452 °F)');
    expect(message).toContain('788 °C (1450 °F)');
    expect(message).toMatch(/Set it to 788 °C or lower\.$/);
  });

  it('refuses a soak above 788 °C too', () => {
    expect(errorsOf(withStage(2, { tempC: 800 })).map((e) => e.path)).toEqual(['stages.2.tempC']);
  });

  it.each<[string, ProgramDraft, string, RegExp]>([
    ['an empty name', { ...good, name: '   ' }, 'name', /name/],
    ['a name over 60', { ...good, name: 'x'.repeat(61) }, 'name', /60 characters \(it has 61\)/],
    ['19 °C', withStage(0, { tempC: 19 }), 'stages.0.tempC', /19 °C \(66 °F\), below room/],
    ['a fraction of a degree', withStage(0, { tempC: 149.5 }), 'stages.0.tempC', /whole degrees/],
    ['no temperature', withStage(0, { tempC: Number.NaN }), 'stages.0.tempC', /temperature/],
    ['0 minutes', withStage(0, { minutes: 0 }), 'stages.0.minutes', /whole number of minutes/],
    ['-5 minutes', withStage(0, { minutes: -5 }), 'stages.0.minutes', /it says -5/],
    ['1.5 minutes', withStage(0, { minutes: 1.5 }), 'stages.0.minutes', /it says 1\.5/],
    ['an empty label', withStage(0, { label: ' ' }), 'stages.0.label', /Give stage 1 a label/],
    ['a label over 40', withStage(0, { label: 'w'.repeat(41) }), 'stages.0.label', /40/],
    [
      'a soak that is not last',
      withStage(1, { soak: true }),
      'stages.1.soak',
      /Stage 2 \(“Burnout”\) is the soak.*must be the last stage/,
    ],
    ['no stages', { ...good, stages: [] }, 'stages', /at least one stage/],
    [
      '13 stages',
      {
        ...good,
        stages: Array.from({ length: 13 }, () => ({ label: 'Step', tempC: 149, minutes: 10 })),
      },
      'stages',
      /at most 12 stages \(this one has 13\)/,
    ],
    [
      '24 h and a minute',
      {
        ...good,
        stages: [
          { label: 'Long', tempC: 149, minutes: 720 },
          { label: 'Longer', tempC: 482, minutes: 721 },
        ],
      },
      'stages',
      /24 h 01 min, more than 24 h/,
    ],
    ['a built-in id', { ...good, id: '6h' }, 'id', /built-in/],
    ['a malformed id', { ...good, id: 'My Program' }, 'id', /not a program id/],
    ['an unknown flask size', { ...good, flaskSizes: ['5x5' as FlaskSizeId] }, 'flaskSizes', /5x5/],
  ])('refuses %s', (_what, draft, path, message) => {
    const errors = errorsOf(draft);
    expect(errors.map((e) => e.path)).toEqual([path]);
    expect(errors[0]?.message).toMatch(message);
  });

  it.each<[string, ProgramDraft]>([
    [
      'exactly 12 stages',
      { ...good, stages: Array.from({ length: 12 }, () => good.stages[0] as BurnoutStage) },
    ],
    [
      'exactly 24 h',
      {
        ...good,
        stages: [
          { label: 'Long', tempC: 149, minutes: 720 },
          { label: 'Longer', tempC: 482, minutes: 720 },
        ],
      },
    ],
    ['20 °C', withStage(0, { tempC: 20 })],
    ['no soak at all', { ...good, stages: good.stages.slice(0, 2) }],
    ['one minute', withStage(0, { minutes: 1 })],
    ['its own id', { ...good, id: 'shop_short' }],
  ])('accepts %s', (_what, draft) => {
    expect(errorsOf(draft)).toEqual([]);
  });

  it('lists every problem at once', () => {
    const errors = errorsOf({
      ...good,
      name: '',
      stages: [
        { label: 'Hot', tempC: 900, minutes: 0, soak: true },
        { label: 'Cold', tempC: 5, minutes: 30 },
      ],
    });
    expect(errors.map((e) => e.path)).toEqual([
      'name',
      'stages.0.tempC',
      'stages.0.minutes',
      'stages.0.soak',
      'stages.1.tempC',
    ]);
  });
});

describe('checkSoakTemp', () => {
  it.each<[string, number, boolean]>([
    ['6h', 693, true],
    ['6h', 788, true],
    ['6h', 789, false],
    ['12h', 20, true],
    ['12h', 19, false],
    ['8h', Number.NaN, false],
    ['stone_in_place', 482, true],
    ['stone_in_place', 450, true],
    ['stone_in_place', 483, false],
  ])('%s with a soak at %d °C: %s', (id, tempC, ok) => {
    expect(checkSoakTemp(program(id), tempC).ok).toBe(ok);
  });

  it('says why a soak is too hot, in °C and °F', () => {
    const gypsum = checkSoakTemp(program('6h'), 800);
    expect(gypsum.ok ? '' : gypsum.message).toMatch(/800 °C \(1472 °F\), above 788 °C \(1450 °F\)/);
    const stones = checkSoakTemp(program('stone_in_place'), 500);
    expect(stones.ok ? '' : stones.message).toMatch(/above 482 °C \(900 °F\): Stone-in-place/);
  });
});

describe('formatDuration', () => {
  it.each<[number, 'up' | 'down' | 'nearest' | undefined, string]>([
    [0, undefined, '0 min'],
    [4 * MIN, undefined, '4 min'],
    [65 * MIN, undefined, '1 h 05 min'],
    [60 * MIN, undefined, '1 h 00 min'],
    [16 * H, undefined, '16 h 00 min'],
    [40_000, undefined, '1 min'],
    [40_000, 'down', '0 min'],
    [H - 1, undefined, '1 h 00 min'],
    [H - 1, 'down', '59 min'],
    [89.5 * MIN, 'nearest', '1 h 30 min'],
    [-5 * MIN, undefined, '0 min'],
    [Number.NaN, undefined, '0 min'],
  ])('%d ms (%s) is "%s"', (ms, rounding, text) => {
    expect(rounding === undefined ? formatDuration(ms) : formatDuration(ms, rounding)).toBe(text);
  });
});

// ---------------------------------------------------------------------------------------------------

// [hours after the start, stage index, state, minutes left in the stage, kiln set to, stage began (h)]
type Row = [number, number, BurnoutState, number, number, number];

describe('burnoutStatus through each built-in program', () => {
  const SOAK = 693; // sterling: 893 − 200 (castingMath.ts)
  const TABLES: Record<string, { soak: number; readyAtH: number; rows: Row[] }> = {
    '6h': {
      soak: SOAK,
      readyAtH: 6,
      rows: [
        [0, 0, 'running', 120, 149, 0],
        [1, 0, 'running', 60, 149, 0],
        [2, 1, 'running', 60, 371, 2], // exactly at the boundary: the next stage has begun
        [2.5, 1, 'running', 30, 371, 2],
        [3, 2, 'running', 120, 732, 3],
        [4.5, 2, 'running', 30, 732, 3],
        [5, 3, 'running', 60, SOAK, 5],
        [5.75, 3, 'running', 15, SOAK, 5],
        [6, 3, 'ready', 0, SOAK, 5],
        [9, 3, 'ready', 0, SOAK, 5],
      ],
    },
    '8h': {
      soak: SOAK,
      readyAtH: 8,
      rows: [
        [0, 0, 'running', 120, 149, 0],
        [2, 1, 'running', 120, 371, 2],
        [3.25, 1, 'running', 45, 371, 2],
        [4, 2, 'running', 180, 732, 4],
        [6.5, 2, 'running', 30, 732, 4],
        [7, 3, 'running', 60, SOAK, 7],
        [7.5, 3, 'running', 30, SOAK, 7],
        [8, 3, 'ready', 0, SOAK, 7],
        [20, 3, 'ready', 0, SOAK, 7],
      ],
    },
    '12h': {
      soak: SOAK,
      readyAtH: 12,
      rows: [
        [0, 0, 'running', 120, 149, 0],
        [1.5, 0, 'running', 30, 149, 0],
        [2, 1, 'running', 120, 315, 2],
        [4, 2, 'running', 120, 482, 4],
        [5, 2, 'running', 60, 482, 4],
        [6, 3, 'running', 240, 732, 6],
        [9, 3, 'running', 60, 732, 6],
        [10, 4, 'running', 120, SOAK, 10],
        [11, 4, 'running', 60, SOAK, 10],
        [12, 4, 'ready', 0, SOAK, 10],
        [13, 4, 'ready', 0, SOAK, 10],
      ],
    },
    stone_in_place: {
      soak: 482,
      readyAtH: 16,
      rows: [
        [0, 0, 'running', 120, 149, 0],
        [2, 1, 'running', 120, 260, 2],
        [3, 1, 'running', 60, 260, 2],
        [4, 2, 'running', 720, 482, 4],
        [10, 2, 'running', 360, 482, 4],
        [16, 2, 'ready', 0, 482, 4],
        [18, 2, 'ready', 0, 482, 4],
      ],
    },
  };

  for (const [id, { soak, readyAtH, rows }] of Object.entries(TABLES)) {
    describe(id, () => {
      const p = program(id);
      const log = [started(T0, p, soak)];
      it.each(rows)(
        'at %d h: stage %i, %s, %i min left, set %i °C',
        (h, index, state, left, temp, began) => {
          const s = statusAt(log, T0 + h * H);
          expect({
            state: s.state,
            stageIndex: s.stageIndex,
            label: s.stage.label,
            minutesLeft: s.msLeftInStage / MIN,
            setTempC: s.setTempC,
            stageStartedH: (s.stageStartedAtMs - T0) / H,
            stageEndsH: s.stageEndsAtMs === null ? null : (s.stageEndsAtMs - T0) / H,
            readyH: s.readyAtMs === null ? null : (s.readyAtMs - T0) / H,
            elapsedH: s.elapsedMs / H,
            next: s.nextStage?.label ?? null,
            pausedSinceMs: s.pausedSinceMs,
          }).toEqual({
            state,
            stageIndex: index,
            label: p.stages[index]?.label,
            minutesLeft: left,
            setTempC: temp,
            stageStartedH: began,
            // When ready, the stage "ended" at the ready moment.
            stageEndsH: state === 'ready' ? readyAtH : h + left / 60,
            readyH: readyAtH,
            elapsedH: Math.min(h, readyAtH),
            next: p.stages[index + 1]?.label ?? null,
            pausedSinceMs: null,
          });
        },
      );

      it('is null before it starts, and with no log', () => {
        expect(burnoutStatus(log, T0 - 1)).toBeNull();
        expect(burnoutStatus([], T0)).toBeNull();
      });
    });
  }
});

describe('burnoutStatus with pauses', () => {
  const p6 = program('6h');

  it('does not count a pause toward the stage', () => {
    const log = [started(T0, p6, 693), paused(T0 + 1 * H, 'power cut'), resumed(T0 + 2 * H)];
    const during = statusAt(log, T0 + 1.5 * H);
    expect(during).toMatchObject({
      state: 'paused',
      stageIndex: 0,
      msLeftInStage: 60 * MIN,
      stageEndsAtMs: null,
      readyAtMs: null,
      pausedSinceMs: T0 + 1 * H,
      elapsedMs: 1 * H,
      setTempC: 149,
      stageStartedAtMs: T0,
    });
    // Long after: still the same, the kiln was off the whole time.
    expect(
      statusAt([log[0] as BurnoutLogEntry, log[1] as BurnoutLogEntry], T0 + 40 * H),
    ).toMatchObject({
      state: 'paused',
      msLeftInStage: 60 * MIN,
      elapsedMs: 1 * H,
    });

    const after = statusAt(log, T0 + 2 * H);
    expect(after).toMatchObject({
      state: 'running',
      stageIndex: 0,
      msLeftInStage: 60 * MIN,
      stageEndsAtMs: T0 + 3 * H,
      readyAtMs: T0 + 7 * H,
      pausedSinceMs: null,
      elapsedMs: 1 * H,
      stageStartedAtMs: T0,
    });
    expect(statusAt(log, T0 + 3 * H)).toMatchObject({
      stageIndex: 1,
      stageStartedAtMs: T0 + 3 * H,
    });
    expect(statusAt(log, T0 + 6.5 * H)).toMatchObject({ state: 'running', stageIndex: 3 });
    expect(statusAt(log, T0 + 7 * H)).toMatchObject({ state: 'ready', readyAtMs: T0 + 7 * H });
  });

  it('pausing exactly at a boundary leaves the next stage begun and whole', () => {
    const log = [started(T0, p6, 693), paused(T0 + 2 * H)];
    expect(statusAt(log, T0 + 2.5 * H)).toMatchObject({
      state: 'paused',
      stageIndex: 1,
      msLeftInStage: 60 * MIN,
      stageStartedAtMs: T0 + 2 * H,
    });
  });

  it('ignores a second pause while paused and a resume while running', () => {
    const once = [started(T0, p6, 693), paused(T0 + 1 * H), resumed(T0 + 2 * H)];
    const noisy = [
      started(T0, p6, 693),
      resumed(T0 + 0.5 * H), // running: nothing to resume
      paused(T0 + 1 * H),
      paused(T0 + 1.25 * H), // the other tablet, a little later: already paused
      resumed(T0 + 2 * H),
      resumed(T0 + 2.1 * H), // already running
    ];
    for (const h of [0.75, 1.1, 1.5, 2, 2.2, 3, 6.9, 7, 8]) {
      expect(statusAt(noisy, T0 + h * H)).toEqual(statusAt(once, T0 + h * H));
    }
  });

  it('a pause while ready shows the kiln off; the resume is ready again', () => {
    const log = [started(T0, p6, 693), paused(T0 + 7 * H), resumed(T0 + 8 * H)];
    expect(statusAt(log, T0 + 7.5 * H)).toMatchObject({
      state: 'paused',
      stageIndex: 3,
      msLeftInStage: 0,
      readyAtMs: null,
      pausedSinceMs: T0 + 7 * H,
    });
    expect(statusAt(log, T0 + 8 * H)).toMatchObject({ state: 'ready', readyAtMs: T0 + 6 * H });
  });
});

describe('burnoutStatus with a change of program', () => {
  const p6 = program('6h');
  const p8 = program('8h');
  // The flask turned out to be a 3.5 × 4: half an hour into the 6 h's second stage, switch to the 8 h's.
  const log = [started(T0, p6, 693), changed(T0 + 2.5 * H, p8, 1, 700)];

  it.each<Row>([
    [2.25, 1, 'running', 45, 371, 2], // still the 6 h program
    [2.5, 1, 'running', 120, 371, 2.5],
    [4, 1, 'running', 30, 371, 2.5],
    [4.5, 2, 'running', 180, 732, 4.5],
    [7.5, 3, 'running', 60, 700, 7.5],
    [8.5, 3, 'ready', 0, 700, 7.5],
  ])('at %d h: stage %i, %s, %i min left, set %i °C', (h, index, state, left, temp, began) => {
    const s = statusAt(log, T0 + h * H);
    expect(s).toMatchObject({
      state,
      stageIndex: index,
      msLeftInStage: left * MIN,
      setTempC: temp,
      stageStartedAtMs: T0 + began * H,
    });
    expect(s.program.id).toBe(h < 2.5 ? '6h' : '8h');
  });

  it('predicts ready from the new program, and counts time run across both', () => {
    expect(statusAt(log, T0 + 2.5 * H).readyAtMs).toBe(T0 + 8.5 * H);
    expect(statusAt(log, T0 + 9 * H).elapsedMs).toBe(8.5 * H);
  });

  it('sets the kiln running again when changed while paused', () => {
    const s = statusAt(
      [started(T0, p6, 693), paused(T0 + 1 * H), changed(T0 + 3 * H, p6, 1, 693)],
      T0 + 3.5 * H,
    );
    expect(s).toMatchObject({
      state: 'running',
      stageIndex: 1,
      msLeftInStage: 30 * MIN,
      pausedSinceMs: null,
    });
  });

  it('a change back to the soak after ready soaks again', () => {
    const resoak = [started(T0, p6, 693), changed(T0 + 9 * H, p6, 3, 693)];
    expect(statusAt(resoak, T0 + 9.5 * H)).toMatchObject({
      state: 'running',
      stageIndex: 3,
      readyAtMs: T0 + 10 * H,
    });
    expect(statusAt(resoak, T0 + 10 * H).state).toBe('ready');
  });
});

describe('burnoutStatus with a restart', () => {
  const p6 = program('6h');
  const p12 = program('12h');
  const log = [started(T0, p6, 693), paused(T0 + 0.5 * H), started(T0 + 1 * H, p12, 700)];

  it('counts only the latest start, ignoring what came before it', () => {
    expect(statusAt(log, T0 + 1.5 * H)).toMatchObject({
      state: 'running',
      startedAtMs: T0 + 1 * H,
      stageIndex: 0,
      msLeftInStage: 90 * MIN,
      elapsedMs: 0.5 * H,
      readyAtMs: T0 + 13 * H,
    });
    expect(statusAt(log, T0 + 1.5 * H).program.id).toBe('12h');
  });

  it('asked for an instant before the restart, shows the run as it was then', () => {
    expect(statusAt(log, T0 + 0.75 * H)).toMatchObject({ state: 'paused', startedAtMs: T0 });
  });
});

describe('burnoutStatus from entries in any order, sent twice', () => {
  const p6 = program('6h');
  const p8 = program('8h');
  const log: BurnoutLogEntry[] = [
    started(T0, p6, 693),
    paused(T0 + 1 * H, 'door open'),
    resumed(T0 + 1.5 * H),
    changed(T0 + 3 * H, p8, 2, 700),
    paused(T0 + 4 * H),
    paused(T0 + 4 * H), // two tablets, same minute
    resumed(T0 + 4.25 * H),
  ];
  const instants = [-1, 0, 0.5, 1, 1.2, 1.5, 2.5, 3, 3.5, 4, 4.1, 4.25, 6, 7.25, 7.5, 8].map(
    (h) => T0 + h * H,
  );
  const truth = instants.map((t) => burnoutStatus(log, t));
  const truthAlarms = burnoutAlarms(log, T0 - H, T0 + 10 * H);

  /** The same entry as it comes back from another tablet: keys in another order. */
  function resent(entry: BurnoutLogEntry): BurnoutLogEntry {
    const reversed = Object.fromEntries(Object.entries(entry).reverse()) as BurnoutLogEntry;
    return JSON.parse(JSON.stringify(reversed)) as BurnoutLogEntry;
  }

  it('gives the same status and alarms however the entries arrive', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(log, { minLength: log.length, maxLength: log.length }),
        fc.array(fc.nat(log.length - 1), { maxLength: 10 }),
        (shuffled, twice) => {
          const arrived = [...shuffled, ...twice.map((i) => resent(log[i] as BurnoutLogEntry))];
          expect(instants.map((t) => burnoutStatus(arrived, t))).toEqual(truth);
          expect(burnoutAlarms(arrived, T0 - H, T0 + 10 * H)).toEqual(truthAlarms);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('applies a pause and a resume at the same instant in one order on every tablet', () => {
    const a = [started(T0, p6, 693), paused(T0 + H), resumed(T0 + H)];
    const b = [a[2], a[0], a[1]] as BurnoutLogEntry[];
    expect(statusAt(a, T0 + 2 * H)).toEqual(statusAt(b, T0 + 2 * H));
    expect(statusAt(a, T0 + 2 * H).state).toBe('running');
  });

  it('two starts at the same instant pick the same one on every tablet, whatever their key order', () => {
    const one = started(T0, p6, 693);
    const other = started(T0, p8, 693);
    const here = statusAt([one, other], T0 + H);
    expect(statusAt([other, one], T0 + H)).toEqual(here);
    expect(statusAt([resent(other), resent(one)], T0 + H)).toEqual(here);
    expect(statusAt([one, resent(other)], T0 + H)).toEqual(here);
    expect(statusAt([resent(one), other], T0 + H)).toEqual(here);
  });

  it('a change at the very instant of the start applies to that start', () => {
    const log = [changed(T0, p8, 1, 700), started(T0, p6, 693)];
    expect(statusAt(log, T0 + H)).toMatchObject({ stageIndex: 1, msLeftInStage: 60 * MIN });
    expect(statusAt(log, T0 + H).program.id).toBe('8h');
  });
});

describe('burnoutStatus with entries it cannot fold', () => {
  const p6 = program('6h');
  const base = [started(T0, p6, 693)];

  it.each<[string, BurnoutLogEntry]>([
    ['a change to a stage the program lacks', changed(T0 + H, p6, 9, 693)],
    ['a change to a negative stage', changed(T0 + H, p6, -1, 693)],
    ['a start with no stages', started(T0 + H, { ...p6, stages: [] }, 693)],
    [
      'a start with a zero-minute stage',
      started(T0 + H, { ...p6, stages: [{ label: 'x', tempC: 149, minutes: 0 }] }, 693),
    ],
    ['a pause with no clock stamp', paused(Number.NaN)],
    ['a kind from a newer version', { kind: 'cooled', atMs: T0 + H } as unknown as BurnoutLogEntry],
  ])('ignores %s', (_what, bad) => {
    expect(statusAt([...base, bad], T0 + 1.5 * H)).toEqual(statusAt(base, T0 + 1.5 * H));
  });

  it.each([
    [900, 788],
    [5, 20],
    [Number.NaN, 788],
  ])('never tells the caster to set a soak of %d °C: sets %i °C', (soakTempC, setTempC) => {
    expect(statusAt([started(T0, p6, soakTempC)], T0 + 5.5 * H).setTempC).toBe(setTempC);
  });

  it('keeps a stone-in-place hold at or below its 482 °C', () => {
    expect(statusAt([started(T0, program('stone_in_place'), 693)], T0 + 5 * H).setTempC).toBe(482);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('burnoutAlarms', () => {
  const p6 = program('6h');
  const p8 = program('8h');
  const stageEnd = (h: number, stageIndex: number, p: BurnoutProgram): BurnoutAlarm => ({
    kind: 'stage_end',
    atMs: T0 + h * H,
    stageIndex,
    nextStage: p.stages[stageIndex + 1] as BurnoutStage,
  });
  const ready = (h: number): BurnoutAlarm => ({ kind: 'ready', atMs: T0 + h * H });

  const log = [started(T0, p6, 693)];

  it.each<[string, number, number, BurnoutAlarm[]]>([
    [
      'the whole run',
      -1,
      24,
      [stageEnd(2, 0, p6), stageEnd(3, 1, p6), stageEnd(5, 2, p6), ready(6)],
    ],
    [
      'asleep from 1 h to 5.5 h',
      1,
      5.5,
      [stageEnd(2, 0, p6), stageEnd(3, 1, p6), stageEnd(5, 2, p6)],
    ],
    ['a window ending on a boundary includes it', 2.5, 3, [stageEnd(3, 1, p6)]],
    ['a window starting on a boundary leaves it out', 3, 4.9, []],
    ['the ready moment alone', 5.5, 6, [ready(6)]],
    ['after ready, nothing more', 6, 48, []],
    ['an empty window', 3, 3, []],
    ['a backwards window', 5, 1, []],
  ])('%s', (_what, fromH, toH, alarms) => {
    expect(burnoutAlarms(log, T0 + fromH * H, T0 + toH * H)).toEqual(alarms);
  });

  it('moves the moments by the pauses', () => {
    const withPause = [...log, paused(T0 + 1 * H), resumed(T0 + 2 * H)];
    expect(burnoutAlarms(withPause, T0, T0 + 24 * H)).toEqual([
      stageEnd(3, 0, p6),
      stageEnd(4, 1, p6),
      stageEnd(6, 2, p6),
      ready(7),
    ]);
  });

  it('rings nothing while paused, and assumes no more pauses once resumed', () => {
    expect(burnoutAlarms([...log, paused(T0 + 1 * H)], T0, T0 + 24 * H)).toEqual([]);
  });

  it('follows a change of program, and skips the ends that never came', () => {
    const switched = [...log, changed(T0 + 2.5 * H, p8, 1, 700)];
    expect(burnoutAlarms(switched, T0, T0 + 24 * H)).toEqual([
      stageEnd(2, 0, p6),
      stageEnd(4.5, 1, p8),
      stageEnd(7.5, 2, p8),
      ready(8.5),
    ]);
  });

  it('rings ready again after a re-soak', () => {
    const resoak = [...log, changed(T0 + 9 * H, p6, 3, 693)];
    expect(burnoutAlarms(resoak, T0 + 5.5 * H, T0 + 24 * H)).toEqual([ready(6), ready(10)]);
  });

  it('leaves out the moments of a run that was restarted', () => {
    const restarted = [...log, started(T0 + 4 * H, p8, 700)];
    expect(burnoutAlarms(restarted, T0, T0 + 24 * H)).toEqual([
      stageEnd(6, 0, p8),
      stageEnd(8, 1, p8),
      stageEnd(11, 2, p8),
      ready(12),
    ]);
  });

  it('is empty when no run started', () => {
    expect(burnoutAlarms([paused(T0)], T0 - H, T0 + H)).toEqual([]);
  });

  it('agrees with the status at every alarm', () => {
    const withPause = [...log, paused(T0 + 1 * H), resumed(T0 + 2 * H)];
    for (const alarm of burnoutAlarms(withPause, T0, T0 + 24 * H)) {
      const s = statusAt(withPause, alarm.atMs);
      if (alarm.kind === 'ready') expect(s.state).toBe('ready');
      else {
        expect(s.stageIndex).toBe(alarm.stageIndex + 1);
        expect(s.stageStartedAtMs).toBe(alarm.atMs);
      }
    }
  });
});
