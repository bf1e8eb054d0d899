// A busy shop's year on one tablet, in real Chromium: 100,000 jobs seeded into its IndexedDB, then
// the jobs list shows every tab's count and the most urgent jobs first, a customer is found by
// phone, and a job opens from the list, from its typed envelope number and from its links.
import type { Page } from '@playwright/test';
import { envelopeOrder } from '../../src/domain/jobList';
import { OPEN_STATUSES } from '../../src/protocol/statuses';
import {
  bigShopCounts,
  bigShopToday,
  planJob,
  type BigShop,
  type BigShopJobPlan,
} from '../support/bigShop';
import { expect, test } from './fixtures';
import { seedBigShopOnTablet } from './support/bigShopSeed';

/** The shop's size; a smaller one (LOUPE_E2E_SHOP_JOBS) for a quick look while changing this file. */
const JOBS = Number(process.env.LOUPE_E2E_SHOP_JOBS ?? 100_000);
/** Waiting for a screen of a shop this big (no time is asserted: this only bounds a hang). */
const SLOW = { timeout: 120_000 };

/** Rush first, then the promised date, then the envelope number: the list's urgency order. */
function byUrgency(a: BigShopJobPlan, b: BigShopJobPlan): number {
  if (a.rush !== b.rush) return a.rush ? -1 : 1;
  if (a.promisedDate !== b.promisedDate) return a.promisedDate < b.promisedDate ? -1 : 1;
  const ea = envelopeOrder(a.envelopeNumber);
  const eb = envelopeOrder(b.envelopeNumber);
  if (ea !== eb) return ea < eb ? -1 : 1;
  return a.jobId < b.jobId ? -1 : 1;
}

/** Text that begins with this envelope number and not a longer one. */
function startsWithEnvelope(envelope: string): RegExp {
  return new RegExp(`^${envelope.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}(?!\\d)`);
}

/** The rows of the tab on screen, in the order drawn. */
const tabRows = (page: Page) => page.getByRole('tabpanel').getByRole('link');

async function expectFirstRows(page: Page, plans: readonly BigShopJobPlan[]): Promise<void> {
  const rows = tabRows(page);
  await expect(rows.first()).toBeVisible(SLOW);
  for (const [i, plan] of plans.entries()) {
    await expect(rows.nth(i)).toContainText(startsWithEnvelope(plan.envelopeNumber));
  }
}

test('a shop of 100,000 jobs: the list in urgency order, its counts, a search and a job', async ({
  page,
  loupe,
}) => {
  test.setTimeout(30 * 60_000);
  const shop: BigShop = { jobs: JOBS, now: Date.now() };
  const plans = Array.from({ length: shop.jobs }, (_, i) => planJob(shop, i));
  const counts = bigShopCounts(shop);
  const today = bigShopToday(shop);
  const live = plans.filter((p) => !p.voided);
  const inShop = live.filter((p) => p.status !== 'collected').sort(byUrgency);
  const late = live
    .filter((p) => OPEN_STATUSES.includes(p.status) && p.promisedDate < today)
    .sort(byUrgency);

  await test.step(`seed ${JOBS.toLocaleString()} jobs into the tablet`, async () => {
    const stored = await seedBigShopOnTablet(page, loupe, shop);
    expect(stored.jobs).toBe(JOBS);
  });

  await test.step('the list opens on All open, the most urgent first, every count right', async () => {
    await page.goto('/jobs');
    await expectFirstRows(page, inShop.slice(0, 6));
    const shown: Record<string, number> = {
      open: counts.allOpen,
      today: counts.dueToday,
      late: counts.late,
      in_progress: counts.inProgress,
      qc: counts.qc,
      ready: counts.ready,
    };
    for (const [tab, count] of Object.entries(shown)) {
      await expect(page.getByTestId(`count-${tab}`)).toHaveText(String(count), SLOW);
    }
  });

  await test.step('Late lists the late jobs, rush first, then the longest overdue', async () => {
    await page.getByRole('tab', { name: /^Late/ }).click();
    await expect(page).toHaveURL(/tab=late/);
    await expectFirstRows(page, late.slice(0, 4));
  });

  await test.step('a customer is found by their phone number, every job of theirs', async () => {
    // One of the newest customers with a few pieces in: all of them fit on the screen.
    const byPhone = new Map<string, BigShopJobPlan[]>();
    for (const p of plans)
      byPhone.set(p.customer.phone, [...(byPhone.get(p.customer.phone) ?? []), p]);
    const theirs = [...byPhone.values()]
      .reverse()
      .find((list) => list.length >= 2 && list.length <= 4);
    if (!theirs?.[0]) throw new Error('The shop has no customer with two to four jobs.');
    await page.getByLabel('Search envelope, name or phone').fill(theirs[0].customer.phone);
    const results = page.getByRole('region', { name: 'Search results' }).getByRole('link');
    await expect(results).toHaveCount(theirs.length, SLOW);
    await expect(results.filter({ hasText: theirs[0].customer.name })).toHaveCount(theirs.length);
    for (const p of theirs) {
      await expect(results.filter({ hasText: startsWithEnvelope(p.envelopeNumber) })).toHaveCount(
        1,
      );
    }
  });

  await test.step('a row opens its job', async () => {
    await page.getByRole('button', { name: 'Clear search' }).click();
    await page.getByRole('tab', { name: /^All open/ }).click();
    const first = inShop[0];
    if (!first) throw new Error('Nothing is in the shop.');
    await tabRows(page).first().click(SLOW);
    await expect(page).toHaveURL(`${loupe.url}/jobs/${first.jobId}`);
    await expect(
      page.getByRole('heading', { name: first.envelopeNumber, exact: true }),
    ).toBeVisible(SLOW);
  });

  await test.step('an old job opens from its typed envelope number', async () => {
    // Collected months ago, numbered on the second tablet: typed as people do, small and spaced.
    const old = plans
      .slice(0, Math.floor(JOBS / 2))
      .find((p) => !p.preprinted && p.index % 3 === 1);
    if (!old) throw new Error('The shop has no old job to look up.');
    await page.goto('/scan');
    await page
      .getByLabel('Type the envelope number')
      .fill(old.envelopeNumber.toLowerCase().replace('-', ' '));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page).toHaveURL(`${loupe.url}/jobs/${old.jobId}`, SLOW);
    await expect(page.getByRole('heading', { name: old.envelopeNumber, exact: true })).toBeVisible(
      SLOW,
    );
  });

  await test.step('a job opens from its deep link and from its label’s link', async () => {
    const job = inShop[Math.floor(inShop.length / 2)];
    if (!job) throw new Error('Nothing is in the shop.');
    await page.goto(`/jobs/${job.jobId}`);
    await expect(page.getByRole('heading', { name: job.envelopeNumber, exact: true })).toBeVisible(
      SLOW,
    );
    const newest = plans[JOBS - 1];
    if (!newest) throw new Error('The shop has no jobs.');
    await page.goto(`/j/${newest.jobId}`);
    await expect(page).toHaveURL(`${loupe.url}/jobs/${newest.jobId}`, SLOW);
    await expect(
      page.getByRole('heading', { name: newest.envelopeNumber, exact: true }),
    ).toBeVisible(SLOW);
  });
});
