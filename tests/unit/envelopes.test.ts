// Envelope numbers: formatting, tolerant reading, lookup keys, no clashes between series, pre-printed codes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkPreprintedCode,
  DERIVED_PREFIX_PATTERN,
  ENVELOPE_PREFIX_COUNT,
  ENVELOPE_PREFIX_PATTERN,
  envelopeKey,
  envelopePrefixForIndex,
  formatEnvelopeNumber,
  freeShopPrefix,
  parseEnvelopeNumber,
  seriesPrefixFromDeviceId,
  SHOP_PREFIX_COUNT,
  SHOP_PREFIX_PATTERN,
  shopEnvelopePrefixForIndex,
} from '../../src/domain/envelopes';

const derivedPrefixArb = fc
  .integer({ min: 0, max: ENVELOPE_PREFIX_COUNT - 1 })
  .map(envelopePrefixForIndex);
const shopPrefixArb = fc
  .integer({ min: 0, max: SHOP_PREFIX_COUNT - 1 })
  .map(shopEnvelopePrefixForIndex);
/** Either shape: every property below holds across both kinds of series. */
const prefixArb = fc.oneof(derivedPrefixArb, shopPrefixArb);
const seqArb = fc.oneof(
  fc.integer({ min: 1, max: 9999 }),
  fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
);

/** The way a person might type a number: any case, spaces and dashes anywhere. */
function messUp(text: string, noise: { upper: boolean; sep: string }[]): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const n = noise[i % Math.max(1, noise.length)] ?? { upper: true, sep: '' };
    out += n.sep + (n.upper ? char.toUpperCase() : char.toLowerCase());
  }
  return out;
}
/** Characters found in envelope codes, plus lower case (ASCII, so one char is one code unit). */
const typedCharArb = fc.constantFrom(...'AB7K0123-/. xz'.split(''));
const noiseArb = fc.array(
  fc.record({ upper: fc.boolean(), sep: fc.constantFrom('', '', '', ' ', '-', ' - ', '\t') }),
  { maxLength: 12 },
);

describe('prefixes', () => {
  it.each([
    ['K7', true],
    ['A0', true],
    ['ZZ', true],
    ['7K', false], // a digit first would look like the pre-printed numbers most shops buy
    ['k7', false],
    ['KO', false],
    ['IK', false],
    ['KL', false],
    ['KU', false],
    ['K', false],
    ['K7M', true], // from the shop server
    ['A0A', true],
    ['K77', false], // would read as K7 and a number
    ['K7O', false],
    ['K7MX', false],
    ['', false],
  ])('ENVELOPE_PREFIX_PATTERN %j → %s', (prefix, valid) => {
    expect(ENVELOPE_PREFIX_PATTERN.test(prefix)).toBe(valid);
  });

  it('envelopePrefixForIndex gives 704 distinct valid prefixes in order', () => {
    const all = Array.from({ length: ENVELOPE_PREFIX_COUNT }, (_, i) => envelopePrefixForIndex(i));
    expect(ENVELOPE_PREFIX_COUNT).toBe(704);
    expect(new Set(all).size).toBe(704);
    for (const prefix of all) expect(prefix).toMatch(ENVELOPE_PREFIX_PATTERN);
    expect(all.slice(0, 3)).toEqual(['A0', 'A1', 'A2']);
    expect(all[32]).toBe('B0');
    expect(all[703]).toBe('ZZ');
    expect([...all].sort()).toEqual(all);
  });

  it.each([-1, 704, 1.5, Number.NaN])('envelopePrefixForIndex(%d) throws', (index) => {
    expect(() => envelopePrefixForIndex(index)).toThrow(
      `An envelope prefix index runs from 0 to 703 (got ${String(index)}).`,
    );
  });

  it.each([
    ['3fa9c2d1e07b4c55', 'WF'],
    ['aaaaaaaaaaaaaaaa', 'PN'],
  ])('seriesPrefixFromDeviceId(%s) → %s, the same every time', (deviceId, prefix) => {
    expect(seriesPrefixFromDeviceId(deviceId)).toBe(prefix);
    expect(seriesPrefixFromDeviceId(deviceId)).toBe(prefix);
  });

  it('derives a valid prefix from any device id (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (deviceId) => {
        expect(seriesPrefixFromDeviceId(deviceId)).toMatch(ENVELOPE_PREFIX_PATTERN);
      }),
    );
  });

  it('spreads device ids over all 704 prefixes', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const prefix = seriesPrefixFromDeviceId(i.toString(16).padStart(16, '0'));
      counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
    }
    // About 28 each; a prefix nobody gets, or one that 3 times the average get, would be a bias.
    expect(counts.size).toBe(704);
    expect(Math.max(...counts.values())).toBeLessThan(3 * (20_000 / 704));
  });

  it('refuses an empty device id', () => {
    expect(() => seriesPrefixFromDeviceId('')).toThrow('A series prefix needs a device id.');
  });
});

describe('prefixes the shop server gives', () => {
  it('shopEnvelopePrefixForIndex gives 15,488 distinct shop prefixes, none of a derived shape', () => {
    const all = Array.from({ length: SHOP_PREFIX_COUNT }, (_, i) => shopEnvelopePrefixForIndex(i));
    expect(SHOP_PREFIX_COUNT).toBe(15_488);
    expect(new Set(all).size).toBe(SHOP_PREFIX_COUNT);
    for (const prefix of all) {
      expect(prefix).toMatch(SHOP_PREFIX_PATTERN);
      expect(prefix).toMatch(ENVELOPE_PREFIX_PATTERN);
      expect(prefix).not.toMatch(DERIVED_PREFIX_PATTERN);
    }
    // Tablets paired one after the other differ in the character read first.
    expect(all.slice(0, 3)).toEqual(['A0A', 'B0A', 'C0A']);
    expect(all[22]).toBe('A1A');
    expect(all.at(-1)).toBe('ZZZ');
  });

  it.each([-1, 15_488, 0.5])('shopEnvelopePrefixForIndex(%d) throws', (index) => {
    expect(() => shopEnvelopePrefixForIndex(index)).toThrow(
      `A shop envelope prefix index runs from 0 to 15487 (got ${String(index)}).`,
    );
  });

  it('no derived prefix, of any device id, is ever a shop prefix (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (deviceId) => {
        expect(seriesPrefixFromDeviceId(deviceId)).not.toMatch(SHOP_PREFIX_PATTERN);
      }),
    );
  });

  it('a number from a shop series never has the key of one from a derived series (property)', () => {
    fc.assert(
      fc.property(shopPrefixArb, derivedPrefixArb, seqArb, seqArb, (shop, derived, a, b) => {
        expect(envelopeKey(formatEnvelopeNumber(shop, a))).not.toBe(
          envelopeKey(formatEnvelopeNumber(derived, b)),
        );
      }),
    );
  });

  it('freeShopPrefix never picks one already given, down to the very last', () => {
    // A seeded stand-in for crypto's randomInt (mulberry32), so a failure replays.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
    };
    // A shop's first thousand tablets: drawn at random, never one given before.
    const taken = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const prefix = freeShopPrefix(taken, random);
      expect(taken.has(prefix)).toBe(false);
      taken.add(prefix);
    }
    // All but three given: the last three are found, then there are none.
    const all = Array.from({ length: SHOP_PREFIX_COUNT }, (_, i) => shopEnvelopePrefixForIndex(i));
    const nearlyFull = new Set(all.filter((p) => !['B0A', 'K7M', 'ZZZ'].includes(p)));
    const last: string[] = [];
    for (let i = 0; i < 3; i++) {
      const prefix = freeShopPrefix(nearlyFull, random);
      last.push(prefix);
      nearlyFull.add(prefix);
    }
    expect(last.sort()).toEqual(['B0A', 'K7M', 'ZZZ']);
    expect(() => freeShopPrefix(nearlyFull, random)).toThrow(
      'All 15488 envelope series of this shop are given: no tablet can be paired.',
    );
  });
});

describe('formatEnvelopeNumber', () => {
  it.each([
    ['K7', 42, 'K7-0042'],
    ['K7', 1, 'K7-0001'],
    ['A0', 9999, 'A0-9999'],
    ['A0', 12345, 'A0-12345'],
    ['ZZ', Number.MAX_SAFE_INTEGER, 'ZZ-9007199254740991'],
  ])('(%s, %d) → %s', (prefix, seq, expected) => {
    expect(formatEnvelopeNumber(prefix, seq)).toBe(expected);
  });

  it.each(['k7', '7K', 'KO', 'K', 'K7-', 'K77', 'K7MM', ''])('refuses prefix %j', (prefix) => {
    expect(() => formatEnvelopeNumber(prefix, 1)).toThrow(
      `An envelope prefix is a capital letter and a letter or digit, and from the shop server a third capital letter, without I, L, O or U (got ${JSON.stringify(prefix)}).`,
    );
  });

  it('numbers a shop series the same way', () => {
    expect(formatEnvelopeNumber('K7M', 42)).toBe('K7M-0042');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'refuses sequence %d',
    (seq) => {
      expect(() => formatEnvelopeNumber('K7', seq)).toThrow(
        `An envelope sequence number is a whole number from 1 (got ${String(seq)}).`,
      );
    },
  );
});

describe('parseEnvelopeNumber', () => {
  it.each([
    ['K7-0042', { prefix: 'K7', seq: 42 }],
    ['k7-42', { prefix: 'K7', seq: 42 }],
    ['K7 0042', { prefix: 'K7', seq: 42 }],
    ['K70042', { prefix: 'K7', seq: 42 }],
    ['  k 7 - 0042 ', { prefix: 'K7', seq: 42 }],
    ['K7--0042', { prefix: 'K7', seq: 42 }],
    ['K7-12345', { prefix: 'K7', seq: 12345 }],
    ['A0-00001', { prefix: 'A0', seq: 1 }],
    ['ZZ-9007199254740991', { prefix: 'ZZ', seq: Number.MAX_SAFE_INTEGER }],
    ['K7M-0042', { prefix: 'K7M', seq: 42 }],
    ['k7m42', { prefix: 'K7M', seq: 42 }],
    [' k 7 m - 0042', { prefix: 'K7M', seq: 42 }],
    ['A0A-0001', { prefix: 'A0A', seq: 1 }],
  ])('%j → %j', (text, expected) => {
    expect(parseEnvelopeNumber(text)).toEqual(expected);
  });

  it.each([
    '',
    'K7',
    'K7-',
    'K7-0000', // there is no envelope 0
    '7K-0042', // prefixes start with a letter
    'KO-0042', // no O in prefixes, and O is not read as 0
    'K7-00A2',
    'K7-0042X',
    'K7/0042',
    'K7.0042',
    '12345',
    'K7-9999999999999999', // 16 digits: past exact integers
    'K7MA-0042', // a prefix has at most three characters
    'K7M-',
    'K7M-0000',
  ])('%j is not an app envelope number', (text) => {
    expect(parseEnvelopeNumber(text)).toBeNull();
  });

  it('reads back every formatted number, however it is typed (property)', () => {
    fc.assert(
      fc.property(prefixArb, seqArb, noiseArb, (prefix, seq, noise) => {
        const formatted = formatEnvelopeNumber(prefix, seq);
        expect(parseEnvelopeNumber(formatted)).toEqual({ prefix, seq });
        expect(parseEnvelopeNumber(messUp(formatted, noise))).toEqual({ prefix, seq });
      }),
    );
  });
});

describe('envelopeKey', () => {
  it.each([
    ['K7-0042', 'K70042'],
    ['k7 - 0042', 'K70042'],
    ['K7-42', 'K70042'],
    ['k70042', 'K70042'],
    [' K7 00 42\n', 'K70042'],
    ['K7-012345', 'K712345'],
    // Pre-printed codes: only case, spaces and dashes are dropped.
    [' 004217 ', '004217'],
    ['00-42 17', '004217'],
    ['ab 12-34', 'AB1234'],
    ['RP/2026.17', 'RP/2026.17'],
    ['K7-0000', 'K70000'],
    ['', ''],
  ])('%j → %j', (text, key) => {
    expect(envelopeKey(text)).toBe(key);
  });

  it('gives an app number typed any way the same key as its formatted form (property)', () => {
    fc.assert(
      fc.property(prefixArb, seqArb, noiseArb, (prefix, seq, noise) => {
        const formatted = formatEnvelopeNumber(prefix, seq);
        expect(envelopeKey(messUp(formatted, noise))).toBe(envelopeKey(formatted));
        expect(envelopeKey(`${prefix}-${String(seq)}`)).toBe(envelopeKey(formatted));
      }),
    );
  });

  it('ignores case, spaces and dashes for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: typedCharArb }), noiseArb, (text, noise) => {
        expect(envelopeKey(messUp(text, noise))).toBe(envelopeKey(text));
      }),
    );
  });

  it('two tablets with different prefixes never make numbers with the same key (property)', () => {
    fc.assert(
      fc.property(prefixArb, prefixArb, seqArb, seqArb, (prefixA, prefixB, seqA, seqB) => {
        fc.pre(prefixA !== prefixB);
        const a = formatEnvelopeNumber(prefixA, seqA);
        const b = formatEnvelopeNumber(prefixB, seqB);
        expect(a).not.toBe(b);
        expect(envelopeKey(a)).not.toBe(envelopeKey(b));
      }),
    );
  });

  it('one tablet never makes the same key twice (property)', () => {
    fc.assert(
      fc.property(prefixArb, seqArb, seqArb, (prefix, seqA, seqB) => {
        fc.pre(seqA !== seqB);
        expect(envelopeKey(formatEnvelopeNumber(prefix, seqA))).not.toBe(
          envelopeKey(formatEnvelopeNumber(prefix, seqB)),
        );
      }),
    );
  });
});

describe('checkPreprintedCode', () => {
  it.each([
    ['004217', '004217'],
    ['  00 4217 ', '00 4217'],
    ['00   42\t17', '00 42 17'],
    ['ab-12/3.4', 'AB-12/3.4'],
    ['A12', 'A12'],
    ['x'.repeat(32), 'X'.repeat(32)],
  ])('accepts %j as %j', (text, code) => {
    expect(checkPreprintedCode(text)).toEqual({ ok: true, code });
  });

  it.each([
    ['', 'Scan or type the code printed on the envelope.'],
    ['   \t ', 'Scan or type the code printed on the envelope.'],
    ['A1', 'An envelope code has at least 3 characters (this one has 2).'],
    [' A1 ', 'An envelope code has at least 3 characters (this one has 2).'],
    ['1'.repeat(40), 'An envelope code has at most 32 characters (this one has 40).'],
    ['X'.repeat(33), 'An envelope code has at most 32 characters (this one has 33).'],
    ['#4217', 'An envelope code may only have letters, digits, spaces and - / . (found "#").'],
    ['42_17', 'An envelope code may only have letters, digits, spaces and - / . (found "_").'],
    ['straße 12', 'An envelope code may only have letters, digits, spaces and - / . (found "ß").'],
    ['café', 'An envelope code may only have letters, digits, spaces and - / . (found "é").'],
    ['42💍17', 'An envelope code may only have letters, digits, spaces and - / . (found "💍").'],
    [
      '\u001d0104217',
      'An envelope code may only have letters, digits, spaces and - / . (found U+001D).',
    ],
    ['---', 'An envelope code needs at least one letter or digit.'],
    ['. /', 'An envelope code needs at least one letter or digit.'],
  ])('refuses %j: %s', (text, message) => {
    expect(checkPreprintedCode(text)).toEqual({ ok: false, message });
  });

  it('a code it accepts keeps its key however it is typed again (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: typedCharArb, minLength: 3, maxLength: 32 }),
        noiseArb,
        (text, noise) => {
          const checked = checkPreprintedCode(text);
          if (!checked.ok) return;
          expect(envelopeKey(messUp(checked.code, noise))).toBe(envelopeKey(text));
        },
      ),
    );
  });
});
