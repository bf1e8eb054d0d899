// POST /pair: a tablet trades a one-time code from `npm run pair` for its bearer token.
import type { Context, Hono } from 'hono';
import type { DeviceEnv } from './auth';
import { API_ERROR_CODES } from '../../protocol/api';
import { pairRequestSchema, type PairResponse } from '../../protocol/sync';
import type { AttemptLimiter } from '../auth/attemptLimiter';
import { PAIRING_CODE_TTL_MS, redeemPairingCode } from '../auth/pairing';
import type { Store } from '../store/store';
import { readJsonBody } from './body';
import { HttpError } from './errors';
import { badRequest } from './validation';

/** A pairing request is a code and a name: a few hundred bytes at most. */
const MAX_PAIR_BODY_BYTES = 4 * 1024;

const NEW_CODE = 'A new one comes from `npm run pair` on the server.';
const WHY_NOT: Record<'unknown' | 'expired' | 'used', string> = {
  unknown: `That pairing code is not right: check it against the one the server printed. ${NEW_CODE}`,
  expired: `That pairing code has expired: a code works for ${PAIRING_CODE_TTL_MS / 60_000} minutes. ${NEW_CODE}`,
  used: `That pairing code has already paired a tablet, and each code pairs only one. ${NEW_CODE}`,
};

/** The address a request came from: the shop server faces tablets directly, with no proxy. */
function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

function minutes(ms: number): string {
  const m = Math.ceil(ms / 60_000);
  return m === 1 ? '1 minute' : `${m} minutes`;
}

export function registerPairRoute(
  api: Hono<DeviceEnv>,
  { store, now, limiter }: { store: Store; now: () => number; limiter: AttemptLimiter },
): void {
  api.post('/pair', async (c) => {
    const address = clientAddress(c);
    // Checked before the code, or a blocked guesser would still learn when a guess is right.
    const check = limiter.check(address);
    if (!check.allowed) {
      const wait = minutes(check.retryAfterMs);
      throw new HttpError(
        429,
        API_ERROR_CODES.tooManyAttempts,
        check.scope === 'address'
          ? `Too many wrong pairing codes from this tablet. Try again in ${wait}.`
          : `Too many wrong pairing codes have reached the server. Pairing is paused for ${wait}.`,
        { 'Retry-After': String(Math.ceil(check.retryAfterMs / 1000)) },
      );
    }
    const body = await readJsonBody(
      c.req.raw,
      MAX_PAIR_BODY_BYTES,
      'This pairing request',
      'Send only { "code": "…" }.',
    );
    const parsed = pairRequestSchema.safeParse(body);
    if (!parsed.success) throw badRequest(parsed.error);
    const result = await redeemPairingCode(store, parsed.data.code, {
      now: now(),
      name: parsed.data.name ?? null,
    });
    if (!result.ok) {
      limiter.recordFailure(address);
      throw new HttpError(401, API_ERROR_CODES.invalidPairingCode, WHY_NOT[result.reason]);
    }
    return c.json({ deviceId: result.device.id, token: result.token } satisfies PairResponse);
  });
}
