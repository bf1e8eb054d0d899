// Timing a job's service with no network at all, through the screens: a timer started on a service
// keeps running across a reload (its time counted on from the wall-clock mark in the job's row,
// nothing in memory), a pause holds across another reload, then resume and stop; the job's totals
// and the person's day show the time. The tablet's clock is Playwright's, moved on by the test.
import { localDay } from '../../src/domain/dates';
import { newUlid } from '../../src/domain/ids';
import { openedEvent } from '../support/events';
import { addFirstPerson, expect, test, waitForServiceWorkerControl } from './fixtures';
import { seedJobOnTablet } from './support/seedJob';
import { expectReadable } from './support/contrast';

const MIA = { name: 'Mia Berg', role: 'Bench jeweler', pin: '2468' };

test('offline: time a job’s service across a reload, pause, stop, and see the totals', async ({
  page,
  context,
}) => {
  // Ten in the morning today on this machine (the browser's time zone): the day never turns over.
  const now = new Date();
  const morning = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 10, 0);
  await page.clock.install({ time: morning });
  const { jobId, opened } = openedEvent({
    envelope: { number: 'K7-0042', preprinted: false },
    services: [
      {
        id: newUlid(),
        kind: 'ring_sizing_up',
        details: { current_size: 16.51, target_size: 17.32 },
      },
      { id: newUlid(), kind: 'polishing', details: { finish: 'high_polish' } },
    ],
  });

  const panel = page.getByRole('region', { name: 'Time', exact: true });
  const timer = panel.getByRole('listitem', { name: 'Mia Berg · Ring sizing up' });
  const face = timer.locator('.time-live');

  await test.step('load the app, let the service worker take over, then cut the network', async () => {
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    await seedJobOnTablet(page, opened);
    await context.setOffline(true);
    await addFirstPerson(page, MIA);
  });

  await test.step('a timer is started on the ring sizing', async () => {
    await page.goto(`/jobs/${jobId}`);
    await expect(page.getByRole('heading', { name: 'K7-0042', exact: true })).toBeVisible();
    await expect(panel).toContainText('No time recorded on this job yet.');
    await panel.getByRole('button', { name: 'Start: Ring sizing up' }).click();
    await expect(timer).toContainText('Running');
    await expect(face).toHaveText(/^0:00:\d\d$/);
    await expectReadable(panel);
  });

  await test.step('25 minutes on and the app reloaded offline: still running, time kept counting', async () => {
    await page.clock.fastForward('25:00');
    await page.reload();
    await expect(timer).toContainText('Running');
    await expect(face).toHaveText(/^0:2[56]:\d\d$/);
    await expect(panel.getByRole('button', { name: 'Start: Ring sizing up' })).toHaveCount(0);
  });

  let paused = '';
  await test.step('paused, it holds its time across another reload', async () => {
    await timer.getByRole('button', { name: 'Pause' }).click();
    await expect(timer).toContainText('Paused');
    paused = (await face.textContent()) ?? '';
    expect(paused).toMatch(/^0:2[56]:\d\d$/);
    await page.clock.fastForward('10:00');
    await page.reload();
    await expect(timer).toContainText('Paused');
    await expect(face).toHaveText(paused);
  });

  await test.step('resumed for five minutes and stopped: the totals show it', async () => {
    await timer.getByRole('button', { name: 'Resume' }).click();
    await expect(timer).toContainText('Running');
    await page.clock.fastForward('05:00');
    await expect(face).toHaveText(/^0:3[01]:\d\d$/);
    await timer.getByRole('button', { name: 'Stop' }).click();
    await expect(timer).toHaveCount(0);
    const perService = panel.getByRole('table', { name: 'Time per service' });
    await expect(perService.getByRole('row', { name: /^Ring sizing up/ })).toHaveText(
      /Ring sizing up3[01] min/,
    );
    await expect(perService.getByRole('row', { name: /^The job in all/ })).toHaveText(
      /The job in all3[01] min/,
    );
    await expect(
      panel.getByRole('table', { name: 'Time per person' }).getByRole('row', { name: /^Mia Berg/ }),
    ).toHaveText(/Mia Berg3[01] min/);
    await panel.getByText('Stopped timers (1)').click();
    await expect(
      panel.getByRole('list', { name: 'Stopped timers' }).getByRole('listitem'),
    ).toContainText('Mia Berg · Ring sizing up · 10:00 · 3');
  });

  await test.step('the day shows the job and its time, after a reload too', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Time' })
      .click();
    const day = page.getByRole('region', { name: 'My day' });
    await expect(day.getByLabel('Total time')).toHaveText(/^3[01] min today$/);
    const job = day.getByRole('listitem', { name: 'K7-0042' });
    await expect(job).toContainText('Anna Lindqvist');
    await expect(job.getByRole('listitem', { name: 'Ring sizing up' })).toContainText(
      /10:00–10:2[56], 10:3[56]–10:4[01]/,
    );
    expect(localDay(morning)).toBe(localDay(new Date(await page.evaluate(() => Date.now()))));
    await page.reload();
    await expect(day.getByLabel('Total time')).toHaveText(/^3[01] min today$/);
    await day.getByRole('link', { name: 'K7-0042' }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}$`));
  });
});
