// A new version is offered, never forced: the page does not reload under a person mid-task.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, waitForServiceWorkerControl } from './fixtures';

test('a new version waits for the person to choose Reload', async ({ page, loupe }) => {
  await page.goto('/settings');
  await waitForServiceWorkerControl(page);

  // Mid-task: something typed and not yet saved, and a mark that a reload would wipe.
  await page.getByLabel('Shop name').fill('Half-typed name');
  await page.evaluate(() => {
    (window as unknown as { stillHere: boolean }).stillHere = true;
  });

  // The server now has a new version of the service worker.
  appendFileSync(join(loupe.staticDir, 'sw.js'), '\n// next version\n');
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });

  await expect(page.getByText('A new version is ready')).toBeVisible();
  // Nothing was reloaded under the person.
  await expect(page.getByLabel('Shop name')).toHaveValue('Half-typed name');
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(
    true,
  );

  await Promise.all([
    page.waitForEvent('framenavigated'),
    page.getByRole('button', { name: 'Reload' }).click(),
  ]);
  await expect(page.getByLabel('Shop name')).toHaveValue('Loupe');
  await expect(page.getByText('A new version is ready')).toHaveCount(0);
  const scriptIsNew = await page.evaluate(async () => {
    const res = await fetch('/sw.js', { cache: 'no-store' });
    const text = await res.text();
    return (
      text.includes('next version') &&
      navigator.serviceWorker.controller?.scriptURL.endsWith('/sw.js') === true
    );
  });
  expect(scriptIsNew).toBe(true);
});
