// This tablet's identity and clock: a device id made once, and the hybrid logical clock stamping
// every event it records, resumed after a reload from the greatest stamp stored.
import { createClock, DEFAULT_MAX_DRIFT_MS, stampCeiling, type HybridClock } from '../domain/clock';
import { seriesPrefixFromDeviceId, SHOP_PREFIX_PATTERN } from '../domain/envelopes';
import { newDeviceId } from '../domain/ids';
import type { LoupeDB } from './LoupeDB';

/** Changing these keys gives a tablet a new identity or envelope series: it needs a migration. */
export const META_KEYS = {
  deviceId: 'device.id',
  envelopePrefix: 'envelope.prefix',
  envelopeNextSeq: 'envelope.nextSeq',
  projectionVersion: 'projection.version',
} as const;

async function readString(db: LoupeDB, key: string): Promise<string | undefined> {
  const row = await db.meta.get(key);
  return typeof row?.value === 'string' ? row.value : undefined;
}

/** The device id, made and stored on first use. */
export async function deviceId(db: LoupeDB): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await readString(db, META_KEYS.deviceId);
    if (existing) return existing;
    const id = newDeviceId();
    await db.meta.put({ key: META_KEYS.deviceId, value: id });
    return id;
  });
}

/** The envelope series prefix: derived from the device id until the shop server assigns one. */
export async function envelopePrefix(db: LoupeDB): Promise<string> {
  const stored = await readString(db, META_KEYS.envelopePrefix);
  return stored ?? seriesPrefixFromDeviceId(await deviceId(db));
}

/** The prefix the shop server gave this tablet, or null while it numbers from its derived one. */
export async function shopEnvelopePrefix(db: LoupeDB): Promise<string | null> {
  const stored = await readString(db, META_KEYS.envelopePrefix);
  return stored !== undefined && SHOP_PREFIX_PATTERN.test(stored) ? stored : null;
}

/**
 * Numbers new envelopes from the prefix the shop server gave (at pairing, or asked for later).
 * The sequence (META_KEYS.envelopeNextSeq) is left as it is, on purpose: the next envelope is
 * K7M-0042 after K7-0041, so this tablet never makes one number twice, not even if it is given a
 * prefix it had before. Jobs already numbered keep their numbers: they are in their events.
 */
export async function saveEnvelopePrefix(db: LoupeDB, prefix: string): Promise<void> {
  if (!SHOP_PREFIX_PATTERN.test(prefix)) {
    throw new Error(
      `The shop server gave the envelope prefix ${JSON.stringify(prefix)}, which is not one: ` +
        'a prefix from the server is three characters, like K7M.',
    );
  }
  await db.meta.put({ key: META_KEYS.envelopePrefix, value: prefix });
}

const clocks = new WeakMap<LoupeDB, Promise<HybridClock>>();

/**
 * Loads this database's clock. LoupeDB calls it as the database opens (its 'ready' event), before
 * any transaction can run: made lazily inside a transaction, the clock's reads would belong to that
 * transaction, and a second one awaiting the half-loaded clock, with no reads of its own pending,
 * would be committed too early (Dexie's PrematureCommitError; the convergence test met it).
 */
export function loadDeviceClock(db: LoupeDB): Promise<HybridClock> {
  const clock = (async () => {
    const device = await deviceId(db);
    const wallClock = db.wallClock;
    // Resume after the greatest stamp seen, so a reload never stamps before what is stored; but
    // never from one further ahead of this tablet's clock than the drift limit. A stamp a year
    // ahead (another tablet's wrong clock, kept as it came) would otherwise pull every stamp
    // made here a year into the future after a reload, and spread the skew to every tablet.
    const ceiling = stampCeiling(wallClock() + DEFAULT_MAX_DRIFT_MS);
    const last = await db.events.where('at').belowOrEqual(ceiling).last();
    return createClock(last ? { device, wallClock, last: last.at } : { device, wallClock });
  })();
  clocks.set(db, clock);
  return clock;
}

/** The clock of this database's device, one per open database, loaded as it opened. */
export async function deviceClock(db: LoupeDB): Promise<HybridClock> {
  const loaded = clocks.get(db);
  if (loaded) return loaded;
  // Opening runs the 'ready' event, which loads the clock.
  await db.open();
  return clocks.get(db) ?? loadDeviceClock(db);
}
