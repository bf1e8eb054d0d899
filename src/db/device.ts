// This tablet's identity and clock: a device id made once, and the hybrid logical clock stamping
// every event it records, resumed after a reload from the greatest stamp stored.
import { createClock, type HybridClock } from '../domain/clock';
import { seriesPrefixFromDeviceId } from '../domain/envelopes';
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

const clocks = new WeakMap<LoupeDB, Promise<HybridClock>>();

/** The clock of this database's device, one per open database. */
export function deviceClock(db: LoupeDB): Promise<HybridClock> {
  let clock = clocks.get(db);
  if (!clock) {
    clock = (async () => {
      const device = await deviceId(db);
      // Resume after the greatest stamp seen, so a reload never stamps before what is stored.
      const last = await db.events.orderBy('at').last();
      return createClock(last ? { device, last: last.at } : { device });
    })();
    clocks.set(db, clock);
  }
  return clock;
}
