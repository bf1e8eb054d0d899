// The job page takes the bench to the next open step: a button on the first card, the step marked,
// the focus moving on after each tick, finished services folded away while work is left.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { db, recordEvent, setStep, type OpenJobInput } from '../../src/db';
import { finishSteps, openTestJob } from './jobPageHelpers';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

const SERVICES: OpenJobInput['services'] = [
  { kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } },
  { kind: 'polishing', details: { finish: 'high_polish' } },
];

/** A ring to size up and polish, started at the bench. */
async function ringToSizeAndPolish() {
  const mia = await signedIn('Mia Berg');
  const opened = await openTestJob(mia.id, { services: SERVICES });
  const polishingId = (await db.jobs.get(opened.jobId))?.services[1]?.id ?? '';
  await recordEvent(
    db,
    { jobId: opened.jobId, type: 'status.changed', data: { status: 'in_progress' } },
    mia.id,
  );
  return { mia, ...opened, polishingId };
}

function tick(region: HTMLElement, label: string): HTMLElement {
  return within(region).getByRole('checkbox', { name: label });
}

describe('Job page: the next open step', { timeout: 30_000 }, () => {
  it('names the next step on the Next card, marks it, and takes the focus to its tick', async () => {
    const user = userEvent.setup();
    const { mia, jobId, serviceId } = await ringToSizeAndPolish();
    await finishSteps(jobId, serviceId, mia.id, ['file_emery', 'verify_size', 'polish', 'clean']);
    renderApp(`/jobs/${jobId}`);

    const next = await screen.findByRole('region', { name: 'Next' });
    const go = within(next).getByRole('button', {
      name: 'Go to next step: File and emery the seam (Ring sizing up)',
    });
    const sizing = screen.getByRole('region', { name: 'Ring sizing up' });
    const row = tick(sizing, 'File and emery the seam').closest('li') as HTMLElement;
    expect(within(row).getByText('Next step')).toBeTruthy();
    // Only the next one is marked.
    expect(screen.getAllByText('Next step', { selector: '.jp-next-mark' })).toHaveLength(1);

    await user.click(go);
    expect(document.activeElement).toBe(tick(sizing, 'File and emery the seam'));
  });

  it('moves on after the next step is ticked: the focus and the button go to the one after', async () => {
    const user = userEvent.setup();
    const { mia, jobId, serviceId } = await ringToSizeAndPolish();
    await finishSteps(jobId, serviceId, mia.id, ['polish', 'clean']);
    renderApp(`/jobs/${jobId}`);
    const sizing = await screen.findByRole('region', { name: 'Ring sizing up' });

    // Space on the focused tick, as a keyboard or switch user would tick it.
    await user.click(screen.getByRole('button', { name: /^Go to next step: Polish/ }));
    expect(document.activeElement).toBe(tick(sizing, 'Polish'));
    await user.keyboard(' ');
    await waitFor(() => {
      expect(document.activeElement).toBe(tick(sizing, 'Clean (ultrasonic or steam)'));
    });
    expect(tick(sizing, 'Polish').getAttribute('aria-checked')).toBe('true');
    expect(
      screen.getByRole('button', {
        name: 'Go to next step: Clean (ultrasonic or steam) (Ring sizing up)',
      }),
    ).toBeTruthy();

    // The last step of the sizing: on to the polishing's first.
    await user.keyboard(' ');
    const polishing = screen.getByRole('region', { name: 'Polishing and finishing' });
    await waitFor(() => {
      expect(document.activeElement).toBe(
        tick(polishing, 'Inspect under 10× and note the condition'),
      );
    });
  });

  it('moves nothing when another tablet ticks the next step', async () => {
    const { mia, jobId, serviceId } = await ringToSizeAndPolish();
    renderApp(`/jobs/${jobId}`);
    const go = await screen.findByRole('button', { name: /^Go to next step: Inspect under 10×/ });
    go.focus();
    await setStep(db, { jobId, serviceId, stepId: 'inspect', done: true, values: {} }, mia.id);
    await screen.findByRole('button', { name: /^Go to next step: Measure on the mandrel/ });
    expect(document.activeElement?.textContent).toMatch(/^↓Go to next step: Measure/);
  });

  it('with every step done, takes the focus to Send to QC', async () => {
    const user = userEvent.setup();
    const { mia, jobId, serviceId, polishingId } = await ringToSizeAndPolish();
    await finishSteps(jobId, serviceId, mia.id);
    for (const stepId of ['inspect', 'remove_scratches', 'finish']) {
      await setStep(db, { jobId, serviceId: polishingId, stepId, done: true, values: {} }, mia.id);
    }
    renderApp(`/jobs/${jobId}`);
    const polishing = await screen.findByRole('region', { name: 'Polishing and finishing' });
    await user.click(tick(polishing, 'Clean (ultrasonic or steam)'));
    await waitFor(() => {
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Send to QC' }));
    });
    expect(screen.queryByRole('button', { name: /^Go to next step/ })).toBeNull();
  });

  it('folds a finished service away while work is left elsewhere, and shows it on a tap', async () => {
    const user = userEvent.setup();
    const { mia, jobId, serviceId } = await ringToSizeAndPolish();
    await finishSteps(jobId, serviceId, mia.id);
    renderApp(`/jobs/${jobId}`);

    const sizing = await screen.findByRole('region', { name: 'Ring sizing up' });
    expect(within(sizing).getByText('9 of 9 steps')).toBeTruthy();
    const show = within(sizing).getByRole('button', { name: 'Show the 10 steps' });
    expect(show.getAttribute('aria-expanded')).toBe('false');
    expect(within(sizing).queryByRole('checkbox')).toBeNull();
    // The work left is what the page leads with.
    expect(screen.getByRole('button', { name: /^Go to next step: Inspect/ }).textContent).toContain(
      'Polishing and finishing',
    );

    await user.click(show);
    expect(
      within(sizing).getByRole('button', { name: 'Fold the steps' }).getAttribute('aria-expanded'),
    ).toBe('true');
    expect(tick(sizing, 'Polish').getAttribute('aria-checked')).toBe('true');
  });

  it('shows a done step’s values in words, with its fields a tap away', async () => {
    const user = userEvent.setup();
    const { mia, jobId, serviceId } = await ringToSizeAndPolish();
    await finishSteps(jobId, serviceId, mia.id, ['polish', 'clean']);
    renderApp(`/jobs/${jobId}`);
    const sizing = await screen.findByRole('region', { name: 'Ring sizing up' });
    const row = tick(sizing, 'Verify the size on the mandrel').closest('li') as HTMLElement;
    expect(within(row).getByText(/^Final size: 17\.32 mm · US 7 ·/)).toBeTruthy();
    expect(within(row).queryByLabelText('Final size')).toBeNull();
    await user.click(
      within(row).getByRole('button', {
        name: 'Change the values of Verify the size on the mandrel',
      }),
    );
    expect(within(row).getByLabelText<HTMLInputElement>('Final size').value).toBe('7');
  });
});
