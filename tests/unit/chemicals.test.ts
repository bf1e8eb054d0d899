// The rhodium bath log and the chemical waste log: the folds (tables, and the same row for any
// arrival order), a bath's age and use across replenishments, waste corrections, and the operations
// over a real Dexie on fake-indexeddb — a plate step's tick and its plating stored together or not at all.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventsOfStream, openJob, setStep, type OpenJobInput } from '../../src/db';
import {
  correctWaste,
  logWaste,
  makeBath,
  replenishBath,
  retireBath,
} from '../../src/db/chemicalOperations';
import { getWasteLog, listActiveBaths, platingsOfService } from '../../src/db/chemicalQueries';
import type { LoupeDB } from '../../src/db/LoupeDB';
import { BATH_PROJECTION, type BathState } from '../../src/domain/chemicals/bathState';
import {
  activeBaths,
  bathUse,
  defaultBath,
  isMade,
  platedAfterRetirement,
  type MadeBath,
} from '../../src/domain/chemicals/bathUse';
import { checkMadeDate } from '../../src/domain/chemicals/checks';
import { isRhodiumPlateStep, platingFromValues } from '../../src/domain/chemicals/plating';
import { wasteLines, wasteTotals } from '../../src/domain/chemicals/wasteLog';
import { WASTE_PROJECTION, type WasteState } from '../../src/domain/chemicals/wasteState';
import { localDay } from '../../src/domain/dates';
import { newUlid } from '../../src/domain/ids';
import type { EventData, EventType, StoredEvent } from '../../src/protocol/events';
import { WASTE_STREAM_ID } from '../../src/protocol/streams';
import { freshDatabases, refusal } from '../support/databases';
import { DEVICE_B, event, openedData, stampAt, T0 } from '../support/events';

// ---- Builders ----

const JOB = newUlid();
const SERVICE = newUlid();

function bathEvent<T extends EventType>(
  bathId: string,
  minutes: number,
  type: T,
  data: EventData<T>,
  device?: string,
): StoredEvent {
  return event(bathId, type, data, stampAt(minutes, device));
}

function made(bathId: string, minutes: number, over: Partial<EventData<'bath.made'>> = {}) {
  return bathEvent(bathId, minutes, 'bath.made', {
    name: 'Bath 1',
    madeDate: '2026-11-02',
    rhodiumG: 2,
    volumeMl: 1000,
    ...over,
  });
}

function plated(bathId: string, minutes: number, seconds: number, volts = 4.2, device?: string) {
  return bathEvent(
    bathId,
    minutes,
    'bath.plated',
    { jobId: JOB, serviceId: SERVICE, seconds, volts, tempC: 45 },
    device,
  );
}

function replenished(bathId: string, minutes: number, rhodiumG: number, volumeMl?: number) {
  return bathEvent(bathId, minutes, 'bath.replenished', {
    rhodiumG,
    ...(volumeMl === undefined ? {} : { volumeMl }),
  });
}

function retired(bathId: string, minutes: number, reason = 'Spent', device?: string) {
  return bathEvent(bathId, minutes, 'bath.retired', { reason }, device);
}

function foldBath(events: readonly StoredEvent[]): MadeBath {
  const state = BATH_PROJECTION.fold(events);
  if (!state || !isMade(state)) throw new Error('expected a made bath');
  return state;
}

// ---- The bath fold and its use ----

describe('a bath’s age and use', () => {
  const B = newUlid();
  const base = [made(B, 0), plated(B, 10, 25), plated(B, 20, 30)];

  it.each([
    {
      name: 'never replenished: since-replenished is since made',
      events: base,
      today: '2026-11-23',
      want: {
        ageDays: 21,
        rhodiumG: 2,
        volumeMl: 1000,
        sinceMade: { platings: 2, seconds: 55 },
        sinceReplenished: { platings: 2, seconds: 55 },
      },
    },
    {
      name: 'replenished once, one plating after',
      events: [...base, replenished(B, 30, 0.5, 200), plated(B, 40, 20)],
      today: '2026-11-23',
      want: {
        ageDays: 21,
        rhodiumG: 2.5,
        volumeMl: 1200,
        sinceMade: { platings: 3, seconds: 75 },
        sinceReplenished: { platings: 1, seconds: 20 },
      },
    },
    {
      name: 'replenished twice: counted from the last',
      events: [
        ...base,
        replenished(B, 30, 0.1),
        plated(B, 40, 20),
        replenished(B, 50, 0.2),
        plated(B, 60, 12.5),
        plated(B, 70, 12.5),
      ],
      today: '2026-11-03',
      want: {
        ageDays: 1,
        // 2 + 0.1 + 0.2 in floating point is 2.3000000000000003: counted in milligrams.
        rhodiumG: 2.3,
        volumeMl: 1000,
        sinceMade: { platings: 5, seconds: 100 },
        sinceReplenished: { platings: 2, seconds: 25 },
      },
    },
    {
      name: 'replenished, nothing plated since',
      events: [...base, replenished(B, 30, 1)],
      today: '2026-11-02',
      want: {
        ageDays: 0,
        rhodiumG: 3,
        volumeMl: 1000,
        sinceMade: { platings: 2, seconds: 55 },
        sinceReplenished: { platings: 0, seconds: 0 },
      },
    },
    {
      name: 'made "after today" on another tablet’s clock: 0 days, never negative',
      events: [made(B, 0, { madeDate: '2026-12-01' })],
      today: '2026-11-23',
      want: {
        ageDays: 0,
        rhodiumG: 2,
        volumeMl: 1000,
        sinceMade: { platings: 0, seconds: 0 },
        sinceReplenished: { platings: 0, seconds: 0 },
      },
    },
  ])('$name', ({ events, today, want }) => {
    expect(bathUse(foldBath(events), today)).toMatchObject(want);
  });

  it('stops ageing on the day it was retired', () => {
    // stampAt(0) is 2026-11-23 09:00 UTC; a day later in minutes.
    const bath = foldBath([...base, retired(B, 24 * 60)]);
    const retiredDay = localDay(new Date(T0 + 24 * 60 * 60_000));
    expect(bathUse(bath, '2027-01-31').ageDays).toBe(
      (Date.parse(retiredDay) - Date.parse('2026-11-02')) / 86_400_000,
    );
  });

  it('keeps the first bath.made and the first retirement by stamp; later ones are skipped', () => {
    const bath = foldBath([
      made(B, 5, { name: 'Second' }),
      made(B, 0, { name: 'First' }),
      retired(B, 30, 'Contaminated'),
      retired(B, 40, 'Spent'),
    ]);
    expect(bath.made.name).toBe('First');
    expect(bath.retired?.reason).toBe('Contaminated');
    expect(bath.skipped).toEqual({ count: 2, types: ['bath.made', 'bath.retired'] });
  });

  it('keeps a plating recorded after retirement, flagged, and counts it', () => {
    const late = plated(B, 50, 30, 4, DEVICE_B);
    const bath = foldBath([...base, retired(B, 40), late]);
    const last = bath.platings.at(-1);
    expect(last?.eventId).toBe(late.id);
    expect(last && platedAfterRetirement(bath, last)).toBe(true);
    expect(bath.platings.slice(0, 2).map((p) => platedAfterRetirement(bath, p))).toEqual([
      false,
      false,
    ]);
    expect(bathUse(bath, '2026-11-30').sinceMade.platings).toBe(3);
  });

  it('holds platings that come before the bath.made has (only platings synced): not listed', () => {
    const state = BATH_PROJECTION.fold([plated(B, 10, 25)]);
    expect(state?.made).toBeNull();
    expect(state?.platings).toHaveLength(1);
    expect(activeBaths(state ? [state] : [])).toEqual([]);
  });
});

describe('the bath a plate step offers', () => {
  const [A, B, C, D] = [newUlid(), newUlid(), newUlid(), newUlid()];
  const baths = [
    foldBath([made(A, 0, { name: 'A', madeDate: '2026-11-01' })]),
    foldBath([made(B, 0, { name: 'B', madeDate: '2026-11-10' })]),
    foldBath([made(C, 5, { name: 'C', madeDate: '2026-11-20' }), retired(C, 6)]),
    // Made up the same day as B, recorded later: the newer.
    foldBath([made(D, 9, { name: 'D', madeDate: '2026-11-10' })]),
  ];

  it('is the most recently made active one; retired ones are never offered', () => {
    expect(activeBaths(baths).map((b) => b.made.name)).toEqual(['D', 'B', 'A']);
    expect(defaultBath(baths)?.made.name).toBe('D');
  });

  it('is none when every bath is retired', () => {
    expect(defaultBath([baths[2] as BathState])).toBeNull();
  });
});

describe('the plate step’s values', () => {
  it.each([
    [
      { rhodium_seconds: 25, rhodium_volts: 4.2, bath_temp_c: 45 },
      { seconds: 25, volts: 4.2, tempC: 45 },
    ],
    [
      { rhodium_seconds: 25, rhodium_volts: 0.8 },
      { seconds: 25, volts: 0.8 },
    ],
    [{ rhodium_volts: 4 }, 'Enter the plating time to record it in the bath.'],
    [
      { rhodium_seconds: 25, rhodium_volts: '4' },
      'Enter the plating voltage to record it in the bath.',
    ],
  ])('%o → %o', (values, want) => {
    expect(platingFromValues(values)).toEqual(want);
  });

  it('is only the rhodium plating service’s "rhodium" step', () => {
    expect(isRhodiumPlateStep('rhodium_plating', 'rhodium')).toBe(true);
    expect(isRhodiumPlateStep('rhodium_plating', 'electroclean')).toBe(false);
    expect(isRhodiumPlateStep('polishing', 'rhodium')).toBe(false);
  });

  it.each([
    ['2026-11-23', '2026-11-23', true],
    ['2026-11-22', '2026-11-23', true],
    ['2026-11-24', '2026-11-23', false],
    ['2026-02-30', '2026-11-23', false],
  ])('a bath made %s, today %s: allowed %s', (day, today, ok) => {
    expect(checkMadeDate(day, today).ok).toBe(ok);
  });
});

// ---- The waste fold ----

function logged(minutes: number, over: Partial<EventData<'waste.logged'>> = {}, device?: string) {
  return event(
    WASTE_STREAM_ID,
    'waste.logged',
    {
      entryId: newUlid(),
      what: 'Spent rhodium solution',
      amount: 1.5,
      unit: 'l',
      where: 'Waste drum 2',
      ...over,
    },
    stampAt(minutes, device),
  );
}

function corrected(minutes: number, entryId: string, reason = 'Logged twice', device?: string) {
  return event(WASTE_STREAM_ID, 'waste.corrected', { entryId, reason }, stampAt(minutes, device));
}

function entryIdOf(e: StoredEvent): string {
  return (e.data as { entryId: string }).entryId;
}

function foldWaste(events: readonly StoredEvent[]): WasteState {
  const state = WASTE_PROJECTION.fold(events);
  if (!state) throw new Error('expected the waste log');
  return state;
}

describe('the waste log', () => {
  it('lists newest first, an entry marked wrong kept with its correction', () => {
    const first = logged(0);
    const second = logged(10, {
      what: 'Old pickle',
      amount: 500,
      unit: 'ml',
      where: 'Neutralised',
    });
    const log = foldWaste([first, second, corrected(20, entryIdOf(first))]);
    const lines = wasteLines(log);
    expect(lines.map((l) => [l.entry.what, l.correction?.reason ?? null])).toEqual([
      ['Old pickle', null],
      ['Spent rhodium solution', 'Logged twice'],
    ]);
    expect(lines[1]?.entry.where).toBe('Waste drum 2');
  });

  it('marks an entry whose correction sorts before it (a tablet’s clock behind)', () => {
    const entry = logged(30);
    const log = foldWaste([corrected(5, entryIdOf(entry), 'Wrong drum', DEVICE_B), entry]);
    expect(wasteLines(log)[0]?.correction?.reason).toBe('Wrong drum');
  });

  it('shows the first of two corrections by stamp; both are kept', () => {
    const entry = logged(0);
    const log = foldWaste([
      corrected(20, entryIdOf(entry), 'Second', DEVICE_B),
      corrected(10, entryIdOf(entry), 'First'),
      entry,
    ]);
    expect(wasteLines(log)[0]?.correction?.reason).toBe('First');
    expect(log.corrections[entryIdOf(entry)]?.map((c) => c.reason)).toEqual(['First', 'Second']);
  });

  it('keeps a second entry of one id out of the list (skipped, in the history)', () => {
    const entry = logged(0);
    const copy = logged(5, { entryId: entryIdOf(entry), amount: 99 });
    const log = foldWaste([entry, copy]);
    expect(log.entries.map((e) => e.amount)).toEqual([1.5]);
    expect(log.skipped.count).toBe(1);
  });

  it('totals what went per kind and measure, leaving out entries marked wrong', () => {
    const wrong = logged(0, { amount: 9 });
    const log = foldWaste([
      wrong,
      logged(1, { amount: 1.5, unit: 'l' }),
      logged(2, { what: 'spent  rhodium solution', amount: 250, unit: 'ml' }),
      logged(3, { what: 'Polishing sludge', amount: 0.2, unit: 'kg' }),
      logged(4, { what: 'Polishing sludge', amount: 0.1, unit: 'kg' }),
      corrected(5, entryIdOf(wrong)),
    ]);
    expect(wasteTotals(log)).toEqual([
      { what: 'Polishing sludge', unit: 'g', amount: 300 },
      { what: 'spent rhodium solution', unit: 'ml', amount: 1750 },
    ]);
  });
});

// ---- Convergence: the same row for the same events in any arrival order ----

describe('convergence', () => {
  const B = newUlid();
  const DEVICES = ['aaaaaaaaaaaaaaaa', DEVICE_B, 'cccccccccccccccc'];
  const bathOp = fc.record({
    kind: fc.constantFrom('made', 'plated', 'replenished', 'retired'),
    minute: fc.integer({ min: 0, max: 40 }),
    device: fc.constantFrom(...DEVICES),
    n: fc.integer({ min: 1, max: 60 }),
  });

  function bathEventOf(op: { kind: string; minute: number; device: string; n: number }) {
    switch (op.kind) {
      case 'made':
        return bathEvent(
          B,
          op.minute,
          'bath.made',
          {
            name: `Bath ${op.n}`,
            madeDate: '2026-11-02',
            rhodiumG: op.n / 10,
            volumeMl: 1000,
          },
          op.device,
        );
      case 'plated':
        return plated(B, op.minute, op.n, op.n / 10, op.device);
      case 'replenished':
        return bathEvent(B, op.minute, 'bath.replenished', { rhodiumG: op.n / 100 }, op.device);
      default:
        return retired(B, op.minute, `Reason ${op.n}`, op.device);
    }
  }

  it('folds a bath alike in any order, and extends in order to the same row', () => {
    fc.assert(
      fc.property(
        fc.array(bathOp, { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 0, max: 14 }),
        fc.func(fc.integer()),
        (ops, cut, rank) => {
          const events = ops.map(bathEventOf);
          const whole = BATH_PROJECTION.fold(events);
          const shuffled = [...events].sort((a, b) => rank(a.id) - rank(b.id));
          expect(BATH_PROJECTION.fold(shuffled)).toEqual(whole);
          const sorted = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
          const head = BATH_PROJECTION.fold(sorted.slice(0, Math.max(1, cut)));
          const rest = sorted.slice(Math.max(1, cut));
          if (head) expect(BATH_PROJECTION.extend(head, rest)).toEqual(whole);
          if (whole?.made)
            expect(bathUse(whole as MadeBath, '2026-11-23')).toEqual(
              bathUse(BATH_PROJECTION.fold(shuffled) as MadeBath, '2026-11-23'),
            );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('folds the waste log alike in any order', () => {
    const ids = [newUlid(), newUlid(), newUlid()];
    const wasteOp = fc.record({
      kind: fc.constantFrom('logged', 'corrected'),
      entry: fc.integer({ min: 0, max: 2 }),
      minute: fc.integer({ min: 0, max: 40 }),
      device: fc.constantFrom(...DEVICES),
      n: fc.integer({ min: 1, max: 99 }),
    });
    fc.assert(
      fc.property(
        fc.array(wasteOp, { minLength: 1, maxLength: 14 }),
        fc.func(fc.integer()),
        (ops, rank) => {
          const events = ops.map((op) => {
            const entryId = ids[op.entry] ?? '';
            return op.kind === 'logged'
              ? logged(op.minute, { entryId, amount: op.n }, op.device)
              : corrected(op.minute, entryId, `Reason ${op.n}`, op.device);
          });
          const whole = foldWaste(events);
          const shuffled = foldWaste([...events].sort((a, b) => rank(a.id) - rank(b.id)));
          expect(shuffled).toEqual(whole);
          expect(wasteLines(shuffled)).toEqual(wasteLines(whole));
          expect(wasteTotals(shuffled)).toEqual(wasteTotals(whole));
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ---- The operations ----

const freshDb = freshDatabases('loupe-chemicals', { wallClock: () => T0 });
const TODAY = localDay(new Date(T0));
const MIA = 'staff-mia';
const PLATE = { rhodium_seconds: 25, rhodium_volts: 4.2, bath_temp_c: 45 };

function platingIntake(): OpenJobInput {
  const { envelope: _e, services: _s, ...rest } = openedData();
  return {
    ...rest,
    services: [{ kind: 'rhodium_plating', details: { plated_area: 'whole_piece' } }],
  };
}

async function platingJob(db: LoupeDB): Promise<{ jobId: string; serviceId: string }> {
  const { jobId } = await openJob(db, platingIntake(), MIA);
  const serviceId = (await db.jobs.get(jobId))?.services[0]?.id ?? '';
  return { jobId, serviceId };
}

function newBath(db: LoupeDB, name = 'Bath 1'): Promise<string> {
  return makeBath(db, { name, madeDate: TODAY, rhodiumG: 2, volumeMl: 1000 }, MIA);
}

async function stored(db: LoupeDB) {
  return {
    events: (await db.events.toArray()).map((e) => e.id).sort(),
    outbox: await db.outbox.count(),
    baths: await db.baths.toArray(),
    jobs: await db.jobs.toArray(),
    waste: await db.waste.toArray(),
  };
}

describe('the plate step records its plating in the bath', () => {
  it('stores the step and the plating together, the plating with the step’s values', async () => {
    const db = freshDb();
    const bathId = await newBath(db);
    const { jobId, serviceId } = await platingJob(db);
    const before = await db.outbox.count();
    await setStep(
      db,
      { jobId, serviceId, stepId: 'rhodium', done: true, values: PLATE, bathId },
      MIA,
    );

    const step = (await db.jobs.get(jobId))?.services[0]?.steps.rhodium;
    expect(step).toMatchObject({ done: true, values: PLATE, by: MIA });
    const bath = await db.baths.get(bathId);
    expect(bath?.platings).toEqual([
      expect.objectContaining({ jobId, serviceId, seconds: 25, volts: 4.2, tempC: 45, by: MIA }),
    ]);
    // Both queued for the server, the plating on the bath's own stream.
    expect(await db.outbox.count()).toBe(before + 2);
    expect((await eventsOfStream(db, bathId)).map((e) => e.type)).toEqual([
      'bath.made',
      'bath.plated',
    ]);
    expect((await platingsOfService(db, jobId, serviceId)).map((p) => p.bath.id)).toEqual([bathId]);
  });

  it('records only the step without a bath (no bath in the log)', async () => {
    const db = freshDb();
    const { jobId, serviceId } = await platingJob(db);
    await setStep(db, { jobId, serviceId, stepId: 'rhodium', done: true, values: PLATE }, MIA);
    expect((await db.jobs.get(jobId))?.services[0]?.steps.rhodium?.done).toBe(true);
    expect(await db.baths.count()).toBe(0);
  });

  it.each([
    {
      name: 'a retired bath',
      setUp: async (db: LoupeDB) => {
        const bathId = await newBath(db);
        await retireBath(db, { bathId, reason: 'Contaminated' }, MIA);
        return { bathId };
      },
      message: 'Bath 1 was retired (Contaminated): choose another bath, or make a new one.',
    },
    {
      name: 'an unknown bath',
      setUp: () => Promise.resolve({ bathId: newUlid() }),
      message: /^This tablet has no bath [0-9A-Z]{26} in the bath log\.$/,
    },
    {
      name: 'a step that is not the plate',
      setUp: async (db: LoupeDB) => ({ bathId: await newBath(db), stepId: 'electroclean' }),
      message: 'Only the rhodium plate step is recorded in a bath.',
    },
    {
      name: 'an untick',
      setUp: async (db: LoupeDB) => ({ bathId: await newBath(db), done: false }),
      message: 'A plating goes in the bath log when the step is ticked done.',
    },
    {
      name: 'a value missing (the step’s own check)',
      setUp: async (db: LoupeDB) => ({
        bathId: await newBath(db),
        values: { rhodium_volts: 4.2, bath_temp_c: 45 },
      }),
      message: /Plating time/,
    },
  ])('refuses $name, storing neither the step nor the plating', async ({ setUp, message }) => {
    const db = freshDb();
    const { jobId, serviceId } = await platingJob(db);
    const given: { bathId: string; stepId?: string; done?: boolean; values?: object } =
      await setUp(db);
    const electroclean = {
      electroclean_temp_c: 49,
      electroclean_volts: 5,
      electroclean_seconds: 30,
    };
    const before = await stored(db);
    const said = await refusal(
      setStep(
        db,
        {
          jobId,
          serviceId,
          stepId: given.stepId ?? 'rhodium',
          done: given.done ?? true,
          values: (given.values ??
            (given.stepId === 'electroclean' ? electroclean : PLATE)) as typeof PLATE,
          bathId: given.bathId,
        },
        MIA,
      ),
    );
    if (typeof message === 'string') expect(said).toBe(message);
    else expect(said).toMatch(message);
    expect(await stored(db)).toEqual(before);
  });

  it('refuses a second plating on a plate already done; untick and tick again is a re-plate', async () => {
    const db = freshDb();
    const bathId = await newBath(db);
    const { jobId, serviceId } = await platingJob(db);
    const tick = (values: typeof PLATE, withBath = true) =>
      setStep(
        db,
        {
          jobId,
          serviceId,
          stepId: 'rhodium',
          done: true,
          values,
          ...(withBath ? { bathId } : {}),
        },
        MIA,
      );
    await tick(PLATE);
    const before = await stored(db);
    expect(await refusal(tick({ ...PLATE, rhodium_seconds: 30 }))).toBe(
      'This plate is already ticked done: untick it first to record another plating.',
    );
    expect(await stored(db)).toEqual(before);
    // Changing the values with no bath is the step's own correction: no new plating.
    await tick({ ...PLATE, rhodium_seconds: 30 }, false);
    expect((await db.baths.get(bathId))?.platings).toHaveLength(1);
    await setStep(db, { jobId, serviceId, stepId: 'rhodium', done: false, values: {} }, MIA);
    await tick({ ...PLATE, rhodium_seconds: 40 });
    expect((await db.baths.get(bathId))?.platings.map((p) => p.seconds)).toEqual([25, 40]);
  });
});

describe('the bath operations', () => {
  it('makes a bath and lists it among the active ones', async () => {
    const db = freshDb();
    const bathId = await makeBath(
      db,
      { name: '  Bath 1 ', madeDate: TODAY, rhodiumG: 2, volumeMl: 1000, note: '  ' },
      MIA,
    );
    const bath = await db.baths.get(bathId);
    expect(bath?.made).toMatchObject({ name: 'Bath 1', madeDate: TODAY, rhodiumG: 2, by: MIA });
    expect(bath?.made).not.toHaveProperty('note');
    expect((await listActiveBaths(db)).map((b) => b.id)).toEqual([bathId]);
  });

  it.each([
    {
      name: 'a made date after today',
      input: { madeDate: '2026-12-24' },
      message: 'Thu 24 Dec 2026 is after today: enter the day the bath was made up.',
    },
    {
      name: 'a name already in use',
      input: { name: 'bath 1' },
      message: 'Bath 1 is already in use: give the new bath another name.',
    },
    {
      name: 'an unknown rectifier',
      input: { name: 'Bath 2', equipmentId: newUlid() },
      message: 'This tablet has no such rectifier or tank in the registry.',
    },
  ])('refuses $name, storing nothing', async ({ input, message }) => {
    const db = freshDb();
    await newBath(db);
    const before = await stored(db);
    expect(
      await refusal(
        makeBath(
          db,
          { name: 'Bath 9', madeDate: TODAY, rhodiumG: 1, volumeMl: 500, ...input },
          MIA,
        ),
      ),
    ).toBe(message);
    expect(await stored(db)).toEqual(before);
  });

  it('gives a retired bath’s name to a new one', async () => {
    const db = freshDb();
    const old = await newBath(db);
    await retireBath(db, { bathId: old, reason: 'Spent' }, MIA);
    const next = await newBath(db);
    expect((await listActiveBaths(db)).map((b) => b.id)).toEqual([next]);
  });

  it('replenishes, then refuses to replenish or retire a retired bath, storing nothing', async () => {
    const db = freshDb();
    const bathId = await newBath(db);
    await replenishBath(db, { bathId, rhodiumG: 0.5, volumeMl: 200, note: 'Topped up' }, MIA);
    expect((await db.baths.get(bathId))?.replenishments).toEqual([
      expect.objectContaining({ rhodiumG: 0.5, volumeMl: 200, note: 'Topped up', by: MIA }),
    ]);
    expect(await refusal(retireBath(db, { bathId, reason: '   ' }, MIA))).toBe(
      'Say why the bath is retired: spent, contaminated, dumped…',
    );
    await retireBath(db, { bathId, reason: 'Spent' }, MIA);
    const before = await stored(db);
    const word = 'Bath 1 was retired (Spent): choose another bath, or make a new one.';
    expect(await refusal(replenishBath(db, { bathId, rhodiumG: 1 }, MIA))).toBe(word);
    expect(await refusal(retireBath(db, { bathId, reason: 'Again' }, MIA))).toBe(word);
    expect(await stored(db)).toEqual(before);
  });

  it('refuses to replenish a bath this tablet does not have', async () => {
    const db = freshDb();
    expect(await refusal(replenishBath(db, { bathId: newUlid(), rhodiumG: 1 }, MIA))).toMatch(
      /^This tablet has no bath .* in the bath log\.$/,
    );
    expect(await db.events.count()).toBe(0);
  });
});

describe('the waste operations', () => {
  it('logs waste, marks an entry wrong once, and refuses what it cannot mark', async () => {
    const db = freshDb();
    const entryId = await logWaste(
      db,
      { what: ' Old pickle ', amount: 500, unit: 'ml', where: 'Neutralised, drained' },
      MIA,
    );
    expect((await getWasteLog(db)).entries).toEqual([
      expect.objectContaining({ entryId, what: 'Old pickle', amount: 500, unit: 'ml', by: MIA }),
    ]);
    expect(await refusal(correctWaste(db, { entryId, reason: ' ' }, MIA))).toBe(
      'Say what was wrong with the entry.',
    );
    await correctWaste(db, { entryId, reason: 'Logged twice' }, MIA);
    const before = await stored(db);
    expect(await refusal(correctWaste(db, { entryId, reason: 'Again' }, MIA))).toBe(
      'This entry is already marked wrong.',
    );
    expect(await refusal(correctWaste(db, { entryId: newUlid(), reason: 'x' }, MIA))).toBe(
      'This tablet has no such entry in the waste log.',
    );
    expect(await stored(db)).toEqual(before);
    expect(wasteLines(await getWasteLog(db))[0]?.correction?.reason).toBe('Logged twice');
  });

  it('refuses an entry the schema refuses (no amount), storing nothing', async () => {
    const db = freshDb();
    await expect(
      logWaste(db, { what: 'Old pickle', amount: 0, unit: 'ml', where: 'Drum' }, MIA),
    ).rejects.toThrow('An amount must be more than 0.');
    expect(await db.events.count()).toBe(0);
  });
});
