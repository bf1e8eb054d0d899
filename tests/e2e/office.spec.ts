// The head office's view in Chromium: a browser that has the app installed still gets the
// server's own /office page (never the app shell), a manager logs in, reads the shop, logs out.
import { hashManagerPassword } from '../../src/server/office/passwords';
import { openSqliteStore } from '../../src/server/store/sqliteStore';
import { openedEvent } from '../support/events';
import { expect, test, waitForServiceWorkerControl } from './fixtures';
import { expectReadable } from './support/contrast';
import { pushAsCounter } from './support/tablets';

test('a manager logs in at /office and reads each shop, in a browser that has the app', async ({
  page,
  loupe,
}) => {
  // The app first: its service worker then answers every navigation it is allowed to.
  await page.goto(loupe.url);
  await waitForServiceWorkerControl(page);

  const { opened } = openedEvent({ promisedDate: '2026-11-30' });
  await pushAsCounter(loupe, [opened]);
  const store = openSqliteStore(loupe.dataDir);
  try {
    await store.setManager(
      'Maria Lindqvist',
      await hashManagerPassword('ruby-42-opal'),
      Date.now(),
    );
  } finally {
    await store.close();
  }

  await page.goto(`${loupe.url}/office`);
  await expect(page.getByRole('heading', { name: 'Loupe head office' })).toBeVisible();
  await page.getByLabel('Manager name').fill('Maria Lindqvist');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Main shop' })).toHaveCount(0);

  await page.getByLabel('Manager name').fill('Maria Lindqvist');
  await page.getByLabel('Password').fill('ruby-42-opal');
  await page.getByRole('button', { name: 'Log in' }).click();
  const shop = page.getByRole('region', { name: 'Main shop' });
  await expect(shop).toBeVisible();
  await expect(shop.getByRole('row', { name: /Received\s+1/ })).toBeVisible();
  await expect(shop.getByText('K7-0042')).toBeVisible();
  await expectReadable(shop);

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByLabel('Manager name')).toBeVisible();
  await page.goto(`${loupe.url}/office`);
  await expect(page.getByRole('region', { name: 'Main shop' })).toHaveCount(0);
});
