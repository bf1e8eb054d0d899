// The Stock screens over a real Dexie on fake-indexeddb: adding an item through its sheet, the item
// page's receive, count and use with its history, finding an item by a typed or scanned code, the
// shortage list and the supply order with its CSV download.
import { screen, waitFor, within, render } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db';
import {
  addItem,
  receiveStock,
  recordShopUse,
  type ItemInput,
} from '../../src/db/inventoryOperations';
import { InventoryScreen } from '../../src/screens/inventory/InventoryScreen';
import { ItemScreen } from '../../src/screens/inventory/ItemScreen';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

const RINGS: ItemInput = {
  name: 'Jump ring 4 mm',
  category: 'finding',
  unit: 'pcs',
  code: 'JR-4',
  supplier: 'Rio Grande',
  minimum: 20,
  reorderQuantity: 100,
  unitCostCents: 4,
};
const CLASPS: ItemInput = {
  name: 'Lobster clasp 10 mm',
  category: 'finding',
  unit: 'pcs',
  code: 'LC-10',
  minimum: 5,
  unitCostCents: 85,
};
const STONES: ItemInput = {
  name: 'White round',
  category: 'stone',
  unit: 'pcs',
  size: '2.0 mm',
  code: 'WR-2',
  minimum: 10,
};

function Address() {
  const location = useLocation();
  return <p data-testid="address">{location.pathname + location.search}</p>;
}

function renderStock(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/inventory" element={<InventoryScreen />} />
        <Route path="/inventory/items/:itemId" element={<ItemScreen />} />
        <Route path="/jobs/:jobId" element={<p>Job page</p>} />
      </Routes>
      <Address />
    </MemoryRouter>,
  );
}

async function typeIn(user: UserEvent, field: HTMLElement, text: string): Promise<void> {
  await user.click(field);
  await user.paste(text);
}

/** The browser's side of a download (jsdom has neither object URLs nor downloads): stood in for. */
const files: Blob[] = [];
beforeEach(() => {
  files.length = 0;
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
    value: () => undefined,
  });
});

/** The one CSV file saved: its byte-order mark checked, its text returned. */
async function csvSaved(): Promise<string> {
  expect(files).toHaveLength(1);
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

describe('Stock → Items', () => {
  it('is reached from the app at /inventory and can be read without signing in', async () => {
    renderApp('/inventory');
    expect(await screen.findByRole('heading', { name: 'Stock', level: 2 })).toBeTruthy();
    expect(await screen.findByText('Sign in to add items or record stock.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add item…' })).toBeNull();
    expect(await screen.findByText(/^No items yet\./)).toBeTruthy();
  });

  it('adds an item through its sheet, refusing one with no kind, and opens its page', async () => {
    const user = userEvent.setup();
    await signedIn('Mia Berg');
    renderStock('/inventory');
    await user.click(await screen.findByRole('button', { name: 'Add item…' }));
    const sheet = screen.getByRole('dialog', { name: 'Add an item' });
    await typeIn(user, within(sheet).getByLabelText('Name'), 'Lobster clasp 10 mm');
    await user.click(within(sheet).getByRole('button', { name: 'Add item' }));
    expect(within(sheet).getByRole('alert').textContent).toBe('Choose what kind of item it is.');
    expect(await db.items.count()).toBe(0);

    await user.click(within(sheet).getByRole('radio', { name: 'Finding' }));
    await user.click(within(sheet).getByRole('radio', { name: 'pieces' }));
    await typeIn(user, within(sheet).getByLabelText('Code — optional, type or scan'), 'LC-10');
    await typeIn(user, within(sheet).getByLabelText('Minimum'), '5');
    await typeIn(user, within(sheet).getByLabelText('Cost per unit — optional'), '0.85');
    await user.click(within(sheet).getByRole('button', { name: 'Add item' }));

    expect(await screen.findByRole('heading', { name: 'Lobster clasp 10 mm' })).toBeTruthy();
    const [row] = await db.items.toArray();
    expect(screen.getByTestId('address').textContent).toBe(`/inventory/items/${row?.id ?? ''}`);
    expect(row?.fields).toMatchObject({ code: 'LC-10', minimum: 5, unitCostCents: 85 });
    expect(screen.getByLabelText('On hand').textContent).toBe('0 pcs on hand · minimum 5 pcs');
    expect(screen.getByRole('status').textContent).toBe('Short by 5 pcs: order 5 pcs.');
  });

  it('lists items by kind with on hand against minimum, found by words or by category', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const rings = await addItem(db, RINGS, mia.id);
    await addItem(db, CLASPS, mia.id);
    await addItem(db, STONES, mia.id);
    await receiveStock(db, { itemId: rings, quantity: 30 }, mia.id);
    renderStock('/inventory');
    const findings = await screen.findByRole('region', { name: 'Findings' });
    const ringRow = within(findings).getByRole('listitem', { name: 'Jump ring 4 mm' });
    expect(ringRow.textContent).toContain('30 pcs on hand · minimum 20 pcs');
    expect(within(ringRow).queryByText('Short')).toBeNull();
    const claspRow = within(findings).getByRole('listitem', { name: 'Lobster clasp 10 mm' });
    expect(within(claspRow).getByText('Short')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Stones' }).textContent).toContain('2.0 mm');

    await typeIn(user, screen.getByLabelText('Find an item'), 'lobster');
    expect(screen.queryByRole('listitem', { name: 'Jump ring 4 mm' })).toBeNull();
    expect(screen.getByRole('listitem', { name: 'Lobster clasp 10 mm' })).toBeTruthy();
    await user.clear(screen.getByLabelText('Find an item'));
    await user.click(screen.getByRole('button', { name: 'Stones' }));
    expect(screen.queryByRole('region', { name: 'Findings' })).toBeNull();
    expect(screen.getByRole('listitem', { name: 'White round' })).toBeTruthy();
  });

  it('opens the item a scanner types the code of into the search box', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    await addItem(db, RINGS, mia.id);
    const clasps = await addItem(db, CLASPS, mia.id);
    renderStock('/inventory');
    const search = await screen.findByLabelText('Find an item');
    await user.click(search);
    // A keyboard-wedge scanner: the code's keys, then Enter, into the focused field.
    await user.keyboard('lc-10{Enter}');
    expect(await screen.findByRole('heading', { name: 'Lobster clasp 10 mm' })).toBeTruthy();
    expect(screen.getByTestId('address').textContent).toBe(`/inventory/items/${clasps}`);
  });
});

describe('an item’s page', () => {
  it('receives, counts and uses for the shop, each in its history with the book after it', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const id = await addItem(db, RINGS, mia.id);
    renderStock(`/inventory/items/${id}`);
    await screen.findByRole('heading', { name: 'Jump ring 4 mm' });

    await user.click(screen.getByRole('button', { name: 'Receive stock…' }));
    let sheet = screen.getByRole('dialog', { name: 'Receive stock' });
    expect(within(sheet).getByLabelText<HTMLInputElement>('Supplier').value).toBe('Rio Grande');
    await typeIn(user, within(sheet).getByLabelText('Received'), '2.5');
    await user.click(within(sheet).getByRole('button', { name: 'Record the delivery' }));
    expect(within(sheet).getByRole('alert').textContent).toBe('Count in whole pieces.');
    await user.clear(within(sheet).getByLabelText('Received'));
    await typeIn(user, within(sheet).getByLabelText('Received'), '50');
    await typeIn(user, within(sheet).getByLabelText('Cost per unit — optional'), '0.05');
    await user.click(within(sheet).getByRole('button', { name: 'Record the delivery' }));
    await waitFor(() => {
      expect(screen.getByLabelText('On hand').textContent).toBe('50 pcs on hand · minimum 20 pcs');
    });

    await user.click(screen.getByRole('button', { name: 'Use for the shop…' }));
    sheet = screen.getByRole('dialog', { name: 'Use for the shop' });
    await typeIn(user, within(sheet).getByLabelText('Used'), '4');
    await user.click(within(sheet).getByRole('button', { name: 'Record the use' }));
    await waitFor(() => {
      expect(screen.getByLabelText('On hand').textContent).toContain('46 pcs on hand');
    });

    await user.click(screen.getByRole('button', { name: 'Count the shelf…' }));
    sheet = screen.getByRole('dialog', { name: 'Count the shelf' });
    expect(within(sheet).getByText(/The book says 46 pcs on hand\./)).toBeTruthy();
    await typeIn(user, within(sheet).getByLabelText('Counted on the shelf'), '15');
    await user.click(within(sheet).getByRole('button', { name: 'Record the count' }));
    await waitFor(() => {
      expect(screen.getByLabelText('On hand').textContent).toContain('15 pcs on hand');
    });
    // Below its minimum now: said in words, with what to order (whole packs of 100).
    expect(screen.getByRole('status').textContent).toBe('Short by 5 pcs: order 100 pcs.');

    const history = screen.getByRole('list', { name: 'Item history' });
    await waitFor(() => {
      expect(within(history).getAllByRole('listitem')).toHaveLength(4);
    });
    const lines = within(history)
      .getAllByRole('listitem')
      .map((li) => li.querySelector('strong')?.textContent);
    expect(lines).toEqual([
      'Counted 15 pcs (the book said 46 pcs: 31 pcs fewer)',
      'Used 4 pcs in the shop',
      'Received 50 pcs from Rio Grande at 0.05 each',
      'Added to the inventory, minimum 20 pcs',
    ]);
    expect(within(history).getAllByRole('listitem')[0]?.textContent).toContain('Mia Berg · ');
    expect(screen.getByText('0.05')).toBeTruthy();
  });

  it('retires an item and brings it back; a retired one is never short nor offered to receive', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const id = await addItem(db, CLASPS, mia.id);
    renderStock(`/inventory/items/${id}`);
    await screen.findByRole('heading', { name: 'Lobster clasp 10 mm' });
    expect(screen.getByRole('status').textContent).toContain('Short');
    await user.click(screen.getByRole('button', { name: 'Retire it' }));
    expect(await screen.findByText('Retired')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Receive stock…' })).toBeNull();
    expect((await db.items.get(id))?.fields?.retired).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Bring it back' }));
    expect(await screen.findByRole('button', { name: 'Receive stock…' })).toBeTruthy();
  });

  it('changes the minimum through Edit, and the history says so', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const id = await addItem(db, RINGS, mia.id);
    renderStock(`/inventory/items/${id}`);
    await user.click(await screen.findByRole('button', { name: 'Edit…' }));
    const sheet = screen.getByRole('dialog', { name: 'Change Jump ring 4 mm' });
    const minimum = within(sheet).getByLabelText<HTMLInputElement>('Minimum');
    expect(minimum.value).toBe('20');
    await user.clear(minimum);
    await typeIn(user, minimum, '40');
    await user.click(within(sheet).getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Changed: minimum 40 pcs')).toBeTruthy();
    expect(screen.getByLabelText('On hand').textContent).toBe('0 pcs on hand · minimum 40 pcs');
  });
});

describe('Stock → Shortages and Order list', () => {
  it('shows the items below their minimum and the order by supplier, printable and as CSV', async () => {
    const user = userEvent.setup();
    const mia = await signedIn('Mia Berg');
    const rings = await addItem(db, RINGS, mia.id);
    const clasps = await addItem(db, CLASPS, mia.id);
    const stones = await addItem(db, STONES, mia.id);
    await receiveStock(db, { itemId: rings, quantity: 25 }, mia.id);
    await receiveStock(db, { itemId: clasps, quantity: 2 }, mia.id);
    await receiveStock(db, { itemId: stones, quantity: 12 }, mia.id);
    await recordShopUse(db, { itemId: stones, quantity: 4 }, mia.id);
    renderStock('/inventory?tab=shortages');

    const list = await screen.findByRole('region', { name: 'Shortage list' });
    expect(screen.getByRole('tab', { name: 'Shortages (2)' })).toBeTruthy();
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('aria-label')),
    ).toEqual(['Lobster clasp 10 mm', 'White round']);
    expect(
      within(list).getByRole('listitem', { name: 'Lobster clasp 10 mm' }).textContent,
    ).toContain('2 pcs of minimum 5 pcs3 pcs short · order 3 pcs');

    await user.click(screen.getByRole('tab', { name: 'Order list' }));
    const order = await screen.findByRole('region', { name: 'Supply order' });
    expect(screen.getByTestId('address').textContent).toBe('/inventory?tab=order');
    const none = within(order).getByRole('region', { name: 'No supplier named' });
    expect(
      within(none)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual([
      'ItemCodeOn handMinimumOrderCost',
      'Lobster clasp 10 mmLC-102 pcs5 pcs3 pcs2.55',
      'White round · 2.0 mmWR-28 pcs10 pcs2 pcs—',
    ]);
    expect(order.textContent).toContain('2 lines · about 2.55 (one line has no cost)');
    // The print leaves out the app's frame and the toolbar: its rules are on the page.
    expect(document.querySelector('style')?.textContent).toContain('.no-print { display: none');
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    const text = await csvSaved();
    expect(text.split('\r\n')).toEqual([
      'Supplier,Item,Code,Size,Category,Unit,On hand,Minimum,Order,Unit cost,Line total,Note',
      ',Lobster clasp 10 mm,LC-10,,Findings,pcs,2,5,3,0.85,2.55,',
      ',White round,WR-2,2.0 mm,Stones,pcs,8,10,2,,,',
      '',
    ]);
    expect(screen.getByRole('status').textContent).toMatch(
      /^Saved as supply-order-\d{4}-\d{2}-\d{2}\.csv/,
    );
  });

  it('says when nothing is short', async () => {
    renderStock('/inventory?tab=shortages');
    expect((await screen.findByRole('status')).textContent).toBe(
      'Nothing is short: every item is at or above its minimum.',
    );
  });
});
