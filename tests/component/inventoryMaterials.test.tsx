// The job page's materials panel over a real Dexie on fake-indexeddb: a use picked from the
// inventory (by words, a typed code, a keyboard-wedge scan), at a service, written on the job and
// the item together; a use beyond the book; putting a use back with its reason.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { WedgeScanner } from '../../src/components/WedgeScanner';
import { db, useJob, useStaff } from '../../src/db';
import {
  addItem,
  receiveStock,
  updateItem,
  type ItemInput,
} from '../../src/db/inventoryOperations';
import { eventsOfStream } from '../../src/db/streams';
import type { StaffMember } from '../../src/domain/staff';
import { MaterialsPanel } from '../../src/screens/jobs/job/materials/MaterialsPanel';
import { useStaffNames } from '../../src/screens/jobs/job/useStaffNames';
import { job, openTestJob } from './jobPageHelpers';
import { signedIn } from './staffHelpers';

const RINGS: ItemInput = {
  name: 'Jump ring 4 mm',
  category: 'finding',
  unit: 'pcs',
  code: 'JR-4',
  minimum: 20,
  unitCostCents: 4,
};
const CLASPS: ItemInput = {
  name: 'Lobster clasp 10 mm',
  category: 'finding',
  unit: 'pcs',
  code: 'LC-10',
  minimum: 5,
  unitCostCents: 85,
};

let clock = 0;
const now = () => clock;
beforeEach(() => {
  clock = 1_000;
});

/** The panel as the job page holds it: the job read live, names from the staff list. */
function LivePanel({ actor }: { actor: StaffMember | null }) {
  const jobId = useLocation().pathname.split('/')[2] ?? '';
  const found = useJob(jobId);
  const staff = useStaff();
  const nameOf = useStaffNames(staff ?? []);
  if (!found) return null;
  return <MaterialsPanel job={found} actor={actor} nameOf={nameOf} />;
}

function renderPanel(jobId: string, actor: StaffMember | null) {
  return render(
    <MemoryRouter initialEntries={[`/jobs/${jobId}`]}>
      <Routes>
        <Route path="/jobs/:jobId" element={<LivePanel actor={actor} />} />
      </Routes>
      <WedgeScanner now={now} />
    </MemoryRouter>,
  );
}

async function typeIn(user: UserEvent, field: HTMLElement, text: string): Promise<void> {
  await user.click(field);
  await user.paste(text);
}

function panel() {
  return screen.getByRole('region', { name: 'Materials' });
}

/** The panel once the job has been read. */
function shownPanel() {
  return screen.findByRole('region', { name: 'Materials' });
}

async function stocked(actor: StaffMember) {
  const rings = await addItem(db, RINGS, actor.id);
  const clasps = await addItem(db, CLASPS, actor.id);
  await receiveStock(db, { itemId: rings, quantity: 22 }, actor.id);
  await receiveStock(db, { itemId: clasps, quantity: 1 }, actor.id);
  return { rings, clasps };
}

async function snapshot() {
  return {
    events: await db.events.count(),
    jobs: await db.jobs.toArray(),
    items: await db.items.toArray(),
  };
}

describe('Materials on the job page', () => {
  it('uses findings picked from the inventory at a service: on the job and off the shelf together', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId, serviceId } = await openTestJob(mia.id);
    const { rings } = await stocked(mia);
    renderPanel(jobId, mia);
    expect(
      await within(await shownPanel()).findByText('No findings, stones or solder used yet.'),
    ).toBeTruthy();

    await user.click(within(panel()).getByRole('button', { name: 'Use material…' }));
    const sheet = screen.getByRole('dialog', { name: 'Use material' });
    // Nothing picked: said, nothing stored.
    await user.click(within(sheet).getByRole('button', { name: 'Use' }));
    expect(within(sheet).getByRole('alert').textContent).toBe(
      'Pick the item from the list, or scan its code.',
    );
    await typeIn(user, within(sheet).getByLabelText('Find or scan the item'), 'jump');
    const choices = within(sheet).getByRole('radiogroup', { name: 'Item' });
    expect(
      within(choices)
        .getAllByRole('radio')
        .map((r) => r.textContent),
    ).toEqual(['Jump ring 4 mmJR-4 · 22 pcs on hand']);
    await user.click(within(choices).getByRole('radio', { name: /Jump ring 4 mm/ }));
    const howMany = within(sheet).getByLabelText('How many Jump ring 4 mm');
    await user.clear(howMany);
    await typeIn(user, howMany, '3');
    await user.click(within(sheet).getByRole('radio', { name: 'Ring sizing up' }));
    await user.click(within(sheet).getByRole('button', { name: 'Use Jump ring 4 mm' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Use material' })).toBeNull();
    });

    const row = await within(panel()).findByRole('listitem', { name: 'Jump ring 4 mm' });
    expect(row.querySelector('.materials-what')?.textContent).toBe(
      '3 pcs Jump ring 4 mm · Ring sizing up',
    );
    expect(row.textContent).toContain('Mia Berg · ');
    const used = (await job(jobId)).materialsUsed;
    expect(used).toMatchObject([{ itemId: rings, quantity: 3, serviceId, unitCostCents: 4 }]);
    expect((await db.items.get(rings))?.onHand).toBe(19);
    expect((await eventsOfStream(db, rings)).at(-1)).toMatchObject({
      type: 'stock.used',
      data: { jobId, usageId: used[0]?.usageId },
    });
  });

  it('picks the item a scanner reads, typed into the search box or scanned with the focus elsewhere', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    await stocked(mia);
    renderPanel(jobId, mia);
    await user.click(
      await within(await shownPanel()).findByRole('button', { name: 'Use material…' }),
    );
    const sheet = screen.getByRole('dialog', { name: 'Use material' });
    const search = within(sheet).getByLabelText('Find or scan the item');
    // The search box has the focus when the sheet opens: a wedge scanner types into it.
    expect(document.activeElement).toBe(search);
    await user.keyboard('lc-10{Enter}');
    expect(
      within(sheet)
        .getByRole('radio', { name: /Lobster clasp 10 mm/ })
        .getAttribute('aria-checked'),
    ).toBe('true');
    // The form was not sent by the scan's Enter.
    expect((await job(jobId)).materialsUsed).toEqual([]);

    // With the focus on a button, the burst goes to the sheet (claimScans), not to opening a job.
    const kinds = within(sheet).getByRole('group', { name: 'Kind of item' });
    within(kinds).getAllByRole('button')[0]?.focus();
    act(() => {
      for (const key of Array.from('JR-4')) {
        clock += 5;
        fireEvent.keyDown(document.activeElement ?? document.body, { key });
      }
      clock += 5;
      fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Enter' });
    });
    await waitFor(
      () => {
        expect(
          within(sheet)
            .getByRole('radio', { name: /Jump ring 4 mm/ })
            .getAttribute('aria-checked'),
        ).toBe('true');
      },
      { timeout: 2000 },
    );
    expect(within(sheet).getByLabelText<HTMLInputElement>('Find or scan the item').value).toBe(
      'JR-4',
    );
    expect(screen.queryByRole('dialog', { name: 'Scanned code' })).toBeNull();

    // A code no item has is said, never silently ignored.
    await user.clear(search);
    await typeIn(user, search, 'XX-99');
    await user.keyboard('{Enter}');
    expect(within(sheet).getByRole('alert').textContent).toContain(
      'No item in the inventory has the code “XX-99”.',
    );
  });

  it('records a use beyond what the book says is on hand, and the item asks to be counted', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    const { clasps } = await stocked(mia);
    renderPanel(jobId, mia);
    await user.click(
      await within(await shownPanel()).findByRole('button', { name: 'Use material…' }),
    );
    const sheet = screen.getByRole('dialog', { name: 'Use material' });
    await user.click(await within(sheet).findByRole('radio', { name: /Lobster clasp 10 mm/ }));
    const howMany = within(sheet).getByLabelText('How many Lobster clasp 10 mm');
    await user.clear(howMany);
    await typeIn(user, howMany, '2');
    expect(
      within(sheet).getByText(/^The book shows 1 pcs on hand: the use is recorded all the same/),
    ).toBeTruthy();
    await user.click(within(sheet).getByRole('button', { name: 'Use Lobster clasp 10 mm' }));
    await within(panel()).findByRole('listitem', { name: 'Lobster clasp 10 mm' });
    expect(await db.items.get(clasps)).toMatchObject({ onHand: -1, needsCount: true });
  });

  it('offers neither retired items nor stock metal (issued in the metal ledger)', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    const { clasps } = await stocked(mia);
    await updateItem(db, clasps, { retired: true }, mia.id);
    await addItem(
      db,
      { name: '14k yellow sheet', category: 'stock', unit: 'g', minimum: 10, alloyId: 'au14y' },
      mia.id,
    );
    renderPanel(jobId, mia);
    await user.click(
      await within(await shownPanel()).findByRole('button', { name: 'Use material…' }),
    );
    const sheet = screen.getByRole('dialog', { name: 'Use material' });
    const choices = await within(sheet).findByRole('radiogroup', { name: 'Item' });
    expect(
      within(choices)
        .getAllByRole('radio')
        .map((r) => r.querySelector('span')?.textContent),
    ).toEqual(['Jump ring 4 mm']);
  });

  it('puts a use back with its reason: off the job’s cost and back on the shelf', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    const { rings } = await stocked(mia);
    renderPanel(jobId, mia);
    await user.click(
      await within(await shownPanel()).findByRole('button', { name: 'Use material…' }),
    );
    let sheet = screen.getByRole('dialog', { name: 'Use material' });
    await user.click(await within(sheet).findByRole('radio', { name: /Jump ring 4 mm/ }));
    await user.click(within(sheet).getByRole('button', { name: 'Use Jump ring 4 mm' }));
    const row = await within(panel()).findByRole('listitem', { name: 'Jump ring 4 mm' });
    expect((await db.items.get(rings))?.onHand).toBe(21);

    await user.click(within(row).getByRole('button', { name: 'Put back…' }));
    sheet = screen.getByRole('dialog', { name: 'Put back Jump ring 4 mm' });
    const before = await snapshot();
    await user.click(within(sheet).getByRole('button', { name: 'Put it back' }));
    expect(within(sheet).getByRole('alert').textContent).toBe('Say why it went back.');
    expect(await snapshot()).toEqual(before);
    await user.click(within(sheet).getByRole('button', { name: 'Wrong size' }));
    await user.click(within(sheet).getByRole('button', { name: 'Put it back' }));
    expect(await within(row).findByText(/^Put back by Mia Berg · .*: Wrong size$/)).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Put back…' })).toBeNull();
    expect((await db.items.get(rings))?.onHand).toBe(22);
    expect((await job(jobId)).materialsReturned).toMatchObject([{ reason: 'Wrong size' }]);
  });

  it('is read only with nobody signed in', async () => {
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    renderPanel(jobId, null);
    await within(await screen.findByRole('region', { name: 'Materials' })).findByText(
      'No findings, stones or solder used yet.',
    );
    expect(within(panel()).queryByRole('button')).toBeNull();
  });
});
