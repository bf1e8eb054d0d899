// The casting room in real Chromium, offline: a tree from two envelopes, invested, a 6 h burnout
// whose board is right after the clock jumps and the app reloads, its alarm, the cast and the
// weigh-out; both jobs' casting steps ticked with values; a second tablet shows the same board.
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { formatStamp } from '../../src/domain/clock';
import { newUlid } from '../../src/domain/ids';
import type { StoredEvent } from '../../src/protocol/events';
import { openedData } from '../support/events';
import { addFirstPerson, expect, test, type LoupeServer } from './fixtures';
import { pair, pairingLink, pushAsCounter, syncBadge, tablet } from './support/tablets';

const ENVELOPES = ['E2E-CAST-1', 'E2E-CAST-2'];

/** Two 14k yellow casting jobs opened at the counter, on the server before the tablets pair. */
async function castingJobsOnServer(loupe: LoupeServer): Promise<string[]> {
  const device = 'c0c0c0c0c0c0c0c0';
  const events: StoredEvent[] = ENVELOPES.map((number, i) => ({
    id: newUlid(),
    jobId: newUlid(),
    type: 'job.opened',
    at: formatStamp({ ms: Date.now() - 60_000, counter: i, device }),
    actor: 'staff-counter',
    device,
    data: openedData({
      envelope: { number, preprinted: true },
      services: [{ id: newUlid(), kind: 'lost_wax_casting', details: { alloy: 'au14y' } }],
    }),
  }));
  await pushAsCounter(loupe, events);
  return events.map((e) => e.jobId);
}

/** A tablet at 1180×820 whose clock runs as the wall clock does until the test moves it on. */
async function castingTablet(browser: Browser, loupe: LoupeServer): Promise<BrowserContext> {
  const context = await tablet(browser, loupe, { width: 1180, height: 820 });
  await context.clock.install();
  return context;
}

async function syncNow(page: Page): Promise<void> {
  await syncBadge(page).click();
  const sheet = page.getByRole('dialog', { name: 'Sync details' });
  await sheet.getByRole('button', { name: 'Sync now' }).click();
  await expect(sheet.getByText(/^Last sync at /)).toBeVisible({ timeout: 20_000 });
  await sheet.getByRole('button', { name: 'Close' }).click();
}

function section(page: Page, name: string): Locator {
  return page.getByRole('region', { name, exact: true });
}

/** Ticks one of the tree's steps; the last one of a stage closes its section (`closes`). */
async function tick(page: Page, where: string, name: string, closes = false): Promise<void> {
  const box = section(page, where).getByRole('checkbox', { name });
  await box.click();
  if (closes) await expect(section(page, where).getByText('Now')).toHaveCount(0);
  else await expect(box).toHaveAttribute('aria-checked', 'true');
}

/** The kiln board's card of one flask, as its text reads. */
function flaskCard(page: Page, flask: string): Locator {
  return page.getByRole('article', { name: `Flask ${flask}` });
}

/** A job's projection row as this tablet's IndexedDB holds it. */
async function storedSteps(
  page: Page,
  jobId: string,
): Promise<Record<string, { done: boolean; values: Record<string, unknown> }>> {
  return page.evaluate(
    (id) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('loupe');
        req.onerror = () => {
          reject(new Error('could not open the app database'));
        };
        req.onsuccess = () => {
          const get = req.result.transaction('jobs').objectStore('jobs').get(id);
          get.onsuccess = () => {
            const job = get.result as { services: { steps: Record<string, never> }[] };
            req.result.close();
            resolve(job.services[0]?.steps ?? {});
          };
        };
      }),
    jobId,
  );
}

test('a tree through the casting room offline, its board right after a reload, on two tablets', async ({
  browser,
  loupe,
}) => {
  test.setTimeout(180_000);
  const jobIds = await castingJobsOnServer(loupe);
  const contextA = await castingTablet(browser, loupe);
  const contextB = await castingTablet(browser, loupe);
  try {
    const a = await contextA.newPage();
    const b = await contextB.newPage();
    await pair(a, await pairingLink(loupe, 'Casting room'));
    await pair(b, await pairingLink(loupe, 'Bench B'));
    await addFirstPerson(a, { name: 'Ola Caster', role: 'Caster', pin: '1357' });
    await syncNow(a);

    // The casting room has no network.
    await contextA.setOffline(true);
    await a.goto('/casting');
    await a.getByRole('button', { name: 'Start a tree' }).click();
    await a.getByRole('button', { name: '14k yellow gold' }).click();
    await expect(a.getByRole('heading', { level: 2, name: /^T-/ })).toBeVisible();
    const treeUrl = a.url();

    // Two envelopes onto the tree, typed as a person types them.
    const envelope = section(a, 'Waxes').getByLabel('Envelope number');
    for (const number of ENVELOPES) {
      await envelope.fill(number.toLowerCase());
      await envelope.press('Enter');
      await expect(section(a, 'Waxes').getByRole('link', { name: number })).toBeVisible();
    }
    await tick(a, 'Waxes', 'Waxes cleaned up');
    await tick(a, 'Waxes', 'Waxes sprued');
    await tick(a, 'Waxes', 'Tree built', true);

    // Weighed on its base: the metal needed shows as it is typed (8 g of wax × 13.07 + 10 %).
    const weigh = section(a, 'Weigh the tree');
    await weigh.getByLabel('Tree on its base').fill('12.50');
    await weigh.getByLabel('Base alone').fill('4.50');
    await expect(weigh.getByLabel('Metal needed')).toContainText('115.02 g');
    await weigh.getByRole('button', { name: 'Save the weighing' }).click();

    const metal = section(a, 'Metal');
    await metal.getByRole('textbox', { name: 'Metal issued' }).fill('115.02');
    await metal.getByRole('button', { name: 'Issue metal' }).click();
    await expect(section(a, 'Metal')).toContainText('115.02 g of 115.02 g issued');

    const flask = section(a, 'Flask');
    await flask.getByLabel('Flask ID').fill('f7');
    await flask.getByRole('radio', { name: '2.5 × 2.5 in' }).click();
    await flask.getByRole('button', { name: 'Mixed now' }).click();
    await expect(section(a, 'Flask').getByLabel('Working time left')).toBeVisible();
    await tick(a, 'Flask', 'Vacuumed', true);

    const burnout = section(a, 'Burnout');
    await expect(burnout.getByRole('radio', { name: /^6 h burnout/ })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await burnout.getByRole('button', { name: 'Start burnout' }).click();
    await expect(section(a, 'Burnout').getByLabel('Kiln now')).toContainText('Wax out');

    // The kiln board: stage 1 of the 6 h program, 149 °C, 2 h left.
    await a.goto('/casting');
    const cardA = flaskCard(a, 'F7');
    await expect(cardA).toContainText('Stage 1 of 4: Wax out');
    await expect(cardA).toContainText('Set the kiln to 149 °C (300 °F)');
    await expect(cardA).toContainText('2 h 00 min left in this stage');
    const readyAt = (await cardA.locator('.kiln-ready-at').textContent()) ?? '';
    const boardDay = await a.evaluate(() => new Date().toDateString());
    // Six hours on: past midnight when the test runs in the evening, the board names the day.
    expect(readyAt).toMatch(/^Ready to cast at (tomorrow )?\d\d:\d\d$/);

    // Back on the network, the tree goes to the shop server and on to the other tablet.
    await contextA.setOffline(false);
    await syncNow(a);
    await syncNow(b);
    await b.goto('/casting');
    const cardB = flaskCard(b, 'F7');
    await expect(cardB).toContainText('Stage 1 of 4: Wax out');
    await expect(cardB).toContainText('Set the kiln to 149 °C (300 °F)');
    await expect(cardB.locator('.kiln-ready-at')).toHaveText(readyAt);

    // Two and a half hours later, the casting room tablet offline again and reloaded.
    await contextA.setOffline(true);
    await contextA.clock.fastForward('02:30:00');
    await contextB.clock.fastForward('02:30:00');
    await a.reload();
    await b.reload();
    // The same moment, named from the day it is now: a "tomorrow" seen before midnight is today.
    const crossedMidnight = await a.evaluate(
      (before) => new Date().toDateString() !== before,
      boardDay,
    );
    const readyAtNow = crossedMidnight ? readyAt.replace('tomorrow ', '') : readyAt;
    for (const card of [flaskCard(a, 'F7'), flaskCard(b, 'F7')]) {
      await expect(card).toContainText('Stage 2 of 4: Burn off');
      await expect(card).toContainText('Set the kiln to 371 °C (700 °F)');
      await expect(card).toContainText(/(30|29) min left in this stage/);
      await expect(card.locator('.kiln-ready-at')).toHaveText(readyAtNow);
    }
    // The stage that ended while the tablet slept rings: acknowledged, it does not ring again.
    const alarm = a.getByRole('alert').filter({ hasText: 'Wax out is done' });
    await expect(alarm).toContainText('Set the kiln to 371 °C (700 °F)');
    await alarm.getByRole('button', { name: 'Got it' }).click();
    await expect(alarm).toHaveCount(0);
    await a.reload();
    await expect(flaskCard(a, 'F7')).toContainText('Stage 2 of 4: Burn off');
    await expect(a.getByRole('alert').filter({ hasText: 'Wax out is done' })).toHaveCount(0);

    // Past the soak: ready to cast. Cast, quench, devest, cut off and weigh out, still offline.
    await contextA.clock.fastForward('03:40:00');
    await a.reload();
    await expect(flaskCard(a, 'F7')).toContainText('Ready to cast');
    await a.goto(treeUrl);
    const cast = section(a, 'Cast');
    await cast.getByLabel('Casting temperature').fill('960');
    await cast.getByLabel('Casting machine').fill('Vacuum caster');
    await cast.getByRole('button', { name: 'Record the cast' }).click();
    await expect(section(a, 'Cast')).toContainText('Vacuum caster');
    await tick(a, 'Cast', 'Quenched');
    await tick(a, 'Cast', 'Devested');
    await tick(a, 'Cast', 'Cut off the tree', true);
    const out = section(a, 'Weigh-out');
    await out.getByLabel(`${ENVELOPES[0]} casting`).fill('52.00');
    await out.getByLabel(`${ENVELOPES[1]} casting`).fill('46.00');
    await out.getByRole('textbox', { name: 'Button' }).fill('11.50');
    await out.getByRole('textbox', { name: 'Sprues' }).fill('5.00');
    await out.getByRole('button', { name: 'Save the weigh-out' }).click();
    // 115.02 − (98 + 11.50 + 5) = 0.52 g: under the shop's 1 %.
    await expect(section(a, 'Weigh-out')).toContainText('0.52 g');

    // Both jobs show their casting steps done with the tree's values, by the caster.
    for (const [i, jobId] of jobIds.entries()) {
      await a.goto(`/jobs/${jobId}`);
      const service = a.getByRole('region', { name: 'Lost-wax casting' });
      for (const step of ['Weigh the tree', 'Burnout', 'Cast', 'Cut off and weigh']) {
        await expect(service.getByRole('checkbox', { name: step, exact: true })).toHaveAttribute(
          'aria-checked',
          'true',
        );
      }
      const steps = await storedSteps(a, jobId);
      expect(steps.weigh_tree?.values).toEqual({ wax_weight_g: 8 });
      expect(steps.burnout?.values).toMatchObject({ program: '6h', burnout_top_temp_c: 732 });
      expect(steps.cast?.values).toMatchObject({ metal_issued_g: 115.02, casting_temp_c: 960 });
      expect(steps.cut_off?.values).toEqual({
        button_weight_g: 16.5,
        good_weight_g: i === 0 ? 52 : 46,
      });
    }
  } finally {
    await contextA.close();
    await contextB.close();
  }
});
