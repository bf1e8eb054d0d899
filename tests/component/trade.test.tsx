// Work sent to trade shops, over a real Dexie on fake-indexeddb: the Settings registry, the job's
// trade panel (send and back forms, refusals storing nothing, the ?send= hand-off) and the
// Custody → Out at trade shops list with days out and overdue.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { db, getShop, recordEvent, useJob, useStaff } from '../../src/db';
import { returnFromTradeShop, sendToTradeShop, setTradeShop } from '../../src/db/tradeOperations';
import { localDay } from '../../src/domain/dates';
import { newUlid } from '../../src/domain/ids';
import type { StaffMember } from '../../src/domain/staff';
import { TradePanel } from '../../src/screens/jobs/job/TradePanel';
import { TradeShopsSection } from '../../src/screens/settings/TradeShopsSection';
import { useStaffNames } from '../../src/screens/jobs/job/useStaffNames';
import { addDays } from '../../src/screens/intake/intakeForm';
import { eventTypes, job, openTestJob, signInSecond } from './jobPageHelpers';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

const TODAY = localDay();

async function kovac(actor: StaffMember, name = 'Kovac Setting'): Promise<string> {
  return setTradeShop(db, { name, kind: 'setter', phone: '+46 8 123 45', active: true }, actor.id);
}

/** The panel as the job page will hold it: the job read live, names from the staff list. */
function LivePanel({ actor }: { actor: StaffMember | null }) {
  const jobId = useLocation().pathname.split('/')[2] ?? '';
  const found = useJob(jobId);
  const staff = useStaff();
  const nameOf = useStaffNames(staff ?? []);
  if (!found) return null;
  return <TradePanel job={found} actor={actor} nameOf={nameOf} />;
}

function Address() {
  const location = useLocation();
  return <output data-testid="address">{location.pathname + location.search}</output>;
}

function renderPanel(path: string, actor: StaffMember | null) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/jobs/:jobId" element={<LivePanel actor={actor} />} />
      </Routes>
      <Address />
    </MemoryRouter>,
  );
}

/** Text put in a field at once: typed key by key, each key re-renders the form (slow in jsdom). */
async function typeIn(user: UserEvent, field: HTMLElement, text: string): Promise<void> {
  await user.click(field);
  await user.paste(text);
}

/** The Settings section alone: the whole app's Settings screen is slow to re-render in jsdom. */
function renderSection() {
  return render(
    <MemoryRouter>
      <TradeShopsSection />
    </MemoryRouter>,
  );
}

function panel() {
  return screen.getByRole('region', { name: 'Trade shops' });
}

async function snapshot() {
  return { events: await db.events.toArray(), jobs: await db.jobs.toArray() };
}

describe('Settings: trade shops', () => {
  it('is in Settings, and asks nobody signed in to sign in before adding one', async () => {
    renderApp('/settings');
    const section = await screen.findByRole('region', { name: 'Trade shops' });
    expect(
      within(section).getByText('Sign in (top right) to add or change a trade shop.'),
    ).toBeTruthy();
    expect(within(section).queryByRole('form')).toBeNull();
  });

  it('adds a trade shop with its kind in words, refusing one with no kind', async () => {
    const user = userEvent.setup();
    await signedIn('Mia Berg');
    renderSection();
    const section = await screen.findByRole('region', { name: 'Trade shops' });
    expect(within(section).getByText('No trade shops yet.')).toBeTruthy();
    const form = within(section).getByRole('form', { name: 'Add a trade shop' });
    const fill = (label: string | RegExp, text: string) =>
      typeIn(user, within(form).getByLabelText(label), text);

    // No kind chosen: said, nothing stored.
    await fill('Trade shop name', 'Kovac Setting');
    await user.click(within(form).getByRole('button', { name: 'Add trade shop' }));
    expect(within(form).getByRole('alert').textContent).toBe(
      'Choose what kind of trade shop it is.',
    );
    expect((await getShop(db)).tradeShops).toEqual([]);

    await user.click(within(form).getByRole('radio', { name: 'Stone setter' }));
    await fill(/^Phone/, '+46 8 123 45');
    await user.click(within(form).getByRole('button', { name: 'Add trade shop' }));
    const row = await within(section).findByRole('listitem', { name: 'Kovac Setting' });
    expect(row.textContent).toContain('Kovac Setting · Stone setter · +46 8 123 45');
    expect((await getShop(db)).tradeShops).toMatchObject([
      { name: 'Kovac Setting', kind: 'setter', phone: '+46 8 123 45', active: true },
    ]);
  });

  it('refuses a name already on the list, in words, storing nothing', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await kovac(mia);
    renderSection();
    const section = await screen.findByRole('region', { name: 'Trade shops' });
    await within(section).findByRole('listitem', { name: 'Kovac Setting' });
    const form = within(section).getByRole('form', { name: 'Add a trade shop' });
    await typeIn(user, within(form).getByLabelText('Trade shop name'), 'kovac setting');
    await user.click(within(form).getByRole('radio', { name: 'Engraver' }));
    await user.click(within(form).getByRole('button', { name: 'Add trade shop' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Kovac Setting is already on the list.',
    );
    expect((await getShop(db)).tradeShops).toHaveLength(1);
  });

  it('renames a trade shop, retires it and brings it back', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await kovac(mia);
    renderSection();
    const section = await screen.findByRole('region', { name: 'Trade shops' });
    const row = await within(section).findByRole('listitem', { name: 'Kovac Setting' });
    await user.click(within(row).getByRole('button', { name: 'Change Kovac Setting' }));
    const change = within(row).getByRole('form', { name: 'Change Kovac Setting' });
    const name = within(change).getByLabelText('Trade shop name');
    await user.clear(name);
    await typeIn(user, name, 'Kovac & Sons');
    await user.click(within(change).getByRole('button', { name: 'Save trade shop' }));
    const renamed = await within(section).findByRole('listitem', { name: 'Kovac & Sons' });

    await user.click(within(renamed).getByRole('button', { name: 'Retire Kovac & Sons' }));
    await within(renamed).findByText(/retired: no longer offered/);
    expect((await getShop(db)).tradeShops[0]?.active).toBe(false);
    await user.click(within(renamed).getByRole('button', { name: 'Bring back Kovac & Sons' }));
    await within(renamed).findByRole('button', { name: 'Retire Kovac & Sons' });
    expect((await getShop(db)).tradeShops).toMatchObject([
      { name: 'Kovac & Sons', kind: 'setter', active: true },
    ]);
  });
});

describe('Job page: trade panel', () => {
  it('sends the piece out with the dates defaulting to today and a week on, then brings it back', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const shopId = await kovac(mia);
    await setTradeShop(db, { name: 'Old Plater', kind: 'plater', active: false }, mia.id);
    const { jobId } = await openTestJob(mia.id, { insuranceValueCents: 150_000 });
    renderPanel(`/jobs/${jobId}`, mia);

    expect(
      await within(await screen.findByRole('region', { name: 'Trade shops' })).findByText(
        'Never sent out.',
      ),
    ).toBeTruthy();
    await user.click(within(panel()).getByRole('button', { name: 'Send to trade shop…' }));
    const sheet = screen.getByRole('dialog', { name: 'Send to trade shop' });
    expect(within(sheet).getByLabelText<HTMLInputElement>('Sent on').value).toBe(TODAY);
    expect(within(sheet).getByLabelText<HTMLInputElement>('Expected back').value).toBe(
      addDays(TODAY, 7),
    );
    expect(within(sheet).getByLabelText<HTMLInputElement>('Insurance value').value).toBe('1500.00');
    // Only the trade shops still in use are offered.
    const offered = within(sheet)
      .getAllByRole('radio')
      .map((r) => r.textContent);
    expect(offered).toEqual(['Kovac SettingStone setter']);

    await user.click(within(sheet).getByRole('radio', { name: /Kovac Setting/ }));
    await user.click(within(sheet).getByRole('button', { name: '+2 weeks' }));
    expect(within(sheet).getByLabelText<HTMLInputElement>('Expected back').value).toBe(
      addDays(TODAY, 14),
    );
    await typeIn(user, within(sheet).getByLabelText('Work to do'), 'Set the centre stone');
    await typeIn(user, within(sheet).getByLabelText('Taken by'), 'Ivan Kovac');
    await user.click(within(sheet).getByRole('button', { name: 'Send to Kovac Setting' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const trip = await within(panel()).findByRole('listitem', { name: /^Kovac Setting: / });
    expect(within(trip).getByText('Sent today, expected back', { exact: false })).toBeTruthy();
    expect(trip.textContent).toContain('taken by Ivan Kovac');
    expect(trip.textContent).toContain('by Mia Berg');
    expect(trip.textContent).toContain('insured 1500.00');
    expect(await eventTypes(jobId)).toEqual(['job.opened', 'trade.sent', 'custody.moved']);
    expect((await job(jobId)).tradeSent[0]).toMatchObject({
      sentDate: TODAY,
      expectedBack: addDays(TODAY, 14),
      insuranceValueCents: 150_000,
    });
    expect((await job(jobId)).custody.at(-1)?.to).toEqual({
      kind: 'place',
      id: `trade:${shopId}`,
      label: 'Kovac Setting',
    });
    // Out: it cannot be sent again until it is back.
    expect(within(panel()).queryByRole('button', { name: 'Send to trade shop…' })).toBeNull();

    await user.click(within(trip).getByRole('button', { name: 'Back from Kovac Setting…' }));
    const back = screen.getByRole('dialog', { name: 'Back from Kovac Setting' });
    expect(within(back).getByLabelText<HTMLInputElement>('Came back on').value).toBe(TODAY);
    await user.click(within(back).getByRole('button', { name: 'Work done, no damage' }));
    await typeIn(user, within(back).getByLabelText(/^Weight back/), '3,44');
    await user.click(within(back).getByRole('button', { name: 'Record it back' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const returned = await within(panel()).findByRole('listitem', {
      name: /^Kovac Setting: Back /,
    });
    expect(returned.textContent).toContain('after 0 days');
    expect(returned.textContent).toContain('Received back by Mia Berg');
    expect(returned.textContent).toContain('Work done, no damage · weighed 3.44 g');
    expect(await eventTypes(jobId)).toEqual([
      'job.opened',
      'trade.sent',
      'custody.moved',
      'trade.returned',
      'custody.moved',
      'weight.logged',
    ]);
    expect((await job(jobId)).custody.at(-1)?.to).toEqual({
      kind: 'staff',
      id: mia.id,
      label: 'Mia Berg',
    });
    expect(within(panel()).getByRole('button', { name: 'Send to trade shop…' })).toBeTruthy();
  });

  it('refuses a send with no shop, no work or a date after today, and a return with no condition, storing nothing', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await kovac(mia);
    const { jobId } = await openTestJob(mia.id);
    renderPanel(`/jobs/${jobId}`, mia);
    await user.click(await screen.findByRole('button', { name: 'Send to trade shop…' }));
    const sheet = screen.getByRole('dialog', { name: 'Send to trade shop' });
    const before = await snapshot();

    await user.click(within(sheet).getByRole('button', { name: 'Send' }));
    expect(within(sheet).getByRole('alert').textContent).toBe('Choose the trade shop it goes to.');

    await user.click(within(sheet).getByRole('radio', { name: /Kovac Setting/ }));
    await typeIn(user, within(sheet).getByLabelText('Taken by'), 'Ivan Kovac');
    await user.click(within(sheet).getByRole('button', { name: 'Send to Kovac Setting' }));
    expect((await within(sheet).findByRole('alert')).textContent).toBe(
      'Enter the work asked of the trade shop.',
    );

    await typeIn(user, within(sheet).getByLabelText('Work to do'), 'Engrave the band');
    fireEvent.change(within(sheet).getByLabelText('Sent on'), {
      target: { value: addDays(TODAY, 1) },
    });
    await user.click(within(sheet).getByRole('button', { name: 'Send to Kovac Setting' }));
    await waitFor(() =>
      expect(within(sheet).getByRole('alert').textContent).toMatch(
        /^The sent date .* is after today: enter the day it went out\.$/,
      ),
    );

    fireEvent.change(within(sheet).getByLabelText('Sent on'), { target: { value: TODAY } });
    const insurance = within(sheet).getByLabelText('Insurance value');
    await user.clear(insurance);
    await typeIn(user, insurance, '1,250.00');
    await user.click(within(sheet).getByRole('button', { name: 'Send to Kovac Setting' }));
    expect(within(sheet).getByRole('alert').textContent).toBe(
      'Enter the insurance value as an amount, like 1500 or 1500.00.',
    );
    expect(await snapshot()).toEqual(before);

    // Sent for real, then a return with no condition is refused too.
    await user.clear(insurance);
    await typeIn(user, insurance, '900');
    await user.click(within(sheet).getByRole('button', { name: 'Send to Kovac Setting' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await job(jobId)).tradeSent[0]?.insuranceValueCents).toBe(90_000);
    await user.click(
      await within(panel()).findByRole('button', { name: 'Back from Kovac Setting…' }),
    );
    const back = screen.getByRole('dialog', { name: 'Back from Kovac Setting' });
    const sent = await snapshot();
    await user.click(within(back).getByRole('button', { name: 'Record it back' }));
    expect((await within(back).findByRole('alert')).textContent).toBe(
      'Enter the condition it came back in.',
    );
    await typeIn(user, within(back).getByLabelText(/^Condition/), 'Engraved, no marks');
    await typeIn(user, within(back).getByLabelText(/^Weight back/), 'about 3');
    await user.click(within(back).getByRole('button', { name: 'Record it back' }));
    expect(within(back).getByRole('alert').textContent).toBe(
      'Enter the weight as a number, like 3.42, or leave it blank.',
    );
    expect(await snapshot()).toEqual(sent);
  });

  it('opens the send sheet with the shop chosen when the address has ?send=, and forgets it once closed', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await kovac(mia);
    const lund = await setTradeShop(
      db,
      { name: 'Lund Engraving', kind: 'engraver', active: true },
      mia.id,
    );
    const { jobId } = await openTestJob(mia.id);
    renderPanel(`/jobs/${jobId}?send=${lund}`, mia);

    const sheet = await screen.findByRole('dialog', { name: 'Send to trade shop' });
    await waitFor(() =>
      expect(
        within(sheet)
          .getByRole('radio', { name: /Lund Engraving/ })
          .getAttribute('aria-checked'),
      ).toBe('true'),
    );
    expect(
      within(sheet)
        .getByRole('radio', { name: /Kovac Setting/ })
        .getAttribute('aria-checked'),
    ).toBe('false');
    await user.click(within(sheet).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('address').textContent).toBe(`/jobs/${jobId}`);
  });

  it('says why a ?send= hand-off was not sent: nobody signed in, or the piece already out', async () => {
    const mia = await signedIn('Mia Berg');
    const shopId = await kovac(mia);
    const { jobId } = await openTestJob(mia.id);
    const view = renderPanel(`/jobs/${jobId}?send=${shopId}`, null);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Sign in to send this piece to the trade shop whose badge was scanned.',
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    view.unmount();

    await sendToTradeShop(
      db,
      {
        jobId,
        tradeShopId: shopId,
        work: 'Set',
        takenBy: 'Ivan',
        sentDate: TODAY,
        expectedBack: TODAY,
      },
      mia.id,
    );
    const user = userEvent.setup();
    renderPanel(`/jobs/${jobId}?send=${shopId}`, mia);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Not sent: Already out at Kovac Setting: record it back before sending it again.',
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.getByTestId('address').textContent).toBe(`/jobs/${jobId}`);
  });

  it('shows an overdue trip in words and a return naming no known send', async () => {
    const mia = await signedIn('Mia Berg');
    const shopId = await kovac(mia);
    const { jobId } = await openTestJob(mia.id);
    await sendToTradeShop(
      db,
      {
        jobId,
        tradeShopId: shopId,
        work: 'Re-tip four prongs',
        takenBy: 'Courier',
        sentDate: addDays(TODAY, -9),
        expectedBack: addDays(TODAY, -2),
      },
      mia.id,
    );
    // A return whose send this tablet never got (another tablet's, not synced yet).
    await recordEvent(
      db,
      {
        jobId,
        type: 'trade.returned',
        data: { sentEventId: newUlid(), returnedDate: TODAY, condition: 'Came back by courier' },
      },
      mia.id,
    );
    renderPanel(`/jobs/${jobId}`, mia);
    const trip = await screen.findByRole('listitem', { name: /^Kovac Setting: / });
    expect(within(trip).getByText('Overdue 2 days: 9 days out')).toBeTruthy();
    expect(trip.className).toContain('trade-overdue');
    const stray = screen.getByRole('listitem', { name: /^A trade shop: / });
    expect(within(stray).getByText('Back, from a trip this tablet has no send of')).toBeTruthy();
    expect(stray.textContent).toContain('Received back by Mia Berg');
    expect(stray.textContent).toContain('Came back by courier');
  });
});

describe('Custody → Out at trade shops', () => {
  it('lists every piece out by trade shop, overdue first, with days out and the insured total; a piece back leaves it', async () => {
    const mia = await signedIn('Mia Berg');
    const kovacId = await kovac(mia);
    const lund = await setTradeShop(
      db,
      { name: 'Lund Engraving', kind: 'engraver', active: true },
      mia.id,
    );
    const onTime = await openTestJob(mia.id, { insuranceValueCents: 150_000 });
    const late = await openTestJob(mia.id, {
      insuranceValueCents: 40_000,
      customer: { name: 'Bo Ek', phone: '+46 70 000 00 00' },
    });
    // Taken in with no insurance value (an older intake): it goes out with none.
    const engraved = await openTestJob(mia.id);
    const home = await openTestJob(mia.id);
    const send = (jobId: string, tradeShopId: string, days: number, back: number, work: string) =>
      sendToTradeShop(
        db,
        {
          jobId,
          tradeShopId,
          work,
          takenBy: 'Ivan Kovac',
          sentDate: addDays(TODAY, -days),
          expectedBack: addDays(TODAY, back),
        },
        mia.id,
      );
    const [onTimeTrip] = await send(onTime.jobId, kovacId, 3, 4, 'Set the centre stone');
    await send(late.jobId, kovacId, 12, -5, 'Re-tip four prongs');
    await send(engraved.jobId, lund, 1, 6, 'Engrave initials');
    const [homeTrip] = await send(home.jobId, lund, 2, 2, 'Engrave a date');
    await returnFromTradeShop(
      db,
      {
        jobId: home.jobId,
        sentEventId: homeTrip?.id ?? '',
        returnedDate: TODAY,
        condition: 'Done',
      },
      mia.id,
    );

    renderApp('/custody?tab=trade');
    expect((await screen.findByText(/pieces out at/)).textContent).toBe(
      '3 pieces out at 2 trade shops, 1 overdue.',
    );
    const shops = screen.getAllByRole('region').filter((r) => r.classList.contains('trade-shop'));
    expect(shops.map((s) => within(s).getByRole('heading').textContent)).toEqual([
      'Kovac Setting',
      'Lund Engraving',
    ]);
    const atKovac = within(screen.getByRole('list', { name: 'Out at Kovac Setting' }));
    const rows = atKovac.getAllByRole('listitem');
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual([
      late.envelopeNumber,
      onTime.envelopeNumber,
    ]);
    expect(rows[0]?.textContent).toContain('Overdue 5 days · 12 days out');
    expect(rows[0]?.textContent).toContain('Bo Ek');
    expect(rows[0]?.textContent).toContain('Re-tip four prongs');
    expect(rows[0]?.textContent).toContain('taken by Ivan Kovac');
    expect(rows[1]?.textContent).toContain('3 days out');
    expect(rows[1]?.textContent).not.toContain('Overdue');
    expect(
      within(rows[1] as HTMLElement)
        .getByRole('link', { name: onTime.envelopeNumber })
        .getAttribute('href'),
    ).toBe(`/jobs/${onTime.jobId}`);
    expect(shops[0]?.textContent).toContain('2 pieces · insured 1900.00 in all · 1 overdue');
    expect(shops[1]?.textContent).toContain('1 piece · no insurance value recorded');
    expect(screen.queryByRole('listitem', { name: home.envelopeNumber })).toBeNull();

    // Back on another tablet or this one: it leaves the list at once.
    await returnFromTradeShop(
      db,
      {
        jobId: onTime.jobId,
        sentEventId: onTimeTrip?.id ?? '',
        returnedDate: TODAY,
        condition: 'Set',
      },
      mia.id,
    );
    await waitFor(() =>
      expect(screen.queryByRole('listitem', { name: onTime.envelopeNumber })).toBeNull(),
    );
    expect(screen.getByText('2 pieces out at 2 trade shops, 1 overdue.')).toBeTruthy();
  });

  it('says so when nothing is out', async () => {
    await signedIn('Mia Berg');
    renderApp('/custody?tab=trade');
    expect(await screen.findByText(/Nothing is out at a trade shop\./)).toBeTruthy();
  });
});

// A second person receiving the piece signs for it as themselves.
describe('Back from a trade shop by someone else', () => {
  it('puts the piece in the receiver’s hands', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const shopId = await kovac(mia);
    const { jobId } = await openTestJob(mia.id);
    await sendToTradeShop(
      db,
      {
        jobId,
        tradeShopId: shopId,
        work: 'Set',
        takenBy: 'Ivan',
        sentDate: TODAY,
        expectedBack: TODAY,
      },
      mia.id,
    );
    const jo = await signInSecond(mia);
    renderPanel(`/jobs/${jobId}`, jo);
    await user.click(await screen.findByRole('button', { name: 'Back from Kovac Setting…' }));
    const back = screen.getByRole('dialog', { name: 'Back from Kovac Setting' });
    expect(back.textContent).toContain('You sign for it as Jo Smith.');
    await typeIn(user, within(back).getByLabelText(/^Condition/), 'Stone set');
    await user.click(within(back).getByRole('button', { name: 'Record it back' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await job(jobId)).custody.at(-1)?.to).toEqual({
      kind: 'staff',
      id: jo.id,
      label: 'Jo Smith',
    });
    expect((await within(panel()).findByRole('listitem', { name: /Back / })).textContent).toContain(
      'Received back by Jo Smith',
    );
  });
});
