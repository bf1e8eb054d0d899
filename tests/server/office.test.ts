// The head office over HTTP on a real server, on SQLite and on PostgreSQL: the manager's login and
// its limits, the session cookie, every shop's summary under its own name, and a page the CSP passes.
import { Hono } from 'hono';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STATUS_LABELS } from '../../src/domain/workflow';
import { LEDGER_STREAM_ID } from '../../src/protocol/streams';
import {
  OFFICE_LOGIN_LIMITS,
  OFFICE_SESSION_MS,
  officeRoutes,
} from '../../src/server/office/officeRoutes';
import { openSqliteStore } from '../../src/server/store/sqliteStore';
import { hashManagerPassword } from '../../src/server/office/passwords';
import { CONTENT_SECURITY_POLICY } from '../../src/server/http/securityHeaders';
import type { Store } from '../../src/server/store/store';
import { event, openedData, openedEvent, stampAt } from '../support/events';
import { STORE_KINDS, startTestServer, TestClock, type TestServer } from './startTestServer';
import { pairDevice, withSideStore } from './syncHelpers';

const NO_BUILD = '/nonexistent-loupe-build';
const PASSWORD = 'abcde-fghjk-mnpqr-stuvw';
const FORM = 'application/x-www-form-urlencoded';

let passwordHash: string;
beforeAll(async () => {
  // One scrypt for the whole file: each test's manager gets the same password.
  passwordHash = await hashManagerPassword(PASSWORD);
});

describe.each(STORE_KINDS)('the head office on %s', (kind) => {
  let server: TestServer;
  let clock: TestClock;

  beforeEach(async () => {
    clock = new TestClock();
    server = await startTestServer(NO_BUILD, { now: clock.now, store: kind });
  });
  afterEach(async () => {
    await server.close();
  });

  const withStore = <T>(fn: (store: Store) => Promise<T>) => withSideStore(server.data, fn);
  const addManager = (name = 'Rosa Marin') =>
    withStore((store) => store.setManager(name, passwordHash, clock.ms));

  function login(
    name: string,
    password: string,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return fetch(`${server.url}/office/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': FORM, Origin: server.url, ...headers },
      body: new URLSearchParams({ name, password }).toString(),
    });
  }

  /** The cookie a login set, as a browser sends it back: `loupe_office=…`. */
  function cookieOf(res: Response): string {
    const set = res.headers.getSetCookie().find((c) => c.startsWith('loupe_office='));
    if (set === undefined) throw new Error(`no session cookie in ${res.status}`);
    return set.split(';')[0] ?? '';
  }

  async function loggedIn(name = 'Rosa Marin'): Promise<string> {
    const res = await login(name, PASSWORD);
    expect(res.status).toBe(303);
    return cookieOf(res);
  }

  const office = (cookie?: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/office`, {
      redirect: 'manual',
      headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
    });

  const isLoginForm = (page: string) =>
    page.includes('action="/office/login"') && !page.includes('Logged in as');

  it('shows the login form without a session, not the app shell', async () => {
    const res = await office();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = await res.text();
    expect(isLoginForm(page)).toBe(true);
    expect(page).toContain('name="password"');
    expect(page).toContain('type="password"');
  });

  it('keeps every /office path its own: a page it lacks is its 404, never the app shell', async () => {
    const missing = await fetch(`${server.url}/office/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
    expect(missing.headers.get('cache-control')).toBe('no-store');
    expect(await missing.text()).toContain('The head office has no page GET /office/nope.');
    const slash = await fetch(`${server.url}/office/`, { redirect: 'manual' });
    expect(slash.status).toBe(303);
    expect(slash.headers.get('location')).toBe('/office');
  });

  it('answers a wrong password and an unknown name alike: 401 and the same words', async () => {
    await addManager();
    const wrong = await login('Rosa Marin', 'not-the-password');
    const unknown = await login('Nobody Here', PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    expect(unknown.headers.getSetCookie()).toEqual([]);
    // The same page but for the name typed, which the form keeps.
    const wrongPage = (await wrong.text()).replace('Rosa Marin', 'NAME');
    const unknownPage = (await unknown.text()).replace('Nobody Here', 'NAME');
    expect(wrongPage).toBe(unknownPage);
    expect(wrongPage).toContain('That name and password do not match a head-office login.');
    expect(isLoginForm(wrongPage)).toBe(true);
  });

  it('refuses a login from another site with 403, without counting it against the limit', async () => {
    await addManager();
    const tries = OFFICE_LOGIN_LIMITS.perAddress + 2;
    for (let i = 0; i < tries; i++) {
      const res = await login('Rosa Marin', 'guess', { Origin: 'https://evil.example' });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('this one came from &quot;https://evil.example&quot;');
    }
    // The browser's own word, when it gives one, outranks the Origin: another port is another site.
    for (const site of ['cross-site', 'same-site', 'none']) {
      const res = await login('Rosa Marin', PASSWORD, { 'Sec-Fetch-Site': site });
      expect(res.status).toBe(403);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    // An opaque origin with no Sec-Fetch-Site (a sandboxed frame, a data: page): refused.
    expect((await login('Rosa Marin', PASSWORD, { Origin: 'null' })).status).toBe(403);
    // None of them counted: the manager still gets in.
    expect((await login('Rosa Marin', PASSWORD)).status).toBe(303);
  });

  it('takes the form Chromium posts from the page under no-referrer: Origin null, same-origin', async () => {
    await addManager();
    const res = await login('Rosa Marin', PASSWORD, {
      Origin: 'null',
      'Sec-Fetch-Site': 'same-origin',
    });
    expect(res.status).toBe(303);
    expect(cookieOf(res)).toMatch(/^loupe_office=/);
  });

  it('refuses a login that is not a form post (415) or is far too large (413)', async () => {
    await addManager();
    const res = await fetch(`${server.url}/office/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/json', Origin: server.url },
      body: JSON.stringify({ name: 'Rosa Marin', password: PASSWORD }),
    });
    expect(res.status).toBe(415);
    expect(res.headers.getSetCookie()).toEqual([]);

    // A form far larger than a name and a password: refused unread, in the office's own words.
    const large = await fetch(`${server.url}/office/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': FORM, Origin: server.url },
      body: new URLSearchParams({ name: 'Rosa Marin', password: 'x'.repeat(10_000) }).toString(),
    });
    expect(large.status).toBe(413);
    expect(large.headers.get('content-type')).toContain('text/html');
    expect(await large.text()).toContain('This login form is larger than');
  });

  it('answers 429 after too many wrong logins from one address, even to the right password', async () => {
    await addManager();
    for (let i = 0; i < OFFICE_LOGIN_LIMITS.perAddress; i++) {
      expect((await login('Rosa Marin', `guess-${i}`)).status).toBe(401);
    }
    const blocked = await login('Rosa Marin', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain('Too many wrong logins from this computer');
    expect(blocked.headers.getSetCookie()).toEqual([]);
    // Once the wrong logins are older than the window, the right one goes through.
    clock.advance(OFFICE_LOGIN_LIMITS.windowMs);
    expect((await login('Rosa Marin', PASSWORD)).status).toBe(303);
  });

  it('sets an HttpOnly, SameSite=Strict session cookie for /office on a right login', async () => {
    await addManager();
    const res = await login('rosa marin', PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/office');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^loupe_office=[A-Za-z0-9_-]{43};/);
    const attributes = (cookie ?? '').split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
    expect(attributes).toContain('path=/office');
    // Plain HTTP here: Secure would make the browser drop it.
    expect(attributes).not.toContain('secure');

    const page = await (await office(cookieOf(res))).text();
    expect(page).toContain('Logged in as <strong>Rosa Marin</strong>');
    expect(page).toContain('action="/office/logout"');
  });

  it("shows every shop's summary, each shop's data under its own name only", async () => {
    await addManager();
    const late = openedEvent({
      envelope: { number: 'NORTH-7', preprinted: false },
      promisedDate: '2026-11-20',
    });
    const south = openedEvent({ envelope: { number: 'SOUTH-3', preprinted: false } });
    await withStore(async (store) => {
      const [main] = await store.listShops();
      if (!main) throw new Error('the test server has no shop');
      const north = await store.renameShop(main.id, 'North Street');
      const southShop = await store.addShop('South Street', clock.ms);
      await store.addShop('Harbour (new)', clock.ms);
      await store
        .shop(north.id)
        .appendEvents(
          [
            late.opened,
            event(late.jobId, 'status.changed', { status: 'in_progress' }, stampAt(5)),
            event(
              LEDGER_STREAM_ID,
              'metal.received',
              { alloyId: 'au18y', grams: 31.1, form: 'grain', supplier: 'Umicore' },
              stampAt(6),
            ),
          ],
          clock.ms,
          'aaaaaaaaaaaaaaaa',
        );
      await store.shop(southShop.id).appendEvents([south.opened], clock.ms, 'bbbbbbbbbbbbbbbb');
    });

    const res = await office(await loggedIn());
    expect(res.status).toBe(200);
    const page = await res.text();
    const sections = shopSections(page);
    // Every shop, in the store's order (oldest first).
    const names = await withStore(async (store) => (await store.listShops()).map((s) => s.name));
    expect([...sections.keys()]).toEqual(names);
    expect(names.toSorted()).toEqual(['Harbour (new)', 'North Street', 'South Street']);

    const north = sections.get('North Street') ?? '';
    expect(north).toContain('NORTH-7');
    expect(north).toContain('Yellow metal ring with one white stone');
    expect(north).toContain('3 days late');
    expect(north).toContain('18k yellow gold');
    expect(north).toContain('31.10 g');
    expect(north).not.toContain('SOUTH-3');

    const south_ = sections.get('South Street') ?? '';
    expect(south_).toContain(STATUS_LABELS.received);
    expect(south_).toContain('No late jobs.');
    expect(south_).toContain('No metal in the book.');
    expect(south_).not.toContain('NORTH-7');
    expect(south_).not.toContain('18k yellow gold');

    expect(sections.get('Harbour (new)')).toContain('No jobs yet.');
    // When the figures were computed: the server's clock, which the test holds.
    expect(page).toContain(`datetime="${new Date(clock.ms).toISOString()}"`);
  });

  it("reads all of a shop's events, page after page", async () => {
    await addManager();
    // More notes than a page holds, then the job they are on: its opening is on the second page.
    const { jobId, opened } = openedEvent({
      envelope: { number: 'PAGE-2', preprinted: false },
      promisedDate: '2026-11-01',
    });
    const notes = Array.from({ length: 1005 }, (_, i) =>
      event(jobId, 'note.added', { text: `Checked ${i}` }, stampAt(10 + i)),
    );
    await withStore(async (store) => {
      const [shop] = await store.listShops();
      if (!shop) throw new Error('the test server has no shop');
      await store.shop(shop.id).appendEvents([...notes, opened], clock.ms, 'aaaaaaaaaaaaaaaa');
    });
    const page = await (await office(await loggedIn())).text();
    expect(page).toContain('PAGE-2');
    expect(page).toContain('22 days late');
  });

  it("ends a disabled manager's session, and the login no longer works", async () => {
    await addManager();
    const cookie = await loggedIn();
    expect(await (await office(cookie)).text()).toContain('Logged in as');
    await withStore((store) => store.disableManager('Rosa Marin', clock.ms));

    const after = await office(cookie);
    const page = await after.text();
    expect(isLoginForm(page)).toBe(true);
    expect(page).toContain('Your session has ended');
    // The stale cookie is cleared.
    expect(after.headers.getSetCookie().join()).toMatch(/loupe_office=;.*Max-Age=0/i);

    const again = await login('Rosa Marin', PASSWORD);
    expect(again.status).toBe(401);
    expect(await again.text()).toContain('has been disabled');
    expect(again.headers.getSetCookie()).toEqual([]);
  });

  it('logs out: the session ends on the server, and the cookie is cleared', async () => {
    await addManager();
    const cookie = await loggedIn();
    // Another site cannot log the manager out.
    const foreign = await fetch(`${server.url}/office/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: cookie, Origin: 'https://evil.example', 'Content-Type': FORM },
    });
    expect(foreign.status).toBe(403);
    expect(await (await office(cookie)).text()).toContain('Logged in as');

    const out = await fetch(`${server.url}/office/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: cookie, Origin: server.url, 'Content-Type': FORM },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/office');
    expect(out.headers.getSetCookie().join()).toMatch(/loupe_office=;.*Max-Age=0/i);
    // The old cookie, kept by someone, opens nothing.
    expect(isLoginForm(await (await office(cookie)).text())).toBe(true);
  });

  it('shows the login form once the session is 12 hours old', async () => {
    await addManager();
    const cookie = await loggedIn();
    clock.advance(OFFICE_SESSION_MS - 1);
    expect(await (await office(cookie)).text()).toContain('Logged in as');
    clock.advance(1);
    const page = await (await office(cookie)).text();
    expect(isLoginForm(page)).toBe(true);
    expect(page).toContain('Your session has ended');
  });

  it("never opens for a tablet's bearer token", async () => {
    await addManager();
    const { token } = await pairDevice(server, clock.ms);
    const byHeader = await office(undefined, { Authorization: `Bearer ${token}` });
    expect(isLoginForm(await byHeader.text())).toBe(true);
    // Not as the cookie's value either: only a session's token is a session.
    const byCookie = await office(`loupe_office=${token}`);
    expect(isLoginForm(await byCookie.text())).toBe(true);
  });

  it('serves a page the CSP passes: no script, no inline style, its stylesheet from /office', async () => {
    await addManager();
    const res = await office(await loggedIn());
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const page = await res.text();
    const login = await (await office()).text();
    for (const html of [page, login]) {
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<style/i);
      expect(html).not.toMatch(/\sstyle\s*=/i);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/javascript:/i);
      expect(html).toContain('<link rel="stylesheet" href="/office/office.css" />');
      // form-action 'self': every form posts to this origin's /office.
      for (const [, action] of html.matchAll(/<form[^>]*action="([^"]*)"/g)) {
        expect(action).toMatch(/^\/office\//);
      }
    }
    const css = await fetch(`${server.url}/office/office.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toContain('.shop');
  });

  it('escapes a shop name and a customer piece that look like markup', async () => {
    await addManager();
    // Late, so that its piece is listed.
    const { opened } = openedEvent({
      item: { ...openedData().item, description: '<img src=x onerror=alert(1)>' },
      promisedDate: '2026-11-01',
    });
    await withStore(async (store) => {
      const shop = await store.addShop('<img src=x>', clock.ms);
      await store.shop(shop.id).appendEvents([opened], clock.ms, 'aaaaaaaaaaaaaaaa');
    });
    // A wrong login's answer keeps the name typed in the form.
    const wrong = await login('<script>alert(1)</script>', 'wrong');
    expect(await wrong.text()).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');

    const page = await (await office(await loggedIn())).text();
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('the head office login limit across all addresses', () => {
  let dir: string;
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('pauses every login once the server as a whole has had too many wrong ones', async () => {
    dir = mkdtempSync(join(tmpdir(), 'loupe-office-'));
    const store = openSqliteStore(dir);
    const clock = new TestClock();
    try {
      await store.setManager('Rosa Marin', passwordHash, clock.ms);
      const limits = { perAddress: 10, global: 2, windowMs: 60_000 };
      const app = new Hono().route(
        '/office',
        officeRoutes({ store, now: clock.now, tls: false, loginLimits: limits }),
      );
      const login = (password: string) =>
        app.request('http://office.test/office/login', {
          method: 'POST',
          headers: { 'Content-Type': FORM, Origin: 'http://office.test' },
          body: new URLSearchParams({ name: 'Rosa Marin', password }).toString(),
        });
      expect((await login('guess-1')).status).toBe(401);
      expect((await login('guess-2')).status).toBe(401);
      const paused = await login(PASSWORD);
      expect(paused.status).toBe(429);
      expect(await paused.text()).toContain('Logging in is paused for 1 minute');
      clock.advance(limits.windowMs);
      expect((await login(PASSWORD)).status).toBe(303);
    } finally {
      await store.close();
    }
  });
});

/** Each shop's section of the page, by the shop's name as the page shows it (escaped). */
function shopSections(page: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const part of page.split('<section class="shop"').slice(1)) {
    const name = /<h2[^>]*>([^<]*)<\/h2>/.exec(part)?.[1];
    if (name !== undefined) sections.set(name.trim(), part);
  }
  return sections;
}
