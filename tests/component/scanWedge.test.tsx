// The keyboard-wedge listener with a fake clock: a scanner's burst opens the job, a person is left alone.
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WedgeScanner } from '../../src/components/WedgeScanner';
import { jobLinkUrl } from '../../src/scan/jobLink';
import { openTestJob, renderScanRoutes } from './scanHelpers';

let clock = 0;
const now = () => clock;

beforeEach(() => {
  clock = 1_000;
  Object.defineProperty(navigator, 'vibrate', { value: vi.fn(() => true), configurable: true });
});

afterEach(() => {
  Reflect.deleteProperty(navigator, 'vibrate');
});

/** Presses each key of `text` `gapMs` apart on `target`, then `end`; returns whether `end` went through. */
function typeKeys(text: string, gapMs: number, target: Element = document.body, end = 'Enter') {
  for (const key of Array.from(text)) {
    clock += gapMs;
    fireEvent.keyDown(target, { key });
  }
  clock += gapMs;
  return fireEvent.keyDown(target, { key: end });
}

function renderAt(path: string, props: Parameters<typeof WedgeScanner>[0] = {}) {
  return renderScanRoutes(path, { extra: <WedgeScanner now={now} {...props} /> });
}

describe('WedgeScanner', () => {
  it('opens the job a scanner types the label of, from any screen', async () => {
    const { jobId } = await openTestJob();
    renderAt('/jobs');
    await screen.findByRole('heading', { name: 'Jobs list' });
    let enterWentThrough = true;
    await act(async () => {
      enterWentThrough = typeKeys(jobLinkUrl(window.location.origin, jobId), 5);
      await Promise.resolve();
    });
    expect(await screen.findByRole('heading', { name: `Job page ${jobId}` })).toBeTruthy();
    // The scan's Enter was kept from pressing whatever had focus.
    expect(enterWentThrough).toBe(false);
  });

  it('opens a job by its envelope number, ended with Tab', async () => {
    const { jobId, envelopeNumber } = await openTestJob();
    renderAt('/jobs');
    await screen.findByRole('heading', { name: 'Jobs list' });
    act(() => {
      typeKeys(envelopeNumber, 8, document.body, 'Tab');
    });
    expect(await screen.findByRole('heading', { name: `Job page ${jobId}` })).toBeTruthy();
  });

  it('leaves a person typing at 120 ms a key alone', async () => {
    const { envelopeNumber } = await openTestJob();
    renderAt('/jobs');
    await screen.findByRole('heading', { name: 'Jobs list' });
    let enterWentThrough = false;
    act(() => {
      enterWentThrough = typeKeys(envelopeNumber, 120);
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByRole('heading', { name: 'Jobs list' })).toBeTruthy();
    expect(enterWentThrough).toBe(true);
  });

  it('leaves a scan into a text field to the field', async () => {
    const { envelopeNumber } = await openTestJob();
    renderAt('/scan');
    const field = await screen.findByLabelText('Type the envelope number');
    act(() => {
      typeKeys(envelopeNumber, 5, field);
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByRole('heading', { name: 'Scan an envelope' })).toBeTruthy();
  });

  it('honours a wider gap for a slower scanner', async () => {
    const { jobId, envelopeNumber } = await openTestJob();
    renderAt('/jobs', { maxGapMs: 60 });
    await screen.findByRole('heading', { name: 'Jobs list' });
    act(() => {
      typeKeys(envelopeNumber, 50);
    });
    expect(await screen.findByRole('heading', { name: `Job page ${jobId}` })).toBeTruthy();
  });

  it('shows a choice in a sheet when several jobs share the envelope', async () => {
    await openTestJob({ preprintedCode: '4711', customer: { name: 'Anna Lindqvist' } });
    const b = await openTestJob({ preprintedCode: '4711', customer: { name: 'Bo Ek' } });
    renderAt('/jobs');
    await screen.findByRole('heading', { name: 'Jobs list' });
    act(() => {
      typeKeys('4711', 5);
    });
    const sheet = await screen.findByRole('dialog', { name: 'Scanned code' });
    expect(sheet.textContent).toContain('Envelope 4711: 2 jobs');
    fireEvent.click(screen.getByRole('link', { name: /Bo Ek/ }));
    expect(await screen.findByRole('heading', { name: `Job page ${b.jobId}` })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says a foreign code is not Loupe’s, and closes', async () => {
    renderAt('/jobs');
    await screen.findByRole('heading', { name: 'Jobs list' });
    act(() => {
      typeKeys('WIFI:S:Shop;;', 5);
    });
    const sheet = await screen.findByRole('dialog', { name: 'Scanned code' });
    expect(sheet.textContent).toContain('This is not a Loupe code');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('takes the focus, so Escape closes it: nothing was tapped to open it', async () => {
    renderAt('/jobs');
    await screen.findByRole('heading', { name: 'Jobs list' });
    act(() => {
      typeKeys('WIFI:S:Shop;;', 5);
    });
    const sheet = await screen.findByRole('dialog', { name: 'Scanned code' });
    await waitFor(() => {
      expect(document.activeElement).toBe(sheet);
    });
    fireEvent.keyDown(sheet, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('stops listening when unmounted', async () => {
    const { envelopeNumber } = await openTestJob();
    const view = renderAt('/jobs');
    await screen.findByRole('heading', { name: 'Jobs list' });
    view.unmount();
    expect(typeKeys(envelopeNumber, 5)).toBe(true);
  });
});
