// The camera scanner screen: what it says when the camera fails, what a read opens, the typed fallback.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newJobId } from '../../src/domain/ids';
import { jobLinkUrl } from '../../src/scan/jobLink';
import { DEVICE_SCANNER, type ScannerParts } from '../../src/screens/scan/ScanScreen';
import { fakeScanner, fakeStream, openTestJob, renderScanRoutes } from './scanHelpers';

let vibrate: ReturnType<typeof vi.fn>;

beforeEach(() => {
  // jsdom plays no video and has no vibration motor.
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  vibrate = vi.fn(() => true);
  Object.defineProperty(navigator, 'vibrate', { value: vibrate, configurable: true });
});

afterEach(() => {
  vi.restoreAllMocks();
  Reflect.deleteProperty(navigator, 'vibrate');
});

function refusedCamera(name: string): ScannerParts {
  return {
    ...DEVICE_SCANNER,
    openCamera: vi.fn(() => Promise.reject(new DOMException('refused', name))),
  };
}

describe('ScanScreen: the camera', () => {
  it.each([
    ['NotAllowedError', 'Loupe may not use the camera', /site settings/],
    ['NotFoundError', 'No camera found', /no camera Loupe can use/],
    ['NotReadableError', 'The camera is in use', /Another app/],
  ])('%s says "%s" and how to go on', async (name, title, how) => {
    const parts = refusedCamera(name);
    renderScanRoutes('/scan', { parts });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(title);
    expect(alert.textContent).toMatch(how);
    // The typed fallback is there whatever the camera did.
    expect(screen.getByLabelText('Type the envelope number')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => {
      expect(parts.openCamera).toHaveBeenCalledTimes(2);
    });
  });

  it.each([
    [false, 'The camera needs a secure connection'],
    // Secure, but jsdom (like an old browser) has no navigator.mediaDevices.
    [true, 'This browser cannot use the camera'],
  ])('with isSecureContext %s says "%s"', async (secure, title) => {
    Object.defineProperty(window, 'isSecureContext', { value: secure, configurable: true });
    try {
      renderScanRoutes('/scan');
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain(title);
      expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    } finally {
      Reflect.deleteProperty(window, 'isSecureContext');
    }
  });

  it('says so when the code reader cannot load, and turns the camera off', async () => {
    const { stream, track } = fakeStream();
    const parts: ScannerParts = {
      ...fakeScanner(() => null, stream),
      createReader: () => Promise.reject(new Error('wasm fetch failed')),
    };
    renderScanRoutes('/scan', { parts });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The scanner did not load');
    expect(alert.textContent).toContain('wasm fetch failed');
    expect(track.stop).toHaveBeenCalled();
  });

  it('opens the job whose label the camera reads, buzzes, and turns the camera off', async () => {
    const { jobId } = await openTestJob();
    const { stream, track } = fakeStream();
    const parts = fakeScanner(() => jobLinkUrl(window.location.origin, jobId), stream);
    renderScanRoutes('/scan', { parts });
    expect(
      await screen.findByRole('heading', { name: `Job page ${jobId}` }, { timeout: 3000 }),
    ).toBeTruthy();
    expect(vibrate).toHaveBeenCalledWith(80);
    // The scan screen's effects are cleaned up after the job page is painted.
    await waitFor(() => {
      expect(track.stop).toHaveBeenCalled();
    });
  });

  it('sends a label of a job this tablet lacks to the kind deep-link page', async () => {
    const jobId = newJobId();
    const parts = fakeScanner(() => jobLinkUrl(window.location.origin, jobId));
    renderScanRoutes('/scan', { parts });
    expect(await screen.findByRole('heading', { name: 'Not on this tablet yet' })).toBeTruthy();
  });

  it('says a foreign code is not Loupe’s once, however long it stays in view', async () => {
    const parts = fakeScanner(() => 'https://example.com/menu');
    renderScanRoutes('/scan', { parts });
    expect(await screen.findByRole('heading', { name: 'This is not a Loupe code' })).toBeTruthy();
    expect(screen.getByText(/It reads: “https:\/\/example\.com\/menu”/)).toBeTruthy();
    await waitFor(() => {
      expect(parts.reads()).toBeGreaterThan(5);
    });
    expect(vibrate).toHaveBeenCalledTimes(1);
  });

  it('switches the light where the camera has one', async () => {
    const { stream, track } = fakeStream({ torch: true });
    renderScanRoutes('/scan', { parts: fakeScanner(() => null, stream) });
    const light = await screen.findByRole('button', { name: 'Light on' });
    fireEvent.click(light);
    await screen.findByRole('button', { name: 'Light off' });
    expect(track.applyConstraints).toHaveBeenCalledWith({ advanced: [{ torch: true }] });
    expect(screen.getByRole('button', { name: 'Light off' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('offers no light switch where there is none', async () => {
    renderScanRoutes('/scan', { parts: fakeScanner(() => null) });
    await screen.findByText('Hold the QR code on the envelope inside the frame.');
    expect(screen.queryByRole('button', { name: 'Light on' })).toBeNull();
  });

  it('stops the camera when the screen is left', async () => {
    const { stream, track } = fakeStream();
    const view = renderScanRoutes('/scan', { parts: fakeScanner(() => null, stream) });
    await screen.findByText('Hold the QR code on the envelope inside the frame.');
    view.unmount();
    expect(track.stop).toHaveBeenCalled();
  });
});

describe('ScanScreen: typing the envelope number', () => {
  const parts = refusedCamera('NotFoundError');

  async function type(text: string) {
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Type the envelope number'), text);
    await user.click(screen.getByRole('button', { name: 'Open' }));
  }

  it('opens the job on that envelope, however it is typed', async () => {
    const { jobId, envelopeNumber } = await openTestJob();
    renderScanRoutes('/scan', { parts });
    await type(envelopeNumber.toLowerCase().replace('-', ' '));
    expect(await screen.findByRole('heading', { name: `Job page ${jobId}` })).toBeTruthy();
    // Typing is not a scan: no buzz.
    expect(vibrate).not.toHaveBeenCalled();
  });

  it('lists the jobs when several share an envelope', async () => {
    const a = await openTestJob({ preprintedCode: '4711', customer: { name: 'Anna Lindqvist' } });
    const b = await openTestJob({ preprintedCode: '4711', customer: { name: 'Bo Ek' } });
    renderScanRoutes('/scan', { parts });
    await type('4711');
    expect(await screen.findByRole('heading', { name: 'Envelope 4711: 2 jobs' })).toBeTruthy();
    const links = screen.getAllByRole('link').filter((l) => l.classList.contains('scan-choice'));
    expect(links.map((l) => l.getAttribute('href')).sort()).toEqual(
      [`/jobs/${a.jobId}`, `/jobs/${b.jobId}`].sort(),
    );
    fireEvent.click(screen.getByRole('link', { name: /Bo Ek/ }));
    expect(await screen.findByRole('heading', { name: `Job page ${b.jobId}` })).toBeTruthy();
  });

  it('offers a new job on an unknown pre-printed envelope', async () => {
    renderScanRoutes('/scan', { parts });
    await type('00012345');
    const offer = await screen.findByRole('link', { name: 'Open a new job on envelope 00012345' });
    expect(offer.getAttribute('href')).toBe('/intake?envelope=00012345');
    fireEvent.click(offer);
    expect(await screen.findByRole('heading', { name: 'Intake ?envelope=00012345' })).toBeTruthy();
  });

  it('says an unknown tablet number may still arrive by sync', async () => {
    renderScanRoutes('/scan', { parts });
    await type('K7-0042');
    expect(await screen.findByText(/appears once both have synced/)).toBeTruthy();
  });

  it('says what is not a Loupe code, and asks for something when nothing is typed', async () => {
    renderScanRoutes('/scan', { parts });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Open' }));
    expect(screen.getByText(/Type the number printed on the envelope/)).toBeTruthy();
    await type('%%');
    expect(await screen.findByRole('heading', { name: 'This is not a Loupe code' })).toBeTruthy();
  });
});
