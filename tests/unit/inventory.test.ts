// The inventory's pure rules: an item's fold (on hand across receipts, uses, returns and counts in
// any arrival order, fields last writer wins), shortages against minimum levels, order quantities,
// the order CSV, stock metal read from the ledger, search by code, and a job's material lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemHistory } from '../../src/domain/inventory/history';
import {
  emptyItem,
  ITEM_PROJECTION,
  RECENT_MOVEMENTS,
  type ItemState,
} from '../../src/domain/inventory/itemState';
import { materialLines, materialsInUse } from '../../src/domain/inventory/materials';
import { orderCsv } from '../../src/domain/inventory/orderCsv';
import { codeKey, itemsWithCode, searchItems } from '../../src/domain/inventory/search';
import {
  bySupplier,
  isShort,
  onHandOf,
  orderQuantity,
  orderTotal,
  quantityText,
  shortages,
  supplyOrder,
  type KnownItem,
} from '../../src/domain/inventory/stock';
import { emptyLedger, foldLedger } from '../../src/domain/ledger/ledgerState';
import { newUlid } from '../../src/domain/ids';
import type { MaterialReturnEntry, MaterialUseEntry } from '../../src/domain/job';
import type { StoredEvent } from '../../src/protocol/events';
import type { ItemFields } from '../../src/protocol/inventory';
import { LEDGER_STREAM_ID } from '../../src/protocol/streams';
import { DEVICE_B, event, stampAt } from '../support/events';

const JUMP_RING: ItemFields = {
  name: 'Jump ring 4 mm',
  category: 'finding',
  unit: 'pcs',
  size: '4 mm',
  code: 'JR-4',
  supplier: 'Rio Grande',
  minimum: 20,
  retired: false,
};

function fold(events: readonly StoredEvent[]): ItemState {
  const state = ITEM_PROJECTION.fold(events);
  if (!state) throw new Error('no item');
  return state;
}

/** A known item built straight from fields and an on-hand figure, for the tables. */
function item(fields: Partial<ItemFields> = {}, onHand = 0, more: Partial<ItemState> = {}) {
  const id = newUlid();
  return {
    ...emptyItem(id),
    fields: { ...JUMP_RING, ...fields },
    onHand,
    ...more,
  } as KnownItem;
}

describe('an item’s on hand', () => {
  const id = newUlid();
  const add = event(id, 'item.added', JUMP_RING, stampAt(0));

  it.each<[string, [string, number][], number]>([
    ['nothing yet', [], 0],
    ['a delivery', [['received', 50]], 50],
    [
      'received, used, returned',
      [
        ['received', 50],
        ['used', 3],
        ['returned', 1],
      ],
      48,
    ],
    [
      'a count sets the book at its stamp; later uses count from there',
      [
        ['received', 50],
        ['used', 3],
        ['counted', 40],
        ['used', 2],
      ],
      38,
    ],
    [
      'a count of 0 empties the book',
      [
        ['received', 10],
        ['counted', 0],
      ],
      0,
    ],
    [
      'a use beyond the book goes below 0',
      [
        ['received', 2],
        ['used', 5],
      ],
      -3,
    ],
    [
      'grams keep to the thousandth',
      [
        ['received', 0.1],
        ['received', 0.2],
      ],
      0.3,
    ],
  ])('%s', (_name, moves, expected) => {
    const events = [
      add,
      ...moves.map(([kind, q], i) =>
        kind === 'received'
          ? event(id, 'stock.received', { quantity: q }, stampAt(i + 1))
          : kind === 'used'
            ? event(id, 'stock.used', { quantity: q }, stampAt(i + 1))
            : kind === 'returned'
              ? event(id, 'stock.returned', { quantity: q }, stampAt(i + 1))
              : event(id, 'stock.counted', { quantity: q }, stampAt(i + 1)),
      ),
    ];
    expect(fold(events).onHand).toBe(expected);
  });

  it('asks for a count after a use beyond the book, until the shelf is counted', () => {
    const events = [
      add,
      event(id, 'stock.received', { quantity: 2 }, stampAt(1)),
      event(id, 'stock.used', { quantity: 3 }, stampAt(2)),
    ];
    const short = fold(events);
    expect(short.needsCount).toBe(true);
    // A delivery puts the book back above 0, but it is still known wrong.
    const received = fold([...events, event(id, 'stock.received', { quantity: 10 }, stampAt(3))]);
    expect(received.onHand).toBe(9);
    expect(received.needsCount).toBe(true);
    const counted = fold([...events, event(id, 'stock.counted', { quantity: 1 }, stampAt(3))]);
    expect(counted.needsCount).toBe(false);
    expect(counted.lastCount).toMatchObject({ quantity: 1, bookBefore: -1, onHandAfter: 1 });
  });

  it('keeps totals, the last delivery and count, and only the last few movements', () => {
    const events = [add];
    for (let i = 1; i <= 12; i++) {
      events.push(event(id, 'stock.received', { quantity: 10, supplier: 'Rio' }, stampAt(i)));
    }
    events.push(event(id, 'stock.used', { quantity: 4, note: 'shop' }, stampAt(20)));
    events.push(event(id, 'stock.returned', { quantity: 1 }, stampAt(21)));
    const state = fold(events);
    expect(state.totalReceived).toBe(120);
    expect(state.totalUsed).toBe(3);
    expect(state.recent).toHaveLength(RECENT_MOVEMENTS);
    expect(state.recent.at(-1)).toMatchObject({ kind: 'returned', quantity: 1, onHandAfter: 117 });
    expect(state.lastReceived).toMatchObject({ quantity: 10, supplier: 'Rio' });
  });

  it('puts a returned use back once, however many tablets recorded its return', () => {
    const usageId = newUlid();
    const jobId = newUlid();
    const state = fold([
      add,
      event(id, 'stock.received', { quantity: 10 }, stampAt(1)),
      event(id, 'stock.used', { quantity: 2, jobId, usageId }, stampAt(2)),
      event(id, 'stock.returned', { quantity: 2, jobId, usageId }, stampAt(3)),
      event(id, 'stock.returned', { quantity: 2, jobId, usageId }, stampAt(4, DEVICE_B)),
    ]);
    expect(state.onHand).toBe(10);
    expect(state.skipped.count).toBe(1);
  });

  it('counts a use synced before the item’s description, and names it once the add comes', () => {
    const early = fold([event(id, 'stock.used', { quantity: 2 }, stampAt(-1))]);
    expect(early.fields).toBeNull();
    expect(early.onHand).toBe(-2);
    const named = fold([event(id, 'stock.used', { quantity: 2 }, stampAt(-1)), add]);
    expect(named.fields?.name).toBe('Jump ring 4 mm');
    expect(named.onHand).toBe(-2);
  });

  it('takes each field from the last writer, and the latest price paid as the cost', () => {
    const state = fold([
      add,
      event(id, 'item.updated', { changes: { minimum: 30, code: '' } }, stampAt(1)),
      event(id, 'item.updated', { changes: { unitCostCents: 12 } }, stampAt(2, DEVICE_B)),
      event(id, 'stock.received', { quantity: 5, unitCostCents: 15 }, stampAt(3)),
      event(id, 'item.updated', { changes: { minimum: 25 } }, stampAt(4, DEVICE_B)),
    ]);
    expect(state.fields).toMatchObject({ minimum: 25, unitCostCents: 12, supplier: 'Rio Grande' });
    // A blank code is cleared, never kept as an empty one.
    expect(state.fields && 'code' in state.fields).toBe(false);
    expect(state.unitCostCents).toBe(15);
  });

  it('folds to the same row in any arrival order (the convergence property)', () => {
    const jobId = newUlid();
    const usageId = newUlid();
    const events = [
      add,
      event(id, 'stock.received', { quantity: 50, unitCostCents: 115 }, stampAt(1, DEVICE_B)),
      event(id, 'stock.used', { quantity: 3, jobId, usageId }, stampAt(2)),
      event(id, 'stock.used', { quantity: 2 }, stampAt(2, DEVICE_B)),
      event(id, 'stock.counted', { quantity: 40 }, stampAt(3)),
      event(id, 'stock.returned', { quantity: 3, jobId, usageId }, stampAt(4, DEVICE_B)),
      event(id, 'item.updated', { changes: { minimum: 45 } }, stampAt(5)),
      event(id, 'item.updated', { changes: { minimum: 50, size: '4.0 mm' } }, stampAt(5, DEVICE_B)),
      event(id, 'stock.used', { quantity: 50 }, stampAt(6)),
      { ...event(id, 'note.added', { text: 'x' }, stampAt(7)), type: 'item.photographed' },
    ];
    const expected = fold(events);
    expect(expected.onHand).toBe(-7);
    expect(expected.needsCount).toBe(true);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
        fc.array(fc.nat(events.length - 1), { maxLength: 3 }),
        (shuffled, twice) => {
          const arrived = [...shuffled, ...twice.map((i) => events[i] as StoredEvent)];
          expect(fold(arrived)).toEqual(expected);
          // In two parts, extended: the same as all at once.
          const cut = Math.floor(arrived.length / 2);
          const first = ITEM_PROJECTION.fold(arrived.slice(0, cut));
          const rest = arrived.slice(cut);
          const later = first ? rest.filter((e) => e.at > first.lastAt) : rest;
          if (first && later.length === rest.length) {
            expect(ITEM_PROJECTION.extend(first, later)).toEqual(expected);
          }
        },
      ),
    );
  });

  it('reads its whole history from its events, each line with the book after it', () => {
    const events = [
      add,
      event(id, 'stock.received', { quantity: 50 }, stampAt(1)),
      event(id, 'item.updated', { changes: { minimum: 30 } }, stampAt(2)),
      event(id, 'stock.used', { quantity: 3 }, stampAt(3)),
      event(id, 'stock.counted', { quantity: 45 }, stampAt(4)),
    ];
    const lines = itemHistory([...events].reverse());
    expect(lines.map((l) => l.kind)).toEqual([
      'added',
      'movement',
      'changed',
      'movement',
      'movement',
    ]);
    expect(
      lines.flatMap((l) =>
        l.kind === 'movement' ? [[l.movement.kind, l.movement.onHandAfter]] : [],
      ),
    ).toEqual([
      ['received', 50],
      ['used', 47],
      ['counted', 45],
    ]);
  });
});

describe('shortages and the supply order', () => {
  it.each<[string, Partial<ItemFields>, number, boolean]>([
    ['above its minimum', { minimum: 20 }, 21, false],
    ['at its minimum', { minimum: 20 }, 20, false],
    ['below its minimum', { minimum: 20 }, 19, true],
    ['empty', { minimum: 1 }, 0, true],
    ['retired, however few', { minimum: 20, retired: true }, 0, false],
    ['no minimum, book below 0 (count it, not order it)', { minimum: 0 }, -3, false],
  ])('an item %s: short %s', (_name, fields, onHand, short) => {
    expect(isShort(item(fields), onHand)).toBe(short);
  });

  it.each<[string, Partial<ItemFields>, number, number]>([
    ['not short: nothing', { minimum: 20 }, 25, 0],
    ['up to the minimum, without a reorder quantity', { minimum: 20 }, 7, 13],
    ['whole pieces', { minimum: 2.5 }, 0, 3],
    ['grams as they are', { unit: 'g', minimum: 10 }, 2.75, 7.25],
    ['one pack of the reorder quantity', { minimum: 20, reorderQuantity: 100 }, 19, 100],
    ['packs enough to reach the minimum', { minimum: 250, reorderQuantity: 100 }, 20, 300],
    ['a book below 0 counted as an empty shelf', { minimum: 20 }, -5, 20],
  ])('%s', (_name, fields, onHand, expected) => {
    expect(orderQuantity(item(fields), onHand)).toBe(expected);
  });

  it('lists the short items, furthest below first, with what to order by supplier', () => {
    const clasp = item({ name: 'Lobster clasp 10 mm', code: 'LC-10', minimum: 10 }, 0, {
      unitCostCents: 85,
    });
    const rings = item({ name: 'Jump ring 4 mm', minimum: 20, reorderQuantity: 100 }, 15, {
      unitCostCents: 4,
    });
    const heads = item(
      { name: '4-prong head 3 mm', minimum: 6, supplier: 'Stuller', category: 'small_part' },
      7,
    );
    const compound = item(
      { name: 'Tripoli', category: 'consumable', unit: 'g', minimum: 200, supplier: undefined },
      50,
      { needsCount: true },
    );
    const retired = item({ name: 'Old clasp', minimum: 10, retired: true }, 0);
    const all = [rings, heads, clasp, compound, retired];
    expect(shortages(all, null).map((s) => [s.item.fields.name, s.shortBy])).toEqual([
      ['Lobster clasp 10 mm', 10],
      ['Tripoli', 150],
      ['Jump ring 4 mm', 5],
    ]);
    const lines = supplyOrder(all, null);
    expect(
      bySupplier(lines).map((g) => [g.supplier, g.lines.map((l) => [l.name, l.quantity])]),
    ).toEqual([
      [
        'Rio Grande',
        [
          ['Jump ring 4 mm', 100],
          ['Lobster clasp 10 mm', 10],
        ],
      ],
      ['', [['Tripoli', 150]]],
    ]);
    expect(lines.find((l) => l.name === 'Tripoli')?.countFirst).toBe(true);
    expect(orderTotal(lines)).toEqual({ cents: 100 * 4 + 10 * 85, uncosted: 1 });
  });

  it('reads stock metal’s on hand from the metal ledger’s stock, in grams', () => {
    const sheet = item(
      {
        name: '14k yellow sheet 0.5 mm',
        category: 'stock',
        unit: 'g',
        minimum: 20,
        alloyId: 'au14y',
      },
      999,
    );
    const ledger = foldLedger([
      event(
        LEDGER_STREAM_ID,
        'metal.received',
        { alloyId: 'au14y', grams: 12.5, form: 'sheet', supplier: 'Hoover & Strong' },
        stampAt(1),
      ),
    ]);
    expect(onHandOf(sheet, ledger)).toBe(12.5);
    expect(onHandOf(sheet, emptyLedger())).toBe(0);
    // The item's own book is never the stock of a linked item.
    expect(shortages([sheet], ledger).map((s) => s.onHand)).toEqual([12.5]);
    expect(supplyOrder([sheet], ledger)[0]).toMatchObject({ quantity: 7.5, alloyId: 'au14y' });
  });

  it('writes the order as CSV: header, a row per line, quoted and guarded text', () => {
    const lines = supplyOrder(
      [
        item({ name: 'Clasp, "lobster"', code: 'LC-10', size: '10 mm', minimum: 10 }, 4, {
          unitCostCents: 85,
        }),
        item({ name: '=HYPERLINK("x")', supplier: 'Stuller', minimum: 3 }, 0),
      ],
      null,
    );
    expect(orderCsv(lines)).toBe(
      'Supplier,Item,Code,Size,Category,Unit,On hand,Minimum,Order,Unit cost,Line total,Note\r\n' +
        'Rio Grande,"Clasp, ""lobster""",LC-10,10 mm,Findings,pcs,4,10,6,0.85,5.10,\r\n' +
        `Stuller,"'=HYPERLINK(""x"")",JR-4,4 mm,Findings,pcs,0,3,3,,,\r\n`,
    );
  });

  it('says quantities in the item’s unit', () => {
    expect(quantityText(12, 'pcs')).toBe('12 pcs');
    expect(quantityText(1, 'pair')).toBe('1 pair');
    expect(quantityText(2, 'pair')).toBe('2 pairs');
    expect(quantityText(0.1 + 0.2, 'g')).toBe('0.3 g');
    expect(quantityText(-2, 'pcs')).toBe('−2 pcs');
  });
});

describe('finding an item', () => {
  const rings = item({ name: 'Jump ring 4 mm', code: 'JR-4' });
  const clasp = item({ name: 'Lobster clasp 10 mm', code: 'LC 10', supplier: 'Stuller' });
  const stone = item({ name: 'White round', size: '2.0 mm', category: 'stone', code: 'WR-2' });

  it('finds a scanned or typed code whatever its case and spaces', () => {
    expect(codeKey(' lc 10 ')).toBe('lc10');
    expect(itemsWithCode([rings, clasp, stone], 'lc10')).toEqual([clasp]);
    expect(itemsWithCode([rings, clasp], '')).toEqual([]);
  });

  it('searches words of the name, size, code and supplier, in a category or all', () => {
    const all = [rings, clasp, stone];
    expect(searchItems(all, 'stuller clasp')).toEqual([clasp]);
    expect(searchItems(all, '2.0')).toEqual([stone]);
    expect(searchItems(all, '', 'stone')).toEqual([stone]);
    expect(searchItems(all, 'JR-4')).toEqual([rings]);
    expect(searchItems(all, '')).toEqual(all);
  });
});

describe('a job’s material lines', () => {
  function use(minutes: number, more: Partial<MaterialUseEntry> = {}): MaterialUseEntry {
    return {
      by: 'staff-mia',
      at: stampAt(minutes),
      eventId: newUlid(),
      usageId: newUlid(),
      itemId: newUlid(),
      itemName: 'Jump ring 4 mm',
      category: 'finding',
      unit: 'pcs',
      quantity: 2,
      unitCostCents: 4,
      ...more,
    };
  }
  function back(minutes: number, usageId: string, reason = 'Wrong size'): MaterialReturnEntry {
    return { by: 'staff-jo', at: stampAt(minutes), eventId: newUlid(), usageId, reason };
  }

  it('pairs each use with its first return; the uses put back no longer count', () => {
    const a = use(1);
    const b = use(2, { itemName: 'Lobster clasp', quantity: 1, unitCostCents: 85 });
    const c = use(3, { itemName: 'Solder', unit: 'g', quantity: 0.35, unitCostCents: 250 });
    const d = use(4, { itemName: 'Head', quantity: 1, unitCostCents: undefined });
    const job = {
      materialsUsed: [a, b, c, d],
      materialsReturned: [back(5, b.usageId), back(6, b.usageId, 'Later')],
    };
    expect(materialLines(job).map((l) => l.returned?.reason ?? null)).toEqual([
      null,
      'Wrong size',
      null,
      null,
    ]);
    expect(materialsInUse(job).map((u) => u.itemName)).toEqual([
      'Jump ring 4 mm',
      'Solder',
      'Head',
    ]);
  });
});
