// A photo taken on the job page starts with the tag the job's state calls for: "Intake" when just
// received, "Before" while steps are left, "After" once the bench work is done, "QC" at QC.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { db, recordEvent } from '../../src/db';
import type { JobStatus } from '../../src/protocol/events';
import { finishSteps, openTestJob, signInSecond } from './jobPageHelpers';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

async function moveTo(jobId: string, actor: string, ...statuses: JobStatus[]) {
  for (const status of statuses) {
    await recordEvent(db, { jobId, type: 'status.changed', data: { status } }, actor);
  }
}

/** Opens the camera on the job page and returns the tag that is chosen. */
async function chosenTag(user: ReturnType<typeof userEvent.setup>): Promise<string[]> {
  const photos = await screen.findByRole('region', { name: 'Photos' });
  await user.click(
    within(photos.parentElement ?? photos).getByRole('button', { name: 'Add photos' }),
  );
  const tags = await screen.findByRole('radiogroup', { name: 'What the photo shows' });
  return within(tags)
    .getAllByRole('radio')
    .filter((r) => r.getAttribute('aria-checked') === 'true')
    .map((r) => r.textContent);
}

describe('Job page photos: the tag a new photo starts with', { timeout: 30_000 }, () => {
  it('is "After" at the bench once every required step is done', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId, serviceId } = await openTestJob(mia.id);
    await moveTo(jobId, mia.id, 'in_progress');
    await finishSteps(jobId, serviceId, mia.id);
    renderApp(`/jobs/${jobId}`);
    expect(await chosenTag(user)).toEqual(['After']);
  });

  it('is "Intake" for a job just received and "QC" at QC', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const received = await openTestJob(mia.id);
    const view = renderApp(`/jobs/${received.jobId}`);
    expect(await chosenTag(user)).toEqual(['Intake']);
    view.unmount();

    const atQc = await openTestJob(mia.id);
    await moveTo(atQc.jobId, mia.id, 'in_progress');
    await finishSteps(atQc.jobId, atQc.serviceId, mia.id);
    await moveTo(atQc.jobId, mia.id, 'qc');
    await signInSecond(mia);
    renderApp(`/jobs/${atQc.jobId}`);
    expect(await chosenTag(user)).toEqual(['QC']);
  });

  it('turns from "Before" to "After" when the last step is ticked with the camera open, unless one was picked', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const { jobId, serviceId } = await openTestJob(mia.id);
    await moveTo(jobId, mia.id, 'in_progress');
    await finishSteps(jobId, serviceId, mia.id, ['clean']);
    renderApp(`/jobs/${jobId}`);
    expect(await chosenTag(user)).toEqual(['Before']);

    await user.click(screen.getByRole('checkbox', { name: 'Clean (ultrasonic or steam)' }));
    const tags = screen.getByRole('radiogroup', { name: 'What the photo shows' });
    await waitFor(() => {
      expect(within(tags).getByRole('radio', { name: 'After' }).getAttribute('aria-checked')).toBe(
        'true',
      );
    });

    // A tag the person chose stays chosen, whatever the job does next.
    await user.click(within(tags).getByRole('radio', { name: 'Damage' }));
    await user.click(screen.getByRole('checkbox', { name: 'Clean (ultrasonic or steam)' }));
    await waitFor(() => {
      expect(
        screen
          .getByRole('checkbox', { name: 'Clean (ultrasonic or steam)' })
          .getAttribute('aria-checked'),
      ).toBe('false');
    });
    expect(within(tags).getByRole('radio', { name: 'Damage' }).getAttribute('aria-checked')).toBe(
      'true',
    );
  });
});
