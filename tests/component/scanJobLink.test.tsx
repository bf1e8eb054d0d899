// The label deep link /j/:jobId: the job if this tablet has it, a kind word if not, live either way.
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { newJobId } from '../../src/domain/ids';
import { openTestJob, renderScanRoutes } from './scanHelpers';

describe('JobLinkScreen', () => {
  it('opens the job when this tablet has it', async () => {
    const { jobId } = await openTestJob();
    renderScanRoutes(`/j/${jobId}`);
    expect(await screen.findByRole('heading', { name: `Job page ${jobId}` })).toBeTruthy();
  });

  it('says kindly that the job is not here yet, and opens it once it syncs in', async () => {
    const jobId = newJobId();
    renderScanRoutes(`/j/${jobId}`);
    expect(await screen.findByRole('heading', { name: 'Not on this tablet yet' })).toBeTruthy();
    expect(
      screen.getByText(
        "This tablet doesn't have that job yet. It appears once the tablet syncs with the shop server.",
      ),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Scan' }).getAttribute('href')).toBe('/scan');
    expect(screen.getByRole('link', { name: 'Jobs' }).getAttribute('href')).toBe('/jobs');

    // The job arrives (here opened locally with that id; sync writes it the same way).
    await openTestJob({ jobId });
    expect(await screen.findByRole('heading', { name: `Job page ${jobId}` })).toBeTruthy();
  });

  it('names the server a label came from when it is not the one this tablet uses', async () => {
    renderScanRoutes(`/j/${newJobId()}?from=192.168.1.20%3A8080`);
    expect(
      await screen.findByText('The label was printed by the Loupe server at 192.168.1.20:8080.'),
    ).toBeTruthy();
  });

  it('says when a link names no job at all', async () => {
    renderScanRoutes('/j/not-a-job');
    expect(await screen.findByRole('heading', { name: 'Not a job label' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Scan' })).toBeTruthy();
  });
});
