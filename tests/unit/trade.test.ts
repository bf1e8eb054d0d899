// Work sent to trade shops: visits paired in any order, days out and overdue (tables), and the
// operations over a real Dexie on fake-indexeddb, each refusal storing nothing.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  addStaff,
  applyEvents,
  BenchInputError,
  openJob,
  voidJob,
  type OpenJobInput,
} from '../../src/db';
import type { LoupeDB } from '../../src/db/LoupeDB';
import {
  returnFromTradeShop,
  sendToTradeShop,
  setTradeShop,
  type SendInput,
} from '../../src/db/tradeOperations';
import { jobsOutAtTradeShops } from '../../src/db/tradeQueries';
import { localDay } from '../../src/domain/dates';
import { newUlid } from '../../src/domain/ids';
import type { JobState, TradeReturnedEntry, TradeSentEntry } from '../../src/domain/job';
import { foldJob } from '../../src/domain/projection';
import {
  checkReturnDate,
  checkSendDates,
  daysLate,
  daysOut,
  isOverdue,
  openVisit,
  openVisits,
  outAtTradeShops,
  tradeVisits,
  type TradeVisit,
} from '../../src/domain/trade';
import type { TradeShopData } from '../../src/protocol/handoffs';
import { freshDatabases } from '../support/databases';
import { DEVICE_B, event, openedData, openedEvent, stampAt } from '../support/events';

// ---- Builders ----

const SHOP_A = newUlid();
const SHOP_B = newUlid();

function sent(minutes: number, overrides: Partial<TradeSentEntry> = {}): TradeSentEntry {
  return {
    by: 'staff-mia',
    at: stampAt(minutes),
    eventId: newUlid(),
    tradeShopId: SHOP_A,
    tradeShopName: 'Kovac Setting',
    work: 'Set the centre stone',
    takenBy: 'Ivan Kovac',
    sentDate: '2026-11-20',
    expectedBack: '2026-11-27',
    insuranceValueCents: 150_000,
    ...overrides,
  };
}

function returned(
  minutes: number,
  of: { eventId: string } | string,
  overrides: Partial<TradeReturnedEntry> = {},
): TradeReturnedEntry {
  return {
    by: 'staff-jo',
    at: stampAt(minutes),
    eventId: newUlid(),
    sentEventId: typeof of === 'string' ? of : of.eventId,
    returnedDate: '2026-11-26',
    condition: 'Stone set, prongs even',
    ...overrides,
  };
}

function lists(tradeSent: TradeSentEntry[], tradeReturned: TradeReturnedEntry[]) {
  return { tradeSent, tradeReturned };
}

/** Every ordering of a small list: the fold must not care which arrived first. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

function shape(visits: TradeVisit[]) {
  return visits.map((v) => ({
    sentEventId: v.sentEventId,
    sent: v.sent?.eventId ?? null,
    returned: v.returned?.eventId ?? null,
    also: v.alsoReturned.map((r) => r.eventId),
  }));
}

// ---- Domain ----

describe('tradeVisits', () => {
  const first = sent(1);
  const second = sent(10, { sentDate: '2026-11-28', expectedBack: '2026-12-05' });
  const back = returned(5, first);
  const backAgain = returned(6, first, { condition: 'As sent' });
  const stray = returned(7, newUlid(), { condition: 'Came back on its own' });

  it.each([
    ['nothing sent', [], [], []],
    ['sent, not back', [first], [], [{ sent: first, returned: null, also: [] }]],
    ['sent and back', [first], [back], [{ sent: first, returned: back, also: [] }]],
    [
      'back twice (two tablets offline): the first kept as the return, the other shown too',
      [first],
      [backAgain, back],
      [{ sent: first, returned: back, also: [backAgain] }],
    ],
    [
      'a return naming no known send is kept, after the sends',
      [first],
      [stray],
      [
        { sent: first, returned: null, also: [] },
        { sent: null, returned: stray, also: [] },
      ],
    ],
    [
      'two trips: the first back, the second out',
      [second, first],
      [back],
      [
        { sent: first, returned: back, also: [] },
        { sent: second, returned: null, also: [] },
      ],
    ],
  ])('%s', (_name, sends, returns, expected) => {
    const visits = tradeVisits(lists(sends, returns));
    expect(shape(visits)).toEqual(
      expected.map((v) => ({
        sentEventId: v.sent?.eventId ?? v.returned?.sentEventId,
        sent: v.sent?.eventId ?? null,
        returned: v.returned?.eventId ?? null,
        also: v.also.map((r) => r.eventId),
      })),
    );
  });

  it('pairs the same way in every arrival order', () => {
    const sends = [first, second];
    const returns = [back, backAgain, stray];
    const expected = shape(tradeVisits(lists(sends, returns)));
    for (const s of permutations(sends)) {
      for (const r of permutations(returns)) {
        expect(shape(tradeVisits(lists(s, r)))).toEqual(expected);
      }
    }
  });

  it('openVisit is the newest trip still out; openVisits keeps both when two tablets sent it', () => {
    const other = sent(3, { tradeShopId: SHOP_B, tradeShopName: 'Engraver Lund' });
    expect(openVisit(lists([first], [back]))).toBeNull();
    expect(openVisit(lists([first], []))?.sentEventId).toBe(first.eventId);
    expect(openVisits(lists([other, first], [])).map((v) => v.sentEventId)).toEqual([
      first.eventId,
      other.eventId,
    ]);
    expect(openVisit(lists([other, first], []))?.sentEventId).toBe(other.eventId);
    // A return naming nothing known is not "out".
    expect(openVisits(lists([], [stray]))).toEqual([]);
  });
});

describe('days out and overdue', () => {
  const trip = sent(1, { sentDate: '2026-11-20', expectedBack: '2026-11-27' });
  const visitOut: TradeVisit = {
    sentEventId: trip.eventId,
    sent: trip,
    returned: null,
    alsoReturned: [],
  };
  const backOn = (returnedDate: string): TradeVisit => ({
    ...visitOut,
    returned: returned(9, trip, { returnedDate }),
  });
  const orphan: TradeVisit = {
    sentEventId: 'x',
    sent: null,
    returned: returned(9, 'x'),
    alsoReturned: [],
  };

  it.each([
    // visit, today, days out, overdue, days late
    ['out, sent today', visitOut, '2026-11-20', 0, false, 0],
    ['out, three days', visitOut, '2026-11-23', 3, false, 0],
    ['out, due back today: not overdue yet', visitOut, '2026-11-27', 7, false, 0],
    ['out, a day past the expected return', visitOut, '2026-11-28', 8, true, 1],
    ['out, across a month end', visitOut, '2026-12-02', 12, true, 5],
    ['out, tablet date behind the send', visitOut, '2026-11-18', 0, false, 0],
    [
      'back on time: counted to the return, never overdue',
      backOn('2026-11-25'),
      '2026-12-30',
      5,
      false,
      0,
    ],
    [
      'back late: counted to the return, late two days',
      backOn('2026-11-29'),
      '2026-12-30',
      9,
      false,
      2,
    ],
    ['a return with no known send', orphan, '2026-11-23', null, false, 0],
  ])('%s', (_name, visit, today, days, overdue, late) => {
    expect(daysOut(visit, today)).toBe(days);
    expect(isOverdue(visit, today)).toBe(overdue);
    expect(daysLate(visit, today)).toBe(late);
  });
});

describe('date checks', () => {
  const today = '2026-11-23';
  it.each([
    ['2026-11-23', '2026-11-30', null],
    ['2026-11-20', '2026-11-20', null],
    [
      '2026-11-24',
      '2026-11-30',
      'The sent date Tue 24 Nov 2026 is after today: enter the day it went out.',
    ],
    [
      '2026-11-23',
      '2026-11-22',
      'The expected return is before the day it was sent (Mon 23 Nov 2026).',
    ],
    ['2026-02-30', '2026-11-30', 'Enter the day it was sent, like 2026-12-24.'],
    ['2026-11-23', '', 'Enter the day it is expected back, like 2026-12-24.'],
  ])('send %s → %s', (sentDate, expectedBack, message) => {
    const v = checkSendDates(sentDate, expectedBack, today);
    expect(v.ok ? null : v.message).toBe(message);
  });

  const trip = sent(1, { sentDate: '2026-11-20' });
  it.each([
    ['2026-11-20', null],
    ['2026-11-23', null],
    ['2026-11-19', 'It cannot come back before it was sent (Fri 20 Nov 2026).'],
    ['2026-11-24', 'The return date Tue 24 Nov 2026 is after today: enter the day it came back.'],
    ['yesterday', 'Enter the day it came back, like 2026-12-24.'],
  ])('return %s', (returnedDate, message) => {
    const v = checkReturnDate(trip, returnedDate, today);
    expect(v.ok ? null : v.message).toBe(message);
  });
});

describe('outAtTradeShops', () => {
  function jobWith(envelope: string, sends: TradeSentEntry[], returns: TradeReturnedEntry[] = []) {
    const { opened } = openedEvent({ envelope: { number: envelope, preprinted: false } });
    const job = foldJob([opened]) as JobState;
    return { ...job, tradeSent: sends, tradeReturned: returns };
  }
  const shops: TradeShopData[] = [
    { tradeShopId: SHOP_A, name: 'Kovac Setting (Main St)', kind: 'setter', active: true },
  ];

  it('groups open trips by trade shop, overdue first, with the insured total and the unvalued', () => {
    const today = '2026-11-30';
    const onTime = jobWith('K7-0001', [sent(1, { expectedBack: '2026-12-04' })]);
    const late = jobWith('K7-0002', [sent(2, { expectedBack: '2026-11-27' })]);
    const unvalued = jobWith('K7-0003', [
      sent(3, { expectedBack: '2026-12-10', insuranceValueCents: undefined }),
    ]);
    const back = sent(4, { tradeShopId: SHOP_B, tradeShopName: 'Engraver Lund' });
    const done = jobWith('K7-0004', [back], [returned(5, back)]);
    const atLund = jobWith('K7-0005', [
      sent(6, {
        tradeShopId: SHOP_B,
        tradeShopName: 'Engraver Lund',
        expectedBack: '2026-12-01',
        insuranceValueCents: 2_500,
      }),
    ]);

    const groups = outAtTradeShops([onTime, done, unvalued, atLund, late], shops, today);
    expect(
      groups.map((g) => ({
        name: g.name,
        envelopes: g.pieces.map((p) => p.job.envelopeNumber),
        overdue: g.overdue,
        insuredCents: g.insuredCents,
        unvalued: g.unvalued,
      })),
    ).toEqual([
      // Renamed since: the registry's name now; the one with an overdue piece comes first.
      {
        name: 'Kovac Setting (Main St)',
        envelopes: ['K7-0002', 'K7-0001', 'K7-0003'],
        overdue: 1,
        insuredCents: 300_000,
        unvalued: 1,
      },
      // Not in the registry here: named as it was when sent.
      {
        name: 'Engraver Lund',
        envelopes: ['K7-0005'],
        overdue: 0,
        insuredCents: 2_500,
        unvalued: 0,
      },
    ]);
    expect(groups[0]?.pieces[0]).toMatchObject({ daysOut: 10, overdue: true, daysLate: 3 });
  });

  it('is empty when nothing is out', () => {
    expect(outAtTradeShops([jobWith('K7-0009', [])], shops, '2026-11-30')).toEqual([]);
  });
});

// ---- Operations ----

// Noon UTC: the same calendar day in every time zone the tests may run in, near enough.
const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const TODAY = localDay(new Date(NOW));
const freshDb = freshDatabases('loupe-trade', { wallClock: () => NOW });

function intake(overrides: Partial<OpenJobInput> = {}): OpenJobInput {
  const { envelope: _e, services: _s, ...rest } = openedData();
  return {
    ...rest,
    services: [{ kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } }],
    insuranceValueCents: 150_000,
    ...overrides,
  };
}

interface Shop {
  db: LoupeDB;
  mia: string;
  jo: string;
  kovac: string;
  jobId: string;
}

async function shopWithJob(overrides: Partial<OpenJobInput> = {}): Promise<Shop> {
  const db = freshDb();
  const mia = (await addStaff(db, { name: 'Mia Berg', role: 'jeweler', pin: '1234' }, null)).id;
  const jo = (await addStaff(db, { name: 'Jo Smith', role: 'jeweler', pin: '5678' }, mia)).id;
  const kovac = await setTradeShop(
    db,
    { name: 'Kovac Setting', kind: 'setter', phone: '+46 8 123 45', active: true },
    mia,
  );
  const { jobId } = await openJob(db, intake(overrides), mia);
  return { db, mia, jo, kovac, jobId };
}

function sendInput(s: Shop, overrides: Partial<SendInput> = {}): SendInput {
  return {
    jobId: s.jobId,
    tradeShopId: s.kovac,
    work: 'Set the centre stone',
    takenBy: 'Ivan Kovac',
    sentDate: TODAY,
    expectedBack: TODAY,
    ...overrides,
  };
}

async function snapshot(db: LoupeDB) {
  return {
    events: await db.events.toArray(),
    outbox: await db.outbox.toArray(),
    jobs: await db.jobs.toArray(),
    shop: await db.shop.toArray(),
  };
}

async function expectRefused(db: LoupeDB, work: () => Promise<unknown>, message: string | RegExp) {
  const before = await snapshot(db);
  const err = await work().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BenchInputError);
  expect((err as Error).message).toMatch(message);
  expect(await snapshot(db)).toEqual(before);
}

async function jobOf(db: LoupeDB, jobId: string): Promise<JobState> {
  const job = await db.jobs.get(jobId);
  if (!job) throw new Error(`no job ${jobId}`);
  return job;
}

describe('setTradeShop', () => {
  it('adds, renames and retires a trade shop on the shop stream, last writer wins', async () => {
    const { db, mia, kovac } = await shopWithJob();
    const engraver = await setTradeShop(
      db,
      { name: ' Lund Engraving ', kind: 'engraver', phone: ' ', active: true },
      mia,
    );
    await setTradeShop(
      db,
      { tradeShopId: kovac, name: 'Kovac & Sons', kind: 'setter', active: true },
      mia,
    );
    await setTradeShop(
      db,
      { tradeShopId: engraver, name: 'Lund Engraving', kind: 'engraver', active: false },
      mia,
    );
    const shop = (await db.shop.toArray())[0];
    expect(shop?.tradeShops).toEqual([
      { tradeShopId: kovac, name: 'Kovac & Sons', kind: 'setter', active: true },
      { tradeShopId: engraver, name: 'Lund Engraving', kind: 'engraver', active: false },
    ]);
    const types = (await db.events.where('jobId').equals('shop').toArray()).map((e) => e.type);
    expect(types.filter((t) => t === 'trade.shop_set')).toHaveLength(4);
  });

  it.each([
    [{ name: '   ', kind: 'setter' as const, active: true }, 'Enter the name of the trade shop.'],
    [
      { name: 'kovac setting', kind: 'setter' as const, active: true },
      'Kovac Setting is already on the list.',
    ],
    [
      { tradeShopId: newUlid(), name: 'Gone', kind: 'other' as const, active: true },
      'This tablet has no such trade shop: add it instead.',
    ],
  ])('refuses %o, storing nothing', async (input, message) => {
    const { db, mia } = await shopWithJob();
    const before = await snapshot(db);
    await expect(setTradeShop(db, input, mia)).rejects.toThrow(message);
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('sendToTradeShop', () => {
  it('records the trip and the custody move to the trade shop together, with the job’s insurance value', async () => {
    const s = await shopWithJob();
    const events = await sendToTradeShop(s.db, sendInput(s, { note: ' Rush ' }), s.mia);
    expect(events.map((e) => e.type)).toEqual(['trade.sent', 'custody.moved']);
    expect(events[0]?.data).toEqual({
      tradeShopId: s.kovac,
      tradeShopName: 'Kovac Setting',
      work: 'Set the centre stone',
      takenBy: 'Ivan Kovac',
      sentDate: TODAY,
      expectedBack: TODAY,
      insuranceValueCents: 150_000,
      note: 'Rush',
    });
    expect(events[1]?.data).toEqual({
      to: { kind: 'place', id: `trade:${s.kovac}`, label: 'Kovac Setting' },
      note: 'Taken by Ivan Kovac',
    });
    const job = await jobOf(s.db, s.jobId);
    expect(openVisit(job)?.sentEventId).toBe(events[0]?.id);
    expect(job.custody.at(-1)?.to.id).toBe(`trade:${s.kovac}`);
    // Both wait for the server together.
    expect((await s.db.outbox.toArray()).map((r) => r.eventId)).toEqual(
      expect.arrayContaining(events.map((e) => e.id)),
    );
  });

  it.each([
    ['a typed value', { insuranceValueCents: 99_00 }, {}, 99_00],
    [
      'the stated value when the job has no insurance value',
      {},
      { insuranceValueCents: undefined, statedValueCents: 80_000 },
      80_000,
    ],
    ['none when the job has neither', {}, { insuranceValueCents: undefined }, undefined],
  ] satisfies [string, Partial<SendInput>, Partial<OpenJobInput>, number | undefined][])(
    'carries %s',
    async (_name, input, job, cents) => {
      // The intake form always asks for an insurance value; a job from an older intake may have none.
      const s = await shopWithJob(job);
      const [trip] = await sendToTradeShop(s.db, sendInput(s, input), s.mia);
      expect((trip?.data as { insuranceValueCents?: number }).insuranceValueCents).toBe(cents);
    },
  );

  it('refuses a piece already out, until it is recorded back', async () => {
    const s = await shopWithJob();
    const [trip] = await sendToTradeShop(s.db, sendInput(s), s.mia);
    await expectRefused(
      s.db,
      () => sendToTradeShop(s.db, sendInput(s), s.mia),
      'This piece is already out at Kovac Setting: record it back before sending it again.',
    );
    await returnFromTradeShop(
      s.db,
      { jobId: s.jobId, sentEventId: trip?.id ?? '', returnedDate: TODAY, condition: 'Fine' },
      s.jo,
    );
    await expect(sendToTradeShop(s.db, sendInput(s), s.mia)).resolves.toHaveLength(2);
  });

  it('refuses a voided job, an unknown or retired trade shop, bad dates and blank words, storing nothing', async () => {
    const s = await shopWithJob();
    await setTradeShop(s.db, { name: 'Old Plater', kind: 'plater', active: false }, s.mia);
    const retired = (await s.db.shop.toArray())[0]?.tradeShops.find((t) => !t.active)?.tradeShopId;
    const cases: [Partial<SendInput>, string | RegExp][] = [
      [{ tradeShopId: newUlid() }, 'Choose a trade shop from the list (Settings → Trade shops).'],
      [
        { tradeShopId: retired ?? '' },
        'Old Plater is retired: bring it back in Settings to send work there.',
      ],
      [{ sentDate: '2026-11-31' }, 'Enter the day it was sent, like 2026-12-24.'],
      [{ sentDate: '2026-11-24', expectedBack: '2026-12-01' }, /is after today/],
      [{ expectedBack: '2026-11-22' }, /^The expected return is before the day it was sent/],
    ];
    for (const [input, message] of cases) {
      await expectRefused(s.db, () => sendToTradeShop(s.db, sendInput(s, input), s.mia), message);
    }
    // Blank words fail the event's own schema, with its words, and store nothing either.
    const before = await snapshot(s.db);
    await expect(sendToTradeShop(s.db, sendInput(s, { work: '  ' }), s.mia)).rejects.toThrow(
      'Enter the work asked of the trade shop.',
    );
    await expect(sendToTradeShop(s.db, sendInput(s, { takenBy: '' }), s.mia)).rejects.toThrow(
      'Enter the name of who took the piece.',
    );
    expect(await snapshot(s.db)).toEqual(before);

    await voidJob(s.db, { jobId: s.jobId, reason: 'Opened twice' }, s.mia);
    await expectRefused(
      s.db,
      () => sendToTradeShop(s.db, sendInput(s), s.mia),
      'This job was voided: nothing more goes out on it.',
    );
  });

  it('refuses a collected job', async () => {
    const s = await shopWithJob();
    // Collected on another tablet and synced here (stamped after the job was opened at NOW).
    const collected = event(
      s.jobId,
      'status.changed',
      { status: 'collected', signatureSha256: 'c'.repeat(64) },
      stampAt(240, DEVICE_B),
    );
    await applyEvents(s.db, [collected], { local: false });
    expect((await jobOf(s.db, s.jobId)).status).toBe('collected');
    await expectRefused(
      s.db,
      () => sendToTradeShop(s.db, sendInput(s), s.mia),
      'This job was collected: the piece went home with the customer.',
    );
  });
});

describe('returnFromTradeShop', () => {
  it('records the return, custody to the receiver and a check weighing naming the trade shop', async () => {
    const s = await shopWithJob();
    const [trip] = await sendToTradeShop(s.db, sendInput(s), s.mia);
    const events = await returnFromTradeShop(
      s.db,
      {
        jobId: s.jobId,
        sentEventId: trip?.id ?? '',
        returnedDate: TODAY,
        condition: ' Stone set, prongs even ',
        weightG: 3.44,
      },
      s.jo,
    );
    expect(events.map((e) => [e.type, e.data])).toEqual([
      [
        'trade.returned',
        {
          sentEventId: trip?.id,
          returnedDate: TODAY,
          condition: 'Stone set, prongs even',
          weightG: 3.44,
        },
      ],
      [
        'custody.moved',
        { to: { kind: 'staff', id: s.jo, label: 'Jo Smith' }, note: 'Back from Kovac Setting' },
      ],
      ['weight.logged', { kind: 'check', grams: 3.44, note: 'Weighed back from Kovac Setting' }],
    ]);
    const job = await jobOf(s.db, s.jobId);
    expect(openVisit(job)).toBeNull();
    expect(job.custody.at(-1)?.to).toEqual({ kind: 'staff', id: s.jo, label: 'Jo Smith' });
  });

  it('records no weighing when none was given', async () => {
    const s = await shopWithJob();
    const [trip] = await sendToTradeShop(s.db, sendInput(s), s.mia);
    const events = await returnFromTradeShop(
      s.db,
      { jobId: s.jobId, sentEventId: trip?.id ?? '', returnedDate: TODAY, condition: 'As sent' },
      s.mia,
    );
    expect(events.map((e) => e.type)).toEqual(['trade.returned', 'custody.moved']);
  });

  it('refuses a trip already back, an unknown trip, a bad date or no condition, storing nothing', async () => {
    const s = await shopWithJob();
    const [trip] = await sendToTradeShop(s.db, sendInput(s), s.mia);
    const sentEventId = trip?.id ?? '';
    const back = { jobId: s.jobId, sentEventId, returnedDate: TODAY, condition: 'Fine' };
    await expectRefused(
      s.db,
      () => returnFromTradeShop(s.db, { ...back, sentEventId: newUlid() }, s.jo),
      'This tablet has no such trip out on this job.',
    );
    await expectRefused(
      s.db,
      () => returnFromTradeShop(s.db, { ...back, returnedDate: '2026-11-22' }, s.jo),
      /^It cannot come back before it was sent/,
    );
    await expectRefused(
      s.db,
      () => returnFromTradeShop(s.db, back, 'staff-nobody'),
      'Sign in first: the person receiving the piece signs for it.',
    );
    const before = await snapshot(s.db);
    await expect(returnFromTradeShop(s.db, { ...back, condition: ' ' }, s.jo)).rejects.toThrow(
      'Enter the condition it came back in.',
    );
    expect(await snapshot(s.db)).toEqual(before);

    await returnFromTradeShop(s.db, back, s.jo);
    await expectRefused(
      s.db,
      () => returnFromTradeShop(s.db, back, s.jo),
      'This piece was already recorded back from Kovac Setting.',
    );
  });
});

describe('jobsOutAtTradeShops', () => {
  it('finds live jobs with a trip still out, and drops them once back or voided', async () => {
    const s = await shopWithJob();
    await openJob(s.db, intake(), s.mia); // never sent out: not listed
    const { jobId: voided } = await openJob(s.db, intake(), s.mia);
    expect(await jobsOutAtTradeShops(s.db)).toEqual([]);
    const [trip] = await sendToTradeShop(s.db, sendInput(s), s.mia);
    await sendToTradeShop(s.db, sendInput(s, { jobId: voided }), s.mia);
    await voidJob(s.db, { jobId: voided, reason: 'Opened twice' }, s.mia);
    expect((await jobsOutAtTradeShops(s.db)).map((j) => j.id)).toEqual([s.jobId]);
    await returnFromTradeShop(
      s.db,
      { jobId: s.jobId, sentEventId: trip?.id ?? '', returnedDate: TODAY, condition: 'Fine' },
      s.jo,
    );
    expect(await jobsOutAtTradeShops(s.db)).toEqual([]);
  });
});
