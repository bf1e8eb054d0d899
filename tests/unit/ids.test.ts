// ULIDs and device ids: shape, time round-trip, order by time, uniqueness and clear errors.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CROCKFORD_ALPHABET,
  DEVICE_ID_PATTERN,
  newDeviceId,
  newEventId,
  newJobId,
  newUlid,
  ULID_PATTERN,
  ulidTimeMs,
} from '../../src/domain/ids';

const MAX_TIME = 2 ** 48 - 1;
const fill =
  (value: number) =>
  (bytes: Uint8Array): void => {
    bytes.fill(value);
  };
const fromBytes =
  (source: Uint8Array) =>
  (bytes: Uint8Array): void => {
    bytes.set(source);
  };

/** Reads the 16 random characters back into 10 bytes, to check no bit is lost or moved. */
function randomBytesOf(id: string): number[] {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  for (const char of id.slice(10)) {
    acc = (acc << 5) | CROCKFORD_ALPHABET.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
      acc &= (1 << bits) - 1;
    }
  }
  return out;
}

describe('ULID_PATTERN', () => {
  it.each([
    ['01ARYZ6S41TSV4RRFFQ69G5FAV', true],
    ['00000000000000000000000000', true],
    ['7ZZZZZZZZZZZZZZZZZZZZZZZZZ', true],
    ['8ZZZZZZZZZZZZZZZZZZZZZZZZZ', false], // past 2^48 - 1 ms
    ['01arYZ6S41TSV4RRFFQ69G5FAV', false], // lower case
    ['01ARYZ6S41TSV4RRFFQ69G5FAI', false], // I
    ['01ARYZ6S41TSV4RRFFQ69G5FAL', false], // L
    ['01ARYZ6S41TSV4RRFFQ69G5FAO', false], // O
    ['01ARYZ6S41TSV4RRFFQ69G5FAU', false], // U
    ['01ARYZ6S41TSV4RRFFQ69G5FA', false], // 25 characters
    ['01ARYZ6S41TSV4RRFFQ69G5FAVV', false], // 27 characters
    ['01ARYZ6S41TSV4RRFFQ69G5FA-', false],
    ['', false],
  ])('%s → %s', (id, valid) => {
    expect(ULID_PATTERN.test(id)).toBe(valid);
  });
});

describe('newUlid', () => {
  it.each([
    [0, 0x00, '00000000000000000000000000'],
    [1469918176385, 0x00, '01ARYZ6S410000000000000000'], // the time from the ULID spec's example
    [MAX_TIME, 0xff, '7ZZZZZZZZZZZZZZZZZZZZZZZZZ'],
    [Date.parse('2026-11-23T09:15:00.000Z'), 0x00, '01M83TZVH00000000000000000'], // checked against a separate encoder,
  ])('time %d with every random byte %d → %s', (ms, byte, expected) => {
    expect(newUlid(ms, fill(byte))).toBe(expected);
  });

  it('encodes the random bytes most significant bit first', () => {
    // 0x84 = 10000 100..: the first character is 16 = G.
    const bytes = Uint8Array.from([0x84, 0x21, 0x08, 0x42, 0x10, 0x84, 0x21, 0x08, 0x42, 0x10]);
    expect(newUlid(0, fromBytes(bytes))).toBe('0000000000GGGGGGGGGGGGGGGG');
  });

  it('keeps all 80 random bits (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        fc.integer({ min: 0, max: MAX_TIME }),
        (random, ms) => {
          const id = newUlid(ms, fromBytes(random));
          expect(id).toMatch(ULID_PATTERN);
          expect(randomBytesOf(id)).toEqual([...random]);
        },
      ),
    );
  });

  it('round-trips its time (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_TIME }), (ms) => {
        expect(ulidTimeMs(newUlid(ms))).toBe(ms);
      }),
    );
  });

  it('sorts ids by time as plain strings, whatever the random part (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_TIME - 1 }),
        fc.integer({ min: 1, max: MAX_TIME }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        (earlier, gap, randomA, randomB) => {
          const later = Math.min(MAX_TIME, earlier + gap);
          expect(newUlid(earlier, fromBytes(randomA)) < newUlid(later, fromBytes(randomB))).toBe(
            true,
          );
        },
      ),
    );
  });

  it('uses the current time by default', () => {
    const before = Date.now();
    const id = newUlid();
    const after = Date.now();
    expect(ulidTimeMs(id)).toBeGreaterThanOrEqual(before);
    expect(ulidTimeMs(id)).toBeLessThanOrEqual(after);
  });

  it('makes 10,000 different ids in the same millisecond', () => {
    const ms = Date.parse('2026-11-23T09:15:00.000Z');
    const ids = new Set(Array.from({ length: 10_000 }, () => newUlid(ms)));
    expect(ids.size).toBe(10_000);
    for (const id of ids) expect(id).toMatch(ULID_PATTERN);
  });

  it('takes its randomness from the source it is given', () => {
    let calls = 0;
    const source = (bytes: Uint8Array): void => {
      calls++;
      expect(bytes.length).toBe(10);
      bytes.fill(0x42);
    };
    expect(newUlid(5, source)).toBe(newUlid(5, fill(0x42)));
    expect(calls).toBe(1);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_TIME + 1])(
    'refuses time %d',
    (ms) => {
      expect(() => newUlid(ms)).toThrow(
        `A ULID needs a time in whole milliseconds from 0 to ${MAX_TIME} (got ${String(ms)}).`,
      );
    },
  );
});

describe('ulidTimeMs', () => {
  it('reads the time from the ULID spec example', () => {
    expect(ulidTimeMs('01ARYZ6S41TSV4RRFFQ69G5FAV')).toBe(1469918176385);
  });

  it.each([
    '',
    'nope',
    '01arYZ6S41TSV4RRFFQ69G5FAV',
    '8ZZZZZZZZZZZZZZZZZZZZZZZZZ',
    '01ARYZ6S41TSV4RRFFQ69G5FAO',
    ' 01ARYZ6S41TSV4RRFFQ69G5FAV',
  ])('refuses %j with a message naming it', (id) => {
    expect(() => ulidTimeMs(id)).toThrow(
      `Not a ULID: ${JSON.stringify(id)} (expected 26 characters of 0-9 and A-Z without I, L, O, U, starting with 0-7).`,
    );
  });

  it('shortens a long input in the message', () => {
    expect(() => ulidTimeMs('x'.repeat(1000))).toThrow(`Not a ULID: "${'x'.repeat(60)}…"`);
  });
});

describe('newEventId and newJobId', () => {
  it('make distinct ULIDs of the current time', () => {
    const before = Date.now();
    const ids = [newEventId(), newEventId(), newJobId(), newJobId()];
    for (const id of ids) {
      expect(id).toMatch(ULID_PATTERN);
      expect(ulidTimeMs(id)).toBeGreaterThanOrEqual(before);
    }
    expect(new Set(ids).size).toBe(4);
  });
});

describe('device ids', () => {
  it.each([
    ['3fa9c2d1e07b4c55', true],
    ['0000000000000000', true],
    ['3FA9C2D1E07B4C55', false],
    ['3fa9c2d1e07b4c5', false],
    ['3fa9c2d1e07b4c550', false],
    ['3fa9c2d1e07b4c5g', false],
  ])('DEVICE_ID_PATTERN %s → %s', (id, valid) => {
    expect(DEVICE_ID_PATTERN.test(id)).toBe(valid);
  });

  it('newDeviceId makes 16 lowercase hex digits, different every time', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newDeviceId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(DEVICE_ID_PATTERN);
  });
});
