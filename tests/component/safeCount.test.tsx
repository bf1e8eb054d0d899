// The end-of-day safe count over a real Dexie on fake-indexeddb: scan every envelope into the safe,
// finish, and read the open jobs not scanned with where each was last; it survives a reload.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router';
import { WedgeScanner } from '../../src/components/WedgeScanner';
import { db, eventsOfStream, recordEvent } from '../../src/db';
import { newUlid } from '../../src/domain/ids';
import { SHOP_STREAM_ID } from '../../src/protocol/streams';
import { badgeLinkUrl } from '../../src/scan/badgeLink';
import { jobLinkUrl } from '../../src/scan/jobLink';
import { CustodyScreen } from '../../src/screens/custody/CustodyScreen';
import { useSession } from '../../src/stores/sessionStore';
import { job, openTestJob } from './jobPageHelpers';
import { addPerson, signedIn } from './staffHelpers';

/**
 * The scanner's clock, 5 ms on at every key: a burst is a scan however busy the machine running the
 * tests is (the detector tells a scanner from a person by the gaps between keys).
 */
let scannerMs = 0;
const scannerClock = () => (scannerMs += 5);

function renderCount() {
  return render(
    <MemoryRouter initialEntries={['/custody?tab=safe']}>
      <WedgeScanner now={scannerClock} />
      <Routes>
        <Route path="/custody" element={<CustodyScreen />} />
      </Routes>
    </MemoryRouter>,
  );
}

async function typeEnvelope(user: UserEvent, number: string) {
  const form = await screen.findByRole('form', { name: 'Envelope number' });
  await user.type(within(form).getByLabelText('Envelope number'), number);
  await user.click(within(form).getByRole('button', { name: 'Add' }));
}

const notice = () => document.querySelector('.ho-notice')?.textContent ?? '';
const scannedCount = () => screen.getByTestId('safe-count-scanned').textContent;

describe('Safe count', { timeout: 20_000 }, () => {
  it('counts each envelope into the safe once and lists the open jobs not scanned, trade shops apart', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const jo = await addPerson('Jo Smith', '5678', 'assistant', mia.id);
    useSession.getState().signIn(mia.id);
    const a = await openTestJob(mia.id);
    const b = await openTestJob(mia.id);
    const atJo = await openTestJob(mia.id);
    const out = await openTestJob(mia.id);
    await recordEvent(
      db,
      {
        jobId: atJo.jobId,
        type: 'custody.moved',
        data: { to: { kind: 'staff', id: jo.id, label: 'Jo Smith' } },
      },
      mia.id,
    );
    await recordEvent(
      db,
      {
        jobId: out.jobId,
        type: 'trade.sent',
        data: {
          tradeShopId: newUlid(),
          tradeShopName: 'Kovac Setting',
          work: 'Reset the stone',
          takenBy: 'Ivo Kovac',
          sentDate: '2026-11-23',
          expectedBack: '2026-11-30',
        },
      },
      mia.id,
    );
    renderCount();
    expect(await screen.findByText('No count yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Start count' }));

    await typeEnvelope(user, a.envelopeNumber);
    await waitFor(() => expect(notice()).toBe(`✓ Envelope ${a.envelopeNumber} is in the safe.`));
    // A scanner reading a job label from anywhere on the screen.
    act(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      for (const key of Array.from(jobLinkUrl(window.location.origin, b.jobId))) {
        fireEvent.keyDown(document.body, { key });
      }
      fireEvent.keyDown(document.body, { key: 'Enter' });
    });
    await waitFor(() => expect(scannedCount()).toBe('2'));
    await typeEnvelope(user, a.envelopeNumber);
    await waitFor(() =>
      expect(notice()).toBe(`✓ Envelope ${a.envelopeNumber} was scanned already: it counts once.`),
    );
    expect(scannedCount()).toBe('2');
    expect(screen.getByText(/scanned of 4 open jobs/)).toBeTruthy();
    expect((await job(a.jobId)).custody.map((c) => c.to.id)).toEqual(['safe']);

    await user.click(screen.getByRole('button', { name: 'Finish count' }));
    const missing = await screen.findByRole('region', { name: 'Not in the safe' });
    expect(within(missing).getByRole('heading').textContent).toBe('1 open job not in the safe');
    const item = within(missing).getByRole('listitem');
    expect(item.textContent).toBe(`${atJo.envelopeNumber} — last with Jo Smith`);
    expect(within(item).getByRole('link').getAttribute('href')).toBe(`/jobs/${atJo.jobId}`);
    const away = screen.getByRole('region', { name: 'Out at trade shops' });
    expect(within(away).getByRole('listitem').textContent).toBe(
      `${out.envelopeNumber} — at Kovac Setting since Mon 23 Nov, due back Mon 30 Nov`,
    );

    const counted = (await eventsOfStream(db, SHOP_STREAM_ID)).filter(
      (e) => e.type === 'safe.counted',
    );
    expect(counted.map((e) => e.data)).toEqual([
      expect.objectContaining({
        scanned: [a.jobId, b.jobId],
        missing: [
          { jobId: atJo.jobId, envelopeNumber: atJo.envelopeNumber, lastWhere: 'Jo Smith' },
        ],
      }),
    ]);

    await user.click(screen.getByRole('button', { name: 'Done' }));
    const past = await screen.findByRole('region', { name: 'Past counts' });
    expect(within(past).getByRole('listitem').textContent).toMatch(
      new RegExp(`Mia Berg · 2 scanned · 1 missing \\(${atJo.envelopeNumber}: Jo Smith\\)`),
    );
  });

  it('keeps the count in progress across a reload', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const a = await openTestJob(mia.id);
    const b = await openTestJob(mia.id);
    const first = renderCount();
    await user.click(await screen.findByRole('button', { name: 'Start count' }));
    await typeEnvelope(user, a.envelopeNumber);
    await waitFor(() => expect(scannedCount()).toBe('1'));
    first.unmount();

    renderCount();
    await waitFor(() => expect(scannedCount()).toBe('1'));
    expect(await screen.findByText(/Counting since .*, started by Mia Berg\./)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Finish count' }));
    const missing = await screen.findByRole('region', { name: 'Not in the safe' });
    expect(within(missing).getByRole('listitem').textContent).toBe(
      `${b.envelopeNumber} — last with Mia Berg (took it in)`,
    );
  });

  it('refuses a badge, a voided envelope and a foreign code, counting nothing', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const voided = await openTestJob(mia.id);
    await recordEvent(
      db,
      { jobId: voided.jobId, type: 'job.voided', data: { reason: 'Opened twice' } },
      mia.id,
    );
    renderCount();
    await user.click(await screen.findByRole('button', { name: 'Start count' }));
    await typeEnvelope(user, badgeLinkUrl(window.location.origin, { kind: 'place', id: 'safe' }));
    await waitFor(() => expect(notice()).toContain('That is a badge'));
    await typeEnvelope(user, voided.envelopeNumber);
    await waitFor(() =>
      expect(notice()).toContain(
        `Envelope ${voided.envelopeNumber} is voided (Opened twice): it is not counted.`,
      ),
    );
    await typeEnvelope(user, 'WIFI:S:Shop;;');
    await waitFor(() =>
      expect(notice()).toContain('“WIFI:S:Shop;;” is not a Loupe envelope or badge.'),
    );
    expect(scannedCount()).toBe('0');
    expect((await job(voided.jobId)).custody).toEqual([]);
  });
});
