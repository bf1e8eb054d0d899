// The job's cost, as tables over jobs folded from real events: labour at a person's or their role's
// rate, a running timer counted to now, materials less the ones returned, metal at the shop's price,
// what is missing said (never a silent 0), and the total beside the estimate.
import { describe, expect, it } from 'vitest';
import { jobCost, roundCents, type JobCost } from '../../src/domain/costing/jobCost';
import { labourRateOf, metalPriceOf } from '../../src/domain/costing/rates';
import { newUlid } from '../../src/domain/ids';
import type { JobState } from '../../src/domain/job';
import { foldJob } from '../../src/domain/projection';
import { foldShop, type ShopState } from '../../src/domain/shopState';
import { SHOP_JOB_ID, type EventData, type StoredEvent } from '../../src/protocol/events';
import type { StaffRole } from '../../src/protocol/roles';
import { event, openedEvent, stampAt, T0 } from '../support/events';

const MIN = 60_000;
const PIN = { salt: '0'.repeat(32), hash: '0'.repeat(64), iterations: 1000 };

const MIA = newUlid(T0); // bench jeweler with her own rate
const JO = newUlid(T0); // bench jeweler at the role's rate
const ANA = newUlid(T0); // assistant: the shop set no assistant rate
const ZED = newUlid(T0); // a manager, who sets the prices
const STRANGER = newUlid(T0); // timed on another tablet, not on this tablet's staff list yet

let minute = 0;
/** Stamps in the order the test writes events (the fold sorts by them). */
function next(): string {
  minute += 1;
  return stampAt(minute);
}

function person(staffId: string, name: string, role: StaffRole): StoredEvent {
  return event(SHOP_JOB_ID, 'staff.added', { staffId, name, role, pin: PIN }, next(), ZED);
}

function labour(data: EventData<'price.labour_set'>): StoredEvent {
  return event(SHOP_JOB_ID, 'price.labour_set', data, next(), ZED);
}

function metalPrice(data: EventData<'price.metal_set'>): StoredEvent {
  return event(SHOP_JOB_ID, 'price.metal_set', data, next(), ZED);
}

const STAFF: StoredEvent[] = [
  person(ZED, 'Zed Holm', 'manager'),
  person(MIA, 'Mia Berg', 'jeweler'),
  person(JO, 'Jo Smith', 'jeweler'),
  person(ANA, 'Ana Lund', 'assistant'),
];

/** The shop's prices of these tests: jewelers 45.00 an hour, Mia 60.00, 14k yellow 65.00 a gram. */
const PRICES: StoredEvent[] = [
  labour({ role: 'jeweler', centsPerHour: 4500 }),
  labour({ staffId: MIA, centsPerHour: 6000 }),
  metalPrice({ alloyId: 'au14y', centsPerGram: 6500 }),
];

/** The shop with its staff and prices, and `more` changes stamped after them. */
function shop(more: StoredEvent[] = []): ShopState {
  return foldShop([...STAFF, ...PRICES, ...more]);
}

/** A job opened, with these events after it, folded by the real fold. */
function jobOf(
  build: (jobId: string, serviceId: string) => StoredEvent[],
  opened: Partial<EventData<'job.opened'>> = { estimateCents: 20_000 },
): JobState {
  const { jobId, opened: open, serviceId } = openedEvent(opened, next());
  const job = foldJob([open, ...build(jobId, serviceId)]);
  if (!job) throw new Error('the job did not fold');
  return job;
}

/** A person's timer marks at minutes after T0 (wall clock), each with its own stamp. */
function timer(
  jobId: string,
  who: string,
  marks: readonly ['started' | 'paused' | 'resumed' | 'stopped', number][],
): StoredEvent[] {
  const timerId = newUlid(T0);
  return marks.map(([mark, at]) =>
    event(jobId, `timer.${mark}`, { timerId, wallMs: T0 + at * MIN }, next(), who),
  );
}

function used(
  jobId: string,
  data: Partial<EventData<'material.used'>> & { itemName: string; quantity: number },
): StoredEvent {
  return event(
    jobId,
    'material.used',
    {
      usageId: newUlid(T0),
      itemId: newUlid(T0),
      category: 'finding',
      unit: 'pcs',
      ...data,
    },
    next(),
    MIA,
  );
}

function added(jobId: string, grams: number, alloyId?: EventData<'weight.logged'>['alloyId']) {
  return event(
    jobId,
    'weight.logged',
    { kind: 'added', grams, ...(alloyId ? { alloyId } : {}) },
    next(),
    MIA,
  );
}

function labourOf(cost: JobCost, staffId: string) {
  const line = cost.labour.find((l) => l.staffId === staffId);
  if (!line) throw new Error(`no labour line for ${staffId}`);
  return line;
}

const END = T0 + 24 * 60 * MIN; // long after every stopped timer

describe('labour rate: a person’s own, else their role’s, else none', () => {
  const cases: [string, StoredEvent[], string, ReturnType<typeof labourRateOf>][] = [
    ['own rate wins over the role’s', [], MIA, { centsPerHour: 6000, from: 'person' }],
    [
      'the role’s rate with none of their own',
      [],
      JO,
      { centsPerHour: 4500, from: 'role', role: 'jeweler' },
    ],
    [
      'own rate taken away: the role’s again',
      [labour({ staffId: MIA, centsPerHour: null })],
      MIA,
      { centsPerHour: 4500, from: 'role', role: 'jeweler' },
    ],
    [
      'the later of two rates for a role',
      [labour({ role: 'jeweler', centsPerHour: 5000 })],
      JO,
      { centsPerHour: 5000, from: 'role', role: 'jeweler' },
    ],
    [
      '0 set on purpose is a rate',
      [labour({ role: 'assistant', centsPerHour: 0 })],
      ANA,
      { centsPerHour: 0, from: 'role', role: 'assistant' },
    ],
    ['a role with no rate: none', [], ANA, null],
    ['not on the staff list: none', [], STRANGER, null],
    [
      'the role’s rate follows a change of role',
      [
        event(SHOP_JOB_ID, 'staff.updated', { staffId: JO, role: 'assistant' }, next(), ZED),
        labour({ role: 'assistant', centsPerHour: 3000 }),
      ],
      JO,
      { centsPerHour: 3000, from: 'role', role: 'assistant' },
    ],
  ];
  it.each(cases)('%s', (_name, more, staffId, expected) => {
    expect(labourRateOf(shop(more), staffId)).toEqual(expected);
  });

  it('reads a metal price per alloy, none for an alloy without one or one it does not know', () => {
    const s = shop();
    expect(metalPriceOf(s, 'au14y')).toBe(6500);
    expect(metalPriceOf(s, 'pt950')).toBeNull();
    expect(metalPriceOf(s, 'toString')).toBeNull();
  });
});

describe('rounding: each amount to the whole cent, half a cent up', () => {
  const cases: [number, number][] = [
    [75.5, 76],
    [74.5, 75],
    [74.49, 74],
    [0.29 * 6500, 1885], // 1884.9999999999998 in floating point
    [1.005 * 100, 101], // 100.49999999999999: half a cent, read as a person would
    [2.5 * 333, 833], // 832.5
    [0, 0],
  ];
  it.each(cases)('%d → %d', (amount, cents) => {
    expect(roundCents(amount)).toBe(cents);
  });
});

describe('labour: each person’s time × their rate', () => {
  it('costs each person at their own or their role’s rate, across a pause', () => {
    const job = jobOf((id) => [
      // Mia: 0–60, paused for a break, 70–100: 90 minutes.
      ...timer(id, MIA, [
        ['started', 0],
        ['paused', 60],
        ['resumed', 70],
        ['stopped', 100],
      ]),
      // Jo: 20 minutes.
      ...timer(id, JO, [
        ['started', 200],
        ['stopped', 220],
      ]),
    ]);
    const cost = jobCost(job, shop(), END);
    expect(cost.labour.map((l) => [l.staffId, l.workedMs, l.amountCents])).toEqual([
      [MIA, 90 * MIN, 9000], // 1.5 h × 60.00
      [JO, 20 * MIN, 1500], // ⅓ h × 45.00
    ]);
    expect(cost.labourCents).toBe(10_500);
    expect(cost.missing).toEqual([]);
  });

  it('adds up two timers of one person (a service, then the whole job) into one line', () => {
    const job = jobOf((id) => [
      ...timer(id, JO, [
        ['started', 0],
        ['stopped', 30],
      ]),
      ...timer(id, JO, [
        ['started', 40],
        ['stopped', 50],
      ]),
    ]);
    const cost = jobCost(job, shop(), END);
    expect(cost.labour).toHaveLength(1);
    expect(labourOf(cost, JO)).toMatchObject({ workedMs: 40 * MIN, amountCents: 3000 });
  });

  it('counts a running timer to now: the cost grows while it runs', () => {
    const job = jobOf((id) =>
      timer(id, MIA, [
        ['started', 0],
        ['paused', 30],
        ['resumed', 40],
      ]),
    );
    const at = (minutes: number) => labourOf(jobCost(job, shop(), T0 + minutes * MIN), MIA);
    expect(at(40)).toMatchObject({ workedMs: 30 * MIN, amountCents: 3000, running: true });
    expect(at(70)).toMatchObject({ workedMs: 60 * MIN, amountCents: 6000, running: true });
    expect(at(71).amountCents).toBe(6100);
  });

  it('takes a corrected timer’s time as set by hand, no longer growing', () => {
    const job = jobOf((id) => {
      const marks = timer(id, MIA, [['started', 0]]);
      const timerId = (marks[0]?.data as { timerId: string }).timerId;
      return [
        ...marks,
        event(
          id,
          'timer.corrected',
          { timerId, workedMs: 45 * MIN, reason: 'Left running over lunch' },
          next(),
          MIA,
        ),
      ];
    });
    const line = labourOf(jobCost(job, shop(), T0 + 600 * MIN), MIA);
    expect(line).toMatchObject({ workedMs: 45 * MIN, amountCents: 4500, corrected: true });
    expect(line.running).toBe(false);
  });

  it('lists a person with no rate as missing, never costed at 0', () => {
    const job = jobOf((id) => [
      ...timer(id, ANA, [
        ['started', 0],
        ['stopped', 60],
      ]),
      ...timer(id, STRANGER, [
        ['started', 0],
        ['stopped', 30],
      ]),
      ...timer(id, JO, [
        ['started', 0],
        ['stopped', 60],
      ]),
    ]);
    const cost = jobCost(job, shop(), END);
    expect(labourOf(cost, ANA)).toMatchObject({
      workedMs: 60 * MIN,
      rate: null,
      amountCents: null,
    });
    expect(labourOf(cost, STRANGER).amountCents).toBeNull();
    expect(cost.missing).toEqual([
      { kind: 'rate', staffId: ANA },
      { kind: 'rate', staffId: STRANGER },
    ]);
    expect(cost.complete).toBe(false);
    // Only Jo's hour is in the total: what is known, with the rest said to be missing.
    expect(cost.labourCents).toBe(4500);
    expect(cost.totalCents).toBe(4500);
  });
});

describe('materials: quantity × the cost it was used at, less those returned', () => {
  it('costs each use, leaves out the ones returned and lists a use with no cost', () => {
    let returnedUsage = '';
    const job = jobOf((id) => {
      const clasp = used(id, { itemName: 'Lobster clasp 10 mm', quantity: 1, unitCostCents: 350 });
      const rings = used(id, { itemName: 'Jump ring 4 mm', quantity: 2, unitCostCents: 40 });
      const spare = used(id, { itemName: 'Jump ring 5 mm', quantity: 2, unitCostCents: 45 });
      returnedUsage = (spare.data as { usageId: string }).usageId;
      return [
        clasp,
        rings,
        spare,
        used(id, {
          itemName: 'Easy solder',
          category: 'solder',
          unit: 'g',
          quantity: 2.5,
          unitCostCents: 333,
        }),
        used(id, { itemName: 'Head 4-prong 3 mm', quantity: 1 }),
        event(
          id,
          'material.returned',
          { usageId: returnedUsage, reason: 'Not needed' },
          next(),
          MIA,
        ),
      ];
    });
    const cost = jobCost(job, shop(), END);
    expect(cost.materials.map((m) => [m.use.itemName, m.amountCents])).toEqual([
      ['Lobster clasp 10 mm', 350],
      ['Jump ring 4 mm', 80],
      ['Easy solder', 833], // 2.5 g × 3.33, half a cent up
      ['Head 4-prong 3 mm', null],
    ]);
    expect(cost.returnedCount).toBe(1);
    expect(cost.materials.some((m) => m.use.usageId === returnedUsage)).toBe(false);
    expect(cost.materialsCents).toBe(350 + 80 + 833);
    expect(cost.missing).toEqual([
      expect.objectContaining({ kind: 'cost', itemName: 'Head 4-prong 3 mm' }),
    ]);
  });
});

describe('metal: grams added × the shop’s price per gram', () => {
  it('costs metal added per alloy, from weights and done steps; removed metal does not lower it', () => {
    const job = jobOf((id) => [
      added(id, 0.2, 'au14y'),
      added(id, 0.11, 'au14y'),
      event(id, 'weight.logged', { kind: 'removed', grams: 0.05, alloyId: 'au14y' }, next(), MIA),
    ]);
    const cost = jobCost(job, shop(), END);
    expect(cost.metal).toEqual([
      { alloyId: 'au14y', grams: 0.31, centsPerGram: 6500, amountCents: 2015 },
    ]);
    expect(cost.metalCents).toBe(2015);
  });

  it('counts the metal a done sizing step recorded, in the step’s alloy', () => {
    const job = jobOf((id, serviceId) => [
      event(
        id,
        'step.set',
        {
          serviceId,
          stepId: 'cut_add_stock',
          done: true,
          values: { method: 'cut_add_stock', metal_added_g: 0.4, stock_alloy: 'au14y' },
        },
        next(),
        MIA,
      ),
    ]);
    expect(jobCost(job, shop(), END).metal).toEqual([
      { alloyId: 'au14y', grams: 0.4, centsPerGram: 6500, amountCents: 2600 },
    ]);
  });

  it('lists added metal with no alloy named, and an alloy the shop has no price for', () => {
    const job = jobOf((id) => [added(id, 0.5), added(id, 1.2, 'pt950'), added(id, 0.1, 'au14y')]);
    const cost = jobCost(job, shop(), END);
    expect(cost.metal.map((m) => [m.alloyId, m.grams, m.amountCents])).toEqual([
      [null, 0.5, null],
      ['pt950', 1.2, null],
      ['au14y', 0.1, 650],
    ]);
    expect(cost.missing).toEqual([
      { kind: 'alloy', grams: 0.5 },
      { kind: 'price', alloyId: 'pt950' },
    ]);
    expect(cost.metalCents).toBe(650);
  });

  it('warns that metal stock used from the inventory may also be logged as metal added', () => {
    const both = jobOf((id) => [
      added(id, 0.3, 'au14y'),
      used(id, {
        itemName: '14k wire',
        category: 'stock',
        unit: 'g',
        quantity: 0.3,
        unitCostCents: 6500,
      }),
    ]);
    const findingsOnly = jobOf((id) => [
      added(id, 0.3, 'au14y'),
      used(id, { itemName: 'Jump ring', quantity: 1, unitCostCents: 40 }),
    ]);
    expect(jobCost(both, shop(), END).metalMayCountTwice).toBe(true);
    expect(jobCost(findingsOnly, shop(), END).metalMayCountTwice).toBe(false);
  });
});

describe('the total beside the estimate', () => {
  /** Mia 1 h (60.00), a clasp 3.50, 0.31 g of 14k (20.15): 83.65 in all. */
  const work = (id: string) => [
    ...timer(id, MIA, [
      ['started', 0],
      ['stopped', 60],
    ]),
    used(id, { itemName: 'Lobster clasp', quantity: 1, unitCostCents: 350 }),
    added(id, 0.31, 'au14y'),
  ];
  const cases: [string, number | undefined, JobCost['estimate']][] = [
    ['over', 8000, { estimateCents: 8000, differenceCents: 365, verdict: 'over' }],
    ['under', 10_000, { estimateCents: 10_000, differenceCents: -1635, verdict: 'under' }],
    ['on', 8365, { estimateCents: 8365, differenceCents: 0, verdict: 'on' }],
    ['no estimate', undefined, null],
  ];
  it.each(cases)('%s', (_name, estimateCents, expected) => {
    const job = jobOf(work, estimateCents === undefined ? {} : { estimateCents });
    const cost = jobCost(job, shop(), END);
    expect([cost.labourCents, cost.materialsCents, cost.metalCents, cost.totalCents]).toEqual([
      6000, 350, 2015, 8365,
    ]);
    expect(cost.complete).toBe(true);
    expect(cost.estimate).toEqual(expected);
  });

  it('costs a job with nothing recorded as 0, complete', () => {
    const cost = jobCost(
      jobOf(() => []),
      shop(),
      END,
    );
    expect(cost).toMatchObject({
      totalCents: 0,
      complete: true,
      labour: [],
      materials: [],
      metal: [],
    });
    expect(cost.estimate?.verdict).toBe('under');
  });

  it('is the same for the same events in any order of arrival', () => {
    const { jobId, opened } = openedEvent({ estimateCents: 9000 }, next());
    const events = [opened, ...work(jobId)];
    const forwards = foldJob(events);
    const backwards = foldJob(events.slice().reverse());
    if (!forwards || !backwards) throw new Error('no job');
    expect(jobCost(backwards, shop(), END)).toEqual(jobCost(forwards, shop(), END));
  });
});
