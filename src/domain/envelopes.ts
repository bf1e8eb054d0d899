// Envelope numbers: unique across tablets that open jobs offline, and found again however typed or scanned.
//
// A job's envelope number is `${prefix}-${seq}`, e.g. K7-0042: the prefix names the tablet's
// series, the sequence counts up on that tablet alone. No tablet needs to ask another for a
// number, and two tablets with different prefixes can never make the same one.
//
// Where prefixes come from: the server hands out distinct ones when a tablet pairs
// (`envelopePrefixForIndex`, in pairing order). Before pairing a tablet derives one from its
// device id. Two unpaired tablets then share a prefix with chance 1 in 704 (about 0.14 %; for n
// unpaired tablets about n(n-1)/1408, so 1.4 % for five), and even then they only clash on a
// number both of them reach. Lookups go by key and return every job with that key, so a clash
// shows two jobs to choose from rather than hiding one.
//
// A new prefix starts a new series: a tablet that is given a prefix at pairing starts again at 1
// under it, which cannot clash because nobody else has that prefix.
//
// Pre-printed envelopes: a shop may buy envelopes with their own printed code (often a Code 128
// barcode). Binding one to a job uses the printed code itself as the envelope number
// (`checkPreprintedCode`), and it is looked up by the same `envelopeKey`.

import { CROCKFORD_ALPHABET } from './ids';

/**
 * Two Crockford base32 characters, the first a letter: 22 × 32 = 704 series. The letter keeps app
 * numbers apart from the all-digit codes most pre-printed envelopes carry, and Crockford's
 * alphabet has no I, L, O or U to misread on a handwritten envelope.
 */
export const ENVELOPE_PREFIX_PATTERN = /^[A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z]$/;

const PREFIX_FIRST_CHARS = CROCKFORD_ALPHABET.slice(10);
const PREFIX_SECOND_CHARS = CROCKFORD_ALPHABET;
export const ENVELOPE_PREFIX_COUNT = PREFIX_FIRST_CHARS.length * PREFIX_SECOND_CHARS.length;

/** Digits a sequence is padded to, so numbers line up on labels and in lists. */
const SEQ_MIN_DIGITS = 4;

export const PREPRINTED_CODE_MIN_LENGTH = 3;
export const PREPRINTED_CODE_MAX_LENGTH = 32;

/** The prefix numbered `index` (0 to 703); the server gives each paired tablet the next one. */
export function envelopePrefixForIndex(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= ENVELOPE_PREFIX_COUNT) {
    throw new Error(
      `An envelope prefix index runs from 0 to ${ENVELOPE_PREFIX_COUNT - 1} (got ${String(index)}).`,
    );
  }
  const first = PREFIX_FIRST_CHARS.charAt(Math.floor(index / PREFIX_SECOND_CHARS.length));
  return first + PREFIX_SECOND_CHARS.charAt(index % PREFIX_SECOND_CHARS.length);
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
      `An envelope prefix is a capital letter and a letter or digit, without I, L, O or U (got ${JSON.stringify(prefix)}).`,
    );
  }
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new Error(`An envelope sequence number is a whole number from 1 (got ${String(seq)}).`);
  }
  return `${prefix}-${String(seq).padStart(SEQ_MIN_DIGITS, '0')}`;
}

/**
 * Reads an app envelope number however it was typed: case, spaces and dashes are ignored, the
 * first two characters are the prefix and the rest must be digits ('k7-42', 'K7 0042', 'K70042'
 * and 'k 7 - 0042' all give K7 and 42). No separator is needed because the prefix always has two
 * characters. Returns null for anything else (including sequence 0), which may still be a
 * pre-printed code. Lookalikes are not corrected (O is not read as 0): a pre-printed code may
 * legitimately contain them.
 */
export function parseEnvelopeNumber(text: string): { prefix: string; seq: number } | null {
  const compact = compactForm(text);
  const prefix = compact.slice(0, 2);
  const digits = compact.slice(2);
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
