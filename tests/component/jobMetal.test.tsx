// Expected return weight at QC and pick-up: intake + metal added − removed, against the weighing.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { db, recordEvent, setStep } from '../../src/db';
import { NO_RETURN_WEIGHT, NO_SIGNATURE, NO_STONE_COUNT } from '../../src/domain/workflow';
import { SHOP_JOB_ID, type JobStatus } from '../../src/protocol/events';
import { finishSteps, openTestJob, signInSecond } from './jobPageHelpers';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

async function moveTo(jobId: string, actor: string, ...statuses: JobStatus[]) {
  for (const status of statuses) {
    await recordEvent(db, { jobId, type: 'status.changed', data: { status } }, actor);
  }
}

/** A 5.20 g ring sized up with 0.18 g of 14k stock added at the bench, ticked by `actor`. */
async function ringWithStockAdded(actor: string) {
  const opened = await openTestJob(actor, { intakeWeightG: 5.2 });
  await setStep(
    db,
    {
      jobId: opened.jobId,
      serviceId: opened.serviceId,
      stepId: 'cut_add_stock',
      done: true,
      values: { method: 'cut_add_stock', metal_added_g: 0.18, stock_alloy: 'au14y' },
    },
    actor,
  );
  return opened;
}

describe('Pick-up: the return weight against what the piece should weigh', () => {
  it('drops the missing-weight error once the weight is typed, keeping what is still missing', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId } = await ringWithStockAdded(mia.id);
    await moveTo(jobId, mia.id, 'in_progress', 'qc', 'ready');
    renderApp(`/jobs/${jobId}`);

    await user.click(await screen.findByRole('button', { name: 'Mark collected' }));
    const errors = () => screen.queryAllByRole('alert').map((a) => a.textContent);
    // The ring has one stone: it is counted with the customer too.
    expect(errors()).toEqual([NO_STONE_COUNT, NO_RETURN_WEIGHT, NO_SIGNATURE]);
    await user.type(screen.getByLabelText('Return weight (g)'), '5.37');
    expect(errors()).toEqual([NO_STONE_COUNT, NO_SIGNATURE]);
    expect(screen.getByLabelText('Return weight (g)').getAttribute('aria-invalid')).toBe('false');
  });

  it('counts the stock added at the bench: 5.36 g back is 0.02 g under the 5.38 g expected', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId } = await ringWithStockAdded(mia.id);
    await moveTo(jobId, mia.id, 'in_progress', 'qc', 'ready');
    renderApp(`/jobs/${jobId}`);

    await user.type(await screen.findByLabelText('Return weight (g)'), '5.36');
    const check = await screen.findByRole('status', { name: 'Return weight check' });
    expect(check.textContent).toBe(
      'Expected 5.38 g (intake 5.20 + added 0.18) → returned 5.36 g: −0.02 g, within the scale’s ±0.02 g.',
    );
    expect(check.textContent).not.toContain('+0.16 g');
    expect(check.classList.contains('flag-within')).toBe(true);
  });

  it('flags a return beyond the scale’s tolerance in words, not only in colour', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId } = await ringWithStockAdded(mia.id);
    await moveTo(jobId, mia.id, 'in_progress', 'qc', 'ready');
    renderApp(`/jobs/${jobId}`);

    const input = await screen.findByLabelText('Return weight (g)');
    await user.type(input, '5.00');
    const check = await screen.findByRole('status', { name: 'Return weight check' });
    expect(check.textContent).toBe(
      'Expected 5.38 g (intake 5.20 + added 0.18) → returned 5.00 g: 0.38 g short — beyond the scale’s ±0.02 g: weigh again or note why.',
    );
    expect(check.classList.contains('flag-short')).toBe(true);

    await user.clear(input);
    await user.type(input, '5.41');
    await waitFor(() => {
      expect(screen.getByRole('status', { name: 'Return weight check' }).textContent).toContain(
        '0.03 g over — beyond the scale’s ±0.02 g',
      );
    });
    expect(
      screen.getByRole('status', { name: 'Return weight check' }).classList.contains('flag-over'),
    ).toBe(true);
  });

  it('holds the return to the tolerance of the shop’s own scale', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await recordEvent(
      db,
      {
        jobId: SHOP_JOB_ID,
        type: 'scale.set',
        data: {
          scaleId: 'counter',
          name: 'Counter scale',
          readabilityG: 0.01,
          toleranceG: 0.05,
          retired: false,
        },
      },
      mia.id,
    );
    const { jobId } = await ringWithStockAdded(mia.id);
    await moveTo(jobId, mia.id, 'in_progress', 'qc', 'ready');
    renderApp(`/jobs/${jobId}`);

    await user.type(await screen.findByLabelText('Return weight (g)'), '5.34');
    await waitFor(() => {
      expect(screen.getByRole('status', { name: 'Return weight check' }).textContent).toBe(
        'Expected 5.38 g (intake 5.20 + added 0.18) → returned 5.34 g: −0.04 g, within the scale’s ±0.05 g.',
      );
    });
  });
});

describe('QC: the metal the reviewer signs off', () => {
  it('shows intake, added, removed and expected before the piece is weighed again', async () => {
    const mia = await signedIn('Mia Berg');
    const { jobId, serviceId } = await ringWithStockAdded(mia.id);
    await moveTo(jobId, mia.id, 'in_progress');
    await finishSteps(jobId, serviceId, mia.id, ['cut_add_stock']);
    await moveTo(jobId, mia.id, 'qc');
    await signInSecond(mia);
    renderApp(`/jobs/${jobId}`);

    const metal = await screen.findByRole('group', { name: 'Metal at QC' });
    expect(within(metal).getByText('Intake').nextSibling?.textContent).toBe('5.20 g');
    expect(within(metal).getByText('Added').nextSibling?.textContent).toBe('0.18 g');
    expect(within(metal).getByText('Removed').nextSibling?.textContent).toBe('0.00 g');
    expect(within(metal).getByText('Expected').nextSibling?.textContent).toBe('5.38 g');
    expect(
      within(metal).getByText('Not weighed again since intake: weigh it before passing QC.'),
    ).toBeTruthy();
  });

  it('shows the latest check weighing against the expected weight, flagged beyond tolerance', async () => {
    const mia = await signedIn('Mia Berg');
    const { jobId, serviceId } = await ringWithStockAdded(mia.id);
    await moveTo(jobId, mia.id, 'in_progress');
    await finishSteps(jobId, serviceId, mia.id, ['cut_add_stock']);
    await recordEvent(
      db,
      { jobId, type: 'weight.logged', data: { kind: 'check', grams: 5.08 } },
      mia.id,
    );
    await moveTo(jobId, mia.id, 'qc');
    await signInSecond(mia);
    renderApp(`/jobs/${jobId}`);

    const metal = await screen.findByRole('group', { name: 'Metal at QC' });
    const check = within(metal).getByRole('status', { name: 'Return weight check' });
    expect(check.textContent).toBe(
      'Expected 5.38 g (intake 5.20 + added 0.18) → check weighing 5.08 g: 0.30 g short — beyond the scale’s ±0.02 g: weigh again or note why.',
    );
    expect(check.classList.contains('flag-short')).toBe(true);
  });
});
