// The upgrades to schema version 5 (streams), 6 (the metal ledger) and 7 (time, materials, machines)
// from a tablet's data as earlier apps left it: rows folded from the events already stored, nothing lost.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkStaffPin,
  ensureProjectionsCurrent,
  listStaff,
  LoupeDB,
  outboxBatch,
  setAsideSummary,
  type PhotoRow,
  type SetAsideRow,
} from '../../src/db';
import { foldTree } from '../../src/domain/casting/tree';
import { newUlid } from '../../src/domain/ids';
import { hashPin } from '../../src/domain/pin';
import { foldJob, PROJECTION_VERSION } from '../../src/domain/projection';
import { foldShop } from '../../src/domain/shopState';
import { foldStaff } from '../../src/domain/staff';
import { foldLedger } from '../../src/domain/ledger/ledgerState';
import { balanceOf } from '../../src/domain/ledger/views';
import { SHOP_JOB_ID, type StoredEvent } from '../../src/protocol/events';
import { LEDGER_STREAM_ID } from '../../src/protocol/streams';
import { ITEM_PROJECTION } from '../../src/domain/inventory/itemState';
import { event, openedEvent, stampAt, T0 } from '../support/events';
import { storedJob } from '../support/jobRows';
import { withListFields } from '../../src/domain/jobList';
import type { JobState } from '../../src/domain/job';

/**
 * Today's schema as shipped: LoupeDB's versions 1 to 4, copied here so that this test keeps
 * building the database a tablet has now, whatever LoupeDB.ts becomes. Never edit these.
 */
function todaysSchema(name: string): Dexie {
  const v4 = new Dexie(name);
  v4.version(1).stores({
    meta: '&key',
  });
  v4.version(2).stores({
    meta: '&key',
    events: '&id, [jobId+at], at',
    jobs: '&id, *envelopeKeys, status, promisedDate, [status+promisedDate], assignee, lastAt, *searchTerms',
    outbox: '&eventId, queuedAt',
    photos: '&sha256, jobId, uploaded',
  });
  v4.version(3).stores({
    jobs: '&id, *envelopeKeys, status, promisedDate, [status+promisedDate], [live+status], [live+status+promisedDate], assignee, lastAt, *searchTerms',
  });
  v4.version(4).stores({
    setAside: '&eventId, jobId',
    unreadable: '&key',
  });
  return v4;
}

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** A tablet's day as version 4 stored it: staff, a job with ticked steps, a photo, a refusal. */
async function todaysData() {
  const MIA = newUlid(T0);
  const JO = newUlid(T0);
  const miaPin = await hashPin('2468');
  const joPin = await hashPin('1357');
  const shop: StoredEvent[] = [
    event(SHOP_JOB_ID, 'staff.added', { staffId: MIA, name: 'Mia', role: 'manager', pin: miaPin }),
    event(
      SHOP_JOB_ID,
      'staff.added',
      { staffId: JO, name: 'Jo', role: 'assistant', pin: joPin },
      stampAt(2),
      MIA,
    ),
    event(SHOP_JOB_ID, 'staff.updated', { staffId: JO, role: 'caster' }, stampAt(3), MIA),
    event(SHOP_JOB_ID, 'staff.updated', { staffId: MIA, name: 'Mia Berg' }, stampAt(4), MIA),
  ];
  const { opened, jobId, serviceId } = openedEvent({}, stampAt(5));
  const job: StoredEvent[] = [
    opened,
    event(
      jobId,
      'step.set',
      { serviceId, stepId: 'measure', done: true, values: { measured_size: 16.51 } },
      stampAt(6),
    ),
    event(
      jobId,
      'step.set',
      { serviceId, stepId: 'cut_add_stock', done: true, values: { method: 'stretch' } },
      stampAt(7),
    ),
    event(jobId, 'note.added', { text: 'Stone checked' }, stampAt(8)),
  ];
  // Version skew: a newer tablet's tree events that this one pulled and kept, unfolded.
  const treeId = newUlid(T0);
  const tree: StoredEvent[] = [
    event(treeId, 'tree.started', { alloyId: 'au14y' }, stampAt(9)),
    event(treeId, 'tree.job_added', { jobId, envelopeNumber: 'K7-0042' }, stampAt(10)),
  ];
  const jobRow = foldJob(job);
  if (!jobRow) throw new Error('the job folds');
  expect(jobRow.progress.stepsDone).toBe(2);
  const photo: PhotoRow = {
    sha256: 'c'.repeat(64),
    jobId,
    blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }),
    thumbnail: new Blob([new Uint8Array([4])], { type: 'image/jpeg' }),
    mimeType: 'image/jpeg',
    bytes: 3,
    width: 1,
    height: 1,
    uploaded: 0,
    createdAt: T0,
  };
  const refused = event(jobId, 'note.added', { text: 'Refused' }, stampAt(11));
  const setAside: SetAsideRow = {
    eventId: refused.id,
    jobId,
    type: refused.type,
    code: 'invalid',
    reason: 'events[0].data.text: too long',
    serverVersion: '0.1.0',
    setAsideAt: T0,
    queuedAt: T0,
    held: false,
  };
  return {
    shop,
    job,
    tree,
    jobRow,
    photo,
    refused,
    setAside,
    events: [...shop, ...job, ...tree, refused],
    outbox: [{ eventId: job[3]?.id ?? '', queuedAt: T0 }],
    meta: [
      { key: 'device.id', value: 'aaaaaaaaaaaaaaaa' },
      { key: 'projection.version', value: 3 },
      { key: 'sync.cursor', value: 42 },
    ],
    miaId: MIA,
  };
}

async function dump(db: Dexie) {
  const table = (name: string) => db.table(name).toArray();
  return {
    meta: await table('meta'),
    events: await table('events'),
    jobs: await table('jobs'),
    outbox: await table('outbox'),
    setAside: await table('setAside'),
    unreadable: await table('unreadable'),
  };
}

/** What the later versions change in an older dump: version 8 gives job rows their list fields. */
function upgradedDump(before: Awaited<ReturnType<typeof dump>>) {
  return { ...before, jobs: before.jobs.map((job) => withListFields(job as JobState)) };
}

describe('schema version 5: streams', () => {
  it('upgrades today’s database: the shop row is folded from its events, nothing else changes', async () => {
    const name = `loupe-upgrade-v4-${Date.now()}`;
    names.push(name);
    const data = await todaysData();
    const v4 = todaysSchema(name);
    await v4.table('events').bulkAdd(data.events);
    await v4.table('jobs').add(data.jobRow);
    await v4.table('outbox').bulkAdd(data.outbox);
    await v4.table('photos').add(data.photo);
    await v4.table('setAside').add(data.setAside);
    await v4.table('meta').bulkPut(data.meta);
    const before = await dump(v4);
    expect(v4.verno).toBe(4);
    v4.close();

    const db = new LoupeDB(name);
    await db.open();
    expect(db.verno).toBe(8);
    const shop = await db.shop.toArray();
    expect(shop).toEqual([foldShop(data.shop)]);
    expect(shop[0]?.staff).toEqual(foldStaff(data.shop));
    expect(shop[0]?.staff.map((s) => [s.name, s.role])).toEqual([
      ['Jo', 'caster'],
      ['Mia Berg', 'manager'],
    ]);
    // Untouched: the events, the job as version 4 folded it, the outbox, photos, refusals, meta.
    expect(await dump(db)).toEqual(upgradedDump(before));
    const photo = await db.photos.get(data.photo.sha256);
    expect(photo && { ...photo, blob: undefined, thumbnail: undefined }).toEqual({
      ...data.photo,
      blob: undefined,
      thumbnail: undefined,
    });
    expect(new Uint8Array(await (photo?.blob ?? new Blob()).arrayBuffer())).toEqual(
      new Uint8Array([1, 2, 3]),
    );
    // Trees are folded by ensureProjectionsCurrent, not by the upgrade.
    expect(await db.trees.count()).toBe(0);
    // Sign-in works from the row at once.
    expect(await checkStaffPin(db, data.miaId, '2468')).toBe(true);
    expect((await outboxBatch(db, 10)).map((e) => e.id)).toEqual([data.job[3]?.id]);
    expect((await setAsideSummary(db)).count).toBe(1);
    db.close();
  });

  it('then runs the app’s start-up re-fold: the job, the shop and the kept tree folded', async () => {
    const name = `loupe-upgrade-v4-refold-${Date.now()}`;
    names.push(name);
    const data = await todaysData();
    const v4 = todaysSchema(name);
    await v4.table('events').bulkAdd(data.events);
    await v4.table('jobs').add(data.jobRow);
    await v4.table('meta').bulkPut(data.meta);
    v4.close();

    const db = new LoupeDB(name);
    // The job, the shop, the tree; the set-aside event's job is the same job.
    expect(await ensureProjectionsCurrent(db)).toEqual({ refolded: 3 });
    expect((await db.meta.get('projection.version'))?.value).toBe(PROJECTION_VERSION);
    const jobId = data.jobRow.id;
    expect(await db.jobs.get(jobId)).toEqual(
      storedJob(data.events.filter((e) => e.jobId === jobId)),
    );
    expect(await db.trees.toArray()).toEqual([foldTree(data.tree)]);
    expect(await listStaff(db)).toEqual(foldStaff(data.shop));
    expect(await ensureProjectionsCurrent(db)).toEqual({ refolded: 0 });
    db.close();
  });

  it('upgrades a database with no shop events without writing a shop row', async () => {
    const name = `loupe-upgrade-v4-empty-${Date.now()}`;
    names.push(name);
    const v4 = todaysSchema(name);
    const { opened } = openedEvent();
    await v4.table('events').add(opened);
    v4.close();
    const db = new LoupeDB(name);
    await db.open();
    expect(await db.shop.count()).toBe(0);
    expect(await db.ledger.count()).toBe(0);
    expect(await listStaff(db)).toEqual([]);
    db.close();
  });
});

/** Version 5 as shipped with the casting room, on top of versions 1 to 4. Never edit this. */
function castingRoomSchema(name: string): Dexie {
  const v5 = todaysSchema(name);
  v5.version(5).stores({
    shop: '&id',
    trees: '&id, stage, startedMs, *flaskKeys, *jobIds, lastAt',
  });
  return v5;
}

describe('schema version 6: the metal ledger', () => {
  it('folds the shop again (it keeps scales now) and the ledger events a newer tablet sent', async () => {
    const name = `loupe-upgrade-v5-${Date.now()}`;
    names.push(name);
    const data = await todaysData();
    // Pulled from a newer tablet while this one ran version 5: kept, never folded.
    const scale = event(
      SHOP_JOB_ID,
      'scale.set',
      { scaleId: 'floor', name: 'Floor', readabilityG: 0.1, toleranceG: 0.2, retired: false },
      stampAt(12),
    );
    const ledger = [
      event(
        LEDGER_STREAM_ID,
        'metal.received',
        { alloyId: 'au14y', grams: 50, form: 'grain', supplier: 'Stuller' },
        stampAt(13),
      ),
      event(
        LEDGER_STREAM_ID,
        'metal.issued',
        { alloyId: 'au14y', grams: 5, to: { kind: 'bench', id: 'bench_1' } },
        stampAt(14),
      ),
    ];
    const v5 = castingRoomSchema(name);
    await v5.table('events').bulkAdd([...data.events, scale, ...ledger]);
    await v5.table('jobs').add(data.jobRow);
    // The shop row as version 5 folded it: the scale skipped, no `scales` field at all.
    const { scales: _none, ...oldShop } = foldShop(data.shop);
    await v5
      .table('shop')
      .put({ ...oldShop, eventCount: 5, skipped: { count: 1, types: ['scale.set'] } });
    await v5.table('meta').bulkPut(data.meta);
    const before = await dump(v5);
    v5.close();

    const db = new LoupeDB(name);
    await db.open();
    expect(db.verno).toBe(8);
    const shop = await db.shop.get(SHOP_JOB_ID);
    expect(shop).toEqual(foldShop([...data.shop, scale]));
    expect(shop?.scales.map((s) => s.name)).toEqual(['Floor']);
    expect(await db.ledger.toArray()).toEqual([foldLedger(ledger)]);
    expect(balanceOf(foldLedger(ledger), 'stock', 'au14y')).toBe(45);
    expect(await dump(db)).toEqual(upgradedDump(before));
    db.close();
  });
});

/** Version 6 as shipped with the metal ledger, on top of versions 1 to 5. Never edit this. */
function metalLedgerSchema(name: string): Dexie {
  const v6 = castingRoomSchema(name);
  v6.version(6).stores({ ledger: '&id' });
  return v6;
}

describe('schema version 7: time, materials and machines', () => {
  it('keeps every row, indexes jobs by timers and folds the item events a newer tablet sent', async () => {
    const name = `loupe-upgrade-v6-${Date.now()}`;
    names.push(name);
    const data = await todaysData();
    const jobId = data.jobRow.id;
    const joId = data.shop[1]?.data.staffId as string;
    const startedMs = Date.parse('2026-12-01T09:00:00Z');
    // Pulled from a newer tablet while this one ran version 6: kept, skipped in the fold.
    const timer = event(
      jobId,
      'timer.started',
      { timerId: newUlid(T0), wallMs: startedMs },
      stampAt(12),
      joId,
    );
    const itemId = newUlid(T0);
    const item = [
      event(
        itemId,
        'item.added',
        { name: 'Jump ring 4 mm', category: 'finding', unit: 'pcs', minimum: 20, retired: false },
        stampAt(13),
      ),
      event(itemId, 'stock.received', { quantity: 50 }, stampAt(14)),
    ];
    const v6 = metalLedgerSchema(name);
    await v6.table('events').bulkAdd([...data.events, timer, ...item]);
    // The job as version 6 folded it: the timer skipped, none of version 7's fields.
    const {
      timerMarks: _marks,
      materialsUsed: _used,
      materialsReturned: _returned,
      timedDays: _days,
      runningTimers: _running,
      ...oldRow
    } = data.jobRow;
    await v6.table('jobs').add({ ...oldRow, skipped: { count: 1, types: ['timer.started'] } });
    await v6.table('meta').bulkPut([...data.meta, { key: 'projection.version', value: 6 }]);
    v6.close();

    const db = new LoupeDB(name);
    await db.open();
    expect(db.verno).toBe(8);
    // Nothing stored is lost by the upgrade itself.
    expect(await db.events.count()).toBe(data.events.length + 3);
    expect(await db.items.count()).toBe(0);
    await ensureProjectionsCurrent(db);
    const job = await db.jobs.get(jobId);
    expect(job).toEqual(storedJob([...data.job, data.refused, timer]));
    expect(job?.skipped.count).toBe(0);
    expect(job?.timerMarks.map((m) => m.mark)).toEqual(['started']);
    // The new indexes answer: who has a timer running, and whose day it was.
    expect((await db.jobs.where('runningTimers').equals(joId).toArray()).map((j) => j.id)).toEqual([
      jobId,
    ]);
    expect(await db.jobs.where('timedDays').equals(`${joId}|2026-12-01`).count()).toBe(1);
    expect(await db.items.toArray()).toEqual([ITEM_PROJECTION.fold(item)]);
    db.close();
  });
});

/** Version 7 as shipped with time, materials and machines, on top of versions 1 to 6. Never edit this. */
function timeAndMachinesSchema(name: string): Dexie {
  const v7 = metalLedgerSchema(name);
  v7.version(7).stores({
    jobs: '&id, *envelopeKeys, status, promisedDate, [status+promisedDate], [live+status], [live+status+promisedDate], assignee, lastAt, *searchTerms, *timedDays, *runningTimers',
    items: '&id',
    equipment: '&id',
    baths: '&id',
    waste: '&id',
  });
  return v7;
}

describe('schema version 8: the list read a screenful at a time', () => {
  it('gives every job row its list fields, so each tab is one index range in urgency order', async () => {
    const name = `loupe-upgrade-v7-${Date.now()}`;
    names.push(name);
    const data = await todaysData();
    const v7 = timeAndMachinesSchema(name);
    await v7.table('events').bulkAdd(data.events);
    const row = data.jobRow;
    // Three jobs as version 7 stored them: no list fields. One rush, one collected.
    const rows = [
      { ...row, id: 'job-b', envelopeNumber: 'K7-100', rush: false },
      { ...row, id: 'job-a', envelopeNumber: 'K7-42', rush: false },
      { ...row, id: 'job-r', envelopeNumber: 'K7-900', rush: true },
      { ...row, id: 'job-c', envelopeNumber: 'K7-7', status: 'collected' as const },
    ].map((job) => {
      const { inShop: _i, open: _o, rushRank: _r, envelopeOrder: _e, ...old } = withListFields(job);
      return old;
    });
    await v7.table('jobs').bulkAdd(rows);
    v7.close();

    const db = new LoupeDB(name);
    await db.open();
    expect(db.verno).toBe(8);
    expect(await db.jobs.count()).toBe(4);
    const inShop = await db.jobs
      .where('[inShop+rushRank+promisedDate+envelopeOrder]')
      .between([1, 0, '', ''], [1, 1, '\uffff', '\uffff'])
      .primaryKeys();
    // Rush first, then K7-42 before K7-100 (numeric, not text, order); the collected job is out.
    expect(inShop).toEqual(['job-r', 'job-a', 'job-b']);
    for (const job of await db.jobs.toArray()) expect(job).toEqual(withListFields(job));
    db.close();
  });
});
