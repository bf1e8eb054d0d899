// The machine operations over a real Dexie on fake-indexeddb: who may do what, the registry's
// rules, maintenance and hours, malfunctions, calibration checks judged against the shop scale's
// tolerance; every refusal stores nothing.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { addStaff, BenchInputError, setScale } from '../../src/db';
import {
  addMachine,
  logHours,
  logMaintenance,
  planMaintenance,
  recordCalibrationCheck,
  reportMalfunction,
  resolveMalfunction,
  updateMachine,
  type MachineInput,
} from '../../src/db/equipmentOperations';
import { listMachines } from '../../src/db/equipmentQueries';
import type { LoupeDB } from '../../src/db/LoupeDB';
import { tasksDue } from '../../src/domain/equipment/maintenance';
import type { EquipmentState } from '../../src/domain/equipment/equipmentState';
import { localDay } from '../../src/domain/dates';
import { EventValidationError } from '../../src/protocol/events';
import { freshDatabases } from '../support/databases';

// Noon UTC: the same calendar day in every time zone the tests may run in, near enough.
let now = Date.parse('2026-11-23T12:00:00.000Z');
const freshDb = freshDatabases('loupe-equipment', { wallClock: () => now });

interface Shop {
  db: LoupeDB;
  boss: string;
  mia: string;
}

async function shop(): Promise<Shop> {
  now = Date.parse('2026-11-23T12:00:00.000Z');
  const db = freshDb();
  const boss = (await addStaff(db, { name: 'Eva Boss', role: 'manager', pin: '1234' }, null)).id;
  const mia = (await addStaff(db, { name: 'Mia Berg', role: 'jeweler', pin: '5678' }, boss)).id;
  return { db, boss, mia };
}

const POLISHER: MachineInput = {
  name: ' Polishing motor ',
  kind: 'polishing_motor',
  maker: ' Foredom ',
  model: '',
  location: 'Polishing room',
};
const SCALE: MachineInput = {
  name: 'Bench scale',
  kind: 'scale',
  scaleId: 'bench',
  calibrationEveryDays: 30,
  testWeightG: 10,
};

async function snapshot(db: LoupeDB) {
  return {
    events: await db.events.toArray(),
    outbox: await db.outbox.toArray(),
    equipment: await db.equipment.toArray(),
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

async function machine(db: LoupeDB, id: string): Promise<EquipmentState> {
  const row = await db.equipment.get(id);
  if (!row) throw new Error(`no machine ${id}`);
  return row;
}

async function typesOf(db: LoupeDB, id: string): Promise<string[]> {
  return (await db.events.where('jobId').equals(id).sortBy('at')).map((e) => e.type);
}

describe('the registry', () => {
  it('a manager adds a machine on its own stream, blanks left out, and lists it', async () => {
    const { db, boss } = await shop();
    const id = await addMachine(db, POLISHER, boss);
    expect((await machine(db, id)).fields).toEqual({
      name: 'Polishing motor',
      kind: 'polishing_motor',
      maker: 'Foredom',
      location: 'Polishing room',
      retired: false,
    });
    expect(await typesOf(db, id)).toEqual(['equipment.added']);
    expect((await listMachines(db)).map((m) => m.id)).toEqual([id]);
  });

  it('records only the fields that changed, and nothing when none did', async () => {
    const { db, boss } = await shop();
    const id = await addMachine(db, POLISHER, boss);
    expect(await updateMachine(db, id, { ...POLISHER, maker: '', serial: 'F-123' }, boss)).toBe(
      true,
    );
    const changed = await db.events.where('jobId').equals(id).sortBy('at');
    expect(changed[1]?.data).toEqual({ changes: { maker: '', serial: 'F-123' } });
    expect(await updateMachine(db, id, { name: 'Polishing motor', model: '' }, boss)).toBe(false);
    expect(await typesOf(db, id)).toEqual(['equipment.added', 'equipment.updated']);
    await updateMachine(db, id, { retired: true }, boss);
    expect((await machine(db, id)).fields?.retired).toBe(true);
  });

  it.each([
    ['a bench jeweler', (s: Shop) => addMachine(s.db, POLISHER, s.mia), /Only a manager/],
    ['nobody signed in', (s: Shop) => addMachine(s.db, POLISHER, 'nobody'), /Sign in first/],
    [
      'a scale linked to no shop scale',
      (s: Shop) => addMachine(s.db, { ...SCALE, scaleId: 'floor' }, s.boss),
      /Choose one of the shop’s scales/,
    ],
    [
      'a polisher linked to a scale',
      (s: Shop) => addMachine(s.db, { ...POLISHER, scaleId: 'bench' }, s.boss),
      /Only a scale is linked/,
    ],
    [
      'a calibration interval with no scale linked',
      (s: Shop) => addMachine(s.db, { ...SCALE, scaleId: undefined }, s.boss),
      /Link the scale/,
    ],
  ])('refuses a machine added by or as %s, storing nothing', async (_, work, message) => {
    const s = await shop();
    await expectRefused(s.db, () => work(s), message);
  });

  it('refuses a second machine of the same name or on the same scale while the first is in use', async () => {
    const s = await shop();
    await addMachine(s.db, POLISHER, s.boss);
    const scale = await addMachine(s.db, SCALE, s.boss);
    await expectRefused(
      s.db,
      () => addMachine(s.db, { ...POLISHER, name: 'polishing MOTOR' }, s.boss),
      'There is already a machine called Polishing motor',
    );
    await expectRefused(
      s.db,
      () => addMachine(s.db, { ...SCALE, name: 'New scale' }, s.boss),
      'Bench scale is already Bench scale.',
    );
    await updateMachine(s.db, scale, { retired: true }, s.boss);
    await addMachine(s.db, { ...SCALE, name: 'New scale' }, s.boss);
  });

  it('refuses a change by a jeweler, storing nothing', async () => {
    const s = await shop();
    const id = await addMachine(s.db, POLISHER, s.boss);
    await expectRefused(
      s.db,
      () => updateMachine(s.db, id, { name: 'Mine' }, s.mia),
      /Only a manager/,
    );
  });
});

describe('maintenance', () => {
  it('a manager plans a task; anyone signed in logs it done with the hours counted, and it falls due from then', async () => {
    const s = await shop();
    const id = await addMachine(s.db, POLISHER, s.boss);
    const task = await planMaintenance(
      s.db,
      { equipmentId: id, what: 'Change the brushes', everyDays: 7, everyHours: 50 },
      s.boss,
    );
    await logHours(s.db, { equipmentId: id, hours: 2.5, note: ' after a big batch ' }, s.mia);
    await logHours(s.db, { equipmentId: id, hours: 1.25 }, s.mia);
    now += 3 * 86_400_000;
    const done = await logMaintenance(
      s.db,
      { equipmentId: id, taskId: task, notes: ' Brushes were worn to 4 mm ' },
      s.mia,
    );
    expect(done.data).toEqual({
      taskId: task,
      what: 'Change the brushes',
      notes: 'Brushes were worn to 4 mm',
      hoursAt: 3.75,
    });
    const m = await machine(s.db, id);
    expect(m.hours).toBe(3.75);
    expect(m.hoursLog[0]).toMatchObject({ hours: 2.5, note: 'after a big batch', by: s.mia });
    const today = localDay(new Date(now));
    expect(tasksDue(m, today)[0]).toMatchObject({
      state: 'ok',
      daysLeft: 7,
      dueHours: 53.75,
      lastDone: { by: s.mia, hoursCounted: 3.75 },
    });
  });

  it('logs work outside the plan, with a photo stored on this tablet', async () => {
    const s = await shop();
    const id = await addMachine(s.db, POLISHER, s.boss);
    const sha = 'a'.repeat(64);
    await s.db.photos.put({
      sha256: sha,
      jobId: id,
      blob: new Blob(['x']),
      thumbnail: new Blob(['x']),
      mimeType: 'image/jpeg',
      bytes: 1,
      width: 1,
      height: 1,
      uploaded: 0,
      createdAt: now,
    });
    const done = await logMaintenance(
      s.db,
      { equipmentId: id, what: 'Replaced the belt', photoSha256: sha },
      s.mia,
    );
    expect(done.data).toEqual({ what: 'Replaced the belt', photoSha256: sha, hoursAt: 0 });
  });

  it.each([
    [
      'a jeweler planning',
      (s: Shop, id: string) =>
        planMaintenance(s.db, { equipmentId: id, what: 'Oil', everyDays: 7 }, s.mia),
      /Only a manager/,
    ],
    [
      'a task with no interval',
      (s: Shop, id: string) => planMaintenance(s.db, { equipmentId: id, what: 'Oil' }, s.boss),
      null,
    ],
    [
      'a blank task',
      (s: Shop, id: string) =>
        planMaintenance(s.db, { equipmentId: id, what: ' ', everyDays: 7 }, s.boss),
      /Say what is to be done/,
    ],
    [
      'nobody signed in logging',
      (s: Shop, id: string) => logMaintenance(s.db, { equipmentId: id, what: 'Oiled' }, 'nobody'),
      /Sign in first/,
    ],
    [
      'a blank log',
      (s: Shop, id: string) => logMaintenance(s.db, { equipmentId: id, what: ' ' }, s.mia),
      /Say what was done/,
    ],
    [
      'an unknown task',
      (s: Shop, id: string) =>
        logMaintenance(s.db, { equipmentId: id, taskId: '01JD0000000000000000000000' }, s.mia),
      /no such task/,
    ],
    [
      'a photo not on this tablet',
      (s: Shop, id: string) =>
        logMaintenance(
          s.db,
          { equipmentId: id, what: 'Oiled', photoSha256: 'b'.repeat(64) },
          s.mia,
        ),
      /not on this tablet/,
    ],
    [
      'no hours',
      (s: Shop, id: string) => logHours(s.db, { equipmentId: id, hours: 0 }, s.mia),
      null,
    ],
    [
      'an unknown machine',
      (s: Shop) => logHours(s.db, { equipmentId: '01JD0000000000000000000000', hours: 1 }, s.mia),
      /no such machine/,
    ],
  ])('refuses %s, storing nothing', async (_, work, message) => {
    const s = await shop();
    const id = await addMachine(s.db, POLISHER, s.boss);
    const before = await snapshot(s.db);
    const err = await work(s, id).then(
      () => null,
      (e: unknown) => e,
    );
    if (message === null) expect(err).toBeInstanceOf(EventValidationError);
    else {
      expect(err).toBeInstanceOf(BenchInputError);
      expect((err as Error).message).toMatch(message);
    }
    expect(await snapshot(s.db)).toEqual(before);
  });

  it('refuses work on a retired machine until it is back in use', async () => {
    const s = await shop();
    const id = await addMachine(s.db, POLISHER, s.boss);
    await updateMachine(s.db, id, { retired: true }, s.boss);
    await expectRefused(
      s.db,
      () => logHours(s.db, { equipmentId: id, hours: 1 }, s.mia),
      /retired/,
    );
    await updateMachine(s.db, id, { retired: false }, s.boss);
    await logHours(s.db, { equipmentId: id, hours: 1 }, s.mia);
    expect((await machine(s.db, id)).hours).toBe(1);
  });
});

describe('malfunctions', () => {
  it('anyone reports one, someone resolves it once', async () => {
    const s = await shop();
    const id = await addMachine(s.db, POLISHER, s.boss);
    const reportId = await reportMalfunction(
      s.db,
      { equipmentId: id, what: ' Sparks at the brushes ', outOfService: true },
      s.mia,
    );
    expect((await machine(s.db, id)).malfunctions).toEqual([
      expect.objectContaining({
        reportId,
        what: 'Sparks at the brushes',
        outOfService: true,
        resolved: null,
      }),
    ]);
    await expectRefused(
      s.db,
      () => resolveMalfunction(s.db, { equipmentId: id, reportId, how: ' ' }, s.boss),
      /Say how it was resolved/,
    );
    await resolveMalfunction(s.db, { equipmentId: id, reportId, how: 'New brushes' }, s.boss);
    expect((await machine(s.db, id)).malfunctions[0]?.resolved).toMatchObject({
      how: 'New brushes',
      by: s.boss,
    });
    await expectRefused(
      s.db,
      () => resolveMalfunction(s.db, { equipmentId: id, reportId, how: 'Again' }, s.mia),
      /already resolved/,
    );
  });
});

describe('calibration checks', () => {
  async function scaleShop() {
    const s = await shop();
    await setScale(
      s.db,
      {
        scaleId: 'bench',
        name: 'Bench scale',
        readabilityG: 0.01,
        toleranceG: 0.05,
        retired: false,
      },
      s.boss,
    );
    const id = await addMachine(s.db, SCALE, s.boss);
    return { ...s, id };
  }

  it.each([
    [10.05, true],
    [9.95, true],
    [10.06, false],
  ])(
    'a reading of %d g of the 10 g test weight within the shop scale’s ±0.05 g passes: %s',
    async (readG, passed) => {
      const s = await scaleShop();
      expect(await recordCalibrationCheck(s.db, { equipmentId: s.id, readG }, s.mia)).toEqual({
        passed,
        toleranceG: 0.05,
      });
      expect((await machine(s.db, s.id)).calibration).toEqual([
        expect.objectContaining({ testWeightG: 10, readG, toleranceG: 0.05, passed, by: s.mia }),
      ]);
    },
  );

  it('checks the default bench scale while the shop has set none', async () => {
    const s = await shop();
    const id = await addMachine(s.db, SCALE, s.boss);
    expect(
      await recordCalibrationCheck(s.db, { equipmentId: id, readG: 20.03, testWeightG: 20 }, s.mia),
    ).toEqual({
      passed: false,
      toleranceG: 0.02,
    });
  });

  it('refuses a check of a machine linked to no scale, or with no test weight, storing nothing', async () => {
    const s = await scaleShop();
    const polisher = await addMachine(s.db, POLISHER, s.boss);
    await expectRefused(
      s.db,
      () => recordCalibrationCheck(s.db, { equipmentId: polisher, readG: 10 }, s.mia),
      /Link Polishing motor to one of the shop’s scales first/,
    );
    const bare = await addMachine(
      s.db,
      { name: 'Floor scale', kind: 'scale', scaleId: undefined },
      s.boss,
    );
    await expectRefused(
      s.db,
      () => recordCalibrationCheck(s.db, { equipmentId: bare, readG: 10 }, s.mia),
      /Link Floor scale/,
    );
    await updateMachine(s.db, s.id, { retired: true }, s.boss);
    const noWeight = await addMachine(s.db, { ...SCALE, testWeightG: undefined }, s.boss);
    await expectRefused(
      s.db,
      () => recordCalibrationCheck(s.db, { equipmentId: noWeight, readG: 10 }, s.mia),
      /Enter the test weight/,
    );
  });
});
