// QC's "Return weight logged" is read from the job's weighings, never ticked: it shows the weighing
// against the expected weight, and the reviewer can weigh the piece from QC.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { db, recordEvent, setStep } from '../../src/db';
import { QC_CHECKS } from '../../src/domain/workflow';
import type { JobStatus } from '../../src/protocol/events';
import { finishSteps, job, openTestJob, signInSecond, statusBadge } from './jobPageHelpers';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

async function moveTo(jobId: string, actor: string, ...statuses: JobStatus[]) {
  for (const status of statuses) {
    await recordEvent(db, { jobId, type: 'status.changed', data: { status } }, actor);
  }
}

/** A ring sized up by Mia (3.42 g at intake, 0.31 g of stock added), waiting for Jo's QC. */
async function waitingForQc() {
  const mia = await signedIn('Mia Berg');
  const opened = await openTestJob(mia.id);
  await moveTo(opened.jobId, mia.id, 'in_progress');
  await finishSteps(opened.jobId, opened.serviceId, mia.id);
  return { mia, ...opened };
}

async function tickEveryCheck(user: ReturnType<typeof userEvent.setup>) {
  for (const c of QC_CHECKS) await user.click(screen.getByRole('switch', { name: c.label }));
}

describe('QC: the return weight', { timeout: 30_000 }, () => {
  it('is not a tick before any return weight exists: Pass waits until the piece is weighed at QC', async () => {
    const user = userEvent.setup();
    const { mia, jobId } = await waitingForQc();
    await moveTo(jobId, mia.id, 'qc');
    await signInSecond(mia);
    renderApp(`/jobs/${jobId}`);

    const pass = await screen.findByRole<HTMLButtonElement>('button', { name: 'Pass QC' });
    expect(screen.queryByRole('switch', { name: 'Return weight logged' })).toBeNull();
    const item = screen.getByRole('status', { name: 'Return weight logged' });
    expect(item.textContent).toBe('Return weight logged — not yet: weigh the piece above.');
    await tickEveryCheck(user);
    expect(pass.disabled).toBe(true);
    expect(screen.getByText('Weigh the piece back to pass.')).toBeTruthy();

    const metal = screen.getByRole('group', { name: 'Metal at QC' });
    const weigh = within(metal).getByRole('form', { name: 'Weigh it back' });
    await user.click(within(weigh).getByRole('button', { name: 'Log the return weight' }));
    expect(within(weigh).getByRole('alert').textContent).toBe('Enter the weight in grams.');
    await user.type(within(weigh).getByLabelText('Weight now (g)'), '0');
    await user.click(within(weigh).getByRole('button', { name: 'Log the return weight' }));
    expect((await within(weigh).findByRole('alert')).textContent).toBe(
      'A weight must be more than 0 g.',
    );
    expect((await job(jobId)).weights.map((w) => w.kind)).toEqual(['intake']);

    await user.clear(within(weigh).getByLabelText('Weight now (g)'));
    await user.type(within(weigh).getByLabelText('Weight now (g)'), '3.72');
    await user.click(within(weigh).getByRole('button', { name: 'Log the return weight' }));
    // The weighing against intake + the stock added, as the weights card and pick-up say it.
    const check = await within(metal).findByRole('status', { name: 'Return weight check' });
    expect(check.textContent).toBe(
      'Expected 3.73 g (intake 3.42 + added 0.31) → returned 3.72 g: −0.01 g, within the scale’s ±0.02 g.',
    );
    expect(screen.getByRole('status', { name: 'Return weight logged' }).textContent).toMatch(
      /^✓Return weight logged — 3\.72 g · \d{2}:\d{2}$/,
    );
    expect(within(metal).queryByRole('form', { name: 'Weigh it back' })).toBeNull();
    await waitFor(() => {
      expect(pass.disabled).toBe(false);
    });

    await user.click(pass);
    expect(await statusBadge('Ready for pick-up')).toBeTruthy();
    const stored = await job(jobId);
    expect(stored.weights.at(-1)).toMatchObject({ kind: 'return', grams: 3.72 });
    expect(stored.qc[0]?.checks).toMatchObject({ weight_logged: true, finish: true });
  });

  it('does not count a weighing made before the last step was done', async () => {
    const mia = await signedIn('Mia Berg');
    const { jobId, serviceId } = await openTestJob(mia.id);
    await moveTo(jobId, mia.id, 'in_progress');
    await finishSteps(jobId, serviceId, mia.id, ['clean']);
    await recordEvent(
      db,
      { jobId, type: 'weight.logged', data: { kind: 'check', grams: 3.73 } },
      mia.id,
    );
    await setStep(db, { jobId, serviceId, stepId: 'clean', done: true, values: {} }, mia.id);
    await moveTo(jobId, mia.id, 'qc');
    await signInSecond(mia);
    renderApp(`/jobs/${jobId}`);

    const metal = await screen.findByRole('group', { name: 'Metal at QC' });
    expect(
      within(metal).getByText(
        'Last weighed (3.73 g) before the bench work was done: weigh it again before passing QC.',
      ),
    ).toBeTruthy();
    expect(within(metal).getByRole('form', { name: 'Weigh it back' })).toBeTruthy();
    expect(screen.getByRole('status', { name: 'Return weight logged' }).textContent).toContain(
      'not yet',
    );
  });

  it('counts a weighing logged on the weights card since the work, shown against the expected weight', async () => {
    const user = userEvent.setup();
    const { mia, jobId } = await waitingForQc();
    await recordEvent(
      db,
      { jobId, type: 'weight.logged', data: { kind: 'check', grams: 3.5 } },
      mia.id,
    );
    await moveTo(jobId, mia.id, 'qc');
    await signInSecond(mia);
    renderApp(`/jobs/${jobId}`);

    const metal = await screen.findByRole('group', { name: 'Metal at QC' });
    const check = within(metal).getByRole('status', { name: 'Return weight check' });
    // Short beyond the scale: still a weighing the reviewer sees and signs off, said in words.
    expect(check.textContent).toContain('0.23 g short — beyond the scale’s ±0.02 g');
    expect(screen.getByRole('status', { name: 'Return weight logged' }).textContent).toMatch(
      /^✓Return weight logged — 3\.50 g/,
    );
    await tickEveryCheck(user);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Pass QC' }).disabled).toBe(false);
  });
});
