import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useConnectivity, watchConnectivity } from '../../src/stores/connectivityStore';
import { renderApp } from './renderApp';

describe('App shell', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    ['/', 'No jobs on this tablet yet'],
    ['/jobs', 'No jobs on this tablet yet'],
    ['/scan', 'Scan an envelope'],
    ['/casting', 'Casting room'],
    ['/settings', 'Settings'],
    ['/jobs/01JXYZ', 'Job 01JXYZ'],
    ['/no/such/page', 'Nothing here'],
  ])('%s shows "%s"', async (path, heading) => {
    renderApp(path);
    expect(await screen.findByRole('heading', { level: 2, name: heading })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
  });

  it.each([
    ['Who’s at the bench?', /^Who’s at the bench\?$/],
    ['Sync details', /^Sync: /],
  ])('opens the %s sheet outside the header, in the page’s colours', async (sheet, button) => {
    const user = userEvent.setup();
    renderApp('/jobs');
    await user.click(await screen.findByRole('button', { name: button }));
    const dialog = await screen.findByRole('dialog', { name: sheet });
    // Inside the header it would take the header's white text onto its cream paper.
    expect(dialog.closest('header')).toBeNull();
    expect(dialog.closest('.app-header')).toBeNull();
  });

  it('marks the current place in the navigation', async () => {
    renderApp('/casting');
    const link = await screen.findByRole('link', { name: 'Casting' });
    expect(link.getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Jobs' }).getAttribute('aria-current')).toBeNull();
  });

  it('shows the network going away and coming back', async () => {
    watchConnectivity();
    renderApp('/jobs');
    expect(await screen.findByText('Online')).toBeTruthy();

    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    expect(await screen.findByText('Offline')).toBeTruthy();
    expect(useConnectivity.getState().online).toBe(false);

    onLine.mockReturnValue(true);
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(await screen.findByText('Online')).toBeTruthy();
  });
});
