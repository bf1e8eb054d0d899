// The head office's read-only view (/office): a manager logs in with a name and password and sees
// every shop's summary. A session cookie opens it, never a tablet's bearer token.
import { clientAddress, originOf } from '../http/clientRequest';
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AttemptLimiter, type AttemptLimits } from '../auth/attemptLimiter';
import { hashSecret } from '../auth/secrets';
import { readLimitedBody } from '../http/body';
import { HttpError } from '../http/errors';
import type { Store } from '../store/store';
import { checkManagerPassword, hashManagerPassword, newManagerPassword } from './passwords';
import {
  loginPage,
  messagePage,
  OFFICE_CSS,
  OFFICE_PATH,
  officePage,
  type OfficeShop,
} from './officePage';
import { summariseShop } from './shopSummary';
import type { StoredEvent } from '../../protocol/events';

export interface OfficeDeps {
  store: Store;
  now: () => number;
  /** Whether the server speaks HTTPS: the session cookie is then Secure. */
  tls: boolean;
  /** PUBLIC_URL, when set: its origin may log in too, besides the origin a request was sent to. */
  publicUrl?: string;
  /** Limits on wrong logins; OFFICE_LOGIN_LIMITS unless given (a test sets small ones). */
  loginLimits?: AttemptLimits;
}

/** The session cookie. Path=/office: the tablets' app and API never carry it. */
export const OFFICE_COOKIE = 'loupe_office';
/** A session lasts a working day; then the manager logs in again. */
export const OFFICE_SESSION_MS = 12 * 60 * 60 * 1000;

/**
 * Wrong logins allowed per address and in all, in 10 minutes. A password from newManagerPassword has
 * ~100 bits, so guessing is hopeless anyway: the limit keeps guesses from eating the server's CPU and
 * memory (each costs an scrypt), and lets a manager mistype a few times.
 */
export const OFFICE_LOGIN_LIMITS: AttemptLimits = {
  perAddress: 10,
  global: 100,
  windowMs: 10 * 60 * 1000,
};

/** A login form is a name and a password: a few hundred bytes. */
const MAX_LOGIN_BODY_BYTES = 4 * 1024;
/** scrypt takes 16 MB a hash: at most this many at once, whatever arrives together. */
const HASHES_AT_ONCE = 2;
/** Events read per page when a shop's summary is computed. */
const EVENT_PAGE = 1000;
/** A session token as made below: 32 random bytes, base64url. */
const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const WRONG_LOGIN =
  'That name and password do not match a head-office login. Check both and try again.';
const DISABLED_LOGIN =
  'This head-office login has been disabled. Ask whoever runs the server to set a new password.';
const SESSION_ENDED = 'Your session has ended: log in again.';

/**
 * Why a form post is refused as coming from another site, or null. A page of any site a manager's
 * browser opens can post a form here; refused before the limiter counts it, so another site can
 * neither log a manager out nor spend the login attempts.
 *
 * Sec-Fetch-Site first: the browser sets it and no page can, and it is the only word a browser gives
 * on a form from our own page when the Referrer-Policy is no-referrer (its Origin is then "null").
 * Browsers without it (Safari before 16.4) are judged by their Origin, which the page's referrer
 * meta (officePage.ts) keeps real for our own forms. A request with neither (curl) is no browser page.
 */
function foreignOrigin(c: Context, publicOrigin: string | null): string | null {
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  const ownOrigin = new URL(c.req.url).origin;
  const refused =
    site !== undefined
      ? site !== 'same-origin'
      : origin !== undefined && origin !== ownOrigin && origin !== publicOrigin;
  if (!refused) return null;
  const from = origin !== undefined && origin !== 'null' ? JSON.stringify(origin) : 'another site';
  return (
    `The head office takes forms only from its own page, at ${publicOrigin ?? ownOrigin}${OFFICE_PATH}; ` +
    `this one came from ${from}.`
  );
}

/** At most `max` calls of `run` under way at once; the others wait their turn. */
function oneAtATime(max: number): <T>(run: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (run) => {
    while (running >= max) {
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    running += 1;
    try {
      return await run();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

function minutes(ms: number): string {
  const m = Math.ceil(ms / 60_000);
  return m === 1 ? '1 minute' : `${m} minutes`;
}

async function readLoginForm(req: Request): Promise<URLSearchParams> {
  const bytes = await readLimitedBody(
    req,
    MAX_LOGIN_BODY_BYTES,
    'This login form',
    'Send only a name and a password.',
  );
  return new URLSearchParams(Buffer.from(bytes).toString('utf8'));
}

/** Every event of one shop, page by page in seq order. */
async function allEvents(store: Store, shopId: string): Promise<StoredEvent[]> {
  const shop = store.shop(shopId);
  const events: StoredEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await shop.readEvents(after, EVENT_PAGE);
    events.push(...page.events);
    if (!page.more || page.events.length === 0) return events;
    after = page.cursor;
  }
}

export function officeRoutes(deps: OfficeDeps): Hono {
  const { store, now, tls } = deps;
  const publicOrigin = originOf(deps.publicUrl);
  const limiter = new AttemptLimiter(deps.loginLimits ?? OFFICE_LOGIN_LIMITS, now);
  const hashing = oneAtATime(HASHES_AT_ONCE);
  // An unknown name is checked against this, so it takes as long as a wrong password does and the
  // answer's timing does not tell which names exist. Made now, not at the first login.
  const dummyHash = hashManagerPassword(newManagerPassword());
  dummyHash.catch(() => undefined);
  const cookieOptions = {
    path: OFFICE_PATH,
    httpOnly: true,
    sameSite: 'Strict',
    secure: tls,
  } as const;

  const office = new Hono();

  // Pages with figures and a session: no browser or proxy keeps a copy (a shared computer's back
  // button after logging out shows nothing).
  office.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  });

  /** The session the cookie names, or why there is none. */
  async function sessionOf(c: Context) {
    const token = getCookie(c, OFFICE_COOKIE);
    if (token === undefined) return { manager: null, tokenHash: null, hadCookie: false };
    const tokenHash = SESSION_TOKEN.test(token) ? hashSecret(token) : null;
    const manager = tokenHash === null ? null : await store.managerBySession(tokenHash, now());
    return { manager, tokenHash, hadCookie: true };
  }

  office.get('/office.css', (c) =>
    c.body(OFFICE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }),
  );

  office.get('/', async (c) => {
    const { manager, hadCookie } = await sessionOf(c);
    if (!manager) {
      // An expired or ended session, or a manager disabled since: the stale cookie goes.
      if (hadCookie) deleteCookie(c, OFFICE_COOKIE, cookieOptions);
      return c.html(loginPage(hadCookie ? { message: SESSION_ENDED } : {}));
    }
    const computedAt = now();
    const shops: OfficeShop[] = [];
    for (const shop of await store.listShops()) {
      shops.push({ shop, summary: summariseShop(await allEvents(store, shop.id), computedAt) });
    }
    return c.html(officePage({ managerName: manager.name, shops, computedAt }));
  });

  // A bookmarked or reloaded login address: the form lives at /office.
  office.get('/login', (c) => c.redirect(OFFICE_PATH, 303));

  office.post('/login', async (c) => {
    const foreign = foreignOrigin(c, publicOrigin);
    if (foreign !== null) return c.html(messagePage('Refused', foreign), 403);
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type.trim())) {
      return c.html(
        messagePage(
          'Not a login form',
          `A login is the form's name and password, sent as application/x-www-form-urlencoded ` +
            `(got ${type === '' ? 'no Content-Type' : JSON.stringify(type.slice(0, 100))}).`,
        ),
        415,
      );
    }
    // Counted before the body is read or the password checked, as POST /pair does: logins sent all
    // at once cannot all pass the check before the first of them has failed.
    const attempt = limiter.reserve(clientAddress(c));
    if (!attempt.allowed) {
      const wait = minutes(attempt.retryAfterMs);
      c.header('Retry-After', String(Math.ceil(attempt.retryAfterMs / 1000)));
      return c.html(
        loginPage({
          message:
            attempt.scope === 'address'
              ? `Too many wrong logins from this computer. Try again in ${wait}.`
              : `Too many wrong logins have reached the server. Logging in is paused for ${wait}.`,
        }),
        429,
      );
    }
    // Given back unless a password was tried and was wrong: an empty form guessed nothing.
    let wrong = false;
    try {
      const form = await readLoginForm(c.req.raw);
      const name = form.get('name') ?? '';
      const password = form.get('password') ?? '';
      if (name.trim() === '' || password === '') {
        return c.html(loginPage({ message: 'Enter your name and your password.', name }), 400);
      }
      if (name.length > 200 || password.length > 200) {
        return c.html(loginPage({ message: WRONG_LOGIN }), 400);
      }
      const manager = await store.managerByName(name);
      const stored = manager?.passwordHash ?? (await dummyHash);
      const right = await hashing(() => checkManagerPassword(password, stored));
      if (!manager || !right) {
        wrong = true;
        return c.html(loginPage({ message: WRONG_LOGIN, name }), 401);
      }
      if (manager.disabledAt !== null) {
        wrong = true;
        return c.html(loginPage({ message: DISABLED_LOGIN, name }), 401);
      }
      const token = randomBytes(32).toString('base64url');
      const createdAt = now();
      await store.addManagerSession({
        tokenHash: hashSecret(token),
        managerId: manager.id,
        createdAt,
        expiresAt: createdAt + OFFICE_SESSION_MS,
      });
      setCookie(c, OFFICE_COOKIE, token, {
        ...cookieOptions,
        maxAge: OFFICE_SESSION_MS / 1000,
      });
      return c.redirect(OFFICE_PATH, 303);
    } finally {
      if (!wrong) attempt.release();
    }
  });

  office.post('/logout', async (c) => {
    const foreign = foreignOrigin(c, publicOrigin);
    if (foreign !== null) return c.html(messagePage('Refused', foreign), 403);
    const { tokenHash } = await sessionOf(c);
    if (tokenHash !== null) await store.endManagerSession(tokenHash);
    deleteCookie(c, OFFICE_COOKIE, cookieOptions);
    return c.redirect(OFFICE_PATH, 303);
  });

  office.all('*', (c) => {
    // "/office/", typed or bookmarked: the office itself.
    if (c.req.method === 'GET' && c.req.path === `${OFFICE_PATH}/`) {
      return c.redirect(OFFICE_PATH, 303);
    }
    return c.html(
      messagePage('Not found', `The head office has no page ${c.req.method} ${c.req.path}.`),
      404,
    );
  });

  // The office answers in pages, not the API's JSON: a body too large, or the store failing.
  office.onError((err, c) => {
    if (err instanceof HttpError) return c.html(messagePage('Refused', err.message), err.status);
    console.error(err);
    return c.html(
      messagePage('Server error', 'The server hit an unexpected error. Try again shortly.'),
      500,
    );
  });

  return office;
}
