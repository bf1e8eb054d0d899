// Casting-room arithmetic: wax to metal, flask temperatures, investment per flask, timers and metal loss.
import { describe, expect, it } from 'vitest';
import { FLASK_SIZES, type FlaskSizeId } from '../../src/domain/casting/burnout';
import {
  BENCH_SET_MINUTES,
  BUTTON_SHARE,
  checkLossThreshold,
  DEFAULT_LOSS_THRESHOLD_PCT,
  DEFAULT_WORKING_MINUTES,
  flaskTempRuleOfThumb,
  INVESTMENT_WATER_RATIOS,
  investmentFor,
  MELTING_POINTS_C,
  metalForTree,
  metalLoss,
  setTimeLeft,
  workingTimeLeft,
  type CastingWeights,
} from '../../src/domain/casting/castingMath';
import { BURNOUT_MAX_TEMP_C } from '../../src/domain/checklists/templates/lostWaxCasting';
import { ALLOY_IDS, estimateMetalForWax, type AlloyId } from '../../src/domain/metals';

const MIN = 60_000;
const T0 = Date.UTC(2025, 2, 3, 7, 30);

describe('metalForTree', () => {
  // DOMAIN.md ("Wax to metal"): wax × factor (sterling 10.36, 14k yellow 13.07, 18k white 14.65, Pt950
  // 20.7–21.5: metals.ts takes 21.5), plus about 10 % for the button. Expected figures worked by hand.
  it.each<[AlloyId, number, number, number, number, number, number]>([
    // alloy, tree on base, base, wax, metal, button, total
    ['ag925', 25, 12.5, 12.5, 129.5, 12.95, 142.45],
    ['au14y', 18.4, 12.4, 6, 78.42, 7.842, 86.262],
    ['au18w', 14.9, 12.4, 2.5, 36.625, 3.6625, 40.2875],
    ['pt950', 15.4, 12.4, 3, 64.5, 6.45, 70.95],
    ['ag925', 3.2, 0, 3.2, 33.152, 3.3152, 36.4672],
  ])(
    '%s: %d g on a %d g base is %d g wax, %d g metal, %d g button, %d g in all',
    (alloy, gross, base, wax, metal, button, total) => {
      const r = metalForTree(gross, base, alloy);
      if (!r.ok) throw new Error(r.message);
      expect(r.waxG).toBeCloseTo(wax, 9);
      expect(r.metalG).toBeCloseTo(metal, 9);
      expect(r.buttonG).toBeCloseTo(button, 9);
      expect(r.totalG).toBeCloseTo(total, 9);
      expect(r.buttonG / r.metalG).toBeCloseTo(BUTTON_SHARE, 12);
    },
  );

  it.each<[AlloyId, number]>([
    ['ag925', 10.36],
    ['au14y', 13.07],
    ['au18w', 14.65],
    ['pt950', 21.5],
  ])("uses %s's factor %d", (alloy, factor) => {
    const r = metalForTree(13, 12, alloy);
    expect(r.ok && r.factor).toBe(factor);
  });

  it('rounds to 0.01 g for the record, the total the sum of the rounded parts', () => {
    const r = metalForTree(14.9, 12.4, 'au18w');
    if (!r.ok) throw new Error(r.message);
    // 36.625 → 36.63, 3.6625 → 3.66: the record reads 40.29, not the exact total's 40.2875 → 40.29 by luck.
    expect(r.rounded).toEqual({ waxG: 2.5, metalG: 36.63, buttonG: 3.66, totalG: 40.29 });
    const metals = estimateMetalForWax(r.waxG, 'au18w');
    expect([r.rounded.metalG, r.rounded.buttonG, r.rounded.totalG]).toEqual([
      metals.metalGrams,
      metals.buttonGrams,
      metals.totalGrams,
    ]);
  });

  it('rounds the wax too, without binary noise (18.4 − 12.4 is 5.999999…)', () => {
    const r = metalForTree(18.4, 12.4, 'au14y');
    expect(r.ok && r.rounded.waxG).toBe(6);
  });

  it('takes another button share when asked', () => {
    const r = metalForTree(22.4, 12.4, 'ag925', 0.15);
    expect(r.ok && r.buttonG).toBeCloseTo(103.6 * 0.15, 9);
  });

  it.each<[string, number, number, RegExp]>([
    [
      'a base as heavy as the tree',
      12.4,
      12.4,
      /base \(12\.4 g\) weighs as much as the tree on it \(12\.4 g\)/,
    ],
    ['a base heavier than the tree', 12, 12.4, /weigh the tree on its base, then the base alone/],
    ['no tree weight', 0, 0, /tree on its base/],
    ['a tree weight that is not a number', Number.NaN, 1, /tree on its base/],
    ['a negative base', 14, -1, /base alone/],
    ['a base that is not a number', 14, Number.NaN, /base alone/],
  ])('refuses %s', (_what, gross, base, message) => {
    const r = metalForTree(gross, base, 'ag925');
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(message);
  });
});

describe('melting points', () => {
  it('has one for every alloy', () => {
    expect(Object.keys(MELTING_POINTS_C).sort()).toEqual([...ALLOY_IDS].sort());
  });

  it('uses DOMAIN.md where it gives one', () => {
    expect(MELTING_POINTS_C.au24).toBe(1064);
    expect(MELTING_POINTS_C.ag999).toBe(962);
    expect(MELTING_POINTS_C.pt950).toBeGreaterThanOrEqual(1550);
    expect(MELTING_POINTS_C.pt950).toBeLessThanOrEqual(1800);
  });

  it('puts yellow karat golds and sterling below their fine metal', () => {
    // Not the white golds: nickel (about 1455 °C) can lift a 10k white above fine gold.
    for (const id of ['au10y', 'au14y', 'au18y'] as const) {
      expect(MELTING_POINTS_C[id]).toBeLessThan(MELTING_POINTS_C.au24);
    }
    expect(MELTING_POINTS_C.ag925).toBeLessThan(MELTING_POINTS_C.ag999);
  });
});

describe('flaskTempRuleOfThumb', () => {
  // DOMAIN.md: the flask about 200 °C below the alloy's melting point; gypsum never above 788 °C.
  it.each<[AlloyId, number, number]>([
    ['ag925', 893, 693],
    ['au14y', 879, 679],
    ['au18y', 927, 727],
    ['au18w', 943, 743],
    ['ag999', 962, 762],
    ['au10y', 907, 707],
  ])('%s melts at %i °C: a gypsum flask at %i °C', (alloy, melting, flask) => {
    expect(flaskTempRuleOfThumb(alloy)).toMatchObject({
      meltingPointC: melting,
      ruleTempC: flask,
      gypsumOk: true,
      flaskTempC: flask,
      capped: false,
    });
  });

  it.each<[AlloyId, number]>([
    ['au24', 864],
    ['au14w', 796],
    ['au10w', 879],
  ])(
    '%s: the rule gives %i °C, more than gypsum takes, so it says so and gives 788',
    (alloy, rule) => {
      const advice = flaskTempRuleOfThumb(alloy);
      expect(advice).toMatchObject({
        ruleTempC: rule,
        gypsumOk: true,
        flaskTempC: 788,
        capped: true,
      });
      expect(advice.note).toContain(`${rule} °C`);
      expect(advice.note).toContain('788 °C');
    },
  );

  it.each<AlloyId>(['pt950', 'pd950'])(
    '%s is not cast in gypsum: no gypsum flask temperature',
    (alloy) => {
      const advice = flaskTempRuleOfThumb(alloy);
      expect(advice).toMatchObject({ gypsumOk: false, flaskTempC: null });
      expect(advice.note).toMatch(/phosphate-bonded/);
    },
  );

  it('never gives a gypsum flask temperature above 788 °C', () => {
    for (const id of ALLOY_IDS) {
      const { flaskTempC } = flaskTempRuleOfThumb(id);
      if (flaskTempC !== null) expect(flaskTempC).toBeLessThanOrEqual(BURNOUT_MAX_TEMP_C);
    }
  });
});

describe('investmentFor', () => {
  // From DOMAIN.md's 340 g for Kerr's 3 × 2.5 in (3 in high, 2.5 in across), scaled by π r² h, by hand:
  // 2.5 × 2.5 in is 2.5/3 of it (283.3 g), 3.5 × 4 in is 3.5²·4 / (2.5²·3) = 2.613 of it (888.5 g),
  // 4 × 8 in is 4²·8 / (2.5²·3) = 6.827 of it (2321.1 g).
  it.each<[FlaskSizeId, number, number, number]>([
    ['2.5x2.5', INVESTMENT_WATER_RATIOS.fine, 283, 113],
    ['2.5x2.5', INVESTMENT_WATER_RATIOS.large, 283, 108],
    ['3.5x4', INVESTMENT_WATER_RATIOS.medium, 889, 347],
    ['3.5x4', INVESTMENT_WATER_RATIOS.fine, 889, 356],
    ['4x8', INVESTMENT_WATER_RATIOS.large, 2321, 882],
    ['4x8', INVESTMENT_WATER_RATIOS.fine, 2321, 928],
  ])('a %s in flask at %i:100 takes %i g powder and %i ml water', (size, ratio, powder, water) => {
    expect(investmentFor(size, ratio)).toEqual({ powderG: powder, waterMl: water });
  });

  it('has DOMAIN.md ratios: 38 large, 39 medium, 40 fine', () => {
    expect(INVESTMENT_WATER_RATIOS).toEqual({ large: 38, medium: 39, fine: 40 });
  });

  it('scales powder with the volume of every flask size', () => {
    const perCubicInch = FLASK_SIZES.map(
      (s) => investmentFor(s.id, 40).powderG / (Math.PI * (s.diameterIn / 2) ** 2 * s.heightIn),
    );
    const reference = 340 / (Math.PI * 1.25 ** 2 * 3);
    for (const density of perCubicInch) expect(density).toBeCloseTo(reference, 0);
  });

  it.each([24.9, 60.1, Number.NaN])('refuses a water ratio of %d', (ratio) => {
    expect(() => investmentFor('3.5x4', ratio)).toThrow(/Water ratio/);
  });
});

describe('working time and bench set', () => {
  it('gives about 9–10 minutes of working time by default', () => {
    expect(DEFAULT_WORKING_MINUTES).toBeGreaterThanOrEqual(9);
    expect(DEFAULT_WORKING_MINUTES).toBeLessThanOrEqual(10);
  });

  it.each<[number, number, number, boolean]>([
    // minutes after mixing, working minutes, ms left, over
    [0, 9.5, 9.5 * MIN, false],
    [9, 9.5, 30_000, false],
    [9.5, 9.5, 0, true],
    [12, 9.5, 0, true],
    [5, 12, 7 * MIN, false],
  ])('%d min after mixing with %d min to work: %i ms left', (after, minutes, left, over) => {
    expect(workingTimeLeft(T0, minutes, T0 + after * MIN)).toEqual({
      endsAtMs: T0 + minutes * MIN,
      msLeft: left,
      over,
    });
  });

  it('lets a flask stand 2 h before dewaxing (DOMAIN.md)', () => {
    expect(BENCH_SET_MINUTES).toBe(120);
    expect(setTimeLeft(T0, T0 + 60 * MIN)).toEqual({
      endsAtMs: T0 + 120 * MIN,
      msLeft: 60 * MIN,
      over: false,
    });
    expect(setTimeLeft(T0, T0 + 120 * MIN).over).toBe(true);
    expect(setTimeLeft(T0, T0 + 30 * MIN, 45).msLeft).toBe(15 * MIN);
  });

  it.each([0, -1, Number.NaN])('refuses %d minutes', (minutes) => {
    expect(() => workingTimeLeft(T0, minutes, T0)).toThrow(/Working time/);
    expect(() => setTimeLeft(T0, T0, minutes)).toThrow(/Bench set/);
  });
});

describe('metalLoss', () => {
  const w = (
    issuedG: number,
    castingsG: number,
    buttonG: number,
    spruesG: number,
  ): CastingWeights => ({
    issuedG,
    castingsG,
    buttonG,
    spruesG,
  });

  it.each<[string, CastingWeights, number | undefined, number, number, boolean]>([
    // what, weights, threshold, loss g, loss %, flagged
    ['nothing lost', w(100, 90, 8, 2), undefined, 0, 0, false],
    ['exactly 1 %', w(100, 90, 7.5, 1.5), undefined, 1, 1, false],
    // 31.1 − 30.789 is 0.31100000000000136 in floating point: still exactly 1 %.
    ['exactly 1 % in awkward decimals', w(31.1, 20.5, 8.2, 2.089), undefined, 0.311, 1, false],
    ['1.1 %', w(100, 90, 7.4, 1.5), undefined, 1.1, 1.1, true],
    ['just over 1 %', w(200, 180, 15.97, 2), undefined, 2.03, 1.015, true],
    ['1.5 % under a 2 % threshold', w(100, 90, 7, 1.5), 2, 1.5, 1.5, false],
    ['0.6 % over a 0.5 % threshold', w(100, 90, 7.4, 2), 0.5, 0.6, 0.6, true],
    ['a gain of 0.01 g (the scale)', w(50, 40, 8, 2.01), undefined, -0.01, -0.02, false],
    ['a gain of 0.02 g', w(50, 40, 8, 2.02), undefined, -0.02, -0.04, true],
    ['a big gain', w(50, 45, 8, 2), undefined, -5, -10, true],
  ])('%s', (_what, weights, threshold, lossG, lossPct, flagged) => {
    const r = threshold === undefined ? metalLoss(weights) : metalLoss(weights, threshold);
    expect(r.lossG).toBe(lossG);
    expect(r.lossPct).toBe(lossPct);
    expect(r.flagged).toBe(flagged);
    expect(r.reason === undefined).toBe(!flagged);
  });

  it('says a gain is a gain', () => {
    expect(metalLoss(w(50, 45, 8, 2)).reason).toBe(
      '5.00 g more came back than was issued: check the scale or the issue.',
    );
  });

  it('says how much is missing and where to look', () => {
    const reason = metalLoss(w(100, 90, 7.4, 1.5)).reason ?? '';
    expect(reason).toMatch(/^1\.10 g \(1\.1 %\) is missing, more than the 1 % allowed/);
    expect(reason).toMatch(/spent investment/);
  });

  it('flags by 1 % unless told otherwise', () => {
    expect(DEFAULT_LOSS_THRESHOLD_PCT).toBe(1);
  });

  it.each<[string, CastingWeights, number]>([
    ['no metal issued', w(0, 0, 0, 0), 1],
    ['a negative weight', w(100, -1, 0, 0), 1],
    ['a weight that is not a number', w(100, Number.NaN, 0, 0), 1],
    ['a threshold out of range', w(100, 99, 0, 0), 11],
  ])('refuses %s', (_what, weights, threshold) => {
    expect(() => metalLoss(weights, threshold)).toThrow(RangeError);
  });
});

describe('checkLossThreshold', () => {
  it.each<[number, boolean]>([
    [0.1, true],
    [1, true],
    [2.5, true],
    [10, true],
    [0.09, false],
    [0, false],
    [10.01, false],
    [-1, false],
    [Number.NaN, false],
  ])('a threshold of %d per cent: ok is %s', (pct, ok) => {
    const check = checkLossThreshold(pct);
    expect(check.ok).toBe(ok);
    if (check.ok) expect(check.thresholdPct).toBe(pct);
    else expect(check.message).toMatch(/loss threshold/);
  });
});
