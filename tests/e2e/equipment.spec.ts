// Machine care with no network at all, through the screens of the built app: a maintenance task
// planned, coming due as the tablet's days pass (Playwright's clock moves them; nothing sleeps),
// logged done and off the board; and a scale that failed its calibration check flagging the weight
// logged on it on the job page.
import type { Page } from '@playwright/test';
import { dayText, localDay } from '../../src/domain/dates';
import { openedEvent } from '../support/events';
import { addFirstPerson, expect, test, waitForServiceWorkerControl } from './fixtures';
import { seedJobOnTablet } from './support/seedJob';
import { expectReadable } from './support/contrast';

const EVA = { name: 'Eva Boss', role: 'Manager', pin: '1357' };

async function goTo(page: Page, link: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
}

/** The page's wall clock: Playwright's, once installed. */
function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => Date.now());
}

/** Noon (local time) `days` calendar days after the local day of `fromMs`. */
function noonAfter(fromMs: number, days: number): Date {
  const target = new Date(fromMs);
  target.setDate(target.getDate() + days);
  target.setHours(12, 0, 0, 0);
  return target;
}

function localDayAfter(fromMs: number, days: number): string {
  return localDay(noonAfter(fromMs, days));
}

/** Moves the tablet's clock to noon (its local time) `days` days after the local day of `fromMs`. */
async function jumpToNoon(page: Page, fromMs: number, days: number): Promise<void> {
  const target = noonAfter(fromMs, days);
  // Like a tablet left asleep on the bench: due timers fire once, the board reads the clock again.
  await page.clock.fastForward(target.getTime() - (await pageNow(page)));
}

async function addMachine(
  page: Page,
  fill: (form: ReturnType<Page['getByRole']>) => Promise<void>,
): Promise<void> {
  await goTo(page, 'Machines');
  await page.getByRole('tab', { name: 'Machines' }).click();
  await page.getByRole('button', { name: 'Add a machine…' }).click();
  const form = page.getByRole('form', { name: 'Add a machine' });
  await fill(form);
  await form.getByRole('button', { name: 'Add machine' }).click();
}

test('offline: a maintenance task comes due as the days pass, is logged done, and leaves the board', async ({
  page,
  context,
}) => {
  // The tablet's clock starts as the machine's own (the server agrees with it) and is moved later.
  await page.clock.install();

  await test.step('load the app, let the service worker take over, then cut the network', async () => {
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    await context.setOffline(true);
    await addFirstPerson(page, EVA);
  });

  const planned = await pageNow(page);

  await test.step('the manager adds the ultrasonic cleaner and plans its fluid change every 7 days', async () => {
    await addMachine(page, async (form) => {
      await form.getByLabel('Name').fill('Ultrasonic 1');
      await form.getByRole('radio', { name: 'Ultrasonic cleaner' }).click();
    });
    await expect(page.getByRole('heading', { name: 'Ultrasonic 1', level: 2 })).toBeVisible();
    const plan = page.getByRole('region', { name: 'Maintenance plan' });
    await plan.getByRole('button', { name: 'Plan a task…' }).click();
    const form = plan.getByRole('form', { name: 'Plan a task' });
    await form.getByLabel('What is done').fill('Change the fluid');
    await form.getByLabel('Every so many days').fill('7');
    await form.getByRole('button', { name: 'Plan the task' }).click();
    await expect(plan.getByRole('listitem', { name: 'Change the fluid' })).toContainText(
      'never done',
    );
  });

  await test.step('nothing is due on the board yet', async () => {
    await goTo(page, 'Machines');
    await expect(
      page.getByRole('status').filter({ hasText: 'every machine is in order' }),
    ).toBeVisible();
  });

  const board = page.getByRole('region', { name: 'Maintenance due' });
  const task = board.getByRole('listitem', { name: 'Ultrasonic 1: Change the fluid' });

  await test.step('five days on, the board says it is due soon', async () => {
    await jumpToNoon(page, planned, 5);
    await expect(task).toContainText('Due soon');
    await expect(task).toContainText('Due in 2 days');
  });

  await test.step('eight days on, it is overdue', async () => {
    await jumpToNoon(page, planned, 8);
    await expect(task).toContainText('Overdue by 1 day');
    await expectReadable(board);
  });

  await test.step('it is logged done on the machine’s page', async () => {
    await task.getByRole('link', { name: 'Ultrasonic 1' }).click();
    const row = page
      .getByRole('region', { name: 'Maintenance plan' })
      .getByRole('listitem', { name: 'Change the fluid' });
    await expect(row).toContainText('Overdue by 1 day');
    await row.getByRole('button', { name: 'Log done…' }).click();
    const form = row.getByRole('form', { name: 'Log done: Change the fluid' });
    await form.getByLabel('Notes — optional').fill('Fluid was grey, tank rinsed');
    await form.getByRole('button', { name: 'Log it done' }).click();
    const log = page.getByRole('region', { name: 'Maintenance log' });
    await expect(log.getByRole('listitem').first()).toContainText('Change the fluid');
    await expect(log.getByRole('listitem').first()).toContainText('Eva Boss');
    await expect(log.getByRole('listitem').first()).toContainText('Fluid was grey, tank rinsed');
    // Done on day 8, every 7 days: next due on day 15.
    const nextDue = localDayAfter(planned, 15);
    const thisYear = localDayAfter(planned, 8).slice(0, 4);
    await expect(row).toContainText('last done by Eva Boss');
    await expect(row).toContainText(
      `Next due ${dayText(nextDue, { year: nextDue.slice(0, 4) !== thisYear })}`,
    );
  });

  await test.step('the board is clear again, and stays so after a reload offline', async () => {
    await goTo(page, 'Machines');
    await expect(
      page.getByRole('status').filter({ hasText: 'every machine is in order' }),
    ).toBeVisible();
    await page.reload();
    await expect(
      page.getByRole('status').filter({ hasText: 'every machine is in order' }),
    ).toBeVisible();
  });
});

test('offline: a weight logged on a scale that failed its calibration check is flagged', async ({
  page,
  context,
}) => {
  const { jobId, opened } = openedEvent({ envelope: { number: 'K7-0042', preprinted: false } });

  await test.step('load the app, seed the ring, cut the network, sign in as the manager', async () => {
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    await seedJobOnTablet(page, opened);
    await context.setOffline(true);
    await addFirstPerson(page, EVA);
  });

  await test.step('the bench scale is added, linked to the shop’s bench scale, checked every 30 days', async () => {
    await addMachine(page, async (form) => {
      await form.getByLabel('Name').fill('Bench scale');
      await form.getByRole('radio', { name: 'Scale', exact: true }).click();
      await form.getByRole('radio', { name: /^Bench scale/ }).click();
      await form.getByLabel('Checked every').fill('30');
      await form.getByLabel('Test weight').fill('10');
    });
    await expect(page.getByRole('heading', { name: 'Bench scale', level: 2 })).toBeVisible();
  });

  await test.step('its check with the 10 g test weight reads 10.08 g: failed', async () => {
    const card = page.getByRole('region', { name: 'Calibration' });
    await card.getByLabel('The scale read').fill('10.08');
    await card.getByRole('button', { name: 'Record the check' }).click();
    await expect(card.getByText(/^Failed: read 10\.08 g of 10\.00 g/)).toBeVisible();
    await goTo(page, 'Machines');
    await expect(
      page
        .getByRole('region', { name: 'Scales to check' })
        .getByRole('listitem', { name: 'Bench scale' }),
    ).toContainText('Failed its check');
  });

  await test.step('a check weight logged on it on the job page is flagged, in words', async () => {
    await page.goto(`/jobs/${jobId}`);
    const card = page.getByRole('region', { name: 'Metal weights' });
    const form = card.getByRole('form', { name: 'Log a weight' });
    await expect(form.getByRole('radio', { name: 'Bench scale' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await expect(form.getByRole('status')).toContainText('Scale failed its check on');
    await form.getByRole('radio', { name: 'Check' }).click();
    await form.getByLabel('Grams').fill('3.40');
    await form.getByRole('button', { name: 'Log weight' }).click();
    const line = card.getByRole('listitem').filter({ hasText: 'Check 3.40 g' });
    const today = localDay(new Date(await pageNow(page)));
    await expect(line).toContainText('on Bench scale');
    await expectReadable(card);
    await expect(line).toContainText(
      `Scale failed its check on ${dayText(today, { year: false })}`,
    );
    // The intake weighing, made before the scale was in the registry, is not flagged.
    await expect(card.getByRole('listitem').filter({ hasText: 'Intake 3.42 g' })).not.toContainText(
      'Scale',
    );
  });
});
