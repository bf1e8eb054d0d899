// The header's sync badge and its details sheet, over fake-indexeddb: the changes waiting come from
// the real outbox, the state from the sync store the scheduler writes.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncBadge, syncLabel } from '../../src/components/SyncBadge';
import { reportText } from '../../src/components/SyncDetails';
import { db, openJob, saveClockCheck, setAsideEvents, type OpenJobInput } from '../../src/db';
import { setPhotoFetchState, usePhotoFetchStatus } from '../../src/stores/photoFetchStore';
import { useSyncStatus, type SyncStatus } from '../../src/stores/syncStore';
import { openedData } from '../support/events';
import { signedIn } from './staffHelpers';

const IDLE: SyncStatus = {
  state: 'idle',
  progress: null,
  lastSyncedAt: null,
  lastError: null,
  retryAt: null,
  lastReport: null,
};

function status(patch: Partial<SyncStatus>): SyncStatus {
  return { ...IDLE, ...patch };
}

function intake(): OpenJobInput {
  const { envelope: _e, ...rest } = openedData();
  return rest;
}

function renderBadge() {
  render(
    <MemoryRouter>
      <SyncBadge />
    </MemoryRouter>,
  );
}

async function openSheet() {
  fireEvent.click(await screen.findByRole('button', { name: /^Sync: / }));
  // The sheet's details are fetched when it first opens.
  return screen.findByRole('dialog', { name: 'Sync details' });
}

beforeEach(() => {
  useSyncStatus.setState(IDLE);
  usePhotoFetchStatus.setState({ photos: {} });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('syncLabel', () => {
  it.each<[Partial<SyncStatus>, string]>([
    [{ state: 'unpaired' }, 'Not paired'],
    [{ state: 'offline' }, 'Offline'],
    [{ state: 'error' }, 'Sync failed'],
    [{ state: 'idle' }, 'Synced'],
    [{ state: 'syncing' }, 'Syncing…'],
    [{ state: 'syncing', progress: { phase: 'push', done: 0, total: 0 } }, 'Syncing…'],
    [
      { state: 'syncing', progress: { phase: 'push', done: 200, total: 730 } },
      'Sending 200 of 730 changes',
    ],
    [{ state: 'syncing', progress: { phase: 'pull', done: 0, total: null } }, 'Receiving…'],
    [
      { state: 'syncing', progress: { phase: 'pull', done: 500, total: null } },
      'Receiving 500 changes',
    ],
    [
      { state: 'syncing', progress: { phase: 'photos', done: 1, total: 3 } },
      'Uploading 1 of 3 photos',
    ],
  ])('%o reads "%s"', (patch, label) => {
    expect(syncLabel(status(patch))).toBe(label);
  });

  it('says when it last synced', () => {
    const at = new Date(2026, 10, 23, 14, 5).getTime();
    // In the tablet's own clock format: 14:05, or 02:05 PM.
    expect(syncLabel(status({ lastSyncedAt: at }))).toMatch(/^Synced (14|0?2):05( PM)?$/);
  });
});

describe('reportText', () => {
  it('names what moved, in the singular where it is one', () => {
    const none = { pushed: 0, pulled: 0, photosUploaded: 0, resent: 0 };
    expect(reportText({ ...none, pushed: 1, pulled: 12 })).toBe(
      'sent 1 change, received 12 changes',
    );
    expect(reportText({ ...none, photosUploaded: 2 })).toBe('uploaded 2 photos');
    expect(reportText({ ...none, resent: 40 })).toBe(
      'sent 40 changes again, as the shop server had lost some (restored from a backup?)',
    );
    expect(reportText(none)).toBe('nothing new either way');
  });
});

describe('SyncBadge', () => {
  it('counts the changes waiting in the outbox and says how long the oldest has waited', async () => {
    const mia = await signedIn();
    await openJob(db, intake(), mia.id);
    const waiting = await db.outbox.count();
    expect(waiting).toBeGreaterThan(1);
    useSyncStatus.setState(status({ state: 'offline' }));
    renderBadge();
    const badge = await screen.findByRole('button', { name: `Sync: Offline, ${waiting} waiting` });
    expect(within(badge).getByText(String(waiting))).toBeTruthy();

    // Opened 12 minutes later: the age is as of opening.
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 12 * 60_000);
    const sheet = await openSheet();
    expect(
      within(sheet).getByText(`${waiting} changes waiting, the oldest for 12 min.`),
    ).toBeTruthy();
  });

  it('shows a progress bar while sending, and none while receiving an unknown amount', () => {
    useSyncStatus.setState(
      status({ state: 'syncing', progress: { phase: 'push', done: 200, total: 730 } }),
    );
    renderBadge();
    const bar = screen.getByRole('progressbar', { name: 'Sync progress' });
    expect(bar.getAttribute('value')).toBe('200');
    expect(bar.getAttribute('max')).toBe('730');

    act(() => {
      useSyncStatus.setState({ progress: { phase: 'pull', done: 40, total: null } });
    });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('button', { name: /^Sync: Receiving 40 changes/ })).toBeTruthy();
  });

  it('says everything is on the server, what the last sync moved, and photos being fetched', async () => {
    useSyncStatus.setState(
      status({
        lastSyncedAt: Date.now(),
        lastReport: { pushed: 0, pulled: 3, photosUploaded: 1, resent: 0 },
      }),
    );
    setPhotoFetchState('a'.repeat(64), { state: 'fetching' });
    setPhotoFetchState('b'.repeat(64), { state: 'queued' });
    setPhotoFetchState('c'.repeat(64), { state: 'failed', message: 'hash mismatch' });
    renderBadge();
    const sheet = await openSheet();
    expect(
      await within(sheet).findByText('Every change made here is on the shop server.'),
    ).toBeTruthy();
    expect(
      within(sheet).getByText(/^Last sync at .*: received 3 changes, uploaded 1 photo\.$/),
    ).toBeTruthy();
    expect(
      within(sheet).getByText(
        'Fetching 2 photos from other tablets. 1 photo could not be fetched; Loupe tries again after a later sync.',
      ),
    ).toBeTruthy();
  });

  it('shows the last error and when it tries again, and syncs on request', async () => {
    useSyncStatus.setState(
      status({
        state: 'error',
        lastError: 'The shop server did not answer.',
        retryAt: Date.now() + 60_000,
      }),
    );
    renderBadge();
    const sheet = await openSheet();
    expect(within(sheet).getByRole('alert').textContent).toMatch(
      /^Last error: The shop server did not answer\. Trying again at /,
    );
    expect(within(sheet).getByRole('button', { name: 'Sync now' })).toBeTruthy();
    fireEvent.click(within(sheet).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('sends an unpaired tablet to Settings to pair', async () => {
    useSyncStatus.setState(status({ state: 'unpaired' }));
    renderBadge();
    const sheet = await openSheet();
    expect(within(sheet).queryByRole('button', { name: 'Sync now' })).toBeNull();
    const link = within(sheet).getByRole('link', { name: 'Pair in Settings' });
    expect(link.getAttribute('href')).toBe('/settings');
  });

  it('shows the changes the server refused: how many, which job, why; and marks the badge', async () => {
    const mia = await signedIn();
    const { jobId, envelopeNumber } = await openJob(db, intake(), mia.id);
    const opened = await db.events.where('jobId').equals(jobId).first();
    if (!opened) throw new Error('an event expected');
    await setAsideEvents(
      db,
      [
        {
          event: opened,
          code: 'unknown_type',
          reason: 'events[0].type: Unknown event type "casting.poured".',
        },
      ],
      '1.0.0',
    );
    renderBadge();
    await screen.findByRole('button', { name: /, 1 refused$/ });
    const sheet = await openSheet();
    expect(
      await within(sheet).findByText(
        /^1 change the shop server refused is set aside on this tablet/,
      ),
    ).toBeTruthy();
    const link = within(sheet).getByRole('link', { name: `Envelope ${envelopeNumber}` });
    expect(link.getAttribute('href')).toBe(`/jobs/${jobId}`);
    expect(
      within(sheet).getByText(/the server does not know this kind of change yet/),
    ).toBeTruthy();
    expect(within(sheet).getByText(/Unknown event type "casting\.poured"/)).toBeTruthy();
  });

  it('says plainly when this tablet’s clock is wrong, with the server’s time beside its own', async () => {
    const tabletTime = Date.parse('2027-12-01T10:00:00.000Z');
    const serverTime = Date.parse('2026-12-01T10:00:00.000Z');
    await saveClockCheck(db, { tabletTime, serverTime, offsetMs: serverTime - tabletTime });
    renderBadge();
    await screen.findByRole('button', { name: /, clock wrong$/ });
    const sheet = await openSheet();
    const warning = await within(sheet).findByRole('alert');
    expect(warning.textContent).toContain('This tablet’s clock is wrong.');
    expect(warning.textContent).toContain('2027');
    expect(warning.textContent).toContain('2026');
    expect(warning.textContent).toContain('365 d ahead');
    expect(warning.textContent).toContain('Set the date and time in the tablet’s settings');
  });

  it('says nothing of the clock when it agrees with the server within seconds', async () => {
    const now = Date.now();
    await saveClockCheck(db, { tabletTime: now, serverTime: now + 4000, offsetMs: 4000 });
    renderBadge();
    const sheet = await openSheet();
    await within(sheet).findByText('Every change made here is on the shop server.');
    expect(within(sheet).queryByText(/clock is wrong/)).toBeNull();
  });
});
