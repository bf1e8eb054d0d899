// Keeps the envelope series the shop server gives a tablet: with its pairing, or asked for later.
//
// Tablets paired before servers gave prefixes number envelopes from one derived from their device
// id, which another tablet may share (domain/envelopes.ts). Once per tablet, during a sync, it asks
// the server (POST /api/v1/envelope-prefix) and numbers new envelopes from the answer; numbers it
// already gave stay, and its sequence goes on counting, so none is ever given twice.
import { saveEnvelopePrefix, savePairing, shopEnvelopePrefix, type LoupeDB } from '../db';
import {
  envelopePrefixResponseSchema,
  type EnvelopePrefixResponse,
  type PairResponse,
} from '../protocol/sync';
import { SyncRequestError } from './apiClient';

/** The one call this needs, so a test can hand in the real client or any other. */
export interface EnvelopePrefixApi {
  envelopePrefix(): Promise<EnvelopePrefixResponse>;
}

/**
 * The shop prefix this tablet numbers envelopes from, asking the server for it if it has none.
 * Null when the server cannot give one now: an older server without the route (404), or the
 * network or a busy server; the tablet then keeps numbering from its derived prefix and asks again
 * next sync. Those never fail the sync: pushing and pulling matter more than a prefix.
 */
export async function ensureEnvelopePrefix(
  db: LoupeDB,
  api: EnvelopePrefixApi,
): Promise<string | null> {
  const stored = await shopEnvelopePrefix(db);
  if (stored !== null) return stored;
  let answer: EnvelopePrefixResponse;
  try {
    // Checked here too: a prefix of the wrong shape must never reach an envelope.
    answer = envelopePrefixResponseSchema.parse(await api.envelopePrefix());
  } catch (err) {
    // An older server has no such route; the network or a busy server: next sync. Anything else
    // (a refused token, an answer of the wrong shape) is shown like any other sync error.
    if (err instanceof SyncRequestError && (err.status === 404 || err.transient)) return null;
    throw err;
  }
  await saveEnvelopePrefix(db, answer.envelopePrefix);
  return answer.envelopePrefix;
}

/**
 * Keeps a pairing and, in the same transaction, the envelope series the server gave with it: new
 * envelopes are numbered from it from then on (numbers already given stay). An older server gives
 * none, and the tablet keeps the prefix it has.
 */
export async function adoptPairing(
  db: LoupeDB,
  serverUrl: string,
  { deviceId, token, envelopePrefix }: PairResponse,
  now: number = Date.now(),
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await savePairing(db, { serverUrl, token, serverDeviceId: deviceId, pairedAt: now });
    if (envelopePrefix !== undefined) await saveEnvelopePrefix(db, envelopePrefix);
  });
}
