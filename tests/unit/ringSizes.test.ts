import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  circumferenceMm,
  diameterFromCircumference,
  mmToUs,
  parseRingSize,
  RING_SIZE_LIMITS,
  RING_SIZE_SYSTEMS,
  RING_SIZE_TABLE_NOTE,
  RingSizeError,
  ringSizeViews,
  usToMm,
  type RingSizeSystem,
  type RingSizeViews,
} from '../../src/domain/ringSizes';

const { minMm, maxMm } = RING_SIZE_LIMITS;
const US_STEP_MM = 0.8128;

// The International Gem Society chart for whole US sizes, as quoted in DOMAIN.md ("Ring sizes").
const IGS_CHART = [
  { us: 3, mm: 14.07, eu: 44, uk: 'F', jp: 4 },
  { us: 4, mm: 14.88, eu: 47, uk: 'H½', jp: 7 },
  { us: 5, mm: 15.69, eu: 49, uk: 'J½', jp: 9 },
  { us: 6, mm: 16.51, eu: 52, uk: 'M', jp: 12 },
  { us: 7, mm: 17.32, eu: 54, uk: 'O', jp: 14 },
  { us: 8, mm: 18.13, eu: 57, uk: 'Q', jp: 16 },
  { us: 9, mm: 18.95, eu: 59, uk: 'R½', jp: 18 },
  { us: 10, mm: 19.76, eu: 62, uk: 'T½', jp: 20 },
  { us: 11, mm: 20.57, eu: 65, uk: 'V½', jp: 23 },
  { us: 12, mm: 21.38, eu: 67, uk: 'Y', jp: 25 },
  { us: 13, mm: 22.2, eu: 70, uk: 'Z+', jp: 27 },
];

/**
 * A UK size as half-letter steps above A, read independently of the code under test: 'A' → 0,
 * 'N½' → 27, 'Z+1' → 52. The chart's bare 'Z+' ("past Z") is read as Z+1.
 */
function ukHalfSteps(size: string): number {
  const match = /^([A-Z])(?:\+(\d*))?(½)?$/.exec(size);
  if (!match) throw new Error(`test helper cannot read UK size ${size}`);
  const letter = (match[1] ?? 'A').charCodeAt(0) - 'A'.charCodeAt(0);
  const pastZ = match[2] === undefined ? 0 : Number(match[2] || '1');
  return 2 * (letter + pastZ) + (match[3] ? 1 : 0);
}

describe('ukHalfSteps (test helper)', () => {
  it.each([
    ['A', 0],
    ['A½', 1],
    ['N', 26],
    ['N½', 27],
    ['Z', 50],
    ['Z½', 51],
    ['Z+', 52],
    ['Z+1', 52],
    ['Z+2½', 55],
  ])('%s → %i', (size, steps) => {
    expect(ukHalfSteps(size)).toBe(steps);
  });
});

describe('against the International Gem Society chart (DOMAIN.md), US 3–13', () => {
  it.each(IGS_CHART)('US $us is $mm mm within 0.02 mm', ({ us, mm }) => {
    expect(Math.abs(usToMm(us) - mm)).toBeLessThanOrEqual(0.02);
  });

  it.each(IGS_CHART)('US $us reads back as US $us', ({ us, mm }) => {
    expect(ringSizeViews(mm).us).toBe(String(us));
    expect(ringSizeViews(usToMm(us)).us).toBe(String(us));
  });

  it.each(IGS_CHART)('US $us: EU within ±1 of $eu', ({ mm, eu }) => {
    expect(Math.abs(ringSizeViews(mm).eu - eu)).toBeLessThanOrEqual(1);
  });

  it.each(IGS_CHART)('US $us: JP within ±2 of $jp', ({ mm, jp }) => {
    expect(Math.abs(ringSizeViews(mm).jp - jp)).toBeLessThanOrEqual(2);
  });

  it.each(IGS_CHART)('US $us: UK within half a letter of $uk', ({ mm, uk }) => {
    const view = ringSizeViews(mm).uk;
    expect(Math.abs(ukHalfSteps(view) - ukHalfSteps(uk))).toBeLessThanOrEqual(1);
  });
});

describe('formulas', () => {
  it('uses 11.63 mm at US 0 and 0.8128 mm per size (US 7 ≈ 17.3 mm)', () => {
    expect(usToMm(0)).toBeCloseTo(11.63, 10);
    expect(usToMm(7)).toBeCloseTo(17.3196, 10);
    expect(usToMm(8) - usToMm(7)).toBeCloseTo(US_STEP_MM, 10);
  });

  it('agrees with the circumference formula 36.5 + 2.55 × US within 0.1 mm', () => {
    for (let us = 0; us <= 16.5; us += 0.25) {
      expect(Math.abs(circumferenceMm(usToMm(us)) - (36.5 + 2.55 * us))).toBeLessThan(0.1);
    }
  });

  it('mmToUs inverts usToMm and diameterFromCircumference inverts circumferenceMm', () => {
    fc.assert(
      fc.property(fc.double({ min: minMm, max: maxMm, noNaN: true }), (mm) => {
        expect(usToMm(mmToUs(mm))).toBeCloseTo(mm, 9);
        expect(diameterFromCircumference(circumferenceMm(mm))).toBeCloseTo(mm, 9);
      }),
    );
  });

  it('limits run from US 0 to US 16½', () => {
    expect(usToMm(0)).toBeGreaterThanOrEqual(minMm);
    expect(usToMm(16.5)).toBeLessThanOrEqual(maxMm);
    expect(usToMm(16.75)).toBeGreaterThan(maxMm);
  });
});

describe('ringSizeViews', () => {
  it('gives every view of US 7', () => {
    expect(ringSizeViews(usToMm(7))).toEqual<RingSizeViews>({
      mm: 17.32,
      circumferenceMm: 54.4,
      us: '7',
      uk: 'N½',
      eu: 54,
      ch: 14,
      jp: 14,
    });
  });

  it.each([
    [0, '0'],
    [0.25, '¼'],
    [0.5, '½'],
    [7.25, '7¼'],
    [7.5, '7½'],
    [7.75, '7¾'],
    [16.5, '16½'],
  ])('shows US %d as %s', (us, view) => {
    expect(ringSizeViews(usToMm(us)).us).toBe(view);
  });

  it.each([
    // Circumferences on the UK scale: A = 37.8 mm, 0.625 mm per half letter.
    [37.8, 'A'],
    [38.425, 'A½'],
    [37.8 + 26 * 0.625, 'N'],
    [37.8 + 27 * 0.625, 'N½'],
    [37.8 + 50 * 0.625, 'Z'],
    [37.8 + 51 * 0.625, 'Z½'],
    [37.8 + 52 * 0.625, 'Z+1'],
    [37.8 + 55 * 0.625, 'Z+2½'],
  ])('shows a %d mm circumference as UK %s', (circumference, view) => {
    expect(ringSizeViews(diameterFromCircumference(circumference)).uk).toBe(view);
  });

  it('shows the first size of a scale for children’s sizes below it', () => {
    // US 0 (11.63 mm) is below UK A (12.03 mm), Swiss 0 (12.73 mm) and Japanese 1 (13 mm).
    expect(ringSizeViews(usToMm(0))).toMatchObject({ us: '0', uk: 'A', ch: 0, jp: 1 });
    expect(ringSizeViews(minMm)).toMatchObject({ us: '0', uk: 'A', ch: 0, jp: 1 });
  });

  it('keeps the views at the top of the range to sizes Loupe accepts', () => {
    expect(ringSizeViews(maxMm)).toEqual<RingSizeViews>({
      mm: 25.1,
      circumferenceMm: 78.9,
      us: '16½',
      uk: 'Z+7½',
      eu: 78,
      ch: 38,
      jp: 37,
    });
  });

  it.each([
    [NaN, 'An inner diameter must be a number of millimetres, not NaN.'],
    [Infinity, 'An inner diameter must be a number of millimetres, not Infinity.'],
    [11.5, 'An inner diameter of 11.5 mm is outside the range Loupe handles (11.6 to 25.1 mm).'],
    [25.2, 'An inner diameter of 25.2 mm is outside the range Loupe handles (11.6 to 25.1 mm).'],
  ])('rejects %d mm', (mm, message) => {
    expect(() => ringSizeViews(mm)).toThrow(new RingSizeError(message));
  });
});

describe('parseRingSize', () => {
  const ukMm = (halfSteps: number) => diameterFromCircumference(37.8 + 0.625 * halfSteps);

  it.each<[RingSizeSystem, string, number]>([
    ['us', '7', usToMm(7)],
    ['us', '7.5', usToMm(7.5)],
    ['us', '7,5', usToMm(7.5)],
    ['us', '7 1/2', usToMm(7.5)],
    ['us', '7-1/2', usToMm(7.5)],
    ['us', '7½', usToMm(7.5)],
    ['us', '7¼', usToMm(7.25)],
    ['us', '7 ¾', usToMm(7.75)],
    ['us', '½', usToMm(0.5)],
    ['us', '  7  ', usToMm(7)],
    ['us', '0', usToMm(0)],
    ['us', '16½', usToMm(16.5)],
    ['uk', 'N', ukMm(26)],
    ['uk', 'n', ukMm(26)],
    ['uk', 'N½', ukMm(27)],
    ['uk', 'N 1/2', ukMm(27)],
    ['uk', 'N1/2', ukMm(27)],
    ['uk', 'n ½', ukMm(27)],
    ['uk', 'A', ukMm(0)],
    ['uk', 'Z+1', ukMm(52)],
    ['uk', 'z + 2½', ukMm(55)],
    ['eu', '54', 54 / Math.PI],
    ['eu', '54,5', 54.5 / Math.PI],
    ['ch', '14', 54 / Math.PI],
    ['ch', '0', 40 / Math.PI],
    ['jp', '14', 13 + 13 / 3],
    ['jp', '1', 13],
    ['mm', '17.3', 17.3],
    ['mm', '17,3', 17.3],
    ['mm', '17.3 mm', 17.3],
    ['mm', '11.6', 11.6],
    ['mm', '25.1', 25.1],
  ])('%s %j → %d mm', (system, text, mm) => {
    expect(parseRingSize(system, text)).toBeCloseTo(mm, 9);
  });

  it.each<[RingSizeSystem, string, string]>([
    ['us', '7x', '"7x" is not a US ring size (use a number like 7, 7.5 or 7½).'],
    ['us', '', '"" is not a US ring size (use a number like 7, 7.5 or 7½).'],
    ['us', 'seven', '"seven" is not a US ring size (use a number like 7, 7.5 or 7½).'],
    ['us', '-1', '"-1" is not a US ring size (use a number like 7, 7.5 or 7½).'],
    ['us', '7 3/2', '"7 3/2" is not a US ring size (use a number like 7, 7.5 or 7½).'],
    ['us', '7 1/0', '"7 1/0" is not a US ring size (use a number like 7, 7.5 or 7½).'],
    ['us', '71/2', '"71/2" is not a US ring size (use a number like 7, 7.5 or 7½).'],
    ['us', '17', '"17" is outside the US ring sizes Loupe handles (0 to 16½).'],
    ['us', '16¾', '"16¾" is outside the US ring sizes Loupe handles (0 to 16½).'],
    ['uk', 'N3', '"N3" is not a UK ring size (use a letter like N or N½; past Z, Z+1).'],
    ['uk', 'NN', '"NN" is not a UK ring size (use a letter like N or N½; past Z, Z+1).'],
    ['uk', 'N¼', '"N¼" is not a UK ring size (use a letter like N or N½; past Z, Z+1).'],
    ['uk', 'Z+', '"Z+" is not a UK ring size (use a letter like N or N½; past Z, Z+1).'],
    ['uk', '7', '"7" is not a UK ring size (use a letter like N or N½; past Z, Z+1).'],
    ['uk', 'Z+8', '"Z+8" is outside the UK ring sizes Loupe handles (A to Z+7½).'],
    ['eu', 'fifty', '"fifty" is not an EU ring size (use the inner circumference in mm, like 54).'],
    ['eu', '30', '"30" is outside the EU ring sizes Loupe handles (37 to 78).'],
    ['eu', '79', '"79" is outside the EU ring sizes Loupe handles (37 to 78).'],
    [
      'ch',
      '-1',
      '"-1" is not a Swiss ring size (use a number like 14: the inner circumference in mm minus 40).',
    ],
    ['ch', '39', '"39" is outside the Swiss ring sizes Loupe handles (0 to 38).'],
    ['jp', '14.5', '"14.5" is not a Japanese ring size (use a whole number like 14).'],
    ['jp', 'x', '"x" is not a Japanese ring size (use a whole number like 14).'],
    ['jp', '0', '"0" is outside the Japanese ring sizes Loupe handles (1 to 37).'],
    ['jp', '38', '"38" is outside the Japanese ring sizes Loupe handles (1 to 37).'],
    ['mm', 'abc', '"abc" is not an inner diameter in mm (use a number like 17.3 or 17,3).'],
    ['mm', '17.3.1', '"17.3.1" is not an inner diameter in mm (use a number like 17.3 or 17,3).'],
    ['mm', '11.5', '"11.5" is outside the inner diameters Loupe handles (11.6 to 25.1 mm).'],
    ['mm', '25.2', '"25.2" is outside the inner diameters Loupe handles (11.6 to 25.1 mm).'],
  ])('%s %j is refused', (system, text, message) => {
    expect(() => parseRingSize(system, text)).toThrow(new RingSizeError(message));
  });

  it('throws a RingSizeError that is an Error', () => {
    try {
      parseRingSize('us', '7x');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RingSizeError);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('RingSizeError');
    }
  });
});

describe('round trips', () => {
  const mmInRange = fc.double({ min: minMm, max: maxMm, noNaN: true });

  it('parses the US view back to within a quarter size (in fact the nearest)', () => {
    fc.assert(
      fc.property(mmInRange, (mm) => {
        const back = parseRingSize('us', ringSizeViews(mm).us);
        expect(Math.abs(back - mm)).toBeLessThanOrEqual(US_STEP_MM / 8 + 1e-9);
      }),
    );
  });

  // One step of each view in mm of diameter.
  const stepMm: Record<RingSizeSystem, number> = {
    mm: 0.01,
    us: US_STEP_MM / 4,
    uk: 0.625 / Math.PI,
    eu: 1 / Math.PI,
    ch: 1 / Math.PI,
    jp: 1 / 3,
  };

  // Below a scale's first size (UK A, Swiss 0, Japanese 1) the view is that first size instead.
  const firstSize: Partial<Record<RingSizeSystem, string>> = { uk: 'A', ch: '0', jp: '1' };

  it.each(RING_SIZE_SYSTEMS)('parses its own %s view back to within one step', (system) => {
    const first = firstSize[system];
    const from = first === undefined ? minMm : Math.max(minMm, parseRingSize(system, first));
    fc.assert(
      fc.property(fc.double({ min: from, max: maxMm, noNaN: true }), (mm) => {
        const back = parseRingSize(system, String(ringSizeViews(mm)[system]));
        expect(Math.abs(back - mm)).toBeLessThanOrEqual(stepMm[system] + 1e-9);
      }),
    );
  });
});

describe('monotonic over the range', () => {
  it('never gives a smaller size for a larger diameter', () => {
    const backwards: string[] = [];
    let previous: { mm: number; us: number; circumference: number; views: number[] } | null = null;
    // Whole hundredths of a mm, counted as integers so the loop does not drift below 11.6.
    for (
      let hundredths = Math.round(minMm * 100);
      hundredths <= Math.round(maxMm * 100);
      hundredths++
    ) {
      const mm = hundredths / 100;
      const views = ringSizeViews(mm);
      const current = {
        mm,
        us: mmToUs(mm),
        circumference: circumferenceMm(mm),
        // Each view as the diameter it stands for, so all six compare the same way.
        views: RING_SIZE_SYSTEMS.map((system) => parseRingSize(system, String(views[system]))),
      };
      if (previous) {
        if (current.us <= previous.us) backwards.push(`mmToUs at ${mm} mm`);
        if (current.circumference <= previous.circumference)
          backwards.push(`circumference at ${mm}`);
        RING_SIZE_SYSTEMS.forEach((system, i) => {
          if ((current.views[i] ?? NaN) < (previous?.views[i] ?? NaN)) {
            backwards.push(`${system} view at ${mm} mm`);
          }
        });
      }
      previous = current;
    }
    expect(backwards).toEqual([]);
  });
});

describe('RING_SIZE_TABLE_NOTE', () => {
  it('is one sentence naming the conventions', () => {
    expect(RING_SIZE_TABLE_NOTE).toMatch(/^[^.]*(\.\d[^.]*)*\.$/);
    for (const word of ['US', 'EU', 'ISO 8653', 'Swiss', 'UK', 'Japanese']) {
      expect(RING_SIZE_TABLE_NOTE).toContain(word);
    }
  });
});
