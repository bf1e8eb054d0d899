import { expect, test, waitForServiceWorkerControl } from './fixtures';

test('the app opens offline from the service worker and keeps what was stored', async ({
  page,
  context,
}) => {
  await page.goto('/settings');
  await waitForServiceWorkerControl(page);
  await expect(page.getByText('Online', { exact: true })).toBeVisible();

  // Write something to IndexedDB through the app, as a person would.
  await page.getByLabel('Shop name').fill('Goldsmith & Co');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('shop-name')).toHaveText('Goldsmith & Co');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('shop-name')).toHaveText('Goldsmith & Co');
  await expect(page.getByText('Offline', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();

  // A deep link opens offline from the cached shell.
  await page.goto('/jobs/xyz');
  await expect(page.getByRole('heading', { name: 'Job xyz' })).toBeVisible();
  await expect(page.getByTestId('shop-name')).toHaveText('Goldsmith & Co');

  // Moving around offline works too.
  await page.getByRole('link', { name: 'Casting' }).click();
  await expect(page.getByRole('heading', { name: 'Casting room' })).toBeVisible();

  // The API is never answered from the cache: offline means offline.
  const apiReached = await page.evaluate(async () => {
    try {
      await fetch('/api/v1/health');
      return true;
    } catch {
      return false;
    }
  });
  expect(apiReached).toBe(false);
});

test('the web manifest makes it installable', async ({ page, request }) => {
  await page.goto('/jobs');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = (await (await request.get(href ?? '')).json()) as {
    name: string;
    short_name: string;
    display: string;
    theme_color: string;
    icons: { src: string; sizes: string; purpose?: string }[];
  };
  expect(manifest.short_name).toBe('Loupe');
  expect(manifest.display).toBe('standalone');
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.icons.map((i) => i.sizes)).toEqual(
    expect.arrayContaining(['192x192', '512x512']),
  );
  expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  for (const icon of manifest.icons) {
    const res = await request.get(`/${icon.src}`);
    expect(res.status(), icon.src).toBe(200);
    expect(res.headers()['content-type']).toBe('image/png');
  }
});
