// The metal loss report over a real Dexie on fake-indexeddb, with movements and weigh-ins recorded by
// the real ledger operations: the table, the chart's numbers, the grouping, periods and the CSV export.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  applyEvents,
  correctMovement,
  db,
  issueMetalFromStock,
  ledgerEvents,
  receiveMetal,
  weighIn,
} from '../../src/db';
import { treeCode } from '../../src/domain/casting/tree';
import { formatStamp } from '../../src/domain/clock';
import { localDay } from '../../src/domain/dates';
import { newUlid } from '../../src/domain/ids';
import { presetPeriod } from '../../src/domain/ledger/report';
import type { HolderData, WeighPlaceData } from '../../src/protocol/ledger';
import { LEDGER_STREAM_ID } from '../../src/protocol/streams';
import { DEVICE_B, event } from '../support/events';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

const BENCH: HolderData = { kind: 'bench', id: 'bench_1' };
const TREE: HolderData = { kind: 'tree', id: newUlid() };

/**
 * The browser's side of a download: the file handed to URL.createObjectURL and the link clicked.
 * jsdom has neither object URLs nor downloads, so they are stood in for here, at that boundary only.
 */
const files: Blob[] = [];
const clicked: { href: string; download: string }[] = [];
const revoked: string[] = [];
beforeEach(() => {
  files.length = 0;
  clicked.length = 0;
  revoked.length = 0;
  Object.defineProperty(URL, 'createObjectURL', {
    configurable: true,
    writable: true,
    value: (blob: Blob) => {
      files.push(blob);
      return `blob:loupe/${files.length}`;
    },
  });
  Object.defineProperty(URL, 'revokeObjectURL', {
    configurable: true,
    writable: true,
    value: (url: string) => revoked.push(url),
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    clicked.push({ href: this.href, download: this.download });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function weigh(
  place: WeighPlaceData,
  alloyId: 'au14y' | 'pt950',
  weighedG: number,
  actor: string,
  note?: string,
) {
  const result = await weighIn(
    db,
    { place, alloyId, session: 'closing', weighedG, ...(note ? { note } : {}) },
    actor,
  );
  const id = result.events[0]?.id;
  if (id === undefined) throw new Error('The weigh-in recorded nothing');
  return id;
}

/**
 * Today at the bench: 14k received and issued to Bench 1 and to Mia, platinum to a tree. Bench 1 is
 * 0.30 g short (flagged), Mia 0.01 g short (within the scale), the tree 2 g short (its casting loss).
 */
async function aDayAtTheBench() {
  const mia = await signedIn('Mia Berg');
  const person: HolderData = { kind: 'person', id: mia.id };
  await receiveMetal(
    db,
    { alloyId: 'au14y', grams: 100, form: 'grain', supplier: 'Hoover & Strong' },
    mia.id,
  );
  await receiveMetal(
    db,
    { alloyId: 'pt950', grams: 20, form: 'grain', supplier: 'Hoover & Strong' },
    mia.id,
  );
  await issueMetalFromStock(db, { alloyId: 'au14y', grams: 10, to: BENCH }, mia.id);
  await issueMetalFromStock(db, { alloyId: 'au14y', grams: 5, to: person }, mia.id);
  await issueMetalFromStock(db, { alloyId: 'pt950', grams: 2, to: TREE }, mia.id);
  await weigh(BENCH, 'au14y', 9.7, mia.id, 'Filings not swept up');
  await weigh(person, 'au14y', 4.99, mia.id);
  await weigh(TREE, 'pt950', 0, mia.id, 'Casting loss');
  return mia;
}

function cells(row: HTMLElement): string[] {
  return [...row.querySelectorAll('th, td')].map((c) => c.textContent.trim());
}

function bodyRows(table: HTMLElement): string[][] {
  const [, body] = within(table).getAllByRole('rowgroup');
  if (!body) throw new Error('The table has no body');
  return within(body).getAllByRole('row').map(cells);
}

async function csvSaved(): Promise<string> {
  await waitFor(() => {
    expect(files).toHaveLength(1);
  });
  const [file] = files;
  if (!file) throw new Error('No file was saved');
  expect(file.type).toBe('text/csv;charset=utf-8');
  const bytes = await new Promise<Uint8Array>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(new Error('The file did not read'));
    reader.readAsArrayBuffer(file);
  });
  // The byte-order mark that tells a spreadsheet it is UTF-8, then the CSV itself.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes.slice(3));
}

describe('Metal loss report', () => {
  it('shows each bench’s and person’s loss this month, in grams and fine grams, with flags', async () => {
    await aDayAtTheBench();
    renderApp('/metal/report');

    const table = await screen.findByRole('table', { name: 'Metal lost by bench, person or safe' });
    expect(bodyRows(table)).toEqual([
      ['Bench 1', '14k yellow gold', '0.30 g', '0.176 g', '1', '1'],
      ['Mia Berg', '14k yellow gold', '0.01 g', '0.006 g', '1', '0'],
    ]);
    const summary = screen.getByRole('region', { name: 'Loss in the period' });
    expect(summary.textContent).toContain('0.181 g fine gold lost');
    expect(summary.textContent).toContain('1.90 g platinum lost');
    expect(screen.getByRole('radio', { name: 'This month', checked: true })).toBeTruthy();
  });

  it('groups by tree or by alloy', async () => {
    const user = userEvent.setup();
    await aDayAtTheBench();
    renderApp('/metal/report');
    await screen.findByRole('table', { name: 'Metal lost by bench, person or safe' });

    await user.click(screen.getByRole('radio', { name: 'Tree' }));
    const trees = await screen.findByRole('table', { name: 'Metal lost by tree' });
    expect(bodyRows(trees)).toEqual([
      [`Tree ${treeCode(TREE)}`, 'Platinum 950', '2.00 g', '1.90 g', '1', '1'],
    ]);

    await user.click(screen.getByRole('radio', { name: 'Alloy' }));
    const alloys = await screen.findByRole('table', { name: 'Metal lost by alloy' });
    expect(bodyRows(alloys)).toEqual([
      ['14k yellow gold', '0.31 g', '0.181 g', '2', '1'],
      ['Platinum 950', '2.00 g', '1.90 g', '1', '1'],
    ]);
  });

  it('charts the loss per day, with the numbers in a table beside the picture', async () => {
    await aDayAtTheBench();
    renderApp('/metal/report');

    const chart = await screen.findByRole('img', { name: /Fine metal lost per day, in grams/ });
    const bars = chart.querySelectorAll('rect');
    // Every day of the month has a bar of each family weighed (gold and platinum).
    const month = presetPeriod('this_month', localDay());
    const days = Number(month.to.slice(8, 10));
    expect(bars).toHaveLength(days * 2);

    const numbers = screen.getByRole('table', { name: 'Fine metal lost per day, in grams' });
    const rows = bodyRows(numbers);
    expect(rows).toHaveLength(days);
    const today = Number(localDay().slice(8, 10));
    expect(rows[today - 1]?.slice(1)).toEqual(['0.181 g', '1.90 g']);
    expect(rows.filter((r) => r[1] !== '0.00 g')).toHaveLength(1);
  });

  it('leaves a corrected weigh-in out of the loss and says so', async () => {
    const mia = await aDayAtTheBench();
    const misread = await weigh(BENCH, 'au14y', 8, mia.id, 'Tray looks light');
    await correctMovement(db, { eventId: misread, reason: 'Misread the scale' }, mia.id);
    renderApp('/metal/report');

    const table = await screen.findByRole('table', { name: 'Metal lost by bench, person or safe' });
    await waitFor(() => {
      expect(bodyRows(table)[0]).toEqual([
        'Bench 1',
        '14k yellow gold',
        '0.30 g',
        '0.176 g',
        '1 (+1 corrected, left out)',
        '1',
      ]);
    });
    const toLookAt = screen.getByRole('region', { name: 'Weigh-ins to look at' });
    expect(
      within(toLookAt)
        .getByText(/Tray looks light/)
        .closest('li')?.textContent,
    ).toContain('Corrected later');
  });

  it('exports every movement of the period as the accountant’s CSV', async () => {
    const user = userEvent.setup();
    await aDayAtTheBench();
    renderApp('/metal/report');
    await screen.findByRole('table', { name: 'Metal lost by bench, person or safe' });

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    const text = await csvSaved();
    const month = presetPeriod('this_month', localDay());
    const filename = `loupe-metal-ledger-${month.from}-${month.to}.csv`;
    expect(clicked).toEqual([{ href: 'blob:loupe/1', download: filename }]);
    const again = await screen.findByRole('link', { name: filename });
    expect(again.getAttribute('href')).toBe('blob:loupe/1');
    expect(again.getAttribute('download')).toBe(filename);

    const lines = text.split('\r\n');
    expect(lines[0]).toMatch(
      /^Date,Time,UTC time,Event id,Movement,Alloy,Grams,Fine g,From,To,Who,Scale,/,
    );
    const events = await ledgerEvents(db);
    // A header, a line per movement, and the empty string after the last CRLF.
    expect(lines).toHaveLength(events.length + 2);
    for (const e of events) expect(text).toContain(`,${e.id},`);
    expect(text).toContain(
      ',Weigh-in (closing),14k yellow gold,0.300,0.176,Bench 1,Loss,Mia Berg,Bench scale,',
    );
    expect(text).toContain(
      `,Issued from stock,Platinum 950,2.000,1.900,Stock,Tree ${treeCode(TREE)},Mia Berg,`,
    );
    expect(
      await screen.findByText(`${events.length} movements saved as`, { exact: false }),
    ).toBeTruthy();
  });

  it('shows last month’s movements only under last month, and exports the whole ledger for all time', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const lastMonth = presetPeriod('last_month', localDay());
    const fifteenth = `${lastMonth.from.slice(0, 8)}15`;
    const [y, m] = lastMonth.from.split('-').map(Number) as [number, number];
    // Another tablet's movements, recorded on the 15th of last month at noon there, synced here.
    const noon = new Date(y, m - 1, 15, 12).getTime();
    const stamp = (counter: number) => formatStamp({ ms: noon, counter, device: DEVICE_B });
    await applyEvents(
      db,
      [
        event(
          LEDGER_STREAM_ID,
          'metal.received',
          { alloyId: 'au14y', grams: 50, form: 'grain', supplier: 'Hoover & Strong' },
          stamp(1),
          mia.id,
        ),
        event(
          LEDGER_STREAM_ID,
          'metal.issued',
          { alloyId: 'au14y', grams: 10, to: BENCH },
          stamp(2),
          mia.id,
        ),
        event(
          LEDGER_STREAM_ID,
          'metal.weighed_in',
          {
            place: BENCH,
            alloyId: 'au14y',
            session: 'closing',
            bookG: 10,
            weighedG: 9.5,
            toleranceG: 0.02,
            scaleId: 'bench',
            note: 'Half a gram of filings in the sweeps',
          },
          stamp(3),
          mia.id,
        ),
      ],
      { local: false },
    );
    renderApp('/metal/report');

    expect(await screen.findByText(/No weigh-ins in this period/)).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Last month' }));
    const table = await screen.findByRole('table', { name: 'Metal lost by bench, person or safe' });
    expect(bodyRows(table)).toEqual([
      ['Bench 1', '14k yellow gold', '0.50 g', '0.293 g', '1', '1'],
    ]);

    await user.click(screen.getByRole('radio', { name: 'All time' }));
    await screen.findByText('All time: the whole ledger');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    const text = await csvSaved();
    expect(text.split('\r\n')).toHaveLength(3 + 2);
    expect(text).toContain('Half a gram of filings in the sweeps');
    expect(clicked[0]?.download).toBe(`loupe-metal-ledger-${fifteenth}-${localDay()}.csv`);
  });

  it('takes days of one’s own choosing, and says when they make no period', async () => {
    const user = userEvent.setup();
    await aDayAtTheBench();
    renderApp('/metal/report');
    await screen.findByRole('table', { name: 'Metal lost by bench, person or safe' });

    await user.click(screen.getByRole('radio', { name: 'Choose days' }));
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    const month = presetPeriod('this_month', localDay());
    expect((from as HTMLInputElement).value).toBe(month.from);
    expect((to as HTMLInputElement).value).toBe(month.to);

    fireEvent.change(from, { target: { value: '2020-03-10' } });
    fireEvent.change(to, { target: { value: '2020-03-01' } });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The last day is before the first.',
    );
    expect(screen.queryByRole('button', { name: 'Export CSV' })).toBeNull();

    fireEvent.change(to, { target: { value: '2020-03-20' } });
    expect(await screen.findByText(/No weigh-ins in this period/)).toBeTruthy();
    expect(screen.getByText('Tue 10 Mar 2020 to Fri 20 Mar 2020')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect((await csvSaved()).split('\r\n')).toHaveLength(2);
    expect(clicked[0]?.download).toBe('loupe-metal-ledger-2020-03-10-2020-03-20.csv');
  });
});
