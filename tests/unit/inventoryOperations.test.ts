// The inventory's operations over a real Dexie on fake-indexeddb: a use on a job writes the job's
// material and the item's stock together or not at all, each refusal stores nothing on either
// stream, and the queries read shortages, the supply order and items by code from what is stored.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { addStaff, applyEvents, openJob, recordEvent, voidJob, type LoupeDB } from '../../src/db';
import {
  addItem,
  countStock,
  receiveStock,
  returnMaterial,
  updateItem,
  recordMaterialUse,
  recordShopUse,
  type ItemInput,
} from '../../src/db/inventoryOperations';
import {
  historyOfItem,
  itemsByCode,
  listItems,
  orderLines,
  shortItems,
} from '../../src/db/inventoryQueries';
import { eventsOfStream } from '../../src/db/streams';
import { materialsInUse } from '../../src/domain/inventory/materials';
import { newUlid } from '../../src/domain/ids';
import type { JobState } from '../../src/domain/job';
import type { StaffMember } from '../../src/domain/staff';
import { LEDGER_STREAM_ID } from '../../src/protocol/streams';
import { freshDatabases, refusal } from '../support/databases';
import { event, openedData, stampAt } from '../support/events';

const freshDb = freshDatabases('loupe-inventory');

const JUMP_RINGS: ItemInput = {
  name: 'Jump ring 4 mm',
  category: 'finding',
  unit: 'pcs',
  size: '4 mm',
  code: 'JR-4',
  supplier: 'Rio Grande',
  minimum: 20,
  unitCostCents: 4,
};
const CLASPS: ItemInput = {
  name: 'Lobster clasp 10 mm',
  category: 'finding',
  unit: 'pcs',
  code: 'LC-10',
  minimum: 5,
  reorderQuantity: 10,
  unitCostCents: 85,
};

async function shopWithMia(db: LoupeDB): Promise<StaffMember> {
  return addStaff(db, { name: 'Mia Berg', role: 'assistant', pin: '2468' }, null);
}

async function ringJob(db: LoupeDB, actor: string): Promise<{ jobId: string; serviceId: string }> {
  const { envelope: _e, services: _s, ...rest } = openedData();
  const { jobId } = await openJob(
    db,
    {
      ...rest,
      services: [{ kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } }],
    },
    actor,
  );
  const serviceId = (await db.jobs.get(jobId))?.services[0]?.id ?? '';
  return { jobId, serviceId };
}

/** Everything a refusal must leave as it was: every event, the job's and the item's rows. */
async function snapshot(db: LoupeDB) {
  return {
    events: await db.events.count(),
    outbox: await db.outbox.count(),
    jobs: await db.jobs.toArray(),
    items: await db.items.toArray(),
  };
}

async function onHand(db: LoupeDB, itemId: string): Promise<number | undefined> {
  return (await db.items.get(itemId))?.onHand;
}

describe('adding and changing items', () => {
  it('adds an item with its fields cleaned, and refuses a code another kept item has', async () => {
    const db = freshDb();
    const mia = await shopWithMia(db);
    const id = await addItem(
      db,
      { ...JUMP_RINGS, name: '  Jump ring 4 mm ', supplier: ' ' },
      mia.id,
    );
    const row = await db.items.get(id);
    expect(row?.fields).toEqual({
      name: 'Jump ring 4 mm',
      category: 'finding',
      unit: 'pcs',
      size: '4 mm',
      code: 'JR-4',
      minimum: 20,
      unitCostCents: 4,
      retired: false,
    });
    expect(row?.unitCostCents).toBe(4);
    const before = await snapshot(db);
    expect(await refusal(addItem(db, { ...CLASPS, code: 'jr-4' }, mia.id))).toBe(
      'Jump ring 4 mm already has the code JR-4.',
    );
    expect(await snapshot(db)).toEqual(before);
    // Once retired, its code is free for the item that replaces it.
    await updateItem(db, id, { retired: true }, mia.id);
    const next = await addItem(db, { ...CLASPS, code: 'JR-4' }, mia.id);
    expect((await itemsByCode(db, ' jr-4 ')).map((i) => i.id).sort()).toEqual([id, next].sort());
    // …and bringing the old one back would give the code to two kept items.
    expect(await refusal(updateItem(db, id, { retired: false }, mia.id))).toBe(
      'Lobster clasp 10 mm already has the code JR-4.',
    );
  });

  it('refuses someone not signed in, and stock metal counted in anything but grams', async () => {
    const db = freshDb();
    const mia = await shopWithMia(db);
    expect(await refusal(addItem(db, JUMP_RINGS, 'staff-nobody'))).toBe(
      'Sign in first: every movement of stock says who made it.',
    );
    expect(
      await refusal(
        addItem(db, { ...JUMP_RINGS, category: 'stock', code: 'S', alloyId: 'au14y' }, mia.id),
      ),
    ).toBe('Stock metal kept in the metal ledger is counted in grams.');
    expect((await db.events.toArray()).filter((e) => e.type === 'item.added')).toEqual([]);
  });

  it('sends only the fields that changed, and refuses a change of nothing', async () => {
    const db = freshDb();
    const mia = await shopWithMia(db);
    const id = await addItem(db, JUMP_RINGS, mia.id);
    const [changed] = await updateItem(
      db,
      id,
      { name: 'Jump ring 4 mm', minimum: 30, size: '', code: 'JR-4' },
      mia.id,
    );
    expect(changed?.data).toEqual({ changes: { minimum: 30, size: '' } });
    const row = await db.items.get(id);
    expect(row?.fields?.minimum).toBe(30);
    expect(row?.fields && 'size' in row.fields).toBe(false);
    expect(await refusal(updateItem(db, id, { minimum: 30 }, mia.id))).toBe('Nothing was changed.');
  });
});

describe('stock on the shelf', () => {
  it('receives, counts and uses for the shop, the book following each', async () => {
    const db = freshDb();
    const mia = await shopWithMia(db);
    const id = await addItem(db, JUMP_RINGS, mia.id);
    await receiveStock(db, { itemId: id, quantity: 50, unitCostCents: 5, supplier: 'Rio' }, mia.id);
    expect(await onHand(db, id)).toBe(50);
    expect((await db.items.get(id))?.unitCostCents).toBe(5);
    await recordShopUse(db, { itemId: id, quantity: 4, note: 'test pieces' }, mia.id);
    expect(await onHand(db, id)).toBe(46);
    await countStock(db, { itemId: id, quantity: 44 }, mia.id);
    const row = await db.items.get(id);
    expect(row?.onHand).toBe(44);
    expect(row?.lastCount).toMatchObject({ quantity: 44, bookBefore: 46, by: mia.id });
    const history = await historyOfItem(db, id);
    expect(history.map((l) => (l.kind === 'movement' ? l.movement.kind : l.kind))).toEqual([
      'added',
      'received',
      'used',
      'counted',
    ]);
  });

  it('refuses part pieces, a retired item and stock metal, storing nothing', async () => {
    const db = freshDb();
    const mia = await shopWithMia(db);
    const id = await addItem(db, JUMP_RINGS, mia.id);
    const sheet = await addItem(
      db,
      { name: '14k sheet', category: 'stock', unit: 'g', minimum: 10, alloyId: 'au14y' },
      mia.id,
    );
    const before = await snapshot(db);
    expect(await refusal(receiveStock(db, { itemId: id, quantity: 2.5 }, mia.id))).toBe(
      'Count Jump ring 4 mm in whole pieces.',
    );
    expect(await refusal(receiveStock(db, { itemId: sheet, quantity: 5 }, mia.id))).toMatch(
      /^14k sheet is 14k yellow gold in the safe .*: receive it in Metal → Stock/,
    );
    expect(await refusal(countStock(db, { itemId: sheet, quantity: 5 }, mia.id))).toMatch(
      /weigh it in Metal → Stock/,
    );
    expect(await refusal(receiveStock(db, { itemId: newUlid(), quantity: 1 }, mia.id))).toBe(
      'This tablet has no such item in the inventory.',
    );
    expect(await snapshot(db)).toEqual(before);
    await updateItem(db, id, { retired: true }, mia.id);
    const retired = await snapshot(db);
    expect(await refusal(recordShopUse(db, { itemId: id, quantity: 1 }, mia.id))).toBe(
      'Jump ring 4 mm is retired: bring it back (Edit) before you use it.',
    );
    expect(await snapshot(db)).toEqual(retired);
    // Its leftovers may still be counted.
    await countStock(db, { itemId: id, quantity: 3 }, mia.id);
    expect(await onHand(db, id)).toBe(3);
  });
});

describe('materials used on a job', () => {
  it('writes the job’s material and the item’s stock in one go, copying name, unit and cost', async () => {
    const db = freshDb();
    const mia = await shopWithMia(db);
    const { jobId, serviceId } = await ringJob(db, mia.id);
    const id = await addItem(db, JUMP_RINGS, mia.id);
    await receiveStock(db, { itemId: id, quantity: 22 }, mia.id);
    const usageId = await recordMaterialUse(
      db,
      { jobId, itemId: id, quantity: 3, serviceId, note: 'for the chain' },
      mia.id,
    );
    const job = await db.jobs.get(jobId);
    expect(job?.materialsUsed).toMatchObject([
      {
        usageId,
        itemId: id,
        itemName: 'Jump ring 4 mm',
        category: 'finding',
        unit: 'pcs',
        quantity: 3,
        unitCostCents: 4,
        serviceId,
        note: 'for the chain',
        by: mia.id,
      },
    ]);
    const itemEvents = await eventsOfStream(db, id);
    expect(itemEvents.at(-1)).toMatchObject({
      type: 'stock.used',
      data: { quantity: 3, jobId, usageId, note: 'for the chain' },
    });
    expect(await onHand(db, id)).toBe(19);
    // Both are queued for the server: the outbox holds both events.
    const used = [job?.materialsUsed[0]?.eventId, itemEvents.at(-1)?.id];
    expect(await db.outbox.bulkGet(used as string[])).not.toContain(undefined);
    // The item is now short (19 < 20), and on the supply order.
    expect((await shortItems(db)).map((s) => s.item.id)).toEqual([id]);
    expect((await orderLines(db)).map((l) => [l.name, l.quantity])).toEqual([
      ['Jump ring 4 mm', 1],
    ]);
    // Renaming the item later does not rewrite what the job used.
    await updateItem(db, id, { name: 'Jump ring 4.0 mm', unitCostCents: 6 }, mia.id);
    expect((await db.jobs.get(jobId))?.materialsUsed[0]).toMatchObject({
      itemName: 'Jump ring 4 mm',
      unitCostCents: 4,
    });
  });

  it('records a use beyond the book, and the item then asks for a count', async () => {
    const db = freshDb();
    const mia = await shopWithMia(db);
    const { jobId } = await ringJob(db, mia.id);
    const id = await addItem(db, CLASPS, mia.id);
    await receiveStock(db, { itemId: id, quantity: 1 }, mia.id);
    await recordMaterialUse(db, { jobId, itemId: id, quantity: 2 }, mia.id);
    const row = await db.items.get(id);
    expect(row?.onHand).toBe(-1);
    expect(row?.needsCount).toBe(true);
    expect((await orderLines(db))[0]).toMatchObject({ quantity: 10, countFirst: true });
  });

  it('refuses a voided job, a retired item, stock metal, another job’s service: nothing stored on either stream', async () => {
    const db = freshDb();
    const mia = await shopWithMia(db);
    const { jobId, serviceId } = await ringJob(db, mia.id);
    const other = await ringJob(db, mia.id);
    const id = await addItem(db, JUMP_RINGS, mia.id);
    const sheet = await addItem(
      db,
      { name: '14k sheet', category: 'stock', unit: 'g', minimum: 10, alloyId: 'au14y' },
      mia.id,
    );
    await receiveStock(db, { itemId: id, quantity: 10 }, mia.id);

    let before = await snapshot(db);
    expect(
      await refusal(
        recordMaterialUse(
          db,
          { jobId, itemId: id, quantity: 1, serviceId: other.serviceId },
          mia.id,
        ),
      ),
    ).toMatch(/has no such service\.$/);
    expect(
      await refusal(recordMaterialUse(db, { jobId, itemId: sheet, quantity: 1 }, mia.id)),
    ).toMatch(/issue it in Metal → Stock/);
    await expect(recordMaterialUse(db, { jobId, itemId: id, quantity: 0 }, mia.id)).rejects.toThrow(
      'A quantity must be more than 0.',
    );
    expect(await snapshot(db)).toEqual(before);

    await updateItem(db, id, { retired: true }, mia.id);
    before = await snapshot(db);
    expect(await refusal(recordMaterialUse(db, { jobId, itemId: id, quantity: 1 }, mia.id))).toBe(
      'Jump ring 4 mm is retired: bring it back (Edit) before you use it.',
    );
    expect(await snapshot(db)).toEqual(before);

    await updateItem(db, id, { retired: false }, mia.id);
    await voidJob(db, { jobId, reason: 'Opened twice' }, mia.id);
    before = await snapshot(db);
    expect(
      await refusal(recordMaterialUse(db, { jobId, itemId: id, quantity: 1, serviceId }, mia.id)),
    ).toBe('This job was voided: nothing more is used on it.');
    expect(await snapshot(db)).toEqual(before);
    expect(await onHand(db, id)).toBe(10);
  });

  it('puts a returned use back on the shelf and out of the job’s uses, once', async () => {
    const db = freshDb();
    const mia = await shopWithMia(db);
    const { jobId } = await ringJob(db, mia.id);
    const rings = await addItem(db, JUMP_RINGS, mia.id);
    const clasps = await addItem(db, CLASPS, mia.id);
    await receiveStock(db, { itemId: rings, quantity: 30 }, mia.id);
    await receiveStock(db, { itemId: clasps, quantity: 8 }, mia.id);
    await recordMaterialUse(db, { jobId, itemId: rings, quantity: 2 }, mia.id);
    const claspUse = await recordMaterialUse(db, { jobId, itemId: clasps, quantity: 1 }, mia.id);
    const inUse = (j: JobState | undefined) =>
      materialsInUse(j ?? { materialsUsed: [], materialsReturned: [] }).map((u) => u.itemName);
    expect(inUse(await db.jobs.get(jobId))).toEqual(['Jump ring 4 mm', 'Lobster clasp 10 mm']);

    let before = await snapshot(db);
    // No reason: refused by the schema, nothing stored on either stream.
    await expect(
      returnMaterial(db, { jobId, usageId: claspUse, reason: '  ' }, mia.id),
    ).rejects.toThrow('Enter the reason it went back.');
    expect(await snapshot(db)).toEqual(before);

    await returnMaterial(db, { jobId, usageId: claspUse, reason: 'Wrong size' }, mia.id);
    const job = await db.jobs.get(jobId);
    expect(job?.materialsReturned).toMatchObject([{ usageId: claspUse, reason: 'Wrong size' }]);
    expect(await onHand(db, clasps)).toBe(8);
    expect(inUse(job)).toEqual(['Jump ring 4 mm']);
    before = await snapshot(db);
    expect(
      await refusal(returnMaterial(db, { jobId, usageId: claspUse, reason: 'Again' }, mia.id)),
    ).toBe('Lobster clasp 10 mm was already put back.');
    expect(await snapshot(db)).toEqual(before);
  });

  it('reads stock metal’s on hand from the ledger for the shortage list', async () => {
    const db = freshDb();
    const mia = await shopWithMia(db);
    const sheet = await addItem(
      db,
      { name: '14k sheet', category: 'stock', unit: 'g', minimum: 20, alloyId: 'au14y' },
      mia.id,
    );
    expect((await shortItems(db)).map((s) => [s.item.id, s.onHand])).toEqual([[sheet, 0]]);
    await applyEvents(
      db,
      [
        event(
          LEDGER_STREAM_ID,
          'metal.received',
          { alloyId: 'au14y', grams: 25, form: 'sheet', supplier: 'Hoover & Strong' },
          stampAt(1),
        ),
      ],
      { local: false },
    );
    expect(await shortItems(db)).toEqual([]);
    expect((await listItems(db)).map((i) => i.fields.name)).toEqual(['14k sheet']);
  });

  it('keeps a return for an item this tablet does not hold yet, and folds it when the item comes', async () => {
    const db = freshDb();
    const mia = await shopWithMia(db);
    const { jobId } = await ringJob(db, mia.id);
    const itemId = newUlid();
    const usageId = newUlid();
    await recordEvent(
      db,
      {
        jobId,
        type: 'material.used',
        data: {
          usageId,
          itemId,
          itemName: 'Head 3 mm',
          category: 'small_part',
          unit: 'pcs',
          quantity: 1,
        },
      },
      mia.id,
    );
    await returnMaterial(db, { jobId, usageId, reason: 'Not needed' }, mia.id);
    expect(await eventsOfStream(db, itemId)).toMatchObject([
      { type: 'stock.returned', data: { quantity: 1, jobId, usageId, note: 'Not needed' } },
    ]);
    // The item's description syncs in: the head is back on its shelf.
    await applyEvents(
      db,
      [
        event(
          itemId,
          'item.added',
          { name: 'Head 3 mm', category: 'small_part', unit: 'pcs', minimum: 2, retired: false },
          stampAt(0),
        ),
      ],
      { local: false },
    );
    expect(await db.items.get(itemId)).toMatchObject({ fields: { name: 'Head 3 mm' }, onHand: 1 });
  });
});
