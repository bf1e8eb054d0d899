// A day at the bench with no network at all, through the screens only: two people join the staff
// list, a ring is taken in on a new envelope, sized up step by step, handed to the casting room,
// sent to QC and passed by the second person; after a reload everything is still there.
import type { Locator, Page } from '@playwright/test';
import { addFirstPerson, expect, test, waitForServiceWorkerControl } from './fixtures';

const MIA = { name: 'Mia Berg', role: 'Bench jeweler', pin: '2468' };
const JONAS = { name: 'Jonas Ek', role: 'Manager', pin: '1357' };

/** Settings' add-a-person form. */
async function addPerson(form: Locator, person: typeof MIA): Promise<void> {
  await form.getByLabel('Name').fill(person.name);
  await form.getByRole('button', { name: person.role, exact: true }).click();
  await form.getByLabel('PIN (4 digits)').fill(person.pin);
  await form.getByLabel('PIN again').fill(person.pin);
  await form.getByRole('button', { name: 'Add person' }).click();
}

/** One checklist step: its row, found by its tick. */
function stepRow(page: Page, label: string): Locator {
  return page
    .getByRole('listitem')
    .filter({ has: page.getByRole('checkbox', { name: label, exact: true }) });
}

/** Fills what a step asks for, ticks it and sees who ticked it. */
async function tickStep(
  page: Page,
  label: string,
  fill: (row: Locator) => Promise<void> = async () => {},
): Promise<void> {
  const row = stepRow(page, label);
  await fill(row);
  const tick = row.getByRole('checkbox', { name: label, exact: true });
  await tick.click();
  await expect(tick).toHaveAttribute('aria-checked', 'true');
  await expect(row.getByText(new RegExp(`^${MIA.name} · `))).toBeVisible();
}

/** The custody trail's entry for the hand-over to the casting room. */
function handedToCastingRoom(page: Page): Locator {
  return page
    .getByRole('region', { name: 'Custody' })
    .getByRole('listitem')
    .filter({ hasText: `${MIA.name} handed it to Casting room (Tray 4)` });
}

/** The header's connection badge, saying the tablet has no network. */
function offlineBadge(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: /^Offline$/ });
}

/** The required steps of "Ring sizing up", in order. */
const REQUIRED_STEPS = [
  'Inspect under 10× and note the condition',
  'Measure on the mandrel',
  'Cut and add stock, or stretch',
  'Solder or laser weld the seam',
  'True round on the mandrel',
  'File and emery the seam',
  'Verify the size on the mandrel',
  'Polish',
  'Clean (ultrasonic or steam)',
];

test('offline from the start: take in a ring, size it, hand it on, QC by a second person, reload', async ({
  page,
  context,
}) => {
  await test.step('load the app, let the service worker take over, then cut the network', async () => {
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    await context.setOffline(true);
    await expect(offlineBadge(page)).toBeVisible();
  });

  await test.step('the first person adds themselves from the header', async () => {
    await addFirstPerson(page, MIA);
  });

  await test.step('and adds a second person in Settings', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await addPerson(page.getByRole('form', { name: 'Add a person' }), JONAS);
    await expect(page.getByRole('button', { name: `Take ${JONAS.name} off` })).toBeVisible();
    // Adding someone does not hand them the tablet.
    await expect(page.getByRole('button', { name: MIA.name })).toBeVisible();
  });

  let envelope = '';
  await test.step('a ring is taken in on a new envelope', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Intake' })
      .click();
    const form = page.getByRole('form', { name: 'Take in a piece' });
    await form.getByLabel("Customer's name").fill('Anna Lindqvist');
    await form.getByLabel(/^Phone/).fill('+46 70 123 45 67');
    await form.getByRole('radio', { name: 'Ring', exact: true }).click();
    await form
      .getByLabel('Description', { exact: true })
      .fill('Yellow metal ring with one white stone');
    await form.getByLabel('Intake weight (g)').fill('3.42');

    await form.getByRole('button', { name: '+ Ring sizing up' }).click();
    const sizing = form.getByRole('listitem', { name: 'Ring sizing up' });
    // Typed as US sizes (the default system); kept as inner diameters in mm.
    await sizing.getByLabel('Current size', { exact: true }).fill('6');
    await sizing.getByLabel('Target size', { exact: true }).fill('7');
    await expect(sizing.getByText(/US 7 · UK/)).toBeVisible();

    await form.getByLabel('Insurance value').fill('1500');
    const oneWeek = form.getByRole('button', { name: '+1 week' });
    await oneWeek.click();
    await expect(oneWeek).toHaveAttribute('aria-pressed', 'true');

    // The customer signs with a finger: a stroke across the pad.
    const pad = form.getByRole('img', { name: 'Customer signs here' });
    // The mouse works in the viewport: bring the pad into it first.
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    if (!box) throw new Error('The signature pad has no box on the screen.');
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.7, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.4, { steps: 5 });
    await page.mouse.up();
    await expect(form.getByText('Signed.')).toBeVisible();

    await form.getByRole('button', { name: 'Save and open job' }).click();
    await expect(
      page.getByRole('heading', { name: 'Job opened for Anna Lindqvist' }),
    ).toBeVisible();
    envelope = (await page.getByTestId('envelope-number').textContent()) ?? '';
    expect(envelope).toMatch(/^[A-Z][0-9A-Z]-0001$/);
    await page.getByRole('link', { name: 'Open job' }).click();
    await expect(page.getByRole('heading', { name: envelope, exact: true })).toBeVisible();
  });

  await test.step('the bench works the ring sizing checklist', async () => {
    await page.getByRole('button', { name: 'Start work' }).click();
    await expect(page.getByText('In progress', { exact: true })).toBeVisible();
    const sizing = page.getByRole('region', { name: 'Ring sizing up' });
    await expect(sizing.getByText('0 of 9 steps')).toBeVisible();

    await tickStep(page, 'Inspect under 10× and note the condition', async (row) => {
      await row.getByLabel(/^Condition notes/).fill('Old solder seam, shank fine');
    });
    await tickStep(page, 'Measure on the mandrel', async (row) => {
      await row.getByLabel('Measured size', { exact: true }).fill('6');
    });
    await tickStep(page, 'Cut and add stock, or stretch', async (row) => {
      await row.getByRole('radio', { name: 'Cut and add stock', exact: true }).click();
      await row.getByLabel('Metal added (g)').fill('0.35');
      await row.getByLabel(/^Stock alloy/).selectOption({ label: '14k yellow gold' });
    });
    await tickStep(page, 'Solder or laser weld the seam', async (row) => {
      await row.getByRole('radio', { name: 'Hard solder' }).click();
      await row.getByLabel('Solder used (g)').fill('0.02');
    });
    await tickStep(page, 'True round on the mandrel');
    await tickStep(page, 'File and emery the seam');
    await tickStep(page, 'Verify the size on the mandrel', async (row) => {
      await row.getByLabel('Final size', { exact: true }).fill('7');
    });
    await tickStep(page, 'Polish');
    await tickStep(page, 'Clean (ultrasonic or steam)');
    await expect(sizing.getByText('9 of 9 steps')).toBeVisible();
  });

  await test.step('the piece is handed to the casting room and sent to QC', async () => {
    await page.getByRole('button', { name: 'Hand to…' }).click();
    const sheet = page.getByRole('dialog', { name: 'Hand to…' });
    await sheet.getByLabel(/^Note/).fill('Tray 4');
    await sheet
      .getByRole('group', { name: 'Places' })
      .getByRole('button', { name: 'Casting room' })
      .click();
    await expect(sheet).toBeHidden();
    await expect(handedToCastingRoom(page)).toBeVisible();

    await page.getByRole('button', { name: 'Send to QC' }).click();
    await expect(page.getByText('Waiting for QC', { exact: true })).toBeVisible();
    // The person who did the work cannot pass their own work.
    await expect(page.getByText('You worked on this job: QC needs a second person.')).toBeVisible();
  });

  await test.step('the second person takes the tablet with their PIN and passes QC', async () => {
    await page.getByRole('button', { name: MIA.name, exact: true }).click();
    const sheet = page.getByRole('dialog', { name: 'Who’s at the bench?' });
    await sheet.getByRole('button', { name: JONAS.name, exact: true }).click();
    const pad = sheet.getByRole('group', { name: `PIN for ${JONAS.name}` });
    for (const digit of JONAS.pin) {
      await pad.getByRole('button', { name: digit, exact: true }).click();
    }
    await expect(sheet).toBeHidden();
    await expect(page.getByRole('button', { name: JONAS.name, exact: true })).toBeVisible();

    const checks = page.getByRole('group', { name: 'QC checks' });
    const pass = checks.getByRole('button', { name: 'Pass QC' });
    await expect(pass).toBeDisabled();
    for (const check of await checks.getByRole('switch').all()) await check.click();
    // The return weight is not ticked: the reviewer weighs the piece back (3.42 g + 0.37 g added).
    await expect(pass).toBeDisabled();
    await checks.getByLabel('Weight now (g)').fill('3.79');
    await checks.getByRole('button', { name: 'Log the return weight' }).click();
    await expect(checks.getByRole('status', { name: 'Return weight logged' })).toContainText(
      '3.79 g',
    );
    await pass.click();
    await expect(page.getByText('Ready for pick-up', { exact: true })).toBeVisible();
  });

  await test.step('after a reload, still offline, it is all there', async () => {
    await page.reload();
    await expect(offlineBadge(page)).toBeVisible();
    await expect(page.getByRole('heading', { name: envelope, exact: true })).toBeVisible();
    await expect(page.getByText('Ready for pick-up', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: JONAS.name, exact: true })).toBeVisible();

    const sizing = page.getByRole('region', { name: 'Ring sizing up' });
    await expect(sizing.getByText('9 of 9 steps')).toBeVisible();
    for (const label of REQUIRED_STEPS) {
      const row = stepRow(page, label);
      await expect(row.getByRole('checkbox', { name: label, exact: true })).toHaveAttribute(
        'aria-checked',
        'true',
      );
      await expect(row.getByText(new RegExp(`^${MIA.name} · `))).toBeVisible();
    }
    // What was asked at intake, kept as inner diameters and shown in every system.
    const asked = sizing.getByRole('definition');
    await expect(asked.filter({ hasText: /^16\.51 mm · US 6 · UK / })).toBeVisible();
    await expect(asked.filter({ hasText: /^17\.32 mm · US 7 · UK / })).toBeVisible();
    // The values the steps recorded, in words on each done step.
    const stock = stepRow(page, 'Cut and add stock, or stretch');
    await expect(
      stock.getByText(
        'Sizing method: Cut and add stock, Metal added: 0.35 g, Stock alloy: 14k yellow gold',
      ),
    ).toBeVisible();
    await expect(
      stepRow(page, 'Solder or laser weld the seam').getByText(
        /^Join: Hard solder, Solder used: 0\.02 g/,
      ),
    ).toBeVisible();
    await expect(
      stepRow(page, 'Measure on the mandrel').getByText(/^Measured size: 16\.51 mm · US 6 ·/),
    ).toBeVisible();
    // Opened to change them, the fields hold them; a stored size shows in its box, in US sizes.
    await stock
      .getByRole('button', { name: 'Change the values of Cut and add stock, or stretch' })
      .click();
    await expect(
      stock.getByRole('radio', { name: 'Cut and add stock', exact: true }),
    ).toBeChecked();
    await expect(stock.getByLabel('Metal added (g)')).toHaveValue('0.35');
    const verify = stepRow(page, 'Verify the size on the mandrel');
    await verify.getByRole('button', { name: /^Change the values of/ }).click();
    await expect(verify.getByLabel('Final size')).toHaveValue('7');

    await expect(handedToCastingRoom(page)).toBeVisible();
    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByText(`${JONAS.name} passed QC`, { exact: true })).toBeVisible();
    await expect(
      history.getByText(`${JONAS.name} marked it ready for pick-up`, { exact: true }),
    ).toBeVisible();

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Jobs' })
      .click();
    const ready = page.getByRole('tab', { name: /^Ready/ });
    await ready.click();
    await expect(ready).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('count-ready')).toHaveText('1');
    const row = page.getByRole('tabpanel').getByRole('link', { name: new RegExp(envelope) });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Anna Lindqvist');
    await expect(row).toContainText('Ready for pick-up');
    await expect(row).toContainText('Casting room');
  });

  await test.step('the pick-up weighs it back against intake + the stock added', async () => {
    await page
      .getByRole('tabpanel')
      .getByRole('link', { name: new RegExp(envelope) })
      .click();
    const pickUp = page.getByRole('group', { name: 'Pick-up' });
    const returned = pickUp.getByLabel('Return weight (g)');
    const check = pickUp.getByRole('status', { name: 'Return weight check' });
    // 3.42 g at intake + 0.35 g of stock and 0.02 g of solder = 3.79 g: 3.77 g is the scale's noise.
    await returned.fill('3.77');
    await expect(check).toHaveText(
      'Expected 3.79 g (intake 3.42 + added 0.37) → returned 3.77 g: −0.02 g, within the scale’s ±0.02 g.',
    );
    await expect(check).toHaveClass(/flag-within/);
    // Against intake alone it would look like +0.08 g gained; against what it should weigh, short.
    await returned.fill('3.50');
    await expect(check).toContainText('0.29 g short — beyond the scale’s ±0.02 g');
    await expect(check).toHaveClass(/flag-short/);
  });
});
