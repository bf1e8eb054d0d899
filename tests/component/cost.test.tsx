// The job's cost as a manager meets it, over a real Dexie on fake-indexeddb: the job page's cost card
// (labour, materials, metal, the total beside the estimate, what is missing in words), shown to a
// manager only, and the Settings section where a manager sets rates and prices and others read them.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { db, getShop, recordEvent, useJob, useStaff } from '../../src/db';
import { setLabourRates, setMetalPrices } from '../../src/db/costingOperations';
import { newUlid } from '../../src/domain/ids';
import type { StaffMember } from '../../src/domain/staff';
import type { EventData } from '../../src/protocol/events';
import { CostPanel } from '../../src/screens/jobs/job/cost/CostPanel';
import { useStaffNames } from '../../src/screens/jobs/job/useStaffNames';
import { CostingSection } from '../../src/screens/settings/CostingSection';
import { useSession } from '../../src/stores/sessionStore';
import { openTestJob } from './jobPageHelpers';
import { renderApp } from './renderApp';
import { addPerson } from './staffHelpers';

const MIN = 60_000;

interface Shop {
  zed: StaffMember; // the manager
  mia: StaffMember; // a bench jeweler with her own rate
  ana: StaffMember; // an assistant: the shop set no assistant rate
}

async function shop(): Promise<Shop> {
  const zed = await addPerson('Zed Holm', '1111', 'manager');
  const mia = await addPerson('Mia Berg', '2222', 'jeweler', zed.id);
  const ana = await addPerson('Ana Lund', '3333', 'assistant', zed.id);
  return { zed, mia, ana };
}

function signIn(person: StaffMember): void {
  useSession.getState().signIn(person.id);
}

/** A stopped timer of `who` on the job: `minutes` long, ending an hour ago. */
async function timed(jobId: string, who: StaffMember, minutes: number): Promise<void> {
  const timerId = newUlid();
  const end = Date.now() - 60 * MIN;
  await recordEvent(
    db,
    { jobId, type: 'timer.started', data: { timerId, wallMs: end - minutes * MIN } },
    who.id,
  );
  await recordEvent(db, { jobId, type: 'timer.stopped', data: { timerId, wallMs: end } }, who.id);
}

async function used(
  jobId: string,
  who: StaffMember,
  data: Partial<EventData<'material.used'>> & { itemName: string; quantity: number },
): Promise<string> {
  const usageId = newUlid();
  await recordEvent(
    db,
    {
      jobId,
      type: 'material.used',
      data: { usageId, itemId: newUlid(), category: 'finding', unit: 'pcs', ...data },
    },
    who.id,
  );
  return usageId;
}

/** The card as the job page holds it: the job read live, names from the staff list. */
function LiveCost({ jobId, actor }: { jobId: string; actor: StaffMember | null }) {
  const job = useJob(jobId);
  const nameOf = useStaffNames(useStaff() ?? []);
  if (!job) return <p>loading</p>;
  return <CostPanel job={job} actor={actor} nameOf={nameOf} />;
}

function renderCost(jobId: string, actor: StaffMember | null) {
  return render(
    <MemoryRouter>
      <LiveCost jobId={jobId} actor={actor} />
    </MemoryRouter>,
  );
}

function lines(name: string): string[] {
  const list = screen.getByRole('list', { name });
  return within(list)
    .getAllByRole('listitem')
    .map((li) => li.textContent);
}

describe('the job’s cost on the job page', () => {
  it('shows a manager labour, materials and metal, the total over the estimate, and what is missing', async () => {
    const { zed, mia, ana } = await shop();
    await setLabourRates(
      db,
      [
        { role: 'jeweler', centsPerHour: 4500 },
        { staffId: mia.id, centsPerHour: 6000 },
      ],
      zed.id,
    );
    await setMetalPrices(db, [{ alloyId: 'au14y', centsPerGram: 6500 }], zed.id);
    const { jobId } = await openTestJob(mia.id, { estimateCents: 10_000 });
    await timed(jobId, mia, 90);
    await timed(jobId, ana, 30);
    await used(jobId, mia, { itemName: 'Lobster clasp 10 mm', quantity: 1, unitCostCents: 350 });
    const spare = await used(jobId, mia, {
      itemName: 'Jump ring 5 mm',
      quantity: 2,
      unitCostCents: 45,
    });
    await recordEvent(
      db,
      { jobId, type: 'material.returned', data: { usageId: spare, reason: 'Not needed' } },
      mia.id,
    );
    await used(jobId, mia, { itemName: 'Head 4-prong 3 mm', quantity: 1 });
    await recordEvent(
      db,
      { jobId, type: 'weight.logged', data: { kind: 'added', grams: 0.31, alloyId: 'au14y' } },
      mia.id,
    );
    await recordEvent(
      db,
      { jobId, type: 'weight.logged', data: { kind: 'added', grams: 1.2, alloyId: 'pt950' } },
      mia.id,
    );

    renderCost(jobId, zed);
    const card = await screen.findByRole('region', { name: 'Cost' });
    expect(lines('Labour')).toEqual([
      'Mia Berg · 1 h 30 min · 60.00 an hour (own rate)90.00',
      'Ana Lund · 30 min · no ratenot costed',
    ]);
    expect(lines('Materials')).toEqual([
      'Lobster clasp 10 mm · 1 pcs × 3.503.50',
      'Head 4-prong 3 mm · 1 pcs · no costnot costed',
    ]);
    expect(within(card).getByText('1 material returned unused: not counted.')).toBeTruthy();
    expect(lines('Metal')).toEqual([
      '14k yellow gold · 0.31 g × 65.00 a gram20.15',
      'Platinum 950 · 1.2 g · no pricenot costed',
    ]);

    const total = within(card).getByLabelText('Cost against the estimate');
    const figures = within(total)
      .getAllByRole('definition')
      .map((d) => d.textContent);
    // 90.00 + 3.50 + 20.15 = 113.65, of what could be costed.
    expect(figures).toEqual(['90.00', '3.50', '20.15', '113.65', '100.00']);
    expect(within(total).getByText('Total so far')).toBeTruthy();
    expect(within(total).getByText('At least 13.65 over the estimate of 100.00.')).toBeTruthy();

    const missing = within(card).getByRole('list', { name: 'Not costed' });
    expect(
      within(missing)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'No labour rate for Ana Lund: their time is not costed. Set a rate for them or their role in Settings.',
      'No cost for Head 4-prong 3 mm: it was used with no unit cost on the item.',
      'No price for Platinum 950: set the shop’s price per gram in Settings.',
    ]);
  });

  it('follows a rate set while it is open: the person is costed and no longer missing', async () => {
    const { zed, ana } = await shop();
    const { jobId } = await openTestJob(ana.id, { estimateCents: 5000 });
    await timed(jobId, ana, 60);
    renderCost(jobId, zed);
    await screen.findByText('No labour rate for Ana Lund', { exact: false });
    await setLabourRates(db, [{ role: 'assistant', centsPerHour: 3000 }], zed.id);
    await waitFor(() => {
      expect(lines('Labour')).toEqual([
        'Ana Lund · 1 h 00 min · 30.00 an hour (Assistant rate)30.00',
      ]);
    });
    expect(screen.queryByRole('list', { name: 'Not costed' })).toBeNull();
    expect(screen.getByText('Total')).toBeTruthy();
    expect(screen.getByText('20.00 under the estimate of 50.00.')).toBeTruthy();
  });

  it('counts a running timer as running', async () => {
    const { zed, mia } = await shop();
    await setLabourRates(db, [{ staffId: mia.id, centsPerHour: 6000 }], zed.id);
    const { jobId } = await openTestJob(mia.id);
    await recordEvent(
      db,
      { jobId, type: 'timer.started', data: { timerId: newUlid(), wallMs: Date.now() - 30 * MIN } },
      mia.id,
    );
    renderCost(jobId, zed);
    const [line] = await screen.findAllByText((_t, el) => el?.tagName === 'LI');
    expect(line?.textContent).toMatch(/^Mia Berg · 30 min \(timer running\) · 60\.00 an hour/);
    expect(screen.getByText('No estimate was given at intake.')).toBeTruthy();
  });

  const hiddenFrom: [string, (s: Shop) => StaffMember | null][] = [
    ['a bench jeweler signed in', (s) => s.mia],
    ['an assistant signed in', (s) => s.ana],
    ['nobody signed in', () => null],
  ];
  it.each(hiddenFrom)('is not shown with %s', async (_name, who) => {
    const s = await shop();
    const { jobId } = await openTestJob(s.mia.id, { estimateCents: 10_000 });
    await timed(jobId, s.mia, 30);
    // The same job seen by the manager beside it: once the manager's card is there, this one has
    // read the job and the shop as well (its queries started first), so its absence is an answer.
    render(
      <MemoryRouter>
        <div data-testid="seen">
          <LiveCost jobId={jobId} actor={who(s)} />
        </div>
        <div data-testid="manager">
          <LiveCost jobId={jobId} actor={s.zed} />
        </div>
      </MemoryRouter>,
    );
    await within(screen.getByTestId('manager')).findByRole('region', { name: 'Cost' });
    const seen = screen.getByTestId('seen');
    expect(within(seen).queryByText('loading')).toBeNull();
    expect(within(seen).queryByRole('region', { name: 'Cost' })).toBeNull();
    expect(seen.textContent).toBe('');
  });

  it('is on the job page for a manager signed in', async () => {
    const { zed, mia } = await shop();
    const { jobId } = await openTestJob(mia.id, { estimateCents: 10_000 });
    signIn(zed);
    renderApp(`/jobs/${jobId}`);
    const card = await screen.findByRole('region', { name: 'Cost' });
    expect(
      within(card).getByText('No time, materials or metal recorded on this job yet.'),
    ).toBeTruthy();
    expect(within(card).getByText('100.00 under the estimate of 100.00.')).toBeTruthy();
  });
});

/** The Settings section alone: the whole Settings screen is slow to re-render in jsdom. */
function renderSection() {
  return render(
    <MemoryRouter>
      <Routes>
        <Route path="*" element={<CostingSection />} />
      </Routes>
    </MemoryRouter>,
  );
}

async function typeInto(user: UserEvent, field: HTMLElement, text: string): Promise<void> {
  await user.clear(field);
  if (text !== '') {
    await user.click(field);
    await user.paste(text);
  }
}

describe('Settings: job costs', () => {
  it('lets a manager set role and personal rates and metal prices, saying what was saved', async () => {
    const user = userEvent.setup();
    const { zed, mia } = await shop();
    signIn(zed);
    renderSection();
    const roles = await screen.findByRole('form', { name: 'Labour rate by role' });
    await typeInto(user, within(roles).getByLabelText('Bench jeweler'), '45');
    await typeInto(user, within(roles).getByLabelText('Assistant'), '30.50');
    await user.click(within(roles).getByRole('button', { name: 'Save role rates' }));
    await within(roles).findByText('Saved: Bench jeweler 45.00 an hour, Assistant 30.50 an hour.');

    const people = screen.getByRole('form', { name: 'Labour rate by person' });
    // Mia's note names the rate she has while her own box is blank.
    await within(people).findByText('Blank: the Bench jeweler rate, 45.00 an hour.');
    await typeInto(user, within(people).getByLabelText('Mia Berg'), '60,00');
    await user.click(within(people).getByRole('button', { name: 'Save personal rates' }));
    await within(people).findByText('Saved: Mia Berg 60.00 an hour.');

    const metal = screen.getByRole('form', { name: 'Metal price per gram' });
    await typeInto(user, within(metal).getByLabelText('14k yellow gold'), '65.00');
    await user.click(within(metal).getByRole('button', { name: 'Save metal prices' }));
    await within(metal).findByText('Saved: 14k yellow gold 65.00 a gram.');

    const stored = await getShop(db);
    expect(stored.labourRates).toEqual({
      roles: { jeweler: 4500, assistant: 3050 },
      staff: { [mia.id]: 6000 },
    });
    expect(stored.metalPrices).toEqual({ au14y: 6500 });
    // The form started again from what is stored (remounted: found anew).
    const again = screen.getByRole('form', { name: 'Labour rate by role' });
    expect(within(again).getByLabelText<HTMLInputElement>('Assistant').value).toBe('30.50');
  });

  it('takes a person’s own rate away when their box is emptied: their role’s applies again', async () => {
    const user = userEvent.setup();
    const { zed, mia } = await shop();
    await setLabourRates(db, [{ staffId: mia.id, centsPerHour: 6000 }], zed.id);
    signIn(zed);
    renderSection();
    const people = await screen.findByRole('form', { name: 'Labour rate by person' });
    const box = within(people).getByLabelText<HTMLInputElement>('Mia Berg');
    expect(box.value).toBe('60.00');
    await typeInto(user, box, '');
    await user.click(within(people).getByRole('button', { name: 'Save personal rates' }));
    await within(people).findByText('Saved: Mia Berg no rate.');
    expect((await getShop(db)).labourRates.staff).toEqual({});
  });

  it('refuses a figure that is not an amount, and a metal price taken away, storing nothing', async () => {
    const user = userEvent.setup();
    const { zed } = await shop();
    await setMetalPrices(db, [{ alloyId: 'ag925', centsPerGram: 120 }], zed.id);
    signIn(zed);
    renderSection();
    const before = await db.events.count();

    const roles = await screen.findByRole('form', { name: 'Labour rate by role' });
    const jeweler = within(roles).getByLabelText('Bench jeweler');
    await typeInto(user, jeweler, '45 an hour');
    await user.click(within(roles).getByRole('button', { name: 'Save role rates' }));
    expect(within(roles).getByRole('alert').textContent).toBe(
      'Bench jeweler: enter an amount, like 45.00.',
    );
    expect(jeweler.getAttribute('aria-invalid')).toBe('true');

    const metal = screen.getByRole('form', { name: 'Metal price per gram' });
    await typeInto(user, within(metal).getByLabelText('Sterling silver'), '');
    await user.click(within(metal).getByRole('button', { name: 'Save metal prices' }));
    expect(within(metal).getByRole('alert').textContent).toBe(
      'Sterling silver: a price can be changed, not taken away. Enter its price.',
    );
    expect(await db.events.count()).toBe(before);
    expect((await getShop(db)).metalPrices).toEqual({ ag925: 120 });
  });

  it('shows others the rates and prices to read, with no boxes to change them', async () => {
    const { zed, mia } = await shop();
    await setLabourRates(db, [{ role: 'jeweler', centsPerHour: 4500 }], zed.id);
    await setMetalPrices(db, [{ alloyId: 'au18y', centsPerGram: 8400 }], zed.id);
    signIn(mia);
    renderSection();
    await screen.findByText('Only a manager can change the rates and prices.');
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(lines('Labour rate by role')).toContain('Bench jeweler45.00 an hour');
    expect(lines('Labour rate by role')).toContain('Assistantno rate');
    expect(lines('Metal price per gram')).toContain('18k yellow gold84.00 a gram');
  });

  it('asks nobody signed in to sign in as a manager', async () => {
    await shop();
    renderSection();
    await screen.findByText('Sign in as a manager (top right) to change the rates and prices.');
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('is in Settings', async () => {
    renderApp('/settings');
    expect(await screen.findByRole('region', { name: 'Job costs' })).toBeTruthy();
  });
});
