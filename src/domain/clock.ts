// Hybrid logical clock: stamps events so that their order survives offline tablets with imperfect clocks.
//
// After Kulkarni et al., "Logical Physical Clocks" (2014), and Actual's loot-core crdt/timestamp.
// A stamp is wall-clock milliseconds, a counter for events in the same millisecond, and the device
// id. Each tablet's stamps only ever increase, even if its wall clock is set back, and a tablet
// that has seen another's event stamps its own later events after it. That is what makes
// last-writer-wins per field (DESIGN.md, "Data: events are the truth") agree on every tablet.

import { DEVICE_ID_PATTERN } from './ids';

export interface HlcTimestamp {
  ms: number;
  counter: number;
  device: string;
}

/**
 * `2026-11-23T09:15:00.000Z-0001-3fa9c2d1e07b4c55`: ISO time in UTC, counter as 4 hex digits,
 * device id. Every part has a fixed width and years are 1970-9999, so plain string order is the
 * order of (ms, counter, device): stamps sort correctly in IndexedDB and SQLite indexes as text.
 * The pattern checks the shape; `parseStamp` also rejects dates that do not exist (Feb 30).
 */
export const STAMP_PATTERN =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z-[0-9a-f]{4}-[0-9a-f]{16}$/;

const MAX_COUNTER = 0xffff;
/** 9999-12-31T23:59:59.999Z, the last instant with a 4-digit year in `toISOString`. */
const MAX_STAMP_MS = 253_402_300_799_999;
const ISO_LENGTH = 24;
const EXAMPLE_STAMP = '2026-11-23T09:15:00.000Z-0001-3fa9c2d1e07b4c55';

/**
 * Default for how far ahead of this tablet's clock a received stamp may be: 5 minutes, as in
 * Actual. A merged stamp drags this tablet's clock forward to it, and until real time catches up
 * every edit made here may lose a last-writer-wins race to a genuinely older one: the limit bounds
 * that window. Tablets that get their time from the network agree within seconds, and even a
 * quartz clock left a month without network drifts about a minute, so 5 minutes never trips on
 * honest clocks; a tablet set to the wrong hour or day (a wrong time zone, a manually set date) is
 * stopped with a message saying so, instead of silently pulling every tablet into the future.
 */
export const DEFAULT_MAX_DRIFT_MS = 5 * 60 * 1000;

export class ClockError extends Error {
  constructor(message: string) {
    super(message);
    // Set by hand: class names do not survive minification.
    this.name = 'ClockError';
  }
}

/** A received stamp is further ahead of this tablet's clock than `maxDriftMs` allows. */
export class ClockDriftError extends ClockError {
  /** How far the stamp is ahead of this tablet's wall clock. */
  readonly driftMs: number;
  readonly stamp: string;
  readonly device: string;

  constructor(stamp: string, device: string, driftMs: number, maxDriftMs: number) {
    super(
      `A stamp from device ${device} is ${describeDuration(driftMs)} ahead of this tablet's clock ` +
        `(at most ${describeDuration(maxDriftMs)} is allowed). ` +
        `Set the correct date and time on both tablets, then sync again.`,
    );
    this.name = 'ClockDriftError';
    this.driftMs = driftMs;
    this.stamp = stamp;
    this.device = device;
  }
}

/** More than 65,536 stamps in one millisecond: only possible in a runaway loop. */
export class ClockOverflowError extends ClockError {
  constructor(ms: number) {
    super(
      `Too many clock stamps in the same millisecond (${new Date(ms).toISOString()}): ` +
        `the counter would pass ${MAX_COUNTER}.`,
    );
    this.name = 'ClockOverflowError';
  }
}

export function formatStamp(t: HlcTimestamp): string {
  if (!Number.isInteger(t.ms) || t.ms < 0 || t.ms > MAX_STAMP_MS) {
    throw new ClockError(`A clock stamp needs a time from 1970 to 9999 in whole ms (got ${t.ms}).`);
  }
  if (!Number.isInteger(t.counter) || t.counter < 0 || t.counter > MAX_COUNTER) {
    throw new ClockError(`A clock stamp counter runs from 0 to ${MAX_COUNTER} (got ${t.counter}).`);
  }
  if (!DEVICE_ID_PATTERN.test(t.device)) {
    throw new ClockError(
      `A clock stamp needs a device id of 16 lowercase hex digits (got ${quote(t.device)}).`,
    );
  }
  const counter = t.counter.toString(16).padStart(4, '0');
  return `${new Date(t.ms).toISOString()}-${counter}-${t.device}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether a stamp is well formed and names a time that exists: the shared event schema refuses
 * anything else at the door, on the server and on the tablet (`2099-02-29T…` fits the pattern but
 * is no day at all, and would stop every tablet that tried to fold it). Without building a Date,
 * because the fold's sort asks it for every comparison.
 */
export function isRealStamp(at: unknown): at is string {
  if (typeof at !== 'string' || !STAMP_PATTERN.test(at)) return false;
  const year = Number(at.slice(0, 4));
  const month = Number(at.slice(5, 7));
  const day = Number(at.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= days;
}

/** The milliseconds of a stamp, or null when it is not a real stamp. */
export function stampMs(stamp: string): number | null {
  return isRealStamp(stamp) ? Date.parse(stamp.slice(0, ISO_LENGTH)) : null;
}

/**
 * The greatest stamp that sorts at or before `ms` (any counter, any device): the bound under which a
 * stored stamp may be resumed from, as plain string order.
 */
export function stampCeiling(ms: number): string {
  const clamped = Math.min(Math.max(0, Math.floor(ms)), MAX_STAMP_MS);
  return `${new Date(clamped).toISOString()}-ffff-ffffffffffffffff`;
}

export function parseStamp(stamp: string): HlcTimestamp {
  if (!STAMP_PATTERN.test(stamp)) {
    throw new ClockError(`Not a clock stamp: ${quote(stamp)} (expected e.g. ${EXAMPLE_STAMP}).`);
  }
  const iso = stamp.slice(0, ISO_LENGTH);
  const ms = Date.parse(iso);
  // The pattern lets 2026-02-30 through; a date that does not round-trip does not exist.
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== iso) {
    throw new ClockError(`Not a clock stamp: ${quote(stamp)} (${iso} is not a real time).`);
  }
  return {
    ms,
    counter: Number.parseInt(stamp.slice(ISO_LENGTH + 1, ISO_LENGTH + 5), 16),
    device: stamp.slice(ISO_LENGTH + 6),
  };
}

/**
 * Orders two stamps by (ms, counter, device). Because stamps are fixed-width, this is plain string
 * order; the shape is checked so that a corrupt stamp fails loudly instead of sorting anywhere.
 */
export function compareStamps(a: string, b: string): number {
  for (const stamp of [a, b]) {
    if (!STAMP_PATTERN.test(stamp)) {
      throw new ClockError(`Not a clock stamp: ${quote(stamp)} (expected e.g. ${EXAMPLE_STAMP}).`);
    }
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface HybridClock {
  /** A stamp strictly greater than every stamp this clock has made or observed. */
  now(): string;
  /** Merges a stamp seen from another device so that later local stamps sort after it. */
  observe(remote: string): void;
  /** The clock's state: the greatest (ms, counter) made or observed, with this device's id. */
  last(): HlcTimestamp;
}

export interface ClockOptions {
  /** This tablet's device id (16 lowercase hex). */
  device: string;
  /** Milliseconds since the epoch; `Date.now` unless a test supplies its own. */
  wallClock?: () => number;
  /** How far ahead of the wall clock an observed stamp may be; `DEFAULT_MAX_DRIFT_MS` if unset. */
  maxDriftMs?: number;
  /**
   * The greatest stamp in the local database, so that stamps made after a reload still sort after
   * everything stamped or received before it, even if the wall clock went back meanwhile.
   */
  last?: string;
}

export function createClock(options: ClockOptions): HybridClock {
  const { device, wallClock = Date.now, maxDriftMs = DEFAULT_MAX_DRIFT_MS } = options;
  if (!DEVICE_ID_PATTERN.test(device)) {
    throw new ClockError(
      `A clock needs a device id of 16 lowercase hex digits (got ${quote(device)}).`,
    );
  }
  if (!Number.isFinite(maxDriftMs) || maxDriftMs < 0) {
    throw new ClockError(`The allowed clock drift must be 0 ms or more (got ${maxDriftMs}).`);
  }

  // Only (ms, counter) is state; the device is always ours. The resumed stamp may be another
  // device's (the greatest stamp in the database can be a received one); taking its (ms, counter)
  // is enough, because the next stamp increments at least the counter and so sorts after it.
  let lastMs = 0;
  let lastCounter = 0;
  if (options.last !== undefined) {
    const resumed = parseStamp(options.last);
    lastMs = resumed.ms;
    lastCounter = resumed.counter;
  }

  function readWall(): number {
    const wall = wallClock();
    if (!Number.isFinite(wall) || wall < 0 || wall > MAX_STAMP_MS) {
      throw new ClockError(`This tablet's clock reads ${wall}, which is not a usable time.`);
    }
    return Math.floor(wall);
  }

  return {
    now() {
      const wall = readWall();
      // When the wall clock is behind the last stamp (set back, or a received stamp slightly
      // ahead), keep the last ms and count up: stamps stay increasing without inventing time.
      const ms = Math.max(wall, lastMs);
      const counter = ms === lastMs ? lastCounter + 1 : 0;
      if (counter > MAX_COUNTER) throw new ClockOverflowError(ms);
      lastMs = ms;
      lastCounter = counter;
      return formatStamp({ ms, counter, device });
    },

    observe(remote) {
      const r = parseStamp(remote);
      const wall = readWall();
      // Checked before anything changes: a rejected stamp must leave this clock as it was, so the
      // tablet keeps stamping at the right time while someone fixes the wrong clock.
      if (r.ms - wall > maxDriftMs) {
        throw new ClockDriftError(remote, r.device, r.ms - wall, maxDriftMs);
      }
      // Our own stamps can come back from the server (a pull after a lost reply): they are merged
      // like any other stamp rather than refused, since refusing would stall the pull.
      const ms = Math.max(wall, lastMs, r.ms);
      let counter: number;
      if (ms === lastMs && ms === r.ms) counter = Math.max(lastCounter, r.counter) + 1;
      else if (ms === lastMs) counter = lastCounter + 1;
      else if (ms === r.ms) counter = r.counter + 1;
      else counter = 0;
      if (counter > MAX_COUNTER) throw new ClockOverflowError(ms);
      lastMs = ms;
      lastCounter = counter;
    },

    last() {
      return { ms: lastMs, counter: lastCounter, device };
    },
  };
}

/** '3 h 12 min', '7 min 30 s', '2 d 4 h': for people, so only the two largest units. */
export function describeDuration(ms: number): string {
  const second = 1000;
  const minute = 60 * second;
  const hour = 60 * minute;
  const day = 24 * hour;
  const whole = Math.max(0, Math.floor(ms));
  const units: [number, string][] = [
    [day, 'd'],
    [hour, 'h'],
    [minute, 'min'],
    [second, 's'],
  ];
  for (const [i, [size, name]] of units.entries()) {
    if (whole < size) continue;
    const big = Math.floor(whole / size);
    const next = units[i + 1];
    if (next === undefined) return `${big} ${name}`;
    const small = Math.floor((whole % size) / next[0]);
    return small === 0 ? `${big} ${name}` : `${big} ${name} ${small} ${next[1]}`;
  }
  return `${whole} ms`;
}

/** Quotes input for an error message without letting a pasted megabyte flood it. */
function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
