// The rhodium bath log and the chemical waste log over a real Dexie on fake-indexeddb: the Baths tab
// (make, replenish, refusals storing nothing), a bath's page (its log, retiring it), the Waste tab
// (log, newest first, mark wrong) and the bath chosen on a job's rhodium plate step.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { db, eventsOfStream, setStep, useJob, useStaff } from '../../src/db';
import { logWaste, makeBath, retireBath } from '../../src/db/chemicalOperations';
import { localDay } from '../../src/domain/dates';
import type { StaffMember } from '../../src/domain/staff';
import { BathScreen } from '../../src/screens/equipment/chemicals/BathScreen';
import { BathsTab } from '../../src/screens/equipment/chemicals/BathsTab';
import { WasteTab } from '../../src/screens/equipment/chemicals/WasteTab';
import { ServiceChecklist } from '../../src/screens/jobs/job/ServiceChecklist';
import { useStaffNames } from '../../src/screens/jobs/job/useStaffNames';
import { openTestJob } from './jobPageHelpers';
import { signedIn } from './staffHelpers';

const TODAY = localDay();
const PLATE = { rhodium_seconds: 25, rhodium_volts: 4.2, bath_temp_c: 45 };

/** Text put in a field at once: typed key by key, each key re-renders the form (slow in jsdom). */
async function typeIn(user: UserEvent, field: HTMLElement, text: string): Promise<void> {
  await user.click(field);
  await user.clear(field);
  if (text !== '') await user.paste(text);
}

function Address() {
  const location = useLocation();
  return <output data-testid="address">{location.pathname}</output>;
}

function renderAt(path: string, element: React.ReactNode, route = '*') {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path={route} element={element} />
      </Routes>
      <Address />
    </MemoryRouter>,
  );
}

function bath(mia: StaffMember, name: string, madeDate = TODAY) {
  return makeBath(db, { name, madeDate, rhodiumG: 2, volumeMl: 1000 }, mia.id);
}

async function platingJob(mia: StaffMember) {
  return openTestJob(mia.id, {
    services: [{ kind: 'rhodium_plating', details: { plated_area: 'whole_piece' } }],
  });
}

async function snapshot() {
  return { events: await db.events.count(), baths: await db.baths.toArray() };
}

describe('the Baths tab', () => {
  it('makes a bath from the sheet, refusing one without rhodium and storing nothing', async () => {
    const user = userEvent.setup();
    await signedIn('Mia Berg');
    renderAt('/equipment', <BathsTab />);
    await screen.findByText(/No bath in the log yet/);
    await user.click(screen.getByRole('button', { name: 'Make a bath…' }));
    const sheet = screen.getByRole('form', { name: 'Make a bath' });
    expect(within(sheet).getByLabelText<HTMLInputElement>('Name of the bath').value).toBe('Bath 1');
    expect(within(sheet).getByLabelText<HTMLInputElement>('Made on').value).toBe(TODAY);

    await typeIn(user, within(sheet).getByLabelText('Volume'), '1000');
    const before = await snapshot();
    await user.click(within(sheet).getByRole('button', { name: 'Make the bath' }));
    expect(within(sheet).getByRole('alert').textContent).toBe('Enter the grams of rhodium.');
    expect(await snapshot()).toEqual(before);

    await typeIn(user, within(sheet).getByLabelText('Rhodium'), '2,5');
    await user.click(within(sheet).getByRole('button', { name: 'Make the bath' }));
    const card = await screen.findByRole('listitem', { name: 'Bath 1' });
    expect(screen.queryByRole('form', { name: 'Make a bath' })).toBeNull();
    expect(card.textContent).toContain('made today');
    expect(within(card).getByText('Rhodium put in').nextSibling?.textContent).toBe('2.5 g');
    expect(within(card).getByText('Volume').nextSibling?.textContent).toBe('1 l');
    expect(within(card).getByText('Since made').nextSibling?.textContent).toBe('no platings');
    expect(within(card).getByRole('link', { name: 'Bath 1' }).getAttribute('href')).toMatch(
      /^\/equipment\/baths\/[0-9A-Z]{26}$/,
    );
  });

  it('says the operation’s refusal in words: a made date after today', async () => {
    const user = userEvent.setup();
    await signedIn('Mia Berg');
    renderAt('/equipment', <BathsTab />);
    await user.click(await screen.findByRole('button', { name: 'Make a bath…' }));
    const sheet = screen.getByRole('form', { name: 'Make a bath' });
    await typeIn(user, within(sheet).getByLabelText('Made on'), '2999-01-01');
    await typeIn(user, within(sheet).getByLabelText('Rhodium'), '2');
    await typeIn(user, within(sheet).getByLabelText('Volume'), '1000');
    const before = await snapshot();
    await user.click(within(sheet).getByRole('button', { name: 'Make the bath' }));
    expect((await within(sheet).findByRole('alert')).textContent).toBe(
      'Tue 1 Jan 2999 is after today: enter the day the bath was made up.',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('replenishes a bath and counts platings since, with retired baths apart', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const bathId = await bath(mia, 'Bath 1');
    const old = await bath(mia, 'Old bath', '2026-01-05');
    await retireBath(db, { bathId: old, reason: 'Spent' }, mia.id);
    const { jobId, serviceId } = await platingJob(mia);
    await setStep(
      db,
      { jobId, serviceId, stepId: 'rhodium', done: true, values: PLATE, bathId },
      mia.id,
    );
    renderAt('/equipment', <BathsTab />);

    const inUse = await screen.findByRole('list', { name: 'Baths in use' });
    const card = within(inUse).getByRole('listitem', { name: 'Bath 1' });
    expect(within(card).getByText('Since made').nextSibling?.textContent).toBe('1 plating · 25 s');
    expect(within(card).getByText('Replenished').nextSibling?.textContent).toBe('never');
    const retired = screen.getByRole('list', { name: 'Retired baths' });
    expect(within(retired).getByRole('listitem', { name: 'Old bath' }).textContent).toContain(
      'retired: Spent',
    );
    // A retired bath takes nothing more.
    expect(within(retired).queryByRole('button')).toBeNull();

    await user.click(within(card).getByRole('button', { name: 'Replenish Bath 1…' }));
    const sheet = screen.getByRole('form', { name: 'Replenish Bath 1' });
    await typeIn(user, within(sheet).getByLabelText('Rhodium added'), '0.5');
    await typeIn(user, within(sheet).getByLabelText('Solution added — optional'), '200');
    await user.click(within(sheet).getByRole('button', { name: 'Record the replenishment' }));
    await waitFor(() =>
      expect(within(card).getByText('Rhodium put in').nextSibling?.textContent).toBe('2.5 g'),
    );
    expect(within(card).getByText('Volume').nextSibling?.textContent).toBe('1.2 l');
    expect(card.textContent).toMatch(/Replenished once, last \d\d:\d\d/);
    expect(within(card).getByText('Since last replenished').nextSibling?.textContent).toBe(
      'no platings',
    );
    expect(within(card).getByText('Since made').nextSibling?.textContent).toBe('1 plating · 25 s');
  });

  it('asks nobody signed in to sign in, and offers no sheet', async () => {
    renderAt('/equipment', <BathsTab />);
    await screen.findByText('Sign in to make or replenish a bath.');
    expect(screen.queryByRole('button', { name: 'Make a bath…' })).toBeNull();
  });
});

describe('a bath’s page', () => {
  it('shows its whole log: each plating’s time and voltage, linked to the job; retires it', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const bathId = await bath(mia, 'Bath 7');
    const { jobId, serviceId, envelopeNumber } = await platingJob(mia);
    await setStep(
      db,
      { jobId, serviceId, stepId: 'rhodium', done: true, values: PLATE, bathId },
      mia.id,
    );
    renderAt(`/equipment/baths/${bathId}`, <BathScreen />, '/equipment/baths/:bathId');

    const log = await screen.findByRole('list', { name: 'Bath log' });
    // Names and envelope numbers are read after the bath: waited for.
    await within(log).findByRole('link', { name: envelopeNumber });
    await waitFor(() => expect(log.textContent).toContain('Mia Berg'));
    const lines = within(log).getAllByRole('listitem');
    expect(lines.map((l) => l.querySelector('.chem-kind')?.textContent)).toEqual([
      'Plated',
      'Made',
    ]);
    expect(lines[0]?.textContent).toContain('25 s at 4.2 V, 45 °C');
    expect(lines[0]?.textContent).toContain('Mia Berg');
    const link = within(lines[0] as HTMLElement).getByRole('link', { name: envelopeNumber });
    expect(link.getAttribute('href')).toBe(`/jobs/${jobId}`);
    expect(lines[1]?.textContent).toContain('with 2 g of rhodium in 1 l');

    await user.click(screen.getByRole('button', { name: 'Retire…' }));
    const sheet = screen.getByRole('form', { name: 'Retire Bath 7' });
    await user.click(within(sheet).getByRole('button', { name: 'Retire the bath' }));
    expect(within(sheet).getByRole('alert').textContent).toBe(
      'Say why the bath is retired: spent, contaminated, dumped…',
    );
    await typeIn(user, within(sheet).getByLabelText('Why it is retired'), 'Contaminated');
    await user.click(within(sheet).getByRole('button', { name: 'Retire the bath' }));
    await waitFor(() =>
      expect(within(log).getAllByRole('listitem')[0]?.textContent).toContain(
        'Retired: Contaminated',
      ),
    );
    expect(screen.queryByRole('button', { name: 'Replenish…' })).toBeNull();
    expect((await db.baths.get(bathId))?.retired?.reason).toBe('Contaminated');
  });

  it('says so for a bath this tablet does not have', async () => {
    renderAt(
      '/equipment/baths/01HZZZZZZZZZZZZZZZZZZZZZZZ',
      <BathScreen />,
      '/equipment/baths/:bathId',
    );
    await screen.findByRole('heading', { name: 'No such bath' });
  });
});

describe('the Waste tab', () => {
  it('logs waste, lists it newest first and marks an entry wrong, struck through', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await logWaste(
      db,
      { what: 'Old pickle', amount: 500, unit: 'ml', where: 'Neutralised' },
      mia.id,
    );
    renderAt('/equipment', <WasteTab />);
    await screen.findByRole('listitem', { name: 'Old pickle, 500 ml' });

    const form = screen.getByRole('form', { name: 'Log waste' });
    await typeIn(user, within(form).getByLabelText('What'), 'Spent rhodium solution');
    await typeIn(user, within(form).getByLabelText('How much'), '1.5');
    await user.click(within(form).getByRole('button', { name: 'Log the waste' }));
    expect(within(form).getByRole('alert').textContent).toBe(
      'Choose the unit: ml, litres, g or kg.',
    );
    await user.click(within(form).getByRole('radio', { name: 'litres' }));
    await user.click(within(form).getByRole('button', { name: 'Log the waste' }));
    // No "where": said, nothing stored.
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Say where it went: the waste drum, the collector…',
    );
    expect((await eventsOfStream(db, '00000000000000000000000001')).length).toBe(1);
    await typeIn(user, within(form).getByLabelText('Where it went'), 'Waste drum 2');
    await user.click(within(form).getByRole('button', { name: 'Log the waste' }));
    await within(form).findByText('Logged: Spent rhodium solution, 1.5 l → Waste drum 2.');

    const log = screen.getByRole('list', { name: 'Waste log' });
    await waitFor(() =>
      expect(
        within(log)
          .getAllByRole('listitem')
          .map((l) => l.getAttribute('aria-label')),
      ).toEqual(['Spent rhodium solution, 1.5 l', 'Old pickle, 500 ml']),
    );
    const newest = within(log).getByRole('listitem', { name: 'Spent rhodium solution, 1.5 l' });
    expect(newest.textContent).toContain('Waste drum 2');
    expect(newest.textContent).toContain('Mia Berg');

    await user.click(
      within(newest).getByRole('button', { name: 'Mark wrong: Spent rhodium solution, 1.5 l' }),
    );
    const sheet = screen.getByRole('form', { name: 'Mark the entry wrong' });
    await typeIn(user, within(sheet).getByLabelText('What was wrong'), 'Wrong drum');
    await user.click(within(sheet).getByRole('button', { name: 'Mark it wrong' }));
    const struck = await within(log).findByRole('listitem', {
      name: 'Spent rhodium solution, 1.5 l (marked wrong)',
    });
    expect(struck.className).toBe('chem-struck');
    expect(struck.textContent).toContain('Marked wrong by Mia Berg');
    expect(struck.textContent).toContain('Wrong drum');
    expect(within(struck).queryByRole('button')).toBeNull();
  });
});

// ---- The plate step's bath ----

function LiveChecklist({ actor }: { actor: StaffMember }) {
  const jobId = useLocation().pathname.split('/')[2] ?? '';
  const job = useJob(jobId);
  const nameOf = useStaffNames(useStaff() ?? []);
  const service = job?.services[0];
  if (!job || !service) return null;
  return <ServiceChecklist jobId={job.id} service={service} actor={actor} nameOf={nameOf} />;
}

function plateStep(): HTMLElement {
  const tick = screen.getByRole('checkbox', { name: 'Rhodium plate' });
  const row = tick.closest('li');
  if (!row) throw new Error('no step row');
  return row;
}

async function fillPlate(user: UserEvent, row: HTMLElement) {
  await typeIn(user, within(row).getByLabelText(/Bath temperature/), '45');
  await typeIn(user, within(row).getByLabelText(/Plating voltage/), '4.2');
  await typeIn(user, within(row).getByLabelText(/Plating time/), '25');
}

describe('the bath on the rhodium plate step', () => {
  it('offers the active baths, the newest first and chosen; the tick records the plating there', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const older = await bath(mia, 'Bath 1', '2026-01-05');
    const newer = await bath(mia, 'Bath 2');
    const gone = await bath(mia, 'Bath 0', '2025-12-01');
    await retireBath(db, { bathId: gone, reason: 'Spent' }, mia.id);
    const { jobId } = await platingJob(mia);
    renderAt(`/jobs/${jobId}`, <LiveChecklist actor={mia} />);

    await screen.findByRole('checkbox', { name: 'Rhodium plate' });
    const row = plateStep();
    const group = await within(row).findByRole('radiogroup', { name: 'Bath' });
    const choices = within(group).getAllByRole('radio');
    expect(choices.map((c) => c.firstChild?.textContent)).toEqual(['Bath 2', 'Bath 1']);
    expect(choices.map((c) => c.getAttribute('aria-checked'))).toEqual(['true', 'false']);
    // Other steps ask for no bath.
    expect(
      within(
        screen.getByRole('checkbox', { name: 'Electroclean' }).closest('li') as HTMLElement,
      ).queryByRole('radiogroup', { name: 'Bath' }),
    ).toBeNull();

    await user.click(within(group).getByRole('radio', { name: /Bath 1/ }));
    await fillPlate(user, row);
    await user.click(within(row).getByRole('checkbox', { name: 'Rhodium plate' }));

    await waitFor(async () =>
      expect((await db.baths.get(older))?.platings).toEqual([
        expect.objectContaining({ jobId, seconds: 25, volts: 4.2, tempC: 45 }),
      ]),
    );
    expect((await db.baths.get(newer))?.platings).toEqual([]);
    const line = await within(plateStep()).findByRole('list', { name: 'Platings in the bath log' });
    expect(line.textContent).toContain('Plated in Bath 1 · 25 s at 4.2 V, 45 °C');
    expect(within(line).getByRole('link', { name: 'Bath 1' }).getAttribute('href')).toBe(
      `/equipment/baths/${older}`,
    );
  });

  it('says "No bath in the log" and still records the step without one', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId } = await platingJob(mia);
    renderAt(`/jobs/${jobId}`, <LiveChecklist actor={mia} />);
    await screen.findByRole('checkbox', { name: 'Rhodium plate' });
    const row = plateStep();
    expect((await within(row).findByRole('note')).textContent).toContain('No bath in the log');
    await fillPlate(user, row);
    await user.click(within(row).getByRole('checkbox', { name: 'Rhodium plate' }));
    await waitFor(async () =>
      expect((await db.jobs.get(jobId))?.services[0]?.steps.rhodium?.done).toBe(true),
    );
    expect(await db.baths.count()).toBe(0);
  });

  it('drops a bath retired on another tablet from the choice, and offers the newest left', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const first = await bath(mia, 'Bath 1', '2026-01-05');
    const second = await bath(mia, 'Bath 2');
    const { jobId } = await platingJob(mia);
    renderAt(`/jobs/${jobId}`, <LiveChecklist actor={mia} />);
    await screen.findByRole('checkbox', { name: 'Rhodium plate' });
    const group = await within(plateStep()).findByRole('radiogroup', { name: 'Bath' });
    await user.click(within(group).getByRole('radio', { name: /Bath 2/ }));

    await retireBath(db, { bathId: second, reason: 'Contaminated' }, mia.id);
    await waitFor(() =>
      expect(
        within(group)
          .getAllByRole('radio')
          .map((c) => [c.firstChild?.textContent, c.getAttribute('aria-checked')]),
      ).toEqual([['Bath 1', 'true']]),
    );
    await fillPlate(user, plateStep());
    await user.click(within(plateStep()).getByRole('checkbox', { name: 'Rhodium plate' }));
    await waitFor(async () => expect((await db.baths.get(first))?.platings).toHaveLength(1));
    expect((await db.baths.get(second))?.platings).toEqual([]);
  });
});
