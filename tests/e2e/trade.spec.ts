// A trade-shop round trip with no network at all, through the screens: a trade shop is added in
// Settings, a ring is sent to it from its job page, it is listed under Custody → Out at trade shops
// with its days out, it comes back with its condition, leaves the list, and custody shows who has it.
import type { Page } from '@playwright/test';
import { localDay } from '../../src/domain/dates';
import { openedEvent } from '../support/events';
import { addFirstPerson, expect, test, waitForServiceWorkerControl } from './fixtures';
import { seedJobOnTablet } from './support/seedJob';

const MIA = { name: 'Mia Berg', role: 'Bench jeweler', pin: '2468' };

/** The calendar day `days` after `day` (YYYY-MM-DD), counted in UTC so no time zone shifts it. */
function addDays(day: string, days: number): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

async function goTo(page: Page, link: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
}

test('offline: add a trade shop, send a ring there, see it out with its days, bring it back', async ({
  page,
  context,
}) => {
  // The browser runs on this machine, in its time zone: the same calendar day as here.
  const today = localDay();
  const { jobId, opened } = openedEvent({
    envelope: { number: 'K7-0042', preprinted: false },
    insuranceValueCents: 150_000,
  });

  await test.step('load the app, let the service worker take over, then cut the network', async () => {
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    // The ring came in at the front counter and synced to this tablet before the network went.
    await seedJobOnTablet(page, opened);
    await context.setOffline(true);
    await addFirstPerson(page, MIA);
  });

  await test.step('a trade shop is added in Settings', async () => {
    await goTo(page, 'Settings');
    const section = page.getByRole('region', { name: 'Trade shops' });
    const form = section.getByRole('form', { name: 'Add a trade shop' });
    await form.getByLabel('Trade shop name').fill('Kovac Setting');
    await form.getByRole('radio', { name: 'Stone setter' }).click();
    await form.getByLabel(/^Phone/).fill('+46 8 123 45');
    await form.getByRole('button', { name: 'Add trade shop' }).click();
    await expect(section.getByRole('listitem', { name: 'Kovac Setting' })).toContainText(
      'Kovac Setting · Stone setter · +46 8 123 45',
    );
  });

  await test.step('the ring is sent to the trade shop from its job page', async () => {
    await page.goto(`/jobs/${jobId}`);
    await expect(page.getByRole('heading', { name: 'K7-0042', exact: true })).toBeVisible();
    const panel = page.getByRole('region', { name: 'Trade shops' });
    await panel.getByRole('button', { name: 'Send to trade shop…' }).click();
    const sheet = page.getByRole('dialog', { name: 'Send to trade shop' });
    await expect(sheet.getByLabel('Sent on')).toHaveValue(today);
    await expect(sheet.getByLabel('Expected back', { exact: true })).toHaveValue(addDays(today, 7));
    await expect(sheet.getByLabel('Insurance value')).toHaveValue('1500.00');
    await sheet.getByRole('radio', { name: /Kovac Setting/ }).click();
    await sheet.getByLabel('Work to do').fill('Re-tip four prongs');
    await sheet.getByLabel('Taken by').fill('Ivan Kovac');
    // It went out three days ago; the tablet records it now.
    await sheet.getByLabel('Sent on').fill(addDays(today, -3));
    await sheet.getByLabel('Expected back', { exact: true }).fill(addDays(today, 4));
    await sheet.getByRole('button', { name: 'Send to Kovac Setting' }).click();
    await expect(sheet).toBeHidden();
    await expect(panel.getByRole('listitem', { name: /^Kovac Setting: / })).toContainText(
      '3 days out',
    );
  });

  await test.step('it is listed under Custody → Out at trade shops with its days out', async () => {
    await goTo(page, 'Custody');
    await page.getByRole('tab', { name: 'Out at trade shops' }).click();
    const shop = page.getByRole('region', { name: 'Kovac Setting' });
    await expect(shop).toContainText('1 piece · insured 1500.00 in all');
    const row = shop.getByRole('listitem', { name: 'K7-0042' });
    await expect(row).toContainText('3 days out');
    await expect(row).toContainText('Anna Lindqvist');
    await expect(row).toContainText('Re-tip four prongs');
    await expect(row).toContainText('taken by Ivan Kovac');
    await expect(row).not.toContainText('Overdue');
    await row.getByRole('link', { name: 'K7-0042' }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}$`));
  });

  await test.step('it comes back with its condition and a check weighing', async () => {
    const panel = page.getByRole('region', { name: 'Trade shops' });
    await panel.getByRole('button', { name: 'Back from Kovac Setting…' }).click();
    const sheet = page.getByRole('dialog', { name: 'Back from Kovac Setting' });
    await expect(sheet.getByLabel('Came back on')).toHaveValue(today);
    await sheet.getByLabel(/^Condition/).fill('Four prongs re-tipped, stone tight');
    await sheet.getByLabel(/^Weight back/).fill('3.45');
    await sheet.getByRole('button', { name: 'Record it back' }).click();
    await expect(sheet).toBeHidden();
    const trip = panel.getByRole('listitem', { name: /^Kovac Setting: Back / });
    await expect(trip).toContainText('after 3 days');
    await expect(trip).toContainText('Received back by Mia Berg');
    await expect(trip).toContainText('Four prongs re-tipped, stone tight · weighed 3.45 g');
    // Custody shows the person who received it: they took it themselves, no confirmation needed.
    await expect(
      page
        .getByRole('region', { name: 'Custody' })
        .getByRole('listitem')
        .filter({ hasText: 'Back from Kovac Setting' }),
    ).toContainText(`${MIA.name} took it`);
  });

  await test.step('it has left the Out at trade shops list', async () => {
    await goTo(page, 'Custody');
    await page.getByRole('tab', { name: 'Out at trade shops' }).click();
    await expect(page.getByText(/Nothing is out at a trade shop\./)).toBeVisible();
  });
});
