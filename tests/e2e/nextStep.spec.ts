// The next step at hand on a tablet, offline: a job with three services (29 steps) opens with its
// next open step on the first screen in landscape (1180×820) and portrait (820×1180); "Go to next
// step" brings a step below the fold up with its tick in focus, and ticking moves on. Also: the
// customer's phone is a 48 px target, the "Not paired" badge reads against the header, and the
// intake's save bar never covers the end of the form ("Signed.").
import type { Locator, Page } from '@playwright/test';
import { DATABASE_NAME } from '../../src/db/LoupeDB';
import { newUlid } from '../../src/domain/ids';
import { foldJob } from '../../src/domain/projection';
import { withListFields } from '../../src/domain/jobList';
import { parseEvent, type StoredEvent } from '../../src/protocol/events';
import { event, openedEvent, stampAt } from '../support/events';
import { addFirstPerson, expect, test, waitForServiceWorkerControl } from './fixtures';

const LANDSCAPE = { width: 1180, height: 820 };
const PORTRAIT = { width: 820, height: 1180 };

/** What ring sizing up's required steps record when done, in their order. */
const SIZING_STEPS: [string, Record<string, string | number | boolean>][] = [
  ['inspect', {}],
  ['measure', { measured_size: 16.51 }],
  ['cut_add_stock', { method: 'cut_add_stock', metal_added_g: 0.31 }],
  ['solder', { join: 'hard_solder', metal_added_g: 0.02 }],
  ['true_round', {}],
  ['file_emery', {}],
  ['verify_size', { final_size: 17.32 }],
  ['polish', {}],
  ['clean', {}],
];

/**
 * Puts a job on the tablet as if it had synced in: its events (validated as a pulled page is) and
 * the projection folded from them, in one transaction of the app's IndexedDB.
 */
async function seedJob(page: Page, events: StoredEvent[]): Promise<void> {
  const parsed = events.map((e) => parseEvent(e));
  const folded = foldJob(parsed);
  // Stored as the app's registry writes it: with the list's index fields.
  const job = folded && withListFields(folded);
  if (job === null) throw new Error('The seeded events opened no job.');
  await page.waitForFunction(
    async (name) => (await indexedDB.databases()).some((d) => d.name === name),
    DATABASE_NAME,
  );
  await page.evaluate(
    ({ name, events, job }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => {
          reject(request.error ?? new Error('IndexedDB did not open'));
        };
        request.onsuccess = () => {
          const idb = request.result;
          const tx = idb.transaction(['events', 'jobs'], 'readwrite');
          for (const e of events) tx.objectStore('events').put(e);
          tx.objectStore('jobs').put(job);
          tx.oncomplete = () => {
            idb.close();
            resolve();
          };
          tx.onerror = () => {
            idb.close();
            reject(tx.error ?? new Error('The seed transaction failed'));
          };
        };
      }),
    { name: DATABASE_NAME, events: parsed, job },
  );
}

/** A ring to size up, rhodium plate and polish, started at the bench, its first `done` sizing steps ticked. */
function threeServiceJob(done: number): { jobId: string; events: StoredEvent[] } {
  const sizing = newUlid();
  const { jobId, opened } = openedEvent({
    services: [
      { id: sizing, kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } },
      { id: newUlid(), kind: 'rhodium_plating', details: { plated_area: 'whole_piece' } },
      { id: newUlid(), kind: 'polishing', details: { finish: 'high_polish' } },
    ],
  });
  const ticks = SIZING_STEPS.slice(0, done).map(([stepId, values], i) =>
    event(jobId, 'step.set', { serviceId: sizing, stepId, done: true, values }, stampAt(2 + i)),
  );
  return {
    jobId,
    events: [
      opened,
      event(jobId, 'status.changed', { status: 'in_progress' }, stampAt(1)),
      ...ticks,
    ],
  };
}

/** The tick of the step the page marks as next. */
function nextTick(page: Page): Locator {
  return page.locator('.jp-step-next').getByRole('checkbox');
}

async function scrollTop(page: Page): Promise<number> {
  return page.evaluate(() => window.scrollY);
}

/** The WCAG contrast of two computed CSS colours, worked out in the page. */
async function badgeContrasts(badge: Locator): Promise<{ text: number; edge: number }> {
  return badge.evaluate((el) => {
    const rgb = (css: string) =>
      (/rgba?\(([^)]+)\)/.exec(css)?.[1] ?? '0,0,0').split(/[ ,/]+/).map(Number);
    const lum = (css: string) => {
      const [r = 0, g = 0, b = 0] = rgb(css);
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratio = (a: string, b: string) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const own = getComputedStyle(el);
    const header = getComputedStyle(el.closest('header') ?? document.body).backgroundColor;
    return {
      text: ratio(own.color, own.backgroundColor),
      edge: ratio(own.backgroundColor, header),
    };
  });
}

test('the next step is on the first screen and a tap away, in both orientations, offline', async ({
  page,
  context,
}) => {
  await page.setViewportSize(LANDSCAPE);
  await page.goto('/jobs');
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  await addFirstPerson(page);

  await test.step('a job whose first service is done opens on its next open step', async () => {
    // 29 steps in all; the 9 of the ring sizing are done, the next is the rhodium's first.
    const { jobId, events } = threeServiceJob(SIZING_STEPS.length);
    await seedJob(page, events);
    for (const viewport of [LANDSCAPE, PORTRAIT]) {
      await page.setViewportSize(viewport);
      await page.goto(`/jobs/${jobId}`);
      const rhodium = page.getByRole('region', { name: 'Rhodium plating' });
      await expect(
        rhodium.locator('.jp-step-next').getByRole('checkbox', { name: 'Polish' }),
      ).toBeVisible();
      expect(await scrollTop(page)).toBe(0);
      await expect(nextTick(page)).toBeInViewport({ ratio: 1 });
      await expect(
        page.getByRole('button', { name: 'Go to next step: Polish (Rhodium plating)' }),
      ).toBeInViewport({ ratio: 1 });
      // The job's records beside the work in landscape, below it in portrait.
      const custody = await page.getByRole('region', { name: 'Custody' }).boundingBox();
      const checklist = await rhodium.boundingBox();
      if (!custody || !checklist) throw new Error('The job page has no custody or checklist box.');
      if (viewport === LANDSCAPE) expect(custody.x).toBeGreaterThan(checklist.x + checklist.width);
      else expect(custody.y).toBeGreaterThan(checklist.y + checklist.height);
    }
  });

  await test.step('a step below the fold is one tap away, and ticking moves on', async () => {
    const { jobId, events } = threeServiceJob(6);
    await seedJob(page, events);
    // Portrait first: landscape then ticks the steps.
    for (const viewport of [PORTRAIT, LANDSCAPE]) {
      await page.setViewportSize(viewport);
      await page.goto(`/jobs/${jobId}`);
      const sizing = page.getByRole('region', { name: 'Ring sizing up' });
      const go = page.getByRole('button', { name: /^Go to next step: / });
      // What is next is on the first screen, even when its step is not.
      await expect(go).toHaveText(/Verify the size on the mandrel/);
      await expect(go).toBeInViewport({ ratio: 1 });
      expect(await scrollTop(page)).toBe(0);

      await go.click();
      const verify = sizing.getByRole('checkbox', { name: 'Verify the size on the mandrel' });
      await expect(verify).toBeFocused();
      await expect(verify).toBeInViewport({ ratio: 1 });
      expect(await scrollTop(page)).toBeGreaterThan(0);
      if (viewport === PORTRAIT) continue;

      // Its size, then the tick: the focus goes on to Polish, on the screen, and so does the button.
      await page.locator('.jp-step-next').getByLabel('Final size', { exact: true }).fill('7');
      await verify.click();
      await expect(verify).toHaveAttribute('aria-checked', 'true');
      const polish = sizing.getByRole('checkbox', { name: 'Polish', exact: true });
      await expect(polish).toBeFocused();
      await expect(polish).toBeInViewport({ ratio: 1 });
      await expect(go).toHaveText(/Go to next step: Polish \(Ring sizing up\)/);
      // A keyboard's Space ticks the focused step and moves on again.
      await page.keyboard.press('Space');
      await expect(polish).toHaveAttribute('aria-checked', 'true');
      await expect(
        sizing.getByRole('checkbox', { name: 'Clean (ultrasonic or steam)' }),
      ).toBeFocused();
    }
  });

  await test.step('the customer’s phone is a whole touch target', async () => {
    const phone = page.getByRole('link', { name: '+46 70 123 45 67' });
    await phone.scrollIntoViewIfNeeded();
    // One box (a text link broken over two lines is two thin ones), 48 px or more each way.
    const boxes = await phone.evaluate((el) =>
      [...el.getClientRects()].map((r) => ({ width: r.width, height: r.height })),
    );
    expect(boxes).toHaveLength(1);
    expect(boxes[0]?.height ?? 0).toBeGreaterThanOrEqual(48);
    expect(boxes[0]?.width ?? 0).toBeGreaterThanOrEqual(48);
  });

  await test.step('"Not paired" reads against the navy header', async () => {
    const badge = page.getByRole('button', { name: /^Sync: Not paired/ });
    await expect(badge).toBeVisible();
    const { text, edge } = await badgeContrasts(badge);
    expect(text, 'its words against its background').toBeGreaterThanOrEqual(4.5);
    expect(edge, 'its background against the header').toBeGreaterThanOrEqual(3);
  });

  await test.step('the intake’s save bar never covers the end of the form', async () => {
    await page.setViewportSize(LANDSCAPE);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Intake' })
      .click();
    const form = page.getByRole('form', { name: 'Take in a piece' });
    const pad = form.getByRole('img', { name: 'Customer signs here' });
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    if (!box) throw new Error('The signature pad has no box on the screen.');
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.6);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.up();
    const signed = form.getByText('Signed.');
    await expect(signed).toBeVisible();
    // Scrolled as far as the browser needs to show it, and to the very end: it is what is at its
    // place on the screen, not the bar.
    for (const block of ['end', 'start'] as const) {
      await signed.evaluate((el, b) => {
        el.scrollIntoView({ block: b });
        const scroller = el.closest('form')?.querySelector('.intake-fields') ?? el.closest('form');
        if (b === 'start' && scroller) scroller.scrollTop = scroller.scrollHeight;
      }, block);
      const onTop = await signed.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit !== null && (hit === el || el.contains(hit));
      });
      expect(onTop, `"Signed." under the save bar (scrolled to its ${block})`).toBe(true);
      const bar = await form
        .getByRole('button', { name: 'Save and open job' })
        .locator('..')
        .boundingBox();
      const text = await signed.boundingBox();
      expect(bar).not.toBeNull();
      expect(text).not.toBeNull();
      if (bar && text) expect(text.y + text.height).toBeLessThanOrEqual(bar.y);
    }
  });
});
