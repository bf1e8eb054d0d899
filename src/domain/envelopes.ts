// Envelope numbers: unique across tablets that open jobs offline, and found again however typed or scanned.
//
// A job's envelope number is `${prefix}-${seq}`, e.g. K7-0042 or K7M-0042: the prefix names the
// tablet's series, the sequence counts up on that tablet alone. No tablet needs to ask another for
// a number, and two tablets with different prefixes can never make the same one.
//
// Where prefixes come from. Two shapes that can never be equal:
// - A paired tablet's prefix is given by the shop server when it pairs (`POST /api/v1/pair`, or
//   `POST /api/v1/envelope-prefix` for a tablet paired before servers gave them): three characters,
//   letter, letter or digit, letter (`K7M`; `shopEnvelopePrefixForIndex`, 15,488 of them). The
//   server keeps them unique in the shop (a UNIQUE index), so paired tablets never clash.
// - An unpaired tablet derives a two-character prefix from its device id (`K7`,
//   `seriesPrefixFromDeviceId`). That is the shape every tablet used before servers gave prefixes,
//   and tablets paired back then have already numbered envelopes with it: a server prefix is
//   never two characters, so no number a server's series makes can be one such a tablet made.
//   Two unpaired tablets still share a derived prefix with chance 1 in 704; lookups go by key
//   and return every job with that key, so a clash shows two jobs to choose from, never hides one.
// Why not change the derived shape instead: numbers already given under it stay on envelopes in
// the shop, so the one shape free to give out uniquely is a new one.
//
// A tablet's sequence never starts again: a tablet that is given a prefix keeps counting from where
// it was (K7-0041, then K7M-0042), so even a prefix it had before (paired again with a server
// restored from a backup) can never repeat a number it gave. Numbers already given stay as they are.
//
// The two shapes read apart without a separator: a shop prefix's third character is a letter, and
// a derived prefix is followed by digits only.
//
// Pre-printed envelopes: a shop may buy envelopes with their own printed code (often a Code 128
// barcode). Binding one to a job uses the printed code itself as the envelope number
// (`checkPreprintedCode`), and it is looked up by the same `envelopeKey`.

import { CROCKFORD_ALPHABET } from './ids';

/**
 * A derived (unpaired tablet's) prefix: two Crockford base32 characters, the first a letter:
 * 22 × 32 = 704 series. The letter keeps app numbers apart from the all-digit codes most
 * pre-printed envelopes carry, and Crockford's alphabet has no I, L, O or U to misread on a
 * handwritten envelope.
 */
export const DERIVED_PREFIX_PATTERN = /^[A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z]$/;

/** A prefix the shop server gave: a derived prefix's two characters and a third, a letter. */
export const SHOP_PREFIX_PATTERN = /^[A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z][A-HJKMNP-TV-Z]$/;

/** Any prefix an app envelope number may have: derived or given by the shop server. */
export const ENVELOPE_PREFIX_PATTERN = /^[A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z][A-HJKMNP-TV-Z]?$/;

const PREFIX_LETTERS = CROCKFORD_ALPHABET.slice(10);
const PREFIX_SECOND_CHARS = CROCKFORD_ALPHABET;
export const ENVELOPE_PREFIX_COUNT = PREFIX_LETTERS.length * PREFIX_SECOND_CHARS.length;
/** 22 × 32 × 22 = 15,488 series the shop server can give: more tablets than a shop will pair. */
export const SHOP_PREFIX_COUNT = ENVELOPE_PREFIX_COUNT * PREFIX_LETTERS.length;

/** Digits a sequence is padded to, so numbers line up on labels and in lists. */
const SEQ_MIN_DIGITS = 4;

export const PREPRINTED_CODE_MIN_LENGTH = 3;
export const PREPRINTED_CODE_MAX_LENGTH = 32;

/** The derived prefix numbered `index` (0 to 703). */
export function envelopePrefixForIndex(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= ENVELOPE_PREFIX_COUNT) {
    throw new Error(
      `An envelope prefix index runs from 0 to ${ENVELOPE_PREFIX_COUNT - 1} (got ${String(index)}).`,
    );
  }
  const first = PREFIX_LETTERS.charAt(Math.floor(index / PREFIX_SECOND_CHARS.length));
  return first + PREFIX_SECOND_CHARS.charAt(index % PREFIX_SECOND_CHARS.length);
}

/**
 * The shop prefix numbered `index` (0 to 15,487). Consecutive indexes differ in the first
 * character, the one read first: A0A, B0A, C0A… then A1A.
 */
export function shopEnvelopePrefixForIndex(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= SHOP_PREFIX_COUNT) {
    throw new Error(
      `A shop envelope prefix index runs from 0 to ${SHOP_PREFIX_COUNT - 1} (got ${String(index)}).`,
    );
  }
  const first = PREFIX_LETTERS.charAt(index % PREFIX_LETTERS.length);
  const rest = Math.floor(index / PREFIX_LETTERS.length);
  const second = PREFIX_SECOND_CHARS.charAt(rest % PREFIX_SECOND_CHARS.length);
  const third = PREFIX_LETTERS.charAt(Math.floor(rest / PREFIX_SECOND_CHARS.length));
  return first + second + third;
}

/**
 * A shop prefix not in `taken`, at random: after a server is restored from an older backup, the
 * tablets paired since are forgotten, and handing out prefixes in order would give the next
 * tablet exactly the prefix one of them already numbers with; at random that is 1 in 15,000.
 * `randomIndex(n)` is a whole number from 0 to n − 1 (crypto's randomInt on the server).
 */
export function freeShopPrefix(
  taken: ReadonlySet<string>,
  randomIndex: (n: number) => number,
): string {
  if (taken.size < SHOP_PREFIX_COUNT / 2) {
    for (;;) {
      const prefix = shopEnvelopePrefixForIndex(randomIndex(SHOP_PREFIX_COUNT));
      if (!taken.has(prefix)) return prefix;
    }
  }
  // Half the series are given: pick among the free ones rather than retry ever longer.
  const free: string[] = [];
  for (let i = 0; i < SHOP_PREFIX_COUNT; i++) {
    const prefix = shopEnvelopePrefixForIndex(i);
    if (!taken.has(prefix)) free.push(prefix);
  }
  const pick = free.length > 0 ? free[randomIndex(free.length)] : undefined;
  if (pick === undefined) {
    throw new Error(
      `All ${SHOP_PREFIX_COUNT} envelope series of this shop are given: no tablet can be paired. ` +
        'Unpairing does not free a series (its numbers stay on envelopes).',
    );
  }
  return pick;
}

/**
 * The prefix an unpaired tablet uses, derived from its device id so that it is stable across
 * reloads without storing anything. FNV-1a spreads any id string evenly over the 704 prefixes.
 */
export function seriesPrefixFromDeviceId(deviceId: string): string {
  if (deviceId === '') throw new Error('A series prefix needs a device id.');
  let hash = 0x811c9dc5;
  for (let i = 0; i < deviceId.length; i++) {
    hash ^= deviceId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return envelopePrefixForIndex(hash % ENVELOPE_PREFIX_COUNT);
}

export function formatEnvelopeNumber(prefix: string, seq: number): string {
  if (!ENVELOPE_PREFIX_PATTERN.test(prefix)) {
    throw new Error(
      `An envelope prefix is a capital letter and a letter or digit, and from the shop server a third capital letter, without I, L, O or U (got ${JSON.stringify(prefix)}).`,
    );
  }
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new Error(`An envelope sequence number is a whole number from 1 (got ${String(seq)}).`);
  }
  return `${prefix}-${String(seq).padStart(SEQ_MIN_DIGITS, '0')}`;
}

/**
 * Reads an app envelope number however it was typed: case, spaces and dashes are ignored, the
 * prefix is the first two characters, or three when the third is a letter (a shop prefix), and the
 * rest must be digits ('k7-42', 'K7 0042', 'K70042' and 'k 7 - 0042' all give K7 and 42;
 * 'k7m42' gives K7M and 42). No separator is needed because a derived prefix is always followed
 * by a digit and a shop prefix always ends in a letter. Returns null for anything else (including
 * sequence 0), which may still be a pre-printed code. Lookalikes are not corrected (O is not read
 * as 0): a pre-printed code may legitimately contain them.
 */
export function parseEnvelopeNumber(text: string): { prefix: string; seq: number } | null {
  const compact = compactForm(text);
  const length = SHOP_PREFIX_PATTERN.test(compact.slice(0, 3)) ? 3 : 2;
  const prefix = compact.slice(0, length);
  const digits = compact.slice(length);
  if (!ENVELOPE_PREFIX_PATTERN.test(prefix)) return null;
  if (!/^\d+$/.test(digits)) return null;
  const significant = digits.replace(/^0+/, '');
  // The length check keeps a pasted wall of digits from becoming a huge inexact number.
  if (significant === '' || significant.length > 16) return null;
  const seq = Number(significant);
  return Number.isSafeInteger(seq) ? { prefix, seq } : null;
}

/**
 * The form an envelope is stored and looked up by, whatever the person typed or scanned: trimmed,
 * upper case, without spaces and dashes. App numbers are re-padded, so 'k7 - 42' finds K7-0042.
 * The key depends only on the characters other than spaces and dashes, so two inputs that differ
 * only in those (or in case) always find the same envelope.
 */
export function envelopeKey(text: string): string {
  const parsed = parseEnvelopeNumber(text);
  if (parsed !== null) return parsed.prefix + String(parsed.seq).padStart(SEQ_MIN_DIGITS, '0');
  return compactForm(text);
}

export type PreprintedCodeCheck = { ok: true; code: string } | { ok: false; message: string };

/**
 * Checks a code read off a pre-printed envelope. The code kept is trimmed, in upper case (codes
 * are printed in capitals; lookups ignore case anyway) and with runs of spaces made single.
 * Only ASCII is allowed: Code 128 carries nothing else, and a typed accent is a typo here.
 */
export function checkPreprintedCode(text: string): PreprintedCodeCheck {
  const typed = text.trim().replace(/\s+/g, ' ');
  if (typed === '') return { ok: false, message: 'Scan or type the code printed on the envelope.' };
  // Checked before upper-casing, so the message shows the character as typed ('ß' would become 'SS').
  const bad = /[^A-Za-z0-9 ./-]/u.exec(typed);
  if (bad !== null) {
    return {
      ok: false,
      message: `An envelope code may only have letters, digits, spaces and - / . (found ${showChar(bad[0])}).`,
    };
  }
  const code = typed.toUpperCase();
  if (!/[A-Z0-9]/.test(code)) {
    return { ok: false, message: 'An envelope code needs at least one letter or digit.' };
  }
  if (code.length < PREPRINTED_CODE_MIN_LENGTH) {
    return {
      ok: false,
      message: `An envelope code has at least ${PREPRINTED_CODE_MIN_LENGTH} characters (this one has ${code.length}).`,
    };
  }
  if (code.length > PREPRINTED_CODE_MAX_LENGTH) {
    return {
      ok: false,
      message: `An envelope code has at most ${PREPRINTED_CODE_MAX_LENGTH} characters (this one has ${code.length}).`,
    };
  }
  return { ok: true, code };
}

function compactForm(text: string): string {
  return text.toUpperCase().replace(/[\s-]+/g, '');
}

/** A character for a message: quoted if it can be seen, its code point if not (a scanner's GS). */
function showChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `"${char}"`;
}
