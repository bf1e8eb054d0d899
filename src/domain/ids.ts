// Ids made on the device with no server to ask: ULIDs for events and jobs, random hex for devices.

/**
 * Crockford base32: no I, L, O or U, so an id read aloud or copied by hand is not misread.
 * Exported so that envelope numbers (envelopes.ts) use the very same alphabet.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * 26 characters: 10 for the 48-bit time, 16 for 80 random bits. 10 characters carry 50 bits, so
 * the first one can only be 0-7. Upper case only: ids are compared as plain strings (idempotency
 * keys, tie-breaks in the fold), so 'abc…' and 'ABC…' must not both be accepted as the same id.
 */
export const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** 8 random bytes as lowercase hex. */
export const DEVICE_ID_PATTERN = /^[0-9a-f]{16}$/;

const ULID_TIME_CHARS = 10;
const ULID_RANDOM_BYTES = 10;
const MAX_ULID_TIME_MS = 2 ** 48 - 1;

function webRandom(bytes: Uint8Array): void {
  // Web Crypto exists in every browser we support and in Node ≥ 19 as a global, so this module
  // runs unchanged in the app, the server and the tests.
  globalThis.crypto.getRandomValues(bytes);
}

/**
 * A new ULID. The time part makes ids made later sort later (handy for lists and for debugging a
 * sync log); the 80 random bits make two tablets, offline and in the same millisecond, still
 * produce different ids. Ids made in the same millisecond are not ordered among themselves: the
 * order that matters is the clock stamp (clock.ts), the id only breaks ties.
 */
export function newUlid(
  nowMs: number = Date.now(),
  random: (bytes: Uint8Array) => void = webRandom,
): string {
  if (!Number.isInteger(nowMs) || nowMs < 0 || nowMs > MAX_ULID_TIME_MS) {
    throw new Error(
      `A ULID needs a time in whole milliseconds from 0 to ${MAX_ULID_TIME_MS} (got ${String(nowMs)}).`,
    );
  }
  let time = '';
  let rest = nowMs;
  for (let i = 0; i < ULID_TIME_CHARS; i++) {
    time = alphabetAt(rest % 32) + time;
    rest = Math.floor(rest / 32);
  }

  const bytes = new Uint8Array(ULID_RANDOM_BYTES);
  random(bytes);
  // 80 bits are exactly 16 groups of 5: read them most significant first.
  let randomPart = '';
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      randomPart += alphabetAt((acc >> bits) & 31);
    }
    acc &= (1 << bits) - 1;
  }
  return time + randomPart;
}

/** The millisecond a ULID was made at. */
export function ulidTimeMs(id: string): number {
  if (!ULID_PATTERN.test(id)) {
    throw new Error(
      `Not a ULID: ${quote(id)} (expected 26 characters of 0-9 and A-Z without I, L, O, U, starting with 0-7).`,
    );
  }
  let ms = 0;
  for (let i = 0; i < ULID_TIME_CHARS; i++) {
    ms = ms * 32 + CROCKFORD_ALPHABET.indexOf(id.charAt(i));
  }
  return ms;
}

export const newEventId = (): string => newUlid();
export const newJobId = (): string => newUlid();

/**
 * A tablet's id, made once on first start and kept in `meta`. 64 random bits: the chance that two
 * of a shop's devices ever draw the same one is negligible, and it is short enough to sit at the
 * end of every clock stamp.
 */
export function newDeviceId(): string {
  const bytes = new Uint8Array(8);
  webRandom(bytes);
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

function alphabetAt(index: number): string {
  return CROCKFORD_ALPHABET.charAt(index);
}

/** Quotes input for an error message without letting a pasted megabyte flood it. */
function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
