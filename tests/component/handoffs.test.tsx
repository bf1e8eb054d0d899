// Hand-offs you can defend, over a real Dexie on fake-indexeddb: Hand on by envelope and badge, the
// receiver's PIN or badge, "Confirm later" and the job page's "Confirm receipt", wrong scans, the
// badges to print, a badge's own link and a badge on the Scan screen.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { WedgeScanner } from '../../src/components/WedgeScanner';
import { db, eventsOfJob, recordEvent, setStaffActive } from '../../src/db';
import { newUlid } from '../../src/domain/ids';
import type { StaffMember } from '../../src/domain/staff';
import { badgeLinkUrl } from '../../src/scan/badgeLink';
import { jobLinkUrl } from '../../src/scan/jobLink';
import { CustodyScreen } from '../../src/screens/custody/CustodyScreen';
import { HandOnTab } from '../../src/screens/custody/HandOnTab';
import { useSession } from '../../src/stores/sessionStore';
import { job, openTestJob } from './jobPageHelpers';
import { renderApp } from './renderApp';
import { fakeScanner } from './scanHelpers';
import { addPerson, signedIn } from './staffHelpers';

/**
 * The scanner's clock, 5 ms on at every key: a burst is a scan however busy the machine running the
 * tests is (the detector tells a scanner from a person by the gaps between keys).
 */
let scannerMs = 0;
const scannerClock = () => (scannerMs += 5);

beforeEach(() => {
  // jsdom plays no video and has no vibration motor.
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  Object.defineProperty(navigator, 'vibrate', { value: vi.fn(() => true), configurable: true });
});

afterEach(() => {
  vi.restoreAllMocks();
  Reflect.deleteProperty(navigator, 'vibrate');
});

const staffBadge = (p: { id: string }) =>
  badgeLinkUrl(window.location.origin, { kind: 'staff', id: p.id });

/** Mia at the bench, Jo Smith (PIN 5678) on the staff. */
async function miaAndJo(): Promise<{ mia: StaffMember; jo: StaffMember }> {
  const mia = await signedIn('Mia Berg');
  const jo = await addPerson('Jo Smith', '5678', 'assistant', mia.id);
  useSession.getState().signIn(mia.id);
  return { mia, jo };
}

/** Says where the app went: the job page a trade shop's badge opens, with its `?send=`. */
function WhereProbe() {
  const { pathname, search } = useLocation();
  return <h2>At {pathname + search}</h2>;
}

function renderCustody(path = '/custody?tab=hand-on') {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <WedgeScanner now={scannerClock} />
      <Routes>
        <Route path="/custody" element={<CustodyScreen />} />
        <Route path="/jobs/:jobId" element={<WhereProbe />} />
      </Routes>
    </MemoryRouter>,
  );
}

/** A USB scanner typing `text` and Enter, fast, with the focus on no field. */
function wedge(text: string) {
  act(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    for (const key of Array.from(text)) fireEvent.keyDown(document.body, { key });
    fireEvent.keyDown(document.body, { key: 'Enter' });
  });
}

async function typeEnvelope(user: UserEvent, number: string) {
  const form = await screen.findByRole('form', { name: 'Envelope number' });
  await user.type(within(form).getByLabelText('Envelope number'), number);
  await user.click(within(form).getByRole('button', { name: 'Add' }));
}

async function pressPin(user: UserEvent, name: string, pin: string) {
  const pad = await screen.findByRole('group', { name: `PIN for ${name}` });
  for (const digit of pin) await user.click(within(pad).getByRole('button', { name: digit }));
}

const notice = () => document.querySelector('.ho-notice')?.textContent ?? '';

describe('Hand on', { timeout: 20_000 }, () => {
  it('hands two envelopes to a person by their badge; the receiver confirms with their PIN', async () => {
    const user = userEvent.setup();
    const { mia, jo } = await miaAndJo();
    const a = await openTestJob(mia.id);
    const b = await openTestJob(mia.id);
    renderCustody();

    await typeEnvelope(user, a.envelopeNumber);
    await waitFor(() => expect(notice()).toContain(`Envelope ${a.envelopeNumber} added`));
    await typeEnvelope(user, b.envelopeNumber);
    const pieces = screen.getByRole('region', { name: 'Pieces to hand on' });
    await within(pieces).findByText('Pieces to hand on (2)');

    wedge(staffBadge(jo));
    const confirm = await screen.findByRole('region', { name: 'Confirm receipt' });
    expect(
      within(confirm).getByRole('heading', {
        name: `Jo Smith, confirm you have ${a.envelopeNumber} and ${b.envelopeNumber}`,
      }),
    ).toBeTruthy();
    for (const id of [a.jobId, b.jobId]) {
      expect((await job(id)).custody.map((c) => [c.to.id, c.by])).toEqual([[jo.id, mia.id]]);
    }

    // A wrong PIN records nothing.
    await pressPin(user, 'Jo Smith', '1111');
    expect(await within(confirm).findByRole('alert')).toHaveProperty(
      'textContent',
      'That is not Jo Smith’s PIN. Try again.',
    );
    expect((await job(a.jobId)).custodyConfirmations).toEqual([]);

    await pressPin(user, 'Jo Smith', '5678');
    await waitFor(() =>
      expect(notice()).toContain(
        `Jo Smith confirmed receipt of ${a.envelopeNumber} and ${b.envelopeNumber} with their PIN.`,
      ),
    );
    for (const id of [a.jobId, b.jobId]) {
      const confirmed = (await eventsOfJob(db, id)).filter((e) => e.type === 'custody.confirmed');
      const move = (await job(id)).custody[0];
      expect(confirmed.map((e) => [e.actor, e.data])).toEqual([
        [jo.id, { moveEventId: move?.eventId, method: 'pin' }],
      ]);
    }
    expect(
      within(screen.getByRole('region', { name: 'Pieces to hand on' })).getByText(
        'Pieces to hand on (0)',
      ),
    ).toBeTruthy();
  });

  it('confirms by the receiver scanning their own badge, and refuses anyone else’s', async () => {
    const user = userEvent.setup();
    const { mia, jo } = await miaAndJo();
    const a = await openTestJob(mia.id);
    renderCustody();
    await typeEnvelope(user, a.envelopeNumber);
    await user.click(
      within(await screen.findByRole('group', { name: 'People' })).getByRole('button', {
        name: 'Jo Smith',
      }),
    );
    const confirm = await screen.findByRole('region', { name: 'Confirm receipt' });

    wedge(staffBadge(mia));
    expect((await within(confirm).findByRole('alert')).textContent).toBe(
      'That is not Jo Smith’s badge: only the person who received it confirms.',
    );
    expect((await job(a.jobId)).custodyConfirmations).toEqual([]);

    wedge(staffBadge(jo));
    await waitFor(() =>
      expect(notice()).toContain(
        `Jo Smith confirmed receipt of ${a.envelopeNumber} by scanning their badge.`,
      ),
    );
    expect((await job(a.jobId)).custodyConfirmations.map((c) => [c.by, c.method])).toEqual([
      [jo.id, 'badge'],
    ]);
  });

  it('reads the envelope and the badge through the camera', async () => {
    const user = userEvent.setup();
    const { mia, jo } = await miaAndJo();
    const a = await openTestJob(mia.id);
    let showing: string | null = null;
    const parts = fakeScanner(() => showing);
    render(
      <MemoryRouter initialEntries={['/custody']}>
        <HandOnTab parts={parts} />
      </MemoryRouter>,
    );
    await user.click(await screen.findByRole('button', { name: 'Scan with the camera' }));
    showing = jobLinkUrl(window.location.origin, a.jobId);
    await waitFor(() => expect(notice()).toContain(`Envelope ${a.envelopeNumber} added`));
    showing = staffBadge(jo);
    expect(await screen.findByRole('region', { name: 'Confirm receipt' })).toBeTruthy();
    expect((await job(a.jobId)).custody.map((c) => c.to.id)).toEqual([jo.id]);
  });

  it('hands to a place with no confirmation, and says so', async () => {
    const user = userEvent.setup();
    const { mia } = await miaAndJo();
    const a = await openTestJob(mia.id);
    renderCustody();
    await typeEnvelope(user, a.envelopeNumber);
    wedge(badgeLinkUrl(window.location.origin, { kind: 'place', id: 'bench_2' }));
    await waitFor(() =>
      expect(notice()).toBe(
        `✓ Handed ${a.envelopeNumber} to Bench 2. A place needs no confirmation.`,
      ),
    );
    expect(screen.queryByRole('region', { name: 'Confirm receipt' })).toBeNull();
    expect((await job(a.jobId)).custody.map((c) => c.to)).toEqual([
      { kind: 'place', id: 'bench_2', label: 'Bench 2' },
    ]);
  });

  it('needs no confirmation when the person signed in takes the piece themselves', async () => {
    const user = userEvent.setup();
    const { mia } = await miaAndJo();
    const a = await openTestJob(mia.id);
    renderCustody();
    await typeEnvelope(user, a.envelopeNumber);
    wedge(staffBadge(mia));
    await waitFor(() =>
      expect(notice()).toBe(
        `✓ You took ${a.envelopeNumber}. Your own hand-off needs no confirmation.`,
      ),
    );
    expect(screen.queryByRole('region', { name: 'Confirm receipt' })).toBeNull();
    expect((await job(a.jobId)).custody.map((c) => [c.to.id, c.by])).toEqual([[mia.id, mia.id]]);
  });

  it('opens the job’s send form for a trade shop’s badge, one envelope at a time', async () => {
    const user = userEvent.setup();
    const { mia } = await miaAndJo();
    const a = await openTestJob(mia.id);
    const b = await openTestJob(mia.id);
    const kovac = newUlid();
    await recordEvent(
      db,
      {
        jobId: 'shop',
        type: 'trade.shop_set',
        data: { tradeShopId: kovac, name: 'Kovac Setting', kind: 'setter', active: true },
      },
      mia.id,
    );
    renderCustody();
    await typeEnvelope(user, a.envelopeNumber);
    await typeEnvelope(user, b.envelopeNumber);
    const tradeBadge = badgeLinkUrl(window.location.origin, { kind: 'tradeShop', id: kovac });
    wedge(tradeBadge);
    await waitFor(() => expect(notice()).toContain('Send one envelope at a time to Kovac Setting'));
    await user.click(screen.getByRole('button', { name: `Remove ${b.envelopeNumber}` }));
    wedge(tradeBadge);
    expect(
      await screen.findByRole('heading', { name: `At /jobs/${a.jobId}?send=${kovac}` }),
    ).toBeTruthy();
    expect((await job(a.jobId)).custody).toEqual([]);
  });

  it('says what is wrong with a wrong scan and records nothing', async () => {
    const user = userEvent.setup();
    const { mia, jo } = await miaAndJo();
    const a = await openTestJob(mia.id);
    const voided = await openTestJob(mia.id);
    await recordEvent(
      db,
      { jobId: voided.jobId, type: 'job.voided', data: { reason: 'Opened twice' } },
      mia.id,
    );
    const collected = await openTestJob(mia.id);
    await recordEvent(
      db,
      { jobId: collected.jobId, type: 'status.changed', data: { status: 'collected' } },
      mia.id,
    );
    const before = async () =>
      [
        ...(await eventsOfJob(db, a.jobId)),
        ...(await eventsOfJob(db, voided.jobId)),
        ...(await eventsOfJob(db, collected.jobId)),
      ].length;
    const count = await before();
    renderCustody();
    await screen.findByRole('form', { name: 'Envelope number' });

    wedge('WIFI:S:Shop;T:WPA;P:secret;;');
    await waitFor(() =>
      expect(notice()).toBe(
        '! “WIFI:S:Shop;T:WPA;P:secret;;” is not a Loupe envelope or badge. Nothing was recorded.',
      ),
    );
    await typeEnvelope(user, 'K7-9999');
    await waitFor(() => expect(notice()).toContain('No job on envelope K7-9999 on this tablet.'));
    await typeEnvelope(user, voided.envelopeNumber);
    await waitFor(() =>
      expect(notice()).toContain(`Envelope ${voided.envelopeNumber} is voided (Opened twice)`),
    );
    await typeEnvelope(user, collected.envelopeNumber);
    await waitFor(() =>
      expect(notice()).toContain(`Envelope ${collected.envelopeNumber} was collected`),
    );
    wedge(staffBadge(jo));
    await waitFor(() =>
      expect(notice()).toBe('! Scan the envelopes first, then Jo Smith’s badge.'),
    );

    // A retired person's badge, with a piece on the list.
    await typeEnvelope(user, a.envelopeNumber);
    await setStaffActive(db, jo.id, false, mia.id);
    wedge(staffBadge(jo));
    await waitFor(() =>
      expect(notice()).toContain(
        'Jo Smith is no longer on the staff: pieces are not handed to them.',
      ),
    );
    // A badge of a person this tablet has never heard of.
    wedge(staffBadge({ id: newUlid() }));
    await waitFor(() => expect(notice()).toContain('This tablet does not know this person.'));
    expect(await before()).toBe(count);
    expect(screen.getByRole('alert').textContent).toContain('Nothing was handed on.');
  });
});

describe('Job page: custody', { timeout: 20_000 }, () => {
  it('hands to a person from "Hand to…", confirms later with the receiver’s PIN', async () => {
    const user = userEvent.setup();
    const { mia, jo } = await miaAndJo();
    const { jobId } = await openTestJob(mia.id);
    renderApp(`/jobs/${jobId}`);
    const custody = await screen.findByRole('region', { name: 'Custody' });
    await user.click(within(custody).getByRole('button', { name: 'Hand to…' }));
    const sheet = await screen.findByRole('dialog', { name: 'Hand to…' });
    await user.click(
      within(within(sheet).getByRole('group', { name: 'People' })).getByRole('button', {
        name: 'Jo Smith',
      }),
    );
    // The receiver is asked at once; they may confirm later.
    const confirm = await screen.findByRole('dialog', { name: 'Confirm receipt' });
    await user.click(within(confirm).getByRole('button', { name: 'Confirm later' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Confirm receipt' })).toBeNull(),
    );
    expect(within(custody).getByText('awaiting Jo Smith’s confirmation')).toBeTruthy();

    // Anyone signed in may hold the tablet; it is Jo's PIN that signs.
    await user.click(within(custody).getByRole('button', { name: 'Confirm receipt by Jo Smith' }));
    await screen.findByRole('dialog', { name: 'Confirm receipt' });
    await pressPin(user, 'Jo Smith', '5678');
    await waitFor(() =>
      expect(within(custody).getByText(/confirmed by Jo Smith with their PIN/)).toBeTruthy(),
    );
    expect(within(custody).queryByRole('button', { name: /Confirm receipt/ })).toBeNull();
    expect(within(custody).getByRole('status').textContent).toBe(
      '✓ Jo Smith confirmed receipt with their PIN.',
    );
    const stored = await job(jobId);
    expect(stored.custodyConfirmations.map((c) => [c.by, c.moveEventId, c.method])).toEqual([
      [jo.id, stored.custody[0]?.eventId, 'pin'],
    ]);
  });

  it('offers no "Confirm receipt" with nobody signed in, and none for a place', async () => {
    const { mia, jo } = await miaAndJo();
    const { jobId } = await openTestJob(mia.id);
    await recordEvent(
      db,
      {
        jobId,
        type: 'custody.moved',
        data: { to: { kind: 'staff', id: jo.id, label: 'Jo Smith' } },
      },
      mia.id,
    );
    await recordEvent(
      db,
      { jobId, type: 'custody.moved', data: { to: { kind: 'place', id: 'safe', label: 'Safe' } } },
      mia.id,
    );
    useSession.getState().signOut();
    renderApp(`/jobs/${jobId}`);
    const custody = await screen.findByRole('region', { name: 'Custody' });
    expect(await within(custody).findByText('awaiting Jo Smith’s confirmation')).toBeTruthy();
    expect(within(custody).queryByRole('button', { name: /Confirm receipt/ })).toBeNull();
  });
});

describe('Badges', () => {
  it('shows a card with a QR code for each active person, place and trade shop, and prints', async () => {
    const user = userEvent.setup();
    const { mia, jo } = await miaAndJo();
    const gone = await addPerson('Ola Retired', '4321', 'caster', mia.id);
    await setStaffActive(db, gone.id, false, mia.id);
    const kovac = newUlid();
    await recordEvent(
      db,
      {
        jobId: 'shop',
        type: 'trade.shop_set',
        data: { tradeShopId: kovac, name: 'Kovac Setting', kind: 'setter', active: true },
      },
      mia.id,
    );
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    renderCustody('/custody?tab=badges');
    const sheet = await screen.findByRole('list', { name: 'Badges' });
    const card = (name: string) => within(sheet).getByRole('article', { name: `Badge of ${name}` });
    const payload = (name: string) =>
      card(name).querySelector('[data-qr-payload]')?.getAttribute('data-qr-payload');
    await within(sheet).findByRole('article', { name: 'Badge of Jo Smith' });
    expect(within(card('Jo Smith')).getByText('Assistant')).toBeTruthy();
    expect(payload('Jo Smith')).toBe(`${window.location.origin}/b/s/${jo.id}`);
    expect(payload('Mia Berg')).toBe(`${window.location.origin}/b/s/${mia.id}`);
    expect(payload('Safe')).toBe(`${window.location.origin}/b/p/safe`);
    expect(payload('Casting room')).toBe(`${window.location.origin}/b/p/casting_room`);
    expect(within(card('Kovac Setting')).getByText('Outside setter')).toBeTruthy();
    expect(payload('Kovac Setting')).toBe(`${window.location.origin}/b/t/${kovac}`);
    expect(within(sheet).queryByRole('article', { name: 'Badge of Ola Retired' })).toBeNull();
    expect(
      within(sheet).queryByRole('article', { name: 'Badge of Outside setter/trade shop' }),
    ).toBeNull();

    await user.click(screen.getByRole('button', { name: 'People' }));
    expect(within(sheet).getAllByRole('article')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Print 2 badges' }));
    expect(print).toHaveBeenCalledTimes(1);
    // The print shows only the cards: the app's frame and the tabs are hidden by the print CSS.
    expect(document.querySelector('style')?.textContent).toMatch(/\.custody-tabs/);
  });
});

describe('A badge’s link and the Scan screen', () => {
  it('says whose badge it is, what awaits their confirmation, and links to Hand on', async () => {
    const { mia, jo } = await miaAndJo();
    const { jobId, envelopeNumber } = await openTestJob(mia.id);
    await recordEvent(
      db,
      {
        jobId,
        type: 'custody.moved',
        data: { to: { kind: 'staff', id: jo.id, label: 'Jo Smith' } },
      },
      mia.id,
    );
    const { unmount } = renderApp(`/b/s/${jo.id}`);
    expect(await screen.findByRole('heading', { name: 'Jo Smith’s badge' })).toBeTruthy();
    expect(screen.getByText('Assistant')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Hand on' }).getAttribute('href')).toBe(
      '/custody?tab=hand-on',
    );
    const awaiting = await screen.findByRole('region', {
      name: 'Awaiting Jo Smith’s confirmation',
    });
    expect(within(awaiting).getByText(envelopeNumber)).toBeTruthy();
    unmount();

    renderApp('/b/P/SAFE');
    expect(await screen.findByRole('heading', { name: 'The badge of Safe' })).toBeTruthy();
  });

  it('says kindly when the link names no badge or one this tablet does not know', async () => {
    await signedIn('Mia Berg');
    const { unmount } = renderApp('/b/s/mia');
    expect(await screen.findByRole('heading', { name: 'Not a badge' })).toBeTruthy();
    unmount();
    renderApp(`/b/t/${newUlid()}`);
    expect(
      await screen.findByRole('heading', { name: 'A badge this tablet does not know' }),
    ).toBeTruthy();
    expect(screen.getByText(/works once the tablet has synced/)).toBeTruthy();
  });

  it('says whose badge was scanned on the Scan screen and offers Hand on', async () => {
    const user = userEvent.setup();
    const { jo } = await miaAndJo();
    renderApp('/scan');
    await user.type(await screen.findByLabelText('Type the envelope number'), staffBadge(jo));
    await user.click(screen.getByRole('button', { name: 'Open' }));
    const result = await screen.findByRole('heading', { name: 'Jo Smith’s badge' });
    const box = result.closest('.scan-result') as HTMLElement;
    expect(within(box).getByText('Assistant')).toBeTruthy();
    await user.click(within(box).getByRole('link', { name: 'Hand on' }));
    expect(
      await screen.findByRole('heading', { name: 'Scan the envelopes, then the badge' }),
    ).toBeTruthy();
  });
});
