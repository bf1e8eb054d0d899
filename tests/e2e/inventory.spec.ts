// Findings used on a job with no network at all, through the screens: two findings are added to the
// inventory and received, a ring's job page uses some of each (one picked by its code, typed as a
// scanner types it, one by its name), and Stock → Shortages lists the one that fell below its
// minimum, and only that one; the order list asks for it.
import type { Page } from '@playwright/test';
import { openedEvent } from '../support/events';
import { addFirstPerson, expect, test, waitForServiceWorkerControl } from './fixtures';
import { seedJobOnTablet } from './support/seedJob';
import { expectReadable } from './support/contrast';

const MIA = { name: 'Mia Berg', role: 'Assistant', pin: '2468' };

async function goTo(page: Page, link: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
}

/** Adds a finding through Stock → Add item, then receives its first delivery on its page. */
async function addFinding(
  page: Page,
  item: { name: string; code: string; minimum: string; received: string },
): Promise<void> {
  await goTo(page, 'Stock');
  await page.getByRole('button', { name: 'Add item…' }).click();
  const sheet = page.getByRole('dialog', { name: 'Add an item' });
  await sheet.getByLabel('Name').fill(item.name);
  await sheet.getByRole('radio', { name: 'Finding' }).click();
  await sheet.getByRole('radio', { name: 'pieces' }).click();
  await sheet.getByLabel('Code — optional, type or scan').fill(item.code);
  await sheet.getByLabel('Minimum').fill(item.minimum);
  await sheet.getByRole('button', { name: 'Add item' }).click();
  await expect(page.getByRole('heading', { name: item.name })).toBeVisible();

  await page.getByRole('button', { name: 'Receive stock…' }).click();
  const receive = page.getByRole('dialog', { name: 'Receive stock' });
  await receive.getByLabel('Received').fill(item.received);
  await receive.getByRole('button', { name: 'Record the delivery' }).click();
  await expect(receive).toBeHidden();
  await expect(page.getByLabel('On hand')).toHaveText(
    `${item.received} pcs on hand · minimum ${item.minimum} pcs`,
  );
}

test('offline: use two findings from the inventory, the shortage list shows the one below its minimum', async ({
  page,
  context,
}) => {
  const { jobId, opened } = openedEvent({ envelope: { number: 'K7-0051', preprinted: false } });

  await test.step('load the app, let the service worker take over, then cut the network', async () => {
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    await seedJobOnTablet(page, opened);
    await context.setOffline(true);
    await addFirstPerson(page, MIA);
  });

  await test.step('two findings are added to the inventory and received', async () => {
    await addFinding(page, { name: 'Jump ring 4 mm', code: 'JR-4', minimum: '20', received: '22' });
    await addFinding(page, {
      name: 'Lobster clasp 10 mm',
      code: 'LC-10',
      minimum: '2',
      received: '10',
    });
    await goTo(page, 'Stock');
    await page.getByRole('tab', { name: 'Shortages' }).click();
    await expect(
      page.getByText('Nothing is short: every item is at or above its minimum.'),
    ).toBeVisible();
  });

  await test.step('the ring’s job uses three jump rings (by code) and a clasp (by name)', async () => {
    await page.goto(`/jobs/${jobId}`);
    await expect(page.getByRole('heading', { name: 'K7-0051', exact: true })).toBeVisible();
    const panel = page.getByRole('region', { name: 'Materials' });

    await panel.getByRole('button', { name: 'Use material…' }).click();
    let sheet = page.getByRole('dialog', { name: 'Use material' });
    // The search box has the focus: a keyboard-wedge scanner types the bag's code and Enter.
    await expect(sheet.getByLabel('Find or scan the item')).toBeFocused();
    await page.keyboard.type('JR-4', { delay: 5 });
    await page.keyboard.press('Enter');
    await expect(sheet.getByRole('radio', { name: /Jump ring 4 mm/ })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await expectReadable(sheet);
    await sheet.getByLabel('How many Jump ring 4 mm').fill('3');
    await sheet.getByRole('radio', { name: 'Ring sizing up' }).click();
    await sheet.getByRole('button', { name: 'Use Jump ring 4 mm' }).click();
    await expect(sheet).toBeHidden();

    await panel.getByRole('button', { name: 'Use material…' }).click();
    sheet = page.getByRole('dialog', { name: 'Use material' });
    await sheet.getByLabel('Find or scan the item').fill('lobster');
    await sheet.getByRole('radio', { name: /Lobster clasp 10 mm/ }).click();
    await sheet.getByRole('button', { name: 'Use Lobster clasp 10 mm' }).click();
    await expect(sheet).toBeHidden();

    const used = panel.getByRole('list', { name: 'Materials used' });
    await expect(used.getByRole('listitem', { name: 'Jump ring 4 mm' })).toContainText(
      '3 pcs Jump ring 4 mm · Ring sizing up',
    );
    await expect(used.getByRole('listitem', { name: 'Lobster clasp 10 mm' })).toContainText(
      '1 pcs Lobster clasp 10 mm',
    );
    await expect(used.getByRole('listitem', { name: 'Jump ring 4 mm' })).toContainText(MIA.name);
  });

  await test.step('Stock → Shortages lists the jump rings (19 of 20), not the clasps (9 of 2)', async () => {
    await goTo(page, 'Stock');
    await page.getByRole('tab', { name: 'Shortages (1)' }).click();
    const list = page.getByRole('region', { name: 'Shortage list' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list.getByRole('listitem', { name: 'Jump ring 4 mm' })).toContainText(
      '19 pcs of minimum 20 pcs',
    );
    await expect(list.getByRole('listitem', { name: 'Lobster clasp 10 mm' })).toHaveCount(0);

    await page.getByRole('tab', { name: 'Order list' }).click();
    const order = page.getByRole('region', { name: 'Supply order' });
    await expect(order.getByRole('row', { name: /Jump ring 4 mm/ })).toContainText('1 pcs');
    await expect(order.getByRole('row', { name: /Lobster clasp/ })).toHaveCount(0);
  });

  await test.step('the clasps’ page shows the job’s use in its history', async () => {
    await page.getByRole('tab', { name: 'Items' }).click();
    await page.getByRole('link', { name: /Lobster clasp 10 mm/ }).click();
    const history = page.getByRole('list', { name: 'Item history' });
    await expect(history.getByRole('listitem').first()).toContainText('Used 1 pcs on job K7-0051');
    await expect(page.getByLabel('On hand')).toHaveText('9 pcs on hand · minimum 2 pcs');
  });
});
