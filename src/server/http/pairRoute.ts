// POST /pair: a tablet trades a one-time code from `npm run pair` for its bearer token and its
// envelope series; POST /envelope-prefix gives a series to a tablet paired before servers gave them.
import { clientAddress, originOf } from './clientRequest';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { DeviceEnv } from './auth';
import { API_ERROR_CODES } from '../../protocol/api';
import {
  pairRequestSchema,
  type EnvelopePrefixResponse,
  type PairResponse,
} from '../../protocol/sync';
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

function minutes(ms: number): string {
  const m = Math.ceil(ms / 60_000);
  return m === 1 ? '1 minute' : `${m} minutes`;
}

/**
 * Only the app itself may pair, from its own origin, with a JSON body. A web page of another site
 * that a shop browser opens can still send a POST here (a `text/plain` form post needs no
 * preflight), and every such guess would spend the limiter and lock the shop's tablets out of
 * pairing: these are refused before the limiter counts anything. Requests with no Origin at all
 * (curl, a script on the LAN) are no browser page and pass on to the limiter.
 */
function refuseForeignRequest(c: Context, publicOrigin: string | null): void {
  const origin = c.req.header('origin');
  const ownOrigin = new URL(c.req.url).origin;
  if (
    (origin !== undefined && origin !== ownOrigin && origin !== publicOrigin) ||
    c.req.header('sec-fetch-site') === 'cross-site'
  ) {
    throw new HttpError(
      403,
      API_ERROR_CODES.forbiddenOrigin,
      `Pairing is only done from Loupe itself, opened at ${publicOrigin ?? ownOrigin}; this ` +
        `request came from ${origin === undefined ? 'another site' : JSON.stringify(origin)}.`,
    );
  }
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type.trim())) {
    throw new HttpError(
      415,
      API_ERROR_CODES.unsupportedMediaType,
      `A pairing request is JSON: send it with "Content-Type: application/json" (got ${
        type === '' ? 'none' : JSON.stringify(type.slice(0, 100))
      }).`,
    );
  }
}

export function registerPairRoute(
  api: Hono<DeviceEnv>,
  {
    store,
    now,
    limiter,
    publicUrl,
  }: { store: Store; now: () => number; limiter: AttemptLimiter; publicUrl?: string },
): void {
  const publicOrigin = originOf(publicUrl);
  api.post('/pair', async (c) => {
    refuseForeignRequest(c, publicOrigin);
    const address = clientAddress(c);
    // Counted now, before the body is awaited: guesses sent all at once with slow bodies would
    // otherwise all pass this check before the first of them failed. Checked before the code,
    // too, or a blocked guesser would still learn when a guess is right.
    const attempt = limiter.reserve(address);
    if (!attempt.allowed) {
      const wait = minutes(attempt.retryAfterMs);
      throw new HttpError(
        429,
        API_ERROR_CODES.tooManyAttempts,
        attempt.scope === 'address'
          ? `Too many wrong pairing codes from this tablet. Try again in ${wait}.`
          : `Too many wrong pairing codes have reached the server. Pairing is paused for ${wait}.`,
        { 'Retry-After': String(Math.ceil(attempt.retryAfterMs / 1000)) },
      );
    }
    // Given back unless a code was tried and was wrong: a malformed request guessed nothing.
    let wrongCode = false;
    try {
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
        wrongCode = true;
        throw new HttpError(401, API_ERROR_CODES.invalidPairingCode, WHY_NOT[result.reason]);
      }
      const answer: PairResponse = { deviceId: result.device.id, token: result.token };
      if (result.device.envelopePrefix !== null)
        answer.envelopePrefix = result.device.envelopePrefix;
      return c.json(answer);
    } finally {
      if (!wrongCode) attempt.release();
    }
  });
}

/** The envelope series of the tablet asking, given once if it has none (it was paired before). */
export function registerEnvelopePrefixRoute(
  api: Hono<DeviceEnv>,
  { auth }: { auth: MiddlewareHandler<DeviceEnv> },
): void {
  api.post('/envelope-prefix', auth, async (c) => {
    const device = c.get('device');
    const envelopePrefix =
      device.envelopePrefix ?? (await c.get('shop').envelopePrefixFor(device.id));
    if (envelopePrefix === null) {
      // Only if the tablet was removed between the token check and now.
      throw new HttpError(404, API_ERROR_CODES.notFound, `The server has no tablet ${device.id}.`);
    }
    return c.json({ envelopePrefix } satisfies EnvelopePrefixResponse);
  });
}
