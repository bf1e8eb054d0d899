// The metal screen's other stock movements over a real Dexie on fake-indexeddb: metal returned to
// the safe, metal used on a job found by its envelope number, and what a person not signed in sees.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { db, issueMetalFromStock, ledgerEvents, receiveMetal } from '../../src/db';
import { treeCode } from '../../src/domain/casting/tree';
import { newUlid } from '../../src/domain/ids';
import { openTestJob } from './jobPageHelpers';
import { renderApp } from './renderApp';
import { addPerson, signedIn } from './staffHelpers';

async function benchHolds10(actor: string) {
  await receiveMetal(
    db,
    { alloyId: 'au14y', grams: 50, form: 'sheet', supplier: 'Stuller' },
    actor,
  );
  await issueMetalFromStock(
    db,
    { alloyId: 'au14y', grams: 10, to: { kind: 'bench', id: 'bench_1' } },
    actor,
  );
}

function bench1Line(): string | null | undefined {
  return within(screen.getByRole('list', { name: 'Who holds metal' }))
    .getByText('Bench 1')
    .closest('li')?.textContent;
}

describe('Stock: returns and metal used on a job', () => {
  it('returns 4 g from Bench 1 to the safe', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await benchHolds10(mia.id);
    renderApp('/metal');

    await user.click(await screen.findByRole('button', { name: 'Return' }));
    const form = await screen.findByRole('form', { name: 'Return metal' });
    await user.click(within(form).getByRole('radio', { name: 'Bench 1 14k yellow gold 10.00 g' }));
    expect(within(form).getByLabelText<HTMLSelectElement>('Alloy').value).toBe('au14y');
    await user.type(within(form).getByLabelText('Grams returned'), '4');
    await user.click(within(form).getByRole('button', { name: 'Return to stock' }));

    expect((await within(form).findByRole('status')).textContent).toBe(
      'Bench 1 returned 4.00 g of 14k yellow gold to the safe.',
    );
    await waitFor(() => {
      expect(bench1Line()).toBe('Bench 114k yellow gold 6.00 g');
    });
    const stock = screen.getByRole('table', { name: 'Stock in the safe' });
    expect(within(stock).getByRole('row', { name: /^14k yellow gold/ }).textContent).toContain(
      '44.00 g',
    );
  });

  it('records stock that went into a ring, the job found by its envelope number', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await benchHolds10(mia.id);
    const { jobId, envelopeNumber } = await openTestJob(mia.id);
    renderApp('/metal');

    await user.click(await screen.findByRole('button', { name: 'Used on a job' }));
    const form = await screen.findByRole('form', { name: 'Used on a job' });
    await user.click(within(form).getByRole('radio', { name: /^Bench 1/ }));
    await user.type(within(form).getByLabelText('Grams used'), '0.18');
    await user.type(within(form).getByLabelText('Job’s envelope number'), envelopeNumber);
    expect((await within(form).findByText(/^Job /)).textContent).toContain(
      `Job ${envelopeNumber}: Ring`,
    );
    await user.click(within(form).getByRole('button', { name: 'Record metal used' }));

    expect((await within(form).findByRole('status')).textContent).toBe(
      `0.18 g of 14k yellow gold from Bench 1 went into job ${envelopeNumber}.`,
    );
    await waitFor(() => {
      expect(bench1Line()).toBe('Bench 114k yellow gold 9.82 g');
    });
    expect((await ledgerEvents(db)).at(-1)?.data).toMatchObject({ jobId, grams: 0.18 });

    await user.click(screen.getByRole('tab', { name: 'Movements' }));
    const list = await screen.findByRole('list', { name: 'Movements, newest first' });
    const used = list.querySelector<HTMLElement>(':scope > li');
    if (!used) throw new Error('No movements listed.');
    await waitFor(() => {
      expect(used.textContent).toContain(
        `Used on a job · 0.18 g 14k yellow gold · Bench 1 → job ${envelopeNumber}`,
      );
    });
    expect(
      within(used)
        .getByRole('link', { name: `job ${envelopeNumber}` })
        .getAttribute('href'),
    ).toBe(`/jobs/${jobId}`);
  });

  it('refuses metal used without a job, in words', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await benchHolds10(mia.id);
    renderApp('/metal');

    await user.click(await screen.findByRole('button', { name: 'Used on a job' }));
    const form = await screen.findByRole('form', { name: 'Used on a job' });
    await user.click(within(form).getByRole('radio', { name: /^Bench 1/ }));
    await user.type(within(form).getByLabelText('Grams used'), '0.18');
    await user.type(within(form).getByLabelText('Job’s envelope number'), '99999');
    expect(await within(form).findByText('No job on envelope 99999 on this tablet.')).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: 'Record metal used' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Enter the envelope number of the job the metal went into.',
    );
    expect(await ledgerEvents(db)).toHaveLength(2);
  });

  it('shows the book to someone not signed in, but no forms', async () => {
    const mia = await addPerson('Mia Berg');
    await benchHolds10(mia.id);
    renderApp('/metal');

    expect(await screen.findByText('Sign in to record metal.')).toBeTruthy();
    await waitFor(() => {
      expect(bench1Line()).toBe('Bench 114k yellow gold 10.00 g');
    });
    expect(screen.queryByRole('button', { name: 'Receive' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Loss report & CSV' }).getAttribute('href')).toBe(
      '/metal/report',
    );
  });

  it('names a tree holding metal and links to its page', async () => {
    const mia = await signedIn('Mia Berg');
    await receiveMetal(
      db,
      { alloyId: 'au18y', grams: 80, form: 'grain', supplier: 'Stuller' },
      mia.id,
    );
    // A tree's metal as the casting room issues it: the ledger needs no tree row to name it.
    const treeId = newUlid();
    const code = treeCode({ id: treeId });
    await issueMetalFromStock(
      db,
      { alloyId: 'au18y', grams: 62.5, to: { kind: 'tree', id: treeId } },
      mia.id,
    );
    renderApp('/metal');

    const link = await screen.findByRole('link', { name: `Tree ${code}` });
    expect(link.getAttribute('href')).toBe(`/casting/trees/${treeId}`);
    expect(link.closest('li')?.textContent).toBe(`Tree ${code}18k yellow gold 62.50 g`);
  });
});
