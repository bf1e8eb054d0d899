// Bearer-token check for every sync route: the token a tablet got when it was paired, looked up by
// its hash. An unknown or revoked token gets 401, and nothing behind it runs. The routes get the
// store of the token's shop only: nothing they call can reach another shop's data.
import type { MiddlewareHandler } from 'hono';
import { API_ERROR_CODES } from '../../protocol/api';
import { hashSecret, TOKEN_PATTERN } from '../auth/secrets';
import type { DeviceRecord, ShopStore, Store } from '../store/store';
import { HttpError } from './errors';

export interface DeviceEnv {
  Variables: { device: DeviceRecord; shop: ShopStore };
}

/** `last_seen_at` is a hint for `npm run unpair -- --list`, so one write a minute is plenty. */
const TOUCH_EVERY_MS = 60 * 1000;

const PAIR_AGAIN = 'Pair it again in Settings with a new code from `npm run pair` on the server.';

function unauthorized(message: string): HttpError {
  return new HttpError(401, API_ERROR_CODES.unauthorized, message, {
    'WWW-Authenticate': 'Bearer realm="loupe"',
  });
}

export function requireDevice(store: Store, now: () => number): MiddlewareHandler<DeviceEnv> {
  const touchedAt = new Map<string, number>();
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined) {
      throw unauthorized(`This tablet is not paired with the server. ${PAIR_AGAIN}`);
    }
    const token = /^Bearer +(\S+) *$/i.exec(header)?.[1];
    if (token === undefined || !TOKEN_PATTERN.test(token)) {
      throw unauthorized(
        'The Authorization header must be "Bearer <token>", with the token this tablet got when it was paired.',
      );
    }
    const device = await store.deviceByTokenHash(hashSecret(token));
    if (!device) {
      throw unauthorized(`The server does not know this tablet's token. ${PAIR_AGAIN}`);
    }
    if (device.revokedAt !== null) {
      throw unauthorized(`This tablet was unpaired on the server. ${PAIR_AGAIN}`);
    }
    const shop = store.shop(device.shopId);
    const t = now();
    if (t - (touchedAt.get(device.id) ?? -Infinity) >= TOUCH_EVERY_MS) {
      touchedAt.set(device.id, t);
      await shop.touchDevice(device.id, t);
    }
    c.set('device', device);
    c.set('shop', shop);
    await next();
  };
}
