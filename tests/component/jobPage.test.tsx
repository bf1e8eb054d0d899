// The job page over a real Dexie on fake-indexeddb: header, checklist steps, notes, weights, custody.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { db, recordEvent } from '../../src/db';
import { localDay } from '../../src/domain/dates';
import { useSession } from '../../src/stores/sessionStore';
import { hhmm, job, openTestJob, signInSecond, statusBadge } from './jobPageHelpers';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

const DAY_MS = 86_400_000;

describe('Job page: the job', () => {
  it('says kindly that this tablet does not have an unknown job yet, with a way back', async () => {
    await signedIn('Mia Berg');
    renderApp('/jobs/01KAQ0000000000000000000ZZ');
    expect(
      await screen.findByRole('heading', { name: 'Job 01KAQ0000000000000000000ZZ' }),
    ).toBeTruthy();
    expect(screen.getByText('This tablet does not have that job yet.')).toBeTruthy();
    expect(screen.getByText(/It may not have synced yet/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to jobs' }).getAttribute('href')).toBe('/jobs');
  });

  it('shows the envelope, RUSH, status, late promised date, customer, item, holder and label link', async () => {
    const mia = await signedIn('Mia Berg');
    const promised = localDay(new Date(Date.now() - 3 * DAY_MS));
    const { jobId, envelopeNumber } = await openTestJob(mia.id, {
      rush: true,
      promisedDate: promised,
    });
    renderApp(`/jobs/${jobId}`);

    expect(await screen.findByRole('heading', { level: 2, name: envelopeNumber })).toBeTruthy();
    expect(screen.getByText('RUSH')).toBeTruthy();
    expect(await statusBadge('Received')).toBeTruthy();
    expect(screen.getByText('Late 3 days')).toBeTruthy();
    expect(screen.getByText(/Anna Lindqvist/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '+46 70 123 45 67' }).getAttribute('href')).toBe(
      'tel:+46701234567',
    );
    expect(
      screen.getByText(/Ring: Yellow metal ring with one white stone · 14k yellow gold/),
    ).toBeTruthy();
    expect(screen.getByText(/Not handed on since intake \(Mia Berg took it in\)/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Envelope label' }).getAttribute('href')).toBe(
      `/jobs/${jobId}/label`,
    );
    // The service's details: sizes shown from the stored inner diameters.
    const service = screen.getByRole('region', { name: 'Ring sizing up' });
    expect(within(service).getByText(/^16\.51 mm · US 6 ·/)).toBeTruthy();
    expect(within(service).getByText(/^17\.32 mm · US 7 ·/)).toBeTruthy();
    expect(within(service).getByText('0 of 9 steps')).toBeTruthy();
    expect(within(service).getAllByText('Required before QC')).toHaveLength(9);
  });

  it('shows a voided job with a clear banner and its reason, and offers no actions', async () => {
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    await recordEvent(
      db,
      { jobId, type: 'job.voided', data: { reason: 'Opened twice by mistake' } },
      mia.id,
    );
    renderApp(`/jobs/${jobId}`);

    const banner = await screen.findByText('This job was voided.');
    expect(banner.closest('[role="alert"]')?.textContent).toContain('Opened twice by mistake');
    expect(await statusBadge('Voided')).toBeTruthy();
    for (const name of ['Hand to…', 'Start work', 'Add note', 'Log weight', 'Put on hold…']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    const ticks = screen.getAllByRole<HTMLButtonElement>('checkbox');
    expect(ticks.length).toBeGreaterThan(0);
    for (const tick of ticks) expect(tick.disabled).toBe(true);
    expect(screen.queryByLabelText('Measured size')).toBeNull();
  });

  it('shows the job to nobody signed in, but records nothing until someone signs in', async () => {
    const mia = await signedIn('Mia Berg');
    const { jobId, envelopeNumber } = await openTestJob(mia.id);
    useSession.getState().signOut();
    renderApp(`/jobs/${jobId}`);
    expect(await screen.findByRole('heading', { level: 2, name: envelopeNumber })).toBeTruthy();
    expect(screen.getByText('Sign in to record work on this job.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Hand to…' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Start work' })).toBeNull();
    const measure = screen.getByRole<HTMLButtonElement>('checkbox', {
      name: 'Measure on the mandrel',
    });
    expect(measure.disabled).toBe(true);
  });
});

describe('Job page: checklist steps', () => {
  it('refuses a tick with a required value missing, storing nothing, then ticks with it and unticks', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    renderApp(`/jobs/${jobId}`);
    const service = await screen.findByRole('region', { name: 'Ring sizing up' });
    const measure = within(service).getByRole('checkbox', { name: 'Measure on the mandrel' });
    const eventsBefore = await db.events.count();

    await user.click(measure);
    const problem = await within(service).findByText('Measured size is required.');
    // The problem sits next to its field.
    expect(problem.closest('.field')?.textContent).toContain('Measured size');
    expect(measure.getAttribute('aria-checked')).toBe('false');
    expect(await db.events.count()).toBe(eventsBefore);
    expect((await job(jobId)).services[0]?.steps.measure).toBeUndefined();

    await user.type(within(service).getByLabelText('Measured size'), '6');
    await user.click(measure);
    await waitFor(() => {
      expect(
        within(service)
          .getByRole('checkbox', { name: 'Measure on the mandrel' })
          .getAttribute('aria-checked'),
      ).toBe('true');
    });
    const stored = (await job(jobId)).services[0]?.steps.measure;
    expect(stored).toMatchObject({ done: true, by: mia.id });
    expect(stored?.values.measured_size).toBeCloseTo(16.51, 2);
    expect(within(service).getByText(`Mia Berg · ${hhmm(stored?.at ?? '')}`)).toBeTruthy();
    expect(within(service).queryByText('Measured size is required.')).toBeNull();
    expect(within(service).getByText('1 of 9 steps')).toBeTruthy();

    await user.click(within(service).getByRole('checkbox', { name: 'Measure on the mandrel' }));
    await waitFor(() => {
      expect(
        within(service)
          .getByRole('checkbox', { name: 'Measure on the mandrel' })
          .getAttribute('aria-checked'),
      ).toBe('false');
    });
    const unticked = (await job(jobId)).services[0]?.steps.measure;
    expect(unticked).toMatchObject({ done: false, by: mia.id });
    // Unticking keeps what was measured on record.
    expect(unticked?.values.measured_size).toBeCloseTo(16.51, 2);
    expect(
      within(service).getByText(`Unticked · Mia Berg · ${hhmm(unticked?.at ?? '')}`),
    ).toBeTruthy();
    expect(within(service).getByText('0 of 9 steps')).toBeTruthy();
  });

  it('ticks a step with a choice and a number, prefilling them from what was stored', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    renderApp(`/jobs/${jobId}`);
    const service = await screen.findByRole('region', { name: 'Ring sizing up' });
    const step = within(service).getByRole('checkbox', { name: 'Cut and add stock, or stretch' });
    const row = step.closest('li') as HTMLElement;

    await user.click(within(row).getByRole('radio', { name: 'Cut and add stock' }));
    await user.click(step);
    expect(await within(row).findByText('Metal added is required.')).toBeTruthy();

    await user.type(within(row).getByLabelText('Metal added (g)'), '0,31');
    await user.click(step);
    await waitFor(() => {
      expect(
        within(service)
          .getByRole('checkbox', { name: 'Cut and add stock, or stretch' })
          .getAttribute('aria-checked'),
      ).toBe('true');
    });
    expect((await job(jobId)).services[0]?.steps.cut_add_stock?.values).toEqual({
      method: 'cut_add_stock',
      metal_added_g: 0.31,
    });
    const fresh = within(service)
      .getByRole('checkbox', { name: 'Cut and add stock, or stretch' })
      .closest('li') as HTMLElement;
    // A done step shows what it recorded in words; its fields open, prefilled, to change them.
    expect(
      within(fresh).getByText('Sizing method: Cut and add stock, Metal added: 0.31 g'),
    ).toBeTruthy();
    expect(within(fresh).queryByLabelText('Metal added (g)')).toBeNull();
    await user.click(
      within(fresh).getByRole('button', {
        name: 'Change the values of Cut and add stock, or stretch',
      }),
    );
    expect(within(fresh).getByLabelText<HTMLInputElement>('Metal added (g)').value).toBe('0.31');
    expect(
      within(fresh).getByRole('radio', { name: 'Cut and add stock' }).getAttribute('aria-checked'),
    ).toBe('true');
  });
});

describe('Job page: notes, weights and custody', () => {
  it('adds a note, refusing an empty one, and lists it with who and when', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    renderApp(`/jobs/${jobId}`);
    const notes = await screen.findByRole('region', { name: 'Notes' });

    await user.click(within(notes).getByRole('button', { name: 'Add note' }));
    expect((await within(notes).findByRole('alert')).textContent).toBe('Enter the note.');
    expect((await job(jobId)).notes).toHaveLength(0);

    await user.type(within(notes).getByLabelText('New note'), 'Customer wants it by Friday');
    await user.click(within(notes).getByRole('button', { name: 'Add note' }));
    expect((await within(notes).findByRole('listitem')).textContent).toContain(
      'Customer wants it by Friday',
    );
    const [note] = (await job(jobId)).notes;
    expect(note).toMatchObject({ text: 'Customer wants it by Friday', by: mia.id });
    expect(within(notes).getByText(`Mia Berg · ${hhmm(note?.at ?? '')}`)).toBeTruthy();
    expect(within(notes).getByLabelText<HTMLTextAreaElement>('New note').value).toBe('');
  });

  it('logs weights with intake first and shows the return against intake + added', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    renderApp(`/jobs/${jobId}`);
    const weights = await screen.findByRole('region', { name: 'Metal weights' });
    expect(within(weights).getByText('Not weighed again since intake.')).toBeTruthy();

    await user.type(within(weights).getByLabelText('Grams'), '0.31');
    await user.click(within(weights).getByRole('button', { name: 'Log weight' }));
    expect((await within(weights).findByRole('alert')).textContent).toBe(
      'Choose what this weight is: added, removed, check or return.',
    );
    await user.click(within(weights).getByRole('radio', { name: 'Added' }));
    await user.clear(within(weights).getByLabelText('Grams'));
    await user.click(within(weights).getByRole('button', { name: 'Log weight' }));
    expect((await within(weights).findByRole('alert')).textContent).toBe(
      'Enter the weight in grams.',
    );
    expect((await job(jobId)).weights).toHaveLength(1);

    await user.type(within(weights).getByLabelText('Grams'), '0.31');
    await user.type(within(weights).getByLabelText('Weight note — optional'), 'sizing stock');
    await user.click(within(weights).getByRole('button', { name: 'Log weight' }));
    expect(await within(weights).findByText('Added 0.31 g')).toBeTruthy();

    await user.click(within(weights).getByRole('radio', { name: 'Return' }));
    await user.type(within(weights).getByLabelText('Grams'), '3.71');
    await user.click(within(weights).getByRole('button', { name: 'Log weight' }));
    expect(await within(weights).findByText('Return 3.71 g')).toBeTruthy();

    const items = within(weights).getAllByRole('listitem');
    expect(items.map((li) => li.textContent.split(' · ')[0])).toEqual([
      'Intake 3.42 g',
      'Added 0.31 g',
      'Return 3.71 g',
    ]);
    const balance = within(weights).getByLabelText('Metal balance');
    expect(balance.textContent).toBe(
      'Expected 3.73 g (intake 3.42 + added 0.31) → returned 3.71 g: −0.02 g, within the scale’s ±0.02 g.',
    );
    expect((await job(jobId)).weights.map((w) => [w.kind, w.grams, w.note])).toEqual([
      ['intake', 3.42, undefined],
      ['added', 0.31, 'sizing stock'],
      ['return', 3.71, undefined],
    ]);
  });

  it('counts the metal a done step recorded in the balance, and drops it when the step is unticked', async () => {
    const mia = await signedIn('Mia Berg');
    const { jobId, serviceId } = await openTestJob(mia.id);
    const stock = { method: 'cut_add_stock', metal_added_g: 0.35, stock_alloy: 'au14y' };
    const setStock = (done: boolean) =>
      recordEvent(
        db,
        {
          jobId,
          type: 'step.set',
          data: { serviceId, stepId: 'cut_add_stock', done, values: stock },
        },
        mia.id,
      );
    await setStock(true);
    await recordEvent(
      db,
      { jobId, type: 'weight.logged', data: { kind: 'return', grams: 3.76 } },
      mia.id,
    );
    renderApp(`/jobs/${jobId}`);
    const weights = await screen.findByRole('region', { name: 'Metal weights' });
    await within(weights).findByText('Added 0.35 g');
    expect(
      within(weights)
        .getAllByRole('listitem')
        .map((li) => li.textContent.replace(/\s*\d{2}:\d{2}$/, '')),
    ).toEqual([
      'Intake 3.42 g · Mia Berg',
      'Added 0.35 g 14k yellow gold · Mia Berg (in Ring sizing up: Cut and add stock, or stretch)',
      'Return 3.76 g · Mia Berg',
    ]);
    const balance = within(weights).getByLabelText('Metal balance');
    expect(balance.textContent).toBe(
      'Expected 3.77 g (intake 3.42 + added 0.35) → returned 3.76 g: −0.01 g, within the scale’s ±0.02 g.',
    );
    // Recorded once, in the step: no weight.logged of its own.
    expect((await job(jobId)).weights.map((w) => w.kind)).toEqual(['intake', 'return']);

    await setStock(false);
    await waitFor(() => {
      expect(within(weights).queryByText(/^Added 0\.35 g/)).toBeNull();
    });
    // Without the stock, the same return weight is metal from nowhere: flagged, in words.
    const flagged = within(weights).getByRole('status', { name: 'Return weight check' });
    expect(flagged.textContent).toBe(
      'Expected 3.42 g (intake 3.42) → returned 3.76 g: 0.34 g over — beyond the scale’s ±0.02 g: weigh again or note why.',
    );
    expect(flagged.classList.contains('flag-over')).toBe(true);
  });

  it('hands the piece to a place and to a person, keeping the trail', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const jo = await signInSecond(mia);
    useSession.getState().signIn(mia.id);
    const { jobId } = await openTestJob(mia.id);
    renderApp(`/jobs/${jobId}`);
    const custody = await screen.findByRole('region', { name: 'Custody' });

    await user.click(within(custody).getByRole('button', { name: 'Hand to…' }));
    let sheet = await screen.findByRole('dialog', { name: 'Hand to…' });
    await user.click(within(sheet).getByRole('button', { name: 'Casting room' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Hand to…' })).toBeNull();
    });
    expect(await within(custody).findByText('Casting room')).toBeTruthy();
    expect(within(custody).getByText(/Mia Berg handed it to/)).toBeTruthy();
    expect(document.querySelector('.jp-holder')?.textContent).toMatch(/^Casting room \(place\)/);

    await user.click(within(custody).getByRole('button', { name: 'Hand to…' }));
    sheet = await screen.findByRole('dialog', { name: 'Hand to…' });
    // The place that has it now cannot be chosen again.
    expect(
      within(sheet).getByRole<HTMLButtonElement>('button', { name: /Casting room/ }).disabled,
    ).toBe(true);
    await user.type(within(sheet).getByLabelText('Note — optional'), 'for sizing');
    await user.click(
      within(within(sheet).getByRole('group', { name: 'People' })).getByRole('button', {
        name: 'Jo Smith',
      }),
    );
    await waitFor(() => {
      expect(document.querySelector('.jp-holder')?.textContent).toMatch(/^Jo Smith ·/);
    });
    expect((await job(jobId)).custody.map((c) => [c.to, c.by, c.note])).toEqual([
      [{ kind: 'place', id: 'casting_room', label: 'Casting room' }, mia.id, undefined],
      [{ kind: 'staff', id: jo.id, label: 'Jo Smith' }, mia.id, 'for sizing'],
    ]);
    expect(within(custody).getAllByRole('listitem')).toHaveLength(2);
  });
});
