// The wedge detector against synthetic key timings: scanners are captured, people never are.
import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeKey, type WedgeOptions } from '../../src/scan/wedge';

/** Keys of `text`, `gapMs` apart from `start`, then `end` after `endGapMs`. */
function burst(
  text: string,
  gapMs: number,
  end = 'Enter',
  endGapMs = gapMs,
  start = 1000,
): WedgeKey[] {
  const keys = Array.from(text).map((key, i) => ({ key, at: start + i * gapMs }));
  const last = keys.at(-1)?.at ?? start;
  return [...keys, { key: end, at: last + endGapMs }];
}

/** Feeds the keys; returns what was scanned and how many keys were kept from the page. */
function run(keys: WedgeKey[], options: Partial<WedgeOptions> = {}) {
  const detector = new WedgeDetector(options);
  const scans: string[] = [];
  let swallowed = 0;
  for (const k of keys) {
    const verdict = detector.handle(k);
    if (verdict.action === 'scan') scans.push(verdict.text);
    if (verdict.action !== 'pass') swallowed++;
  }
  return { scans, swallowed };
}

const URL = 'https://loupe.local/j/01JC8ZRV6W3Q9T5M2N4P7X0ABC';

describe('WedgeDetector', () => {
  const rows: [string, WedgeKey[], Partial<WedgeOptions>, string[]][] = [
    ['a scanner at 5 ms a key, Enter', burst(URL, 5), {}, [URL]],
    ['a scanner at 35 ms a key (the limit)', burst('K7-0042', 35), {}, ['K7-0042']],
    ['a scanner set to end with Tab', burst('00012345', 8, 'Tab'), {}, ['00012345']],
    ['four characters, the shortest scan', burst('ABCD', 5), {}, ['ABCD']],
    ['three characters are too few', burst('ABC', 5), {}, []],
    ['a person at 120 ms a key', burst('K7-0042', 120), {}, []],
    ['a person at 40 ms a key, just too slow', burst('K7-0042', 40), {}, []],
    ['a burst whose Enter comes late', burst('K7-0042', 5, 'Enter', 400), {}, []],
    ['a short burst whose Enter comes a little late', burst('K7-', 5, 'Enter', 40), {}, []],
    ['a burst with no Enter', burst('K7-0042', 5, 'Escape'), {}, []],
    ['a slower scanner with a wider gap set', burst('K7-0042', 50), { maxGapMs: 60 }, ['K7-0042']],
    ['a longer minimum', burst('ABCDE', 5), { minLength: 6 }, []],
    [
      'Shift between characters (capitals) neither adds nor breaks',
      [
        { key: 'Shift', at: 0 },
        { key: 'K', at: 2 },
        { key: '7', at: 6 },
        { key: 'Shift', at: 8 },
        { key: 'A', at: 10 },
        { key: 'B', at: 14 },
        { key: 'Enter', at: 18 },
      ],
      {},
      ['K7AB'],
    ],
    [
      'two scans in a row',
      [...burst('K7-0042', 5, 'Enter', 5, 0), ...burst('K7-0043', 5, 'Enter', 5, 500)],
      {},
      ['K7-0042', 'K7-0043'],
    ],
    [
      'a person pauses, then a scan starts: only the scan is taken',
      [{ key: 'x', at: 0 }, { key: 'y', at: 300 }, ...burst('K7-0042', 5, 'Enter', 5, 600)],
      {},
      ['K7-0042'],
    ],
    [
      'a scan aimed at a text field is left to the field',
      burst('K7-0042', 5).map((k) => ({ ...k, inTextField: true })),
      {},
      [],
    ],
    [
      'focus moves into a field mid-burst: broken off',
      burst('K7-0042', 5).map((k, i) => (i === 3 ? { ...k, inTextField: true } : k)),
      {},
      [],
    ],
    [
      'Ctrl held (a shortcut) breaks a burst',
      burst('K7-0042', 5).map((k, i) => (i === 4 ? { ...k, modified: true } : k)),
      {},
      [],
    ],
    [
      'a held key repeating fast is a person',
      [
        ...Array.from({ length: 8 }, (_, i) => ({ key: 'a', at: i * 30, repeat: i > 0 })),
        { key: 'Enter', at: 250 },
      ],
      {},
      [],
    ],
    [
      'a stutter once the burst is a scanner beyond doubt (Bluetooth, a busy tablet)',
      [
        ...burst('https://loupe.', 5, 'x', 5, 0).slice(0, -1),
        ...burst('local/j/1', 5, 'Enter', 5, 250),
      ],
      {},
      ['https://loupe.local/j/1'],
    ],
    [
      'a stutter longer than allowed breaks it',
      [
        ...burst('https://loupe.', 5, 'x', 5, 0).slice(0, -1),
        ...burst('local/j/1', 5, 'Enter', 5, 500),
      ],
      {},
      ['local/j/1'],
    ],
    [
      'no stutter is allowed before the burst is established',
      [...burst('K7-', 5, 'x', 5, 0).slice(0, -1), ...burst('0042', 5, 'Enter', 5, 100)],
      {},
      ['0042'],
    ],
    [
      'a person pausing after three fast keys is still a person',
      [
        ...burst('abc', 20, 'x', 5, 0).slice(0, -1),
        { key: 'd', at: 200 },
        { key: 'Enter', at: 300 },
      ],
      {},
      [],
    ],
    [
      'Backspace breaks a burst',
      [...burst('K7-0', 5, 'Backspace'), ...burst('042', 5, 'Enter', 5, 1025)],
      {},
      [],
    ],
  ];

  it.each(rows)('%s', (_what, keys, options, expected) => {
    expect(run(keys, options).scans).toEqual(expected);
  });

  it('lets the first key through and keeps the rest of a burst, Enter included, from the page', () => {
    expect(run(burst('K7-0042', 5))).toEqual({ scans: ['K7-0042'], swallowed: 7 });
  });

  it('never keeps a key from a person typing normally', () => {
    expect(run(burst('hello there', 110)).swallowed).toBe(0);
  });

  it('refuses options that could never match', () => {
    expect(() => new WedgeDetector({ maxGapMs: 0 })).toThrow(/positive gap/);
    expect(() => new WedgeDetector({ minLength: 0 })).toThrow(/minimum length/);
    expect(() => new WedgeDetector({ maxGapMs: 50, stutterMs: 40 })).toThrow(/stutter/);
  });
});
