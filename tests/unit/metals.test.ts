import { describe, expect, it } from 'vitest';
import {
  ALLOY_IDS,
  ALLOYS,
  alloyById,
  estimateMetalForWax,
  isAlloyId,
  type AlloyId,
  type MetalFamily,
} from '../../src/domain/metals';

describe('ALLOYS', () => {
  it('has one record per id, under its own id', () => {
    expect(Object.keys(ALLOYS).sort()).toEqual([...ALLOY_IDS].sort());
    for (const id of ALLOY_IDS) expect(ALLOYS[id].id).toBe(id);
  });

  it.each<[AlloyId, string, MetalFamily, number, string | undefined]>([
    ['au10y', '10k yellow gold', 'gold', 417, 'yellow'],
    ['au10w', '10k white gold', 'gold', 417, 'white'],
    ['au10r', '10k rose gold', 'gold', 417, 'rose'],
    ['au14y', '14k yellow gold', 'gold', 585, 'yellow'],
    ['au14w', '14k white gold', 'gold', 585, 'white'],
    ['au14r', '14k rose gold', 'gold', 585, 'rose'],
    ['au18y', '18k yellow gold', 'gold', 750, 'yellow'],
    ['au18w', '18k white gold', 'gold', 750, 'white'],
    ['au18r', '18k rose gold', 'gold', 750, 'rose'],
    ['au24', '24k gold', 'gold', 999, undefined],
    ['ag925', 'Sterling silver', 'silver', 925, undefined],
    ['ag999', 'Fine silver', 'silver', 999, undefined],
    ['pt950', 'Platinum 950', 'platinum', 950, undefined],
    ['pd950', 'Palladium 950', 'palladium', 950, undefined],
  ])('%s is %s (%s, %i‰, %s)', (id, name, family, fineness, colour) => {
    expect(ALLOYS[id]).toMatchObject({ name, family, fineness });
    expect(ALLOYS[id].colour).toBe(colour);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(ALLOYS)).toBe(true);
    for (const id of ALLOY_IDS) expect(Object.isFrozen(ALLOYS[id])).toBe(true);
  });
});

describe('wax-to-metal factors', () => {
  // DOMAIN.md, "Wax to metal" (Rio Grande and AU Enterprises tables; Romanoff for Pd/Pt 950).
  it.each<[AlloyId, number, number]>([
    ['ag925', 10.36, 10.36],
    ['ag999', 10.49, 10.49],
    ['au10y', 11.57, 11.6],
    ['au14y', 13.07, 13.07],
    ['au14w', 12.65, 12.65],
    ['au18y', 15.58, 15.58],
    ['au18w', 14.65, 14.65],
    ['au24', 19.32, 19.32],
    ['pt950', 20.7, 21.5],
    ['pd950', 12.0, 12.0],
  ])('%s is %d–%d as DOMAIN.md gives it', (id, low, high) => {
    expect(ALLOYS[id].waxToMetal).toBeGreaterThanOrEqual(low);
    expect(ALLOYS[id].waxToMetal).toBeLessThanOrEqual(high);
  });

  // DOMAIN.md is silent on these: Stuller's published specific gravities ("red" for rose).
  it.each<[AlloyId, number]>([
    ['au10w', 11.07],
    ['au10r', 11.59],
    ['au14r', 13.26],
    ['au18r', 15.18],
  ])('%s is %d from Stuller’s published figures', (id, factor) => {
    expect(ALLOYS[id].waxToMetal).toBe(factor);
  });

  it('equals the specific gravity, since the tables take wax as 1', () => {
    for (const id of ALLOY_IDS) expect(ALLOYS[id].waxToMetal).toBe(ALLOYS[id].specificGravity);
  });

  it.each([
    // More gold is heavier, whatever the colour.
    ['yellow', ['au10y', 'au14y', 'au18y', 'au24']],
    ['white', ['au10w', 'au14w', 'au18w', 'au24']],
    ['rose', ['au10r', 'au14r', 'au18r', 'au24']],
  ] as const)('%s golds get heavier with karat', (_colour, ids) => {
    const gravities = ids.map((id) => ALLOYS[id].specificGravity);
    expect(gravities).toEqual([...gravities].sort((a, b) => a - b));
    expect(new Set(gravities).size).toBe(gravities.length);
  });

  it.each(['10', '14', '18'])('%sk white gold is lighter than %sk yellow', (karat) => {
    const white = ALLOYS[`au${karat}w` as AlloyId].specificGravity;
    const yellow = ALLOYS[`au${karat}y` as AlloyId].specificGravity;
    expect(white).toBeLessThan(yellow);
  });
});

describe('estimateMetalForWax', () => {
  it.each<[number, AlloyId, number | undefined, number, number, number]>([
    // 5 × 13.07 = 65.35; 10 % of that is 6.535 → 6.54; total 71.89.
    [5, 'au14y', undefined, 65.35, 6.54, 71.89],
    // 2 × 10.36 = 20.72; 2.072 → 2.07.
    [2, 'ag925', undefined, 20.72, 2.07, 22.79],
    // 3.2 × 14.65 = 46.88; 4.688 → 4.69.
    [3.2, 'au18w', undefined, 46.88, 4.69, 51.57],
    [1, 'pt950', undefined, 21.5, 2.15, 23.65],
    [10, 'ag999', undefined, 104.9, 10.49, 115.39],
    // A bigger button for a heavy tree: 4 × 19.32 = 77.28, a quarter of that 19.32.
    [4, 'au24', 0.25, 77.28, 19.32, 96.6],
    [2.5, 'au14r', 0, 33.15, 0, 33.15],
    [0.37, 'pd950', 1, 4.44, 4.44, 8.88],
  ])(
    '%d g wax in %s (button share %s) → %d + %d = %d g',
    (wax, id, share, metalGrams, buttonGrams, totalGrams) => {
      const estimate =
        share === undefined ? estimateMetalForWax(wax, id) : estimateMetalForWax(wax, id, share);
      expect(estimate).toEqual({ metalGrams, buttonGrams, totalGrams });
    },
  );

  it('adds the rounded parts so the record adds up', () => {
    for (const id of ALLOY_IDS) {
      for (const wax of [0.01, 0.37, 1.23, 4.56, 12.345]) {
        const { metalGrams, buttonGrams, totalGrams } = estimateMetalForWax(wax, id);
        expect(Math.round((metalGrams + buttonGrams) * 100)).toBe(Math.round(totalGrams * 100));
      }
    }
  });

  it.each([
    [0, 'Wax weight must be a positive number of grams (got 0).'],
    [-1, 'Wax weight must be a positive number of grams (got -1).'],
    [NaN, 'Wax weight must be a positive number of grams (got NaN).'],
    [Infinity, 'Wax weight must be a positive number of grams (got Infinity).'],
  ])('refuses %d g of wax', (wax, message) => {
    expect(() => estimateMetalForWax(wax, 'au14y')).toThrow(new Error(message));
  });

  it.each([
    [-0.1, 'Button share must be between 0 and 1 (got -0.1).'],
    [1.5, 'Button share must be between 0 and 1 (got 1.5).'],
    [NaN, 'Button share must be between 0 and 1 (got NaN).'],
  ])('refuses a button share of %d', (share, message) => {
    expect(() => estimateMetalForWax(5, 'au14y', share)).toThrow(new Error(message));
  });

  it('refuses an alloy id that slipped past the types', () => {
    expect(() => estimateMetalForWax(5, 'au9y' as AlloyId)).toThrow(
      `Unknown alloy "au9y". Known alloys: ${ALLOY_IDS.join(', ')}.`,
    );
  });
});

describe('alloyById and isAlloyId', () => {
  it('finds every alloy by id', () => {
    for (const id of ALLOY_IDS) expect(alloyById(id)).toBe(ALLOYS[id]);
  });

  it.each(['au9y', 'AU14Y', '', 'toString', '__proto__'])('refuses %j', (id) => {
    expect(() => alloyById(id)).toThrow(
      new Error(
        `Unknown alloy "${id}". Known alloys: au10y, au10w, au10r, au14y, au14w, au14r, au18y, ` +
          'au18w, au18r, au24, ag925, ag999, pt950, pd950.',
      ),
    );
  });

  it.each([
    ['au14y', true],
    ['pt950', true],
    ['AU14Y', false],
    ['toString', false],
    [14, false],
    [null, false],
    [undefined, false],
    [{ id: 'au14y' }, false],
  ])('isAlloyId(%j) is %s', (value, expected) => {
    expect(isAlloyId(value)).toBe(expected);
  });
});

describe('scrap groups', () => {
  it.each<[AlloyId, string]>([
    ['au10y', 'gold-10k'],
    ['au10w', 'gold-10k'],
    ['au10r', 'gold-10k'],
    ['au14y', 'gold-14k'],
    ['au14w', 'gold-14k'],
    ['au14r', 'gold-14k'],
    ['au18y', 'gold-18k'],
    ['au18w', 'gold-18k'],
    ['au18r', 'gold-18k'],
    ['au24', 'gold-24k'],
    ['ag925', 'silver-925'],
    ['ag999', 'silver-999'],
    ['pt950', 'platinum'],
    ['pd950', 'palladium'],
  ])('%s goes in %s', (id, group) => {
    expect(ALLOYS[id].scrapGroup).toBe(group);
  });

  const pairs = ALLOY_IDS.flatMap((a) => ALLOY_IDS.map((b) => [ALLOYS[a], ALLOYS[b]] as const));

  it('shares a pot only between alloys of one family and one fineness (karat)', () => {
    for (const [a, b] of pairs) {
      if (a.scrapGroup === b.scrapGroup) {
        expect([a.id, b.family, b.fineness]).toEqual([a.id, a.family, a.fineness]);
      }
    }
  });

  it('keeps the platinum group apart from gold and silver, and platinum from palladium', () => {
    const platinumGroup = new Set<MetalFamily>(['platinum', 'palladium']);
    for (const [a, b] of pairs) {
      if (platinumGroup.has(a.family) && a.family !== b.family) {
        expect(b.scrapGroup).not.toBe(a.scrapGroup);
      }
    }
  });

  it('keeps karats apart', () => {
    const gold = ALLOY_IDS.map((id) => ALLOYS[id]).filter((alloy) => alloy.family === 'gold');
    const potsByFineness = new Map<number, Set<string>>();
    for (const alloy of gold) {
      const pots = potsByFineness.get(alloy.fineness) ?? new Set<string>();
      pots.add(alloy.scrapGroup);
      potsByFineness.set(alloy.fineness, pots);
    }
    const pots = [...potsByFineness.values()];
    expect(pots.map((set) => set.size)).toEqual([1, 1, 1, 1]);
    expect(new Set(pots.flatMap((set) => [...set])).size).toBe(4);
  });
});
