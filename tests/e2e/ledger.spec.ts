// The metal ledger in real Chromium, offline: metal received, a tree issued from stock and weighed out
// (button back to stock, sprues to scrap), filings deposited, a lot sealed, sent and settled; the
// accountant's CSV holds every movement the tablet stored.
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { BUILT_IN_PROGRAMS } from '../../src/domain/casting/burnout';
import { formatStamp } from '../../src/domain/clock';
import { newUlid } from '../../src/domain/ids';
import type { StoredEvent } from '../../src/protocol/events';
import { LEDGER_STREAM_ID } from '../../src/protocol/streams';
import { openedData } from '../support/events';
import { addFirstPerson, expect, test, type LoupeServer } from './fixtures';
import { pair, pairingLink, pushAsCounter, syncBadge, tablet } from './support/tablets';

const ENVELOPE = 'E2E-METAL-1';

/** A 14k yellow casting job on a tree that the counter's tablet took as far as the kiln. */
async function treeInTheKiln(loupe: LoupeServer): Promise<{ jobId: string; treeId: string }> {
  const device = 'c1c1c1c1c1c1c1c1';
  const jobId = newUlid();
  const treeId = newUlid();
  const startMs = Date.now() - 9 * 3_600_000;
  let n = 0;
  const event = (streamId: string, type: string, data: object): StoredEvent => ({
    id: newUlid(),
    jobId: streamId,
    type,
    at: formatStamp({ ms: startMs + n * 1000, counter: n++, device }),
    actor: 'staff-counter',
    device,
    data: data as Record<string, unknown>,
  });
  const program = BUILT_IN_PROGRAMS.find((p) => p.id === '6h');
  await pushAsCounter(loupe, [
    event(
      jobId,
      'job.opened',
      openedData({
        envelope: { number: ENVELOPE, preprinted: true },
        services: [{ id: newUlid(), kind: 'lost_wax_casting', details: { alloy: 'au14y' } }],
      }),
    ),
    event(treeId, 'tree.started', { alloyId: 'au14y' }),
    event(treeId, 'tree.job_added', { jobId, envelopeNumber: ENVELOPE }),
    event(treeId, 'tree.weighed', { grossG: 12.5, baseG: 4.5 }),
    event(treeId, 'tree.invested', {
      flaskId: 'F9',
      flaskSize: '2.5x2.5',
      investment: 'gypsum',
      powderG: 236,
      waterMl: 94.4,
      mixedAtMs: startMs,
      workingMinutes: 9.5,
    }),
    event(treeId, 'tree.burnout_started', { atMs: startMs + 600_000, program, soakTempC: 650 }),
  ]);
  return { jobId, treeId };
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

async function openMetalTab(page: Page, tab: 'Stock' | 'Scrap' | 'Lots' | 'Movements') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Metal' }).click();
  await page.getByRole('tab', { name: tab }).click();
}

/** The ids of the ledger's events this tablet's IndexedDB holds. */
async function storedLedgerIds(page: Page): Promise<string[]> {
  return page.evaluate(
    (ledgerId) =>
      new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open('loupe');
        req.onerror = () => {
          reject(new Error('could not open the app database'));
        };
        req.onsuccess = () => {
          const all = req.result.transaction('events').objectStore('events').getAll();
          all.onsuccess = () => {
            const events = all.result as { id: string; jobId: string }[];
            req.result.close();
            resolve(events.filter((e) => e.jobId === ledgerId).map((e) => e.id));
          };
        };
      }),
    LEDGER_STREAM_ID,
  );
}

test('metal received, a tree cast and weighed out, scrap sealed, sent and settled, all offline', async ({
  browser,
  loupe,
}) => {
  test.setTimeout(180_000);
  const { treeId } = await treeInTheKiln(loupe);
  const context = await tablet(browser, loupe, { width: 1180, height: 820 });
  try {
    const page = await context.newPage();
    await pair(page, await pairingLink(loupe, 'Safe and casting'));
    await addFirstPerson(page, { name: 'Ola Caster', role: 'Caster', pin: '1357' });
    await syncNow(page);
    await context.setOffline(true);

    // 200 g of 14k yellow grain from the supplier into stock: 117 g of fine gold.
    await openMetalTab(page, 'Stock');
    await page.getByRole('button', { name: 'Receive' }).click();
    const receive = page.getByRole('form', { name: 'Receive metal' });
    await receive.getByLabel('Alloy').selectOption('au14y');
    await receive.getByLabel('Grams received').fill('200');
    await receive.getByLabel('Supplier', { exact: true }).fill('Hoover & Strong');
    await receive.getByRole('button', { name: 'Receive into stock' }).click();
    const stock = page.getByRole('table', { name: 'Stock in the safe' });
    await expect(stock.getByRole('row', { name: /14k yellow gold/ })).toContainText('200.00 g');
    await expect(page.getByRole('list', { name: 'Fine weight by metal' })).toContainText(
      '117.00 g',
    );

    // The tree: metal issued from stock, cast, weighed out with the button back to stock and
    // the sprues to the scrap pot.
    await page.goto(`/casting/trees/${treeId}`);
    // The tree is in the kiln: its Metal section is closed, opened to issue the metal now.
    const metal = section(page, 'Metal');
    await metal.getByRole('button', { name: 'Show Metal' }).click();
    await metal.getByRole('textbox', { name: 'Metal issued' }).fill('115.02');
    await metal.getByRole('button', { name: 'Issue metal' }).click();
    await expect(section(page, 'Metal')).toContainText('115.02 g of 115.02 g issued');
    const cast = section(page, 'Cast');
    await cast.getByLabel('Casting temperature').fill('960');
    await cast.getByLabel('Casting machine').fill('Vacuum caster');
    await cast.getByRole('button', { name: 'Record the cast' }).click();
    await expect(section(page, 'Cast')).toContainText('Vacuum caster');
    for (const step of ['Quenched', 'Devested']) {
      const box = section(page, 'Cast').getByRole('checkbox', { name: step });
      await box.click();
      await expect(box).toHaveAttribute('aria-checked', 'true');
    }
    await section(page, 'Cast').getByRole('checkbox', { name: 'Cut off the tree' }).click();
    const out = section(page, 'Weigh-out');
    await out.getByLabel(`${ENVELOPE} casting`).fill('95.00');
    await out.getByRole('textbox', { name: 'Button' }).fill('12.00');
    await out.getByRole('textbox', { name: 'Sprues' }).fill('7.00');
    await out
      .getByRole('radiogroup', { name: 'Sprues go' })
      .getByRole('radio', { name: /scrap pot/ })
      .click();
    await out.getByRole('button', { name: 'Save the weigh-out' }).click();
    // 115.02 − (95 + 12 + 7) = 1.02 g lost in the casting.
    await expect(section(page, 'Weigh-out')).toContainText('1.02 g');

    // Stock: 200 − 115.02 + 12 = 96.98 g; the tree holds nothing now (its loss is booked).
    await openMetalTab(page, 'Stock');
    await expect(stock.getByRole('row', { name: /14k yellow gold/ })).toContainText('96.98 g');
    await expect(page.getByText('Nobody holds metal issued from stock.')).toBeVisible();

    // Filings from the bench into the same pot: 7 + 3.20 = 10.20 g of clean 14k scrap.
    await page.getByRole('tab', { name: 'Scrap' }).click();
    const deposit = page.getByRole('form', { name: 'Deposit scrap' });
    await deposit.getByLabel('Alloy').selectOption('au14y');
    await deposit.getByRole('radio', { name: /^Bench filings/ }).click();
    await expect(deposit.getByLabel('Goes in')).toHaveText('→ 14k gold, clean scrap');
    await deposit.getByLabel('Grams of scrap').fill('3.20');
    await deposit.getByRole('button', { name: 'Deposit in 14k gold, clean scrap' }).click();
    const pot = page.getByRole('listitem', { name: '14k gold, clean scrap' });
    await expect(pot).toContainText('10.20 g');

    // Sealed into a lot (the pot empties), sent to the refiner, settled: its yield in view.
    const seal = page.getByRole('form', { name: 'Seal a lot' });
    await seal.getByRole('button', { name: /^14k gold, clean scrap/ }).click();
    await seal.getByLabel('Seal number — optional').fill('S-2201');
    await seal.getByRole('button', { name: 'Seal the lot' }).click();
    await expect(page.getByRole('status', { name: 'Lot sealed' })).toContainText('10.20 g');
    await page.getByRole('tab', { name: 'Lots' }).click();
    const lot = page
      .getByRole('list', { name: 'Lots not settled' })
      .getByRole('listitem', { name: /^Lot L-/ });
    await lot.getByRole('button', { name: /^Send lot L-/ }).click();
    const send = lot.getByRole('form', { name: /^Send lot/ });
    await send.getByLabel('Refiner').fill('United Refining');
    await send.getByLabel('Taken by').fill('FedEx 7781');
    await send.getByLabel('Gross weight').fill('10.40');
    await send.getByRole('button', { name: 'Record as sent' }).click();
    await expect(lot).toContainText('At the refiner');
    await lot.getByRole('button', { name: /^Settle lot L-/ }).click();
    const settle = lot.getByRole('form', { name: /^Settle lot/ });
    await settle.getByLabel('Assay — optional').fill('580');
    await settle.getByLabel('Fine credited').fill('5.80');
    await settle.getByLabel('Refiner’s fees').fill('25.00');
    await settle.getByRole('button', { name: 'Record the settlement' }).click();
    const settled = page
      .getByRole('list', { name: 'Settled lots' })
      .getByRole('listitem', { name: /^Lot L-/ });
    // Estimated 10.20 g × 585 ‰ = 5.967 g fine; credited 5.80 g.
    await expect(settled.getByLabel('Yield')).toHaveText(
      'Yield: credited 5.80 g fine of 5.97 g estimated: 97 %, −0.17 g',
    );

    // The accountant's CSV, still offline: a row for every movement the tablet holds.
    await page.goto('/metal/report');
    await page.getByRole('radio', { name: 'All time' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const csv = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    const ids = await storedLedgerIds(page);
    // receipt, issue, castings used, button returned, sprues to scrap, the tree's closing
    // weigh-in, filings, seal, sent, settled
    expect(ids).toHaveLength(10);
    for (const id of ids) expect(csv).toContain(id);
    expect(csv.split('\r\n')[0]).toContain('Movement');
    expect(csv).toContain('Hoover & Strong');
    expect(csv).toContain('United Refining');
    // The castings' movement names the job by its envelope, as the accountant looks it up.
    expect(csv).toContain(ENVELOPE);
  } finally {
    await context.close();
  }
});
