// The metal screen (/metal) over a real Dexie on fake-indexeddb, with the real ledger operations:
// metal received, issued and weighed in; scrap deposited, sealed, sent and settled; a movement
// corrected; and what the operations refuse, shown in their own words.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  db,
  depositScrap,
  getLedger,
  issueMetalFromStock,
  ledgerEvents,
  receiveMetal,
  recordEvents,
  sealLot,
  sendLot,
} from '../../src/db';
import { STOCK } from '../../src/domain/ledger/accounts';
import { balanceOf } from '../../src/domain/ledger/views';
import { LEDGER_STREAM_ID } from '../../src/protocol/streams';
import { hhmm } from './jobPageHelpers';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

type User = ReturnType<typeof userEvent.setup>;

async function receive50(actor: string) {
  await receiveMetal(
    db,
    { alloyId: 'au14y', grams: 50, form: 'grain', supplier: 'Hoover & Strong' },
    actor,
  );
}

async function toBench1(actor: string, grams: number) {
  await issueMetalFromStock(
    db,
    { alloyId: 'au14y', grams, to: { kind: 'bench', id: 'bench_1' }, scaleId: 'bench' },
    actor,
  );
}

async function openTab(user: User, name: string) {
  await user.click(await screen.findByRole('tab', { name }));
}

const FORM_NAMES: Record<string, string> = {
  Receive: 'Receive metal',
  Issue: 'Issue metal',
  'Weigh in': 'Weigh in',
};

/** Taps one of the Stock tab's "what to record" buttons: its form opens. */
async function openForm(user: User, button: string): Promise<HTMLElement> {
  await user.click(await screen.findByRole('button', { name: button }));
  return screen.findByRole('form', { name: FORM_NAMES[button] ?? button });
}

function stockRow(alloy: string): Promise<HTMLElement> {
  return waitFor(() =>
    within(screen.getByRole('table', { name: 'Stock in the safe' })).getByRole('row', {
      name: new RegExp(`^${alloy}`),
    }),
  );
}

/** The list's own rows: role queries over 200 rows are slow in jsdom, and the count is the point. */
function rows(list: HTMLElement): HTMLElement[] {
  return [...list.querySelectorAll<HTMLElement>(':scope > li')];
}

/** Row `i` of a list, or the test fails saying so. */
function row(list: HTMLElement, i: number): HTMLElement {
  const found = rows(list)[i];
  if (!found) throw new Error(`The list has no row ${i + 1}.`);
  return found;
}

function holders(): HTMLElement {
  return screen.getByRole('list', { name: 'Who holds metal' });
}

describe('Stock: receive, issue, refuse', () => {
  it('receives 50 g of 14k yellow grain: the safe shows 50.00 g and 29.25 g fine', async () => {
    const user = userEvent.setup();
    await signedIn('Mia Berg');
    renderApp('/metal');
    expect(await screen.findByRole('heading', { level: 2, name: 'Metal' })).toBeTruthy();
    expect(await screen.findByText(/Nothing in stock by the book/)).toBeTruthy();

    const form = await openForm(user, 'Receive');
    await user.selectOptions(within(form).getByLabelText('Alloy'), 'au14y');
    await user.type(within(form).getByLabelText('Grams received'), '50');
    expect(within(form).getByRole('radio', { name: 'Grain' }).getAttribute('aria-checked')).toBe(
      'true',
    );
    await user.type(within(form).getByLabelText('Supplier'), 'Hoover & Strong');
    await user.type(within(form).getByLabelText('Supplier’s lot or invoice — optional'), 'INV-881');
    await user.click(within(form).getByRole('button', { name: 'Receive into stock' }));

    expect((await within(form).findByRole('status')).textContent).toBe(
      'Received 50.00 g of 14k yellow gold into the safe.',
    );
    const row = await stockRow('14k yellow gold');
    expect([...row.querySelectorAll('td')].map((c) => c.textContent)).toEqual([
      '50.00 g',
      '29.25 g',
    ]);
    expect(screen.getByRole('list', { name: 'Fine weight by metal' }).textContent).toBe(
      'Fine gold 29.25 g',
    );
    const [event] = await ledgerEvents(db);
    expect(event?.type).toBe('metal.received');
    expect(event?.data).toMatchObject({ supplierLot: 'INV-881', form: 'grain', scaleId: 'bench' });
  });

  it('issues 10 g to Bench 1: 40.00 g stays in the safe and Bench 1 holds 10.00 g', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await receive50(mia.id);
    renderApp('/metal');

    const form = await openForm(user, 'Issue');
    const alloy = within(form).getByLabelText('Alloy');
    // The list says what the safe holds of each alloy.
    expect(
      within(alloy).getByRole('option', { name: '14k yellow gold — 50.00 g in stock' }),
    ).toBeTruthy();
    await user.selectOptions(alloy, 'au14y');
    await user.type(within(form).getByLabelText('Grams issued'), '10');
    await user.click(within(form).getByRole('radio', { name: 'Bench 1' }));
    await user.click(within(form).getByRole('button', { name: 'Issue from stock' }));

    expect((await within(form).findByRole('status')).textContent).toBe(
      'Issued 10.00 g of 14k yellow gold to Bench 1.',
    );
    await waitFor(async () => {
      expect((await stockRow('14k yellow gold')).textContent).toContain('40.00 g');
    });
    expect(within(holders()).getByText('Bench 1').closest('li')?.textContent).toBe(
      'Bench 114k yellow gold 10.00 g',
    );
  });

  it('refuses to issue more than the book shows in stock, and stores nothing', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await receive50(mia.id);
    renderApp('/metal');

    const form = await openForm(user, 'Issue');
    await user.selectOptions(within(form).getByLabelText('Alloy'), 'au14y');
    await user.type(within(form).getByLabelText('Grams issued'), '60');
    await user.click(within(form).getByRole('radio', { name: 'Mia Berg' }));
    await user.click(within(form).getByRole('button', { name: 'Issue from stock' }));

    expect((await within(form).findByRole('alert')).textContent).toBe(
      'The book shows 50.00 g of 14k yellow gold in stock: receive it first, or weigh in the safe if the book is wrong.',
    );
    // The typed values stay for the person to fix.
    expect(within(form).getByLabelText<HTMLInputElement>('Grams issued').value).toBe('60');
    expect((await ledgerEvents(db)).map((e) => e.type)).toEqual(['metal.received']);
    expect(balanceOf(await getLedger(db), STOCK, 'au14y')).toBe(50);
    expect(screen.getByText('Nobody holds metal issued from stock.')).toBeTruthy();
  });
});

describe('Weigh-ins against the book', () => {
  it('shows a weigh-in within the scale’s tolerance, and saves it', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await receive50(mia.id);
    await toBench1(mia.id, 12.4);
    renderApp('/metal');

    const form = await openForm(user, 'Weigh in');
    await user.click(within(form).getByRole('radio', { name: /^Bench 1/ }));
    // Bench 1 holds one alloy: the form starts on it.
    expect(within(form).getByLabelText<HTMLSelectElement>('Alloy').value).toBe('au14y');
    await user.click(within(form).getByRole('radio', { name: 'Closing' }));
    await user.type(within(form).getByLabelText('Weighed'), '12.38');

    const check = within(form).getByRole('status', { name: 'Weigh-in check' });
    expect(check.textContent).toBe('✓ Book 12.40 g · scale 12.38 g: −0.02 g, within ±0.02 g');
    expect(check.classList.contains('flag-within')).toBe(true);

    await user.click(within(form).getByRole('button', { name: 'Save the weigh-in' }));
    const saved = await within(form).findByRole('status', { name: 'Weigh-in saved' });
    expect(saved.textContent).toBe(
      '✓ Saved: Book 12.40 g · scale 12.38 g: −0.02 g, within ±0.02 g',
    );
    const events = await ledgerEvents(db);
    expect(events.at(-1)?.data).toMatchObject({
      session: 'closing',
      bookG: 12.4,
      weighedG: 12.38,
      toleranceG: 0.02,
    });
    // The book now says what the scale said.
    await waitFor(() => {
      expect(within(holders()).getByText('Bench 1').closest('li')?.textContent).toContain(
        '12.38 g',
      );
    });
  });

  it('flags a weigh-in beyond the tolerance in words, and needs a note to save it', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await receive50(mia.id);
    await toBench1(mia.id, 12.4);
    renderApp('/metal');

    const form = await openForm(user, 'Weigh in');
    await user.click(within(form).getByRole('radio', { name: /^Bench 1/ }));
    await user.type(within(form).getByLabelText('Weighed'), '12.10');

    const check = within(form).getByRole('status', { name: 'Weigh-in check' });
    expect(check.textContent).toBe(
      '⚠ Flagged: Book 12.40 g · scale 12.10 g: 0.30 g short, beyond the scale’s ±0.02 g',
    );
    expect(check.classList.contains('flag-short')).toBe(true);

    await user.click(within(form).getByRole('button', { name: 'Save the weigh-in' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'The scale reads 12.10 g, the book says 12.40 g: weigh again, or say in the note what happened.',
    );
    expect(within(form).getByLabelText<HTMLInputElement>('Weighed').value).toBe('12.10');
    expect((await ledgerEvents(db)).map((e) => e.type)).toEqual(['metal.received', 'metal.issued']);

    await user.type(within(form).getByLabelText('Note — optional'), 'Filings left in the tray');
    await user.click(within(form).getByRole('button', { name: 'Save the weigh-in' }));
    const saved = await within(form).findByRole('status', { name: 'Weigh-in saved' });
    expect(saved.textContent).toBe(
      '⚠ Flagged: Saved: Book 12.40 g · scale 12.10 g: 0.30 g short, beyond the scale’s ±0.02 g',
    );
    expect(within(form).queryByRole('alert')).toBeNull();
    const last = (await ledgerEvents(db)).at(-1);
    expect(last?.data).toMatchObject({ weighedG: 12.1, note: 'Filings left in the tray' });
  });
});

describe('Scrap pots and refining lots', () => {
  it('says which pot filings go in before saving, and the pot then shows them with their fine', async () => {
    const user = userEvent.setup();
    await signedIn('Mia Berg');
    renderApp('/metal?tab=scrap');

    const form = await screen.findByRole('form', { name: 'Deposit scrap' });
    await user.selectOptions(within(form).getByLabelText('Alloy'), 'au14y');
    await user.click(within(form).getByRole('radio', { name: /^Bench filings/ }));
    expect(within(form).getByLabelText('Goes in').textContent).toBe('→ 14k gold, clean scrap');
    await user.type(within(form).getByLabelText('Grams of scrap'), '3.20');
    await user.click(within(form).getByRole('radio', { name: 'Bench 1' }));
    await user.click(
      within(form).getByRole('button', { name: 'Deposit in 14k gold, clean scrap' }),
    );

    expect((await within(form).findByRole('status')).textContent).toBe(
      '3.20 g of bench filings went in 14k gold, clean scrap.',
    );
    const pot = await screen.findByRole('listitem', { name: '14k gold, clean scrap' });
    expect(pot.textContent).toContain('14k yellow gold 3.20 g');
    expect(pot.textContent).toContain('Total 3.20 g · estimated fine gold 1.87 g');
    expect(pot.textContent).not.toContain('rough estimate');
  });

  it('puts polishing dust in the sweeps pot, whose estimate says it is rough', async () => {
    const user = userEvent.setup();
    await signedIn('Mia Berg');
    renderApp('/metal?tab=scrap');

    const form = await screen.findByRole('form', { name: 'Deposit scrap' });
    await user.selectOptions(within(form).getByLabelText('Alloy'), 'au18w');
    await user.click(within(form).getByRole('radio', { name: /^Polishing dust/ }));
    expect(within(form).getByLabelText('Goes in').textContent).toBe('→ 18k gold, sweeps');
    await user.type(within(form).getByLabelText('Grams of scrap'), '40');
    await user.click(within(form).getByRole('button', { name: 'Deposit in 18k gold, sweeps' }));

    const pot = await screen.findByRole('listitem', { name: '18k gold, sweeps' });
    // 40 g × 750 ‰ × 25 %.
    expect(pot.textContent).toContain('Total 40.00 g · estimated fine gold 7.50 g');
    expect(pot.textContent).toContain('A rough estimate');
  });

  it('seals a lot: the pot is empty, the contents frozen, the lot listed as sealed', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await depositScrap(db, { alloyId: 'au14y', kind: 'bench_filings', grams: 12 }, mia.id);
    await depositScrap(db, { alloyId: 'au14w', kind: 'lemel', grams: 8 }, mia.id);
    renderApp('/metal?tab=scrap');

    const form = await screen.findByRole('form', { name: 'Seal a lot' });
    await user.click(within(form).getByRole('button', { name: /^14k gold, clean scrap/ }));
    await user.type(within(form).getByLabelText('Seal number — optional'), 'S-100');
    await user.click(within(form).getByRole('button', { name: 'Seal the lot' }));

    const sealed = await screen.findByRole('status', { name: 'Lot sealed' });
    await waitFor(() => {
      expect(within(sealed).getByRole('list', { name: 'Contents' }).textContent).toContain(
        '14k gold, clean scrap: 14k yellow gold 12.00 g · estimated fine 7.02 g',
      );
    });
    expect(sealed.textContent).toContain('seal S-100');
    expect(sealed.textContent).toContain('14k white gold 8.00 g · estimated fine 4.68 g');
    expect(await screen.findByText('Every pot is empty.')).toBeTruthy();

    await openTab(user, 'Lots');
    const lots = await screen.findByRole('list', { name: 'Lots not settled' });
    const lot = within(lots).getByRole('listitem', { name: /^Lot L-/ });
    expect(within(lot).getByText('Sealed, not sent yet')).toBeTruthy();
    expect(lot.textContent).toContain('20.00 g sealed · estimated fine 11.70 g');
  });

  it('will not seal gold and silver pots together, and says why', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await depositScrap(db, { alloyId: 'au14y', kind: 'bench_filings', grams: 5 }, mia.id);
    await depositScrap(db, { alloyId: 'ag925', kind: 'bench_filings', grams: 9 }, mia.id);
    renderApp('/metal?tab=scrap');

    const form = await screen.findByRole('form', { name: 'Seal a lot' });
    await user.click(within(form).getByRole('button', { name: /^14k gold, clean scrap/ }));
    await user.click(within(form).getByRole('button', { name: /^Sterling silver, clean scrap/ }));
    expect(within(form).getByRole('alert').textContent).toBe(
      'A lot is one metal family: these pots are gold and silver. Platinum, palladium, gold and silver refine apart: seal them as separate lots.',
    );
    expect(
      within(form).getByRole<HTMLButtonElement>('button', { name: 'Seal the lot' }).disabled,
    ).toBe(true);
  });

  it('sends a sealed lot: it is at the refiner, with its seal and gross weight', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await depositScrap(db, { alloyId: 'au14y', kind: 'bench_filings', grams: 20 }, mia.id);
    await sealLot(db, { potIds: ['gold-14k/clean'], sealNumber: 'S-7' }, mia.id);
    renderApp('/metal?tab=lots');

    const lot = await screen.findByRole('listitem', { name: /^Lot L-/ });
    await user.click(within(lot).getByRole('button', { name: /^Send lot L-/ }));
    const form = within(lot).getByRole('form', { name: /^Send lot/ });
    expect(within(form).getByLabelText<HTMLInputElement>('Seal number').value).toBe('S-7');
    await user.type(within(form).getByLabelText('Refiner'), 'United Refining');
    await user.type(within(form).getByLabelText('Taken by'), 'FedEx 7781');
    await user.type(within(form).getByLabelText('Gross weight'), '20.41');
    await user.click(within(form).getByRole('button', { name: 'Record as sent' }));

    await waitFor(() => {
      expect(within(lot).getByText('At the refiner')).toBeTruthy();
    });
    expect(lot.textContent).toContain(
      'to United Refining, taken by FedEx 7781 · gross 20.41 g · seal S-7',
    );
    expect(within(lot).queryByRole('form')).toBeNull();
    expect(within(lot).getByRole('button', { name: /^Settle lot L-/ })).toBeTruthy();
  });

  it('settles a lot: the yield against the estimate, and the lot moves to Settled', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await depositScrap(db, { alloyId: 'au14y', kind: 'bench_filings', grams: 20 }, mia.id);
    const lotId = await sealLot(db, { potIds: ['gold-14k/clean'] }, mia.id);
    await sendLot(
      db,
      {
        lotId,
        sentOn: '2026-11-20',
        refiner: 'United Refining',
        takenBy: 'Mia',
        grossG: 20.4,
        sealNumber: 'S-8',
      },
      mia.id,
    );
    renderApp('/metal?tab=lots');

    const lot = await screen.findByRole('listitem', { name: /^Lot L-/ });
    await user.click(within(lot).getByRole('button', { name: /^Settle lot L-/ }));
    const form = within(lot).getByRole('form', { name: /^Settle lot/ });
    await user.type(within(form).getByLabelText('Assay — optional'), '546');
    await user.type(within(form).getByLabelText('Fine credited'), '10.92');
    await user.type(within(form).getByLabelText('Refiner’s fees'), '25.00');
    await user.click(within(form).getByRole('button', { name: 'Record the settlement' }));

    const settled = await screen.findByRole('list', { name: 'Settled lots' });
    const done = within(settled).getByRole('listitem', { name: /^Lot L-/ });
    expect(within(done).getByLabelText('Yield').textContent).toBe(
      'Yield: credited 10.92 g fine of 11.70 g estimated: 93 %, −0.78 g',
    );
    expect(done.textContent).toContain('assay 546 ‰');
    expect(done.textContent).toContain('fees 25.00');
    expect(screen.getByText('Every lot is settled.')).toBeTruthy();
    const ledger = await getLedger(db);
    expect(ledger.lots[lotId]?.settled).toMatchObject({ fineCreditedG: 10.92, feesCents: 2500 });
  });
});

describe('Movements: nothing deleted', () => {
  it('corrects a wrong issue: both stay in the list and the balance comes back', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await receive50(mia.id);
    await toBench1(mia.id, 10);
    renderApp('/metal?tab=movements');

    const list = await screen.findByRole('list', { name: 'Movements, newest first' });
    const issued = row(list, 0);
    const received = row(list, 1);
    expect(issued.textContent).toContain('Issued · 10.00 g 14k yellow gold · the safe → Bench 1');
    expect(issued.textContent).toContain('by Mia Berg');
    expect(issued.textContent).toContain('Bench scale');
    expect(received.textContent).toContain(
      'Received · 50.00 g 14k yellow gold (grain) · Hoover & Strong → the safe',
    );

    await user.click(within(issued).getByRole('button', { name: 'Correct…' }));
    const form = within(issued).getByRole('form', { name: 'Correct this movement' });
    await user.type(within(form).getByLabelText('What was wrong with it?'), 'Went to bench 2');
    await user.click(within(form).getByRole('button', { name: 'Correct this movement' }));

    await waitFor(() => {
      expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    });
    const correction = row(list, 0);
    const struck = row(list, 1);
    expect(correction.textContent).toContain(
      'Correction · reverses this movement, for “Went to bench 2”',
    );
    expect(correction.textContent).toContain(
      'Issued · 10.00 g 14k yellow gold · the safe → Bench 1',
    );
    expect(within(correction).queryByRole('button', { name: 'Correct…' })).toBeNull();
    expect(struck.classList.contains('corrected')).toBe(true);
    expect(struck.querySelector('.metal-struck')?.textContent).toContain('Issued · 10.00 g');
    const events = await ledgerEvents(db);
    expect(struck.textContent).toContain(
      `Corrected by Mia Berg ${hhmm(events.at(-1)?.at ?? '')}: Went to bench 2`,
    );
    expect(within(struck).queryByRole('button', { name: 'Correct…' })).toBeNull();

    await openTab(user, 'Stock');
    await waitFor(async () => {
      expect((await stockRow('14k yellow gold')).textContent).toContain('50.00 g');
    });
    expect(screen.getByText('Nobody holds metal issued from stock.')).toBeTruthy();
  });

  it('shows the newest 200 movements, and more on a tap', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    // One batch, stamped in order: a year of deliveries without a transaction each.
    await recordEvents(
      db,
      Array.from({ length: 203 }, (_, i) => ({
        jobId: LEDGER_STREAM_ID,
        type: 'metal.received' as const,
        data: { alloyId: 'ag925', grams: i + 1, form: 'sheet', supplier: `Delivery ${i + 1}` },
      })),
      mia.id,
    );
    renderApp('/metal?tab=movements');

    const list = await screen.findByRole('list', { name: 'Movements, newest first' });
    await waitFor(() => {
      expect(rows(list)).toHaveLength(200);
    });
    expect(rows(list)[0]?.textContent).toContain('Delivery 203');
    // By its words: a role query over 200 rows of buttons takes seconds in jsdom.
    await user.click(screen.getByText('Show 3 more (of 3 older)'));
    // The next page is read from the database, not sliced from one already read.
    await waitFor(() => {
      expect(rows(list)).toHaveLength(203);
    });
    expect(rows(list)[202]?.textContent).toContain('Delivery 1 ');
    expect(screen.queryByText(/^Show \d+ more/)).toBeNull();
  });
});
