// The header's and the job page's sheets in real Chromium: every text in them reads against its background with a
// contrast of at least 4.5:1 (WCAG AA), from the colours the browser computed.
import { openedEvent } from '../support/events';
import { addFirstPerson, expect, test, waitForServiceWorkerControl } from './fixtures';
import { expectReadable } from './support/contrast';
import { seedJobOnTablet } from './support/seedJob';
import { pair, pairingLink, tablet } from './support/tablets';

test('the first-run form, the PIN pad and the sync sheet read at 4.5:1 or more', async ({
  browser,
  loupe,
}) => {
  const context = await tablet(browser, loupe, { width: 1180, height: 820 });
  try {
    const page = await context.newPage();
    await pair(page, await pairingLink(loupe, 'Counter'));
    // The first screen a shop sees: who is at the bench, with nobody on the staff list yet.
    await page.getByRole('button', { name: 'Who’s at the bench?' }).click();
    const first = page.getByRole('dialog', { name: 'Who’s at the bench?' });
    await expect(first.getByLabel('Name')).toBeVisible();
    await expectReadable(first);
    await first.getByRole('button', { name: 'Close' }).click();

    await addFirstPerson(page, { name: 'Mia Berg', role: 'Bench jeweler', pin: '2468' });
    // Every hand-over: the PIN pad.
    await page.getByRole('button', { name: 'Mia Berg', exact: true }).click();
    const pad = page.getByRole('dialog', { name: 'Who’s at the bench?' });
    // The staff list is read once the sheet is open: the names, not the empty sheet, are measured.
    await expect(pad.getByRole('button', { name: 'Mia Berg', exact: true })).toBeVisible();
    await expectReadable(pad);
    await pad.getByRole('button', { name: 'Mia Berg', exact: true }).click();
    await expect(
      pad.getByRole('group', { name: 'PIN for Mia Berg' }).getByRole('button', { name: '5' }),
    ).toBeVisible();
    await expectReadable(pad);
    await pad.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: /^Sync: / }).click();
    const sync = page.getByRole('dialog', { name: 'Sync details' });
    await expect(sync.getByRole('heading', { name: 'Sync with the shop server' })).toBeVisible();
    await expectReadable(sync);
  } finally {
    await context.close();
  }
});

test('the job page’s sheets read at 4.5:1 or more: hand to…, send to a trade shop', async ({
  page,
}) => {
  const { jobId, opened } = openedEvent({ envelope: { number: 'K7-0042', preprinted: false } });
  await page.setViewportSize({ width: 1180, height: 820 });
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await seedJobOnTablet(page, opened);
  await addFirstPerson(page, { name: 'Mia Berg', role: 'Bench jeweler', pin: '2468' });

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  const form = page
    .getByRole('region', { name: 'Trade shops' })
    .getByRole('form', { name: 'Add a trade shop' });
  await form.getByLabel('Trade shop name').fill('Kovac Setting');
  await form.getByRole('radio', { name: 'Stone setter' }).click();
  await form.getByRole('button', { name: 'Add trade shop' }).click();
  await expect(page.getByRole('listitem', { name: 'Kovac Setting' })).toBeVisible();

  await page.goto(`/jobs/${jobId}`);
  await page.getByRole('button', { name: 'Hand to…' }).click();
  const handTo = page.getByRole('dialog', { name: 'Hand to…' });
  await expect(handTo.getByRole('group', { name: 'Places' })).toBeVisible();
  await expectReadable(handTo);
  await handTo.getByRole('button', { name: 'Close' }).click();

  await page
    .getByRole('region', { name: 'Trade shops' })
    .getByRole('button', { name: 'Send to trade shop…' })
    .click();
  const send = page.getByRole('dialog', { name: 'Send to trade shop' });
  await expect(send.getByLabel('Sent on')).toBeVisible();
  await expectReadable(send);
});
