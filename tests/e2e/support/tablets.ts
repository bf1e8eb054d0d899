// Tablets for end-to-end tests: browser contexts paired with the test's server as a person pairs
// one, the header's sync badge, and a third device that puts events on the server through the API.
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import type { StoredEvent } from '../../../src/protocol/events';
import { issuePairingCode } from '../../../src/server/auth/pairing';
import { runPair } from '../../../src/server/cli/pair';
import { openSqliteStore } from '../../../src/server/store/sqliteStore';
import { createApiClient } from '../../../src/sync/apiClient';
import { expect, waitForServiceWorkerControl, type LoupeServer } from '../fixtures';

/** What `npm run pair` prints: a one-time code and the link that pairs a tablet with it. */
export async function pairingLink(loupe: LoupeServer, name: string): Promise<string> {
  const store = openSqliteStore(loupe.dataDir);
  try {
    const port = Number(new URL(loupe.url).port);
    const config = { port, host: '127.0.0.1', dataDir: loupe.dataDir, staticDir: loupe.staticDir };
    return (await runPair(store, config, { name })).link;
  } finally {
    await store.close();
  }
}

/** Pushes events to the server as another paired device (the front counter), all accepted. */
export async function pushAsCounter(loupe: LoupeServer, events: StoredEvent[]): Promise<void> {
  const store = openSqliteStore(loupe.dataDir);
  let code: string;
  try {
    const [shop] = await store.listShops();
    if (!shop) throw new Error('The server has no shop to pair into.');
    ({ code } = await issuePairingCode(store.shop(shop.id), { now: Date.now() }));
  } finally {
    await store.close();
  }
  const { token } = await createApiClient({ serverUrl: loupe.url }).pair(code);
  const result = await createApiClient({ serverUrl: loupe.url, token }).push(events);
  expect(result.accepted).toBe(events.length);
}

export async function tablet(
  browser: Browser,
  loupe: LoupeServer,
  viewport = { width: 1024, height: 768 },
): Promise<BrowserContext> {
  return browser.newContext({ baseURL: loupe.url, serviceWorkers: 'allow', viewport });
}

/** Opens the pairing link as a person would after scanning its QR code, and taps Pair. */
export async function pair(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await waitForServiceWorkerControl(page);
  const form = page.getByRole('form', { name: 'Pair with the shop server' });
  await expect(form.getByLabel('Pairing code')).toHaveValue(/^[2-9A-HJKMNP-Z]{8}$/);
  await form.getByRole('button', { name: 'Pair' }).click();
  await expect(page.getByText('Paired. This tablet now syncs with the shop server.')).toBeVisible();
}

/** The header's sync badge: its accessible name says the state and the changes waiting. */
export function syncBadge(page: Page): Locator {
  return page.getByRole('button', { name: /^Sync: / });
}
