// Labour rates and metal prices over a real Dexie on fake-indexeddb: a manager sets them, anyone else
// is refused and nothing is stored, a bad figure names its role, person or alloy, and a job's cost
// reads what was set.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { addStaff, getShop, openJob, recordEvent, setStaffActive } from '../../src/db';
import {
  MANAGER_ONLY,
  setLabourRate,
  setLabourRates,
  setMetalPrice,
  setMetalPrices,
} from '../../src/db/costingOperations';
import type { LoupeDB } from '../../src/db/LoupeDB';
import { jobCost } from '../../src/domain/costing/jobCost';
import { newUlid } from '../../src/domain/ids';
import type { StaffMember } from '../../src/domain/staff';
import { SHOP_JOB_ID, type StaffRole } from '../../src/protocol/events';
import { freshDatabases, refusal } from '../support/databases';
import { openedData, T0 } from '../support/events';

const fresh = freshDatabases('costing');

interface Shop {
  db: LoupeDB;
  manager: StaffMember;
  jeweler: StaffMember;
  person: (name: string, role: StaffRole) => Promise<StaffMember>;
}

async function shopWithStaff(): Promise<Shop> {
  const db = fresh();
  const manager = await addStaff(db, { name: 'Zed Holm', role: 'manager', pin: '1111' }, null);
  const person = (name: string, role: StaffRole) =>
    addStaff(db, { name, role, pin: '2222' }, manager.id);
  const jeweler = await person('Mia Berg', 'jeweler');
  return { db, manager, jeweler, person };
}

/** Everything stored: a refusal must leave it as it was. */
async function stored(db: LoupeDB) {
  return {
    events: await db.events.count(),
    shop: await getShop(db),
    outbox: await db.outbox.count(),
  };
}

describe('labour rates', () => {
  it('a manager sets a role’s rate and a person’s, and takes the person’s away again', async () => {
    const { db, manager, jeweler } = await shopWithStaff();
    await setLabourRate(db, { role: 'jeweler', centsPerHour: 4500 }, manager.id);
    await setLabourRate(db, { staffId: jeweler.id, centsPerHour: 6000 }, manager.id);
    expect((await getShop(db)).labourRates).toEqual({
      roles: { jeweler: 4500 },
      staff: { [jeweler.id]: 6000 },
    });
    await setLabourRate(db, { staffId: jeweler.id, centsPerHour: null }, manager.id);
    expect((await getShop(db)).labourRates).toEqual({ roles: { jeweler: 4500 }, staff: {} });

    const events = await db.events.where('jobId').equals(SHOP_JOB_ID).toArray();
    const prices = events.filter((e) => e.type === 'price.labour_set');
    expect(prices.map((e) => [e.actor, e.data])).toEqual([
      [manager.id, { role: 'jeweler', centsPerHour: 4500 }],
      [manager.id, { staffId: jeweler.id, centsPerHour: 6000 }],
      [manager.id, { staffId: jeweler.id, centsPerHour: null }],
    ]);
  });

  it('sets several in one go, and one bad rate stores none of them, naming whose it is', async () => {
    const { db, manager, jeweler } = await shopWithStaff();
    const before = await stored(db);
    const message = await refusal(
      setLabourRates(
        db,
        [
          { role: 'jeweler', centsPerHour: 4500 },
          { role: 'assistant', centsPerHour: -100 },
          { staffId: jeweler.id, centsPerHour: 45.5 },
        ],
        manager.id,
      ),
    );
    expect(message).toBe(
      'Assistant: An amount cannot be negative. ' +
        'Mia Berg: Enter the amount in whole cents, like 45.00.',
    );
    expect(await stored(db)).toEqual(before);

    await setLabourRates(
      db,
      [
        { role: 'jeweler', centsPerHour: 4500 },
        { role: 'assistant', centsPerHour: 3000 },
      ],
      manager.id,
    );
    expect((await getShop(db)).labourRates.roles).toEqual({ jeweler: 4500, assistant: 3000 });
  });

  const badRates: [string, number, string][] = [
    ['a typo of a figure', 1_000_001, 'Bench jeweler: That amount is surely a typo.'],
    ['not a number', Number.NaN, 'Bench jeweler: Enter the amount in whole cents, like 45.00.'],
  ];
  it.each(badRates)('refuses %s', async (_name, centsPerHour, expected) => {
    const { db, manager } = await shopWithStaff();
    const before = await stored(db);
    expect(await refusal(setLabourRate(db, { role: 'jeweler', centsPerHour }, manager.id))).toBe(
      expected,
    );
    expect(await stored(db)).toEqual(before);
  });

  it('refuses a rate for someone not on the staff list, or for a role there is none of', async () => {
    const { db, manager } = await shopWithStaff();
    const before = await stored(db);
    expect(
      await refusal(setLabourRate(db, { staffId: newUlid(), centsPerHour: 4500 }, manager.id)),
    ).toBe('That person is not on the staff list.');
    expect(
      await refusal(
        setLabourRate(db, { role: 'owner' as StaffRole, centsPerHour: 4500 }, manager.id),
      ),
    ).toBe('"owner" is not a role on the staff list.');
    expect(await refusal(setLabourRates(db, [], manager.id))).toBe('No labour rate was changed.');
    expect(await stored(db)).toEqual(before);
  });
});

describe('only a manager changes the prices', () => {
  const cases: [string, (shop: Shop) => Promise<string>][] = [
    ['a bench jeweler', ({ jeweler }) => Promise.resolve(jeweler.id)],
    ['an assistant', async ({ person }) => (await person('Ana Lund', 'assistant')).id],
    ['someone not on the staff list', () => Promise.resolve(newUlid())],
    [
      'a manager no longer on the staff list',
      async ({ db, manager, person }) => {
        const other = await person('Lee Park', 'manager');
        await setStaffActive(db, other.id, false, manager.id);
        return other.id;
      },
    ],
    [
      'a manager since made a jeweler',
      async ({ db, manager, person }) => {
        const other = await person('Lee Park', 'manager');
        await recordEvent(
          db,
          {
            jobId: SHOP_JOB_ID,
            type: 'staff.updated',
            data: { staffId: other.id, role: 'jeweler' },
          },
          manager.id,
        );
        return other.id;
      },
    ],
  ];
  it.each(cases)('refuses %s, storing nothing', async (_name, who) => {
    const shop = await shopWithStaff();
    const actor = await who(shop);
    const before = await stored(shop.db);
    expect(
      await refusal(setLabourRate(shop.db, { role: 'jeweler', centsPerHour: 4500 }, actor)),
    ).toBe(MANAGER_ONLY);
    expect(
      await refusal(setLabourRate(shop.db, { staffId: actor, centsPerHour: 9900 }, actor)),
    ).toBe(MANAGER_ONLY);
    expect(
      await refusal(setMetalPrice(shop.db, { alloyId: 'au14y', centsPerGram: 6500 }, actor)),
    ).toBe(MANAGER_ONLY);
    expect(await stored(shop.db)).toEqual(before);
  });

  it('lets a second manager set them too', async () => {
    const { db, person } = await shopWithStaff();
    const lee = await person('Lee Park', 'manager');
    await setMetalPrice(db, { alloyId: 'pt950', centsPerGram: 4200 }, lee.id);
    expect((await getShop(db)).metalPrices).toEqual({ pt950: 4200 });
  });
});

describe('metal prices', () => {
  it('a manager sets prices per alloy; the later price of an alloy stands', async () => {
    const { db, manager } = await shopWithStaff();
    await setMetalPrices(
      db,
      [
        { alloyId: 'au14y', centsPerGram: 6500 },
        { alloyId: 'ag925', centsPerGram: 120 },
      ],
      manager.id,
    );
    await setMetalPrice(db, { alloyId: 'au14y', centsPerGram: 6800 }, manager.id);
    expect((await getShop(db)).metalPrices).toEqual({ au14y: 6800, ag925: 120 });
  });

  it('refuses a bad price or an unknown alloy, naming it, and stores none of the batch', async () => {
    const { db, manager } = await shopWithStaff();
    const before = await stored(db);
    const message = await refusal(
      setMetalPrices(
        db,
        [
          { alloyId: 'au14y', centsPerGram: 6500 },
          { alloyId: 'au18y', centsPerGram: -1 },
          { alloyId: 'au9k' as 'au14y', centsPerGram: 100 },
        ],
        manager.id,
      ),
    );
    expect(message).toBe(
      '18k yellow gold: An amount cannot be negative. "au9k" is not an alloy this app knows.',
    );
    expect(await stored(db)).toEqual(before);
  });
});

describe('the job’s cost reads the rates and prices set', () => {
  it('costs a job recorded on this tablet at what the manager set', async () => {
    const { db, manager, jeweler } = await shopWithStaff();
    const { envelope: _e, services: _s, ...rest } = openedData();
    const { jobId } = await openJob(
      db,
      {
        ...rest,
        estimateCents: 5000,
        services: [
          { kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } },
        ],
      },
      jeweler.id,
    );
    const timerId = newUlid();
    await recordEvent(
      db,
      { jobId, type: 'timer.started', data: { timerId, wallMs: T0 } },
      jeweler.id,
    );
    await recordEvent(
      db,
      { jobId, type: 'timer.stopped', data: { timerId, wallMs: T0 + 40 * 60_000 } },
      jeweler.id,
    );
    await recordEvent(
      db,
      { jobId, type: 'weight.logged', data: { kind: 'added', grams: 0.5, alloyId: 'au14y' } },
      jeweler.id,
    );

    const costNow = async () => {
      const job = await db.jobs.get(jobId);
      if (!job) throw new Error('no job');
      return jobCost(job, await getShop(db), T0 + 90 * 60_000);
    };
    // Nothing set yet: all of it is missing, none of it costed at 0.
    expect((await costNow()).missing).toEqual([
      { kind: 'rate', staffId: jeweler.id },
      { kind: 'price', alloyId: 'au14y' },
    ]);

    await setLabourRate(db, { role: 'jeweler', centsPerHour: 4500 }, manager.id);
    await setMetalPrice(db, { alloyId: 'au14y', centsPerGram: 6500 }, manager.id);
    const cost = await costNow();
    expect([cost.labourCents, cost.metalCents, cost.totalCents]).toEqual([3000, 3250, 6250]);
    expect(cost.estimate).toEqual({ estimateCents: 5000, differenceCents: 1250, verdict: 'over' });
  });
});
