// The shop's scales in Settings over a real Dexie on fake-indexeddb: added, changed and retired with
// the real setScale, and the metal screen's weigh-in held to the tolerance of the scale chosen.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { db, getShop, issueMetalFromStock, receiveMetal, setScale } from '../../src/db';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

function scalesSection(): HTMLElement {
  return screen.getByRole('region', { name: 'Scales' });
}

describe('Settings: scales', () => {
  it('offers the built-in bench scale until the shop adds its own', async () => {
    const user = userEvent.setup();
    await signedIn('Mia Berg');
    renderApp('/settings');

    await screen.findByRole('heading', { name: 'Scales' });
    const list = within(scalesSection()).getByRole('list', { name: "The shop's scales" });
    expect(list.textContent).toContain('Bench scale (built in) · reads 0.01 g · tolerance ±0.02 g');

    const form = within(scalesSection()).getByRole('form', { name: 'Add a scale' });
    await user.type(within(form).getByLabelText('Scale name'), 'Floor scale');
    await user.clear(within(form).getByLabelText('Reads to (g)'));
    await user.type(within(form).getByLabelText('Reads to (g)'), '0.1');
    await user.clear(within(form).getByLabelText('Tolerance (± g)'));
    await user.type(within(form).getByLabelText('Tolerance (± g)'), '0.2');
    await user.click(within(form).getByRole('button', { name: 'Add scale' }));

    expect((await within(form).findByRole('status')).textContent).toBe(
      'Saved Floor scale: ±0.2 g.',
    );
    await waitFor(() => {
      expect(list.textContent).toContain('Floor scale · reads 0.1 g · tolerance ±0.2 g');
    });
    expect(list.textContent).not.toContain('built in');
    expect((await getShop(db)).scales).toEqual([
      {
        scaleId: 'floor_scale',
        name: 'Floor scale',
        readabilityG: 0.1,
        toleranceG: 0.2,
        retired: false,
      },
    ]);
  });

  it('refuses a tolerance finer than the scale reads, in words', async () => {
    const user = userEvent.setup();
    await signedIn('Mia Berg');
    renderApp('/settings');

    const form = await screen.findByRole('form', { name: 'Add a scale' });
    await user.type(within(form).getByLabelText('Scale name'), 'Sweeps scale');
    await user.clear(within(form).getByLabelText('Reads to (g)'));
    await user.type(within(form).getByLabelText('Reads to (g)'), '1');
    await user.click(within(form).getByRole('button', { name: 'Add scale' }));

    expect((await within(form).findByRole('alert')).textContent).toBe(
      'The tolerance cannot be finer than what the scale reads.',
    );
    expect((await getShop(db)).scales).toEqual([]);
  });

  it('changes a scale’s tolerance and retires it', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await setScale(
      db,
      {
        scaleId: 'counter',
        name: 'Counter scale',
        readabilityG: 0.01,
        toleranceG: 0.02,
        retired: false,
      },
      mia.id,
    );
    renderApp('/settings');

    await user.click(await screen.findByRole('button', { name: 'Change Counter scale' }));
    const form = within(scalesSection()).getByRole('form', { name: 'Change Counter scale' });
    await user.clear(within(form).getByLabelText('Tolerance (± g)'));
    await user.type(within(form).getByLabelText('Tolerance (± g)'), '0.05');
    await user.click(within(form).getByRole('button', { name: 'Save scale' }));

    const row = await within(scalesSection()).findByRole('listitem', { name: 'Counter scale' });
    await waitFor(() => {
      expect(row.textContent).toContain('tolerance ±0.05 g');
    });
    await user.click(within(row).getByRole('button', { name: 'Retire Counter scale' }));
    await waitFor(() => {
      expect(row.textContent).toContain('retired: no longer offered');
    });
    expect((await getShop(db)).scales[0]).toMatchObject({ toleranceG: 0.05, retired: true });
  });
});

describe('Weigh-ins on the shop’s own scales', () => {
  it('holds the weigh-in to the tolerance of the scale chosen', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await setScale(
      db,
      {
        scaleId: 'bench',
        name: 'Bench scale',
        readabilityG: 0.01,
        toleranceG: 0.02,
        retired: false,
      },
      mia.id,
    );
    await setScale(
      db,
      { scaleId: 'floor', name: 'Floor scale', readabilityG: 0.1, toleranceG: 0.2, retired: false },
      mia.id,
    );
    await receiveMetal(
      db,
      { alloyId: 'ag925', grams: 300, form: 'sheet', supplier: 'Stuller' },
      mia.id,
    );
    await issueMetalFromStock(
      db,
      { alloyId: 'ag925', grams: 120, to: { kind: 'bench', id: 'bench_2' } },
      mia.id,
    );
    renderApp('/metal');

    await user.click(await screen.findByRole('button', { name: 'Weigh in' }));
    const form = await screen.findByRole('form', { name: 'Weigh in' });
    await user.click(within(form).getByRole('radio', { name: /^Bench 2/ }));
    await user.type(within(form).getByLabelText('Weighed'), '119.9');
    const check = () => within(form).getByRole('status', { name: 'Weigh-in check' });
    expect(check().textContent).toBe(
      '⚠ Flagged: Book 120.00 g · scale 119.90 g: 0.10 g short, beyond the scale’s ±0.02 g',
    );

    await user.click(within(form).getByRole('radio', { name: 'Floor scale ±0.20 g' }));
    expect(check().textContent).toBe('✓ Book 120.00 g · scale 119.90 g: −0.10 g, within ±0.20 g');
    await user.click(within(form).getByRole('button', { name: 'Save the weigh-in' }));
    expect(
      (await within(form).findByRole('status', { name: 'Weigh-in saved' })).textContent,
    ).toContain('within ±0.20 g');
  });
});
