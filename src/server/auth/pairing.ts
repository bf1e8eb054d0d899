// Pairing a tablet: `npm run pair` issues a one-time code; the tablet trades it for a bearer token.
import type { DeviceRecord, ShopStore, Store } from '../store/store';
import { hashSecret, newDeviceId, newPairingCode, newToken } from './secrets';

/** How long a pairing code works: long enough to walk to the tablet, short enough to guess. */
export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;

export interface IssuedCode {
  code: string;
  expiresAt: number;
}

/** A code that pairs one tablet into this shop. */
export async function issuePairingCode(
  store: ShopStore,
  { now, deviceName = null }: { now: number; deviceName?: string | null },
): Promise<IssuedCode> {
  const code = newPairingCode();
  const expiresAt = now + PAIRING_CODE_TTL_MS;
  await store.addPairingCode({ codeHash: hashSecret(code), createdAt: now, expiresAt, deviceName });
  return { code, expiresAt };
}

export type PairResult =
  | { ok: true; device: DeviceRecord; token: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' };

/**
 * Uses a code (already normalized, see protocol/sync.ts) and makes the device and its token, in
 * the shop the code was issued for.
 */
export async function redeemPairingCode(
  store: Store,
  code: string,
  { now, name = null }: { now: number; name?: string | null },
): Promise<PairResult> {
  const token = newToken();
  const id = newDeviceId();
  const result = await store.redeemPairingCode(hashSecret(code), now, {
    id,
    requestedName: name,
    fallbackName: `Tablet ${id.slice(0, 4)}`,
    tokenHash: hashSecret(token),
  });
  return result.ok ? { ok: true, device: result.device, token } : result;
}
