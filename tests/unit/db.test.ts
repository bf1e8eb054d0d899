import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applyEvents,
  BenchInputError,
  deviceClock,
  ensureProjectionsCurrent,
  jobCounts,
  jobsByEnvelope,
  jobsDueOn,
  jobsWithStatus,
  lateJobs,
  LoupeDB,
  openJob,
  markSent,
  outboxBatch,
  recordEvent,
  requeueUnseen,
  restampEvents,
  searchJobs,
  setAsideEvents,
  setAsideSummary,
  setStep,
  syncPosition,
  type OpenJobInput,
} from '../../src/db';
import { foldJob } from '../../src/domain/projection';
import { EventValidationError } from '../../src/protocol/events';
import { event, openedData, openedEvent, stampAt } from '../support/events';
import { storedJob } from '../support/jobRows';

const opened: LoupeDB[] = [];
let n = 0;
function freshDb(): LoupeDB {
  const db = new LoupeDB(`loupe-test-${Date.now()}-${n++}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function intake(overrides: Partial<OpenJobInput> = {}): OpenJobInput {
  const { envelope: _e, services: _s, ...rest } = openedData();
  return {
    ...rest,
    services: [{ kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } }],
    ...overrides,
  };
}

describe('applyEvents', () => {
  it('stores events and the job projection together, and queues only local events', async () => {
    const db = freshDb();
    const { opened: o, jobId } = openedEvent();
    const note = event(jobId, 'note.added', { text: 'Check the shank' }, stampAt(5));
    const result = await applyEvents(db, [o, note], { local: false });
    expect(result).toEqual({
      applied: 2,
      duplicates: 0,
      jobIds: [jobId],
      streams: [{ kind: 'job', id: jobId }],
    });
    expect(await db.events.count()).toBe(2);
    expect(await db.outbox.count()).toBe(0);
    const job = await db.jobs.get(jobId);
    expect(job).toEqual(storedJob([o, note]));

    const local = event(jobId, 'note.added', { text: 'Mine' }, stampAt(6));
    await applyEvents(db, [local], { local: true });
    expect((await db.outbox.toArray()).map((r) => r.eventId)).toEqual([local.id]);
  });

  it('stores an event once, however often it arrives', async () => {
    const db = freshDb();
    const { opened: o, jobId } = openedEvent();
    const note = event(jobId, 'note.added', { text: 'x' }, stampAt(5));
    await applyEvents(db, [o, note, note], { local: true });
    const again = await applyEvents(db, [note, o], { local: true });
    expect(again).toEqual({ applied: 0, duplicates: 2, jobIds: [], streams: [] });
    expect(await db.events.count()).toBe(2);
    expect(await db.outbox.count()).toBe(2);
    expect((await db.jobs.get(jobId))?.notes).toHaveLength(1);
  });

  it('re-folds a job when an older event arrives late (another tablet was offline)', async () => {
    const db = freshDb();
    const { opened: o, jobId } = openedEvent();
    const later = event(
      jobId,
      'job.updated',
      { changes: { customer: { name: 'Later' } } },
      stampAt(20),
    );
    const earlier = event(
      jobId,
      'job.updated',
      { changes: { customer: { name: 'Earlier' } } },
      stampAt(10),
    );
    await applyEvents(db, [o, later], { local: false });
    await applyEvents(db, [earlier], { local: false });
    const job = await db.jobs.get(jobId);
    expect(job?.customer.name).toBe('Later');
    expect(job).toEqual(storedJob([o, earlier, later]));
  });

  it('holds events of a job whose opening has not arrived, and folds them when it does', async () => {
    const db = freshDb();
    const { opened: o, jobId } = openedEvent();
    const note = event(jobId, 'note.added', { text: 'early bird' }, stampAt(5));
    await applyEvents(db, [note], { local: false });
    expect(await db.jobs.get(jobId)).toBeUndefined();
    await applyEvents(db, [o], { local: false });
    expect((await db.jobs.get(jobId))?.notes.map((x) => x.text)).toEqual(['early bird']);
  });

  it('writes nothing at all when any part of the transaction fails', async () => {
    const db = freshDb();
    const { opened: o, jobId } = openedEvent();
    db.jobs.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(applyEvents(db, [o], { local: true })).rejects.toThrow('disk full');
    expect(await db.events.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.jobs.get(jobId)).toBeUndefined();
  });
});

describe('named operations', () => {
  it('opens jobs on app-numbered envelopes from this tablet’s series, one number each', async () => {
    const db = freshDb();
    const a = await openJob(db, intake(), 'staff-mia');
    const b = await openJob(db, intake(), 'staff-mia');
    expect(a.envelopeNumber).toMatch(/^[0-9A-Z]{2}-0001$/);
    expect(b.envelopeNumber).toBe(a.envelopeNumber.replace('0001', '0002'));
    const job = await db.jobs.get(a.jobId);
    expect(job).toMatchObject({
      envelopeNumber: a.envelopeNumber,
      status: 'received',
      preprinted: false,
    });
    expect(job?.opened.by).toBe('staff-mia');
    expect(await db.outbox.count()).toBe(2);
  });

  it('binds a pre-printed envelope code to a new job and finds it by that code however typed', async () => {
    const db = freshDb();
    const { jobId, envelopeNumber } = await openJob(
      db,
      intake({ preprintedCode: ' ENV-004211 ' }),
      'staff-mia',
    );
    expect(envelopeNumber).toBe('ENV-004211');
    expect((await jobsByEnvelope(db, 'env 004211')).map((j) => j.id)).toEqual([jobId]);
  });

  it('refuses bad intake with a message naming the field, storing nothing', async () => {
    const db = freshDb();
    await expect(openJob(db, intake({ customer: { name: '  ' } }), 'staff-mia')).rejects.toThrow(
      EventValidationError,
    );
    await expect(openJob(db, intake({ customer: { name: '' } }), 'staff-mia')).rejects.toThrow(
      /data\.customer\.name/,
    );
    await expect(
      openJob(
        db,
        intake({
          services: [{ kind: 'ring_sizing_up', details: { current_size: 18, target_size: 17 } }],
        }),
        'staff-mia',
      ),
    ).rejects.toThrow(BenchInputError);
    await expect(openJob(db, intake({ preprintedCode: '#' }), 'staff-mia')).rejects.toThrow(
      BenchInputError,
    );
    expect(await db.events.count()).toBe(0);
    expect(await db.jobs.count()).toBe(0);
  });

  it('ticks a step with its values, and refuses a tick missing a required value', async () => {
    const db = freshDb();
    const { jobId } = await openJob(db, intake(), 'staff-mia');
    const job = await db.jobs.get(jobId);
    const service = job?.services[0];
    if (!service) throw new Error('no service');
    const { templateFor } = await import('../../src/domain/checklists');
    const step = templateFor('ring_sizing_up').steps.find((s) => s.fields.some((f) => f.required));
    if (!step) throw new Error('the sizing template should ask for a value somewhere');
    const input = { jobId, serviceId: service.id, stepId: step.id, done: true, values: {} };
    await expect(setStep(db, input, 'staff-jo')).rejects.toThrow(BenchInputError);
    await setStep(db, { ...input, done: false }, 'staff-jo');
    const after = await db.jobs.get(jobId);
    expect(after?.services[0]?.steps[step.id]).toMatchObject({ done: false, by: 'staff-jo' });
    await expect(setStep(db, { ...input, stepId: 'no_such_step' }, 'staff-jo')).rejects.toThrow(
      /not a step/,
    );
  });

  it('stamps every new event after everything stored, also after a reload', async () => {
    const name = `loupe-reload-${n++}`;
    const first = new LoupeDB(name);
    const { jobId } = await openJob(first, intake(), 'staff-mia');
    // Another tablet's event from the future (within the drift guard) arrives by sync.
    const remote = event(jobId, 'note.added', { text: 'remote' }, stampAt(0, 'cccccccccccccccc'));
    await applyEvents(first, [remote], { local: false });
    first.close();
    const second = new LoupeDB(name);
    opened.push(second);
    const [mine] = await recordEvent(
      second,
      { jobId, type: 'note.added', data: { text: 'after reload' } },
      'staff-mia',
    );
    const stored = await second.events.toArray();
    for (const e of stored) if (e.id !== mine?.id) expect(mine && mine.at > e.at).toBe(true);
    expect((await deviceClock(second)).last().device).toBe(mine?.device);
  });
});

describe('queries', () => {
  async function seed(db: LoupeDB) {
    const mk = (name: string, phone: string, promisedDate: string, rush = false) =>
      openJob(db, intake({ customer: { name, phone }, promisedDate, rush }), 'staff-mia');
    const late = await mk('Óscar Núñez', '555-0101', '2026-11-20');
    const today = await mk('Anna Lindqvist', '+46 70 123 45 67', '2026-11-23');
    const rushToday = await mk('Bea Smith', '555-0199', '2026-11-23', true);
    const future = await mk('Anna Berg', '555-0142', '2026-12-02');
    const ready = await mk('Carl Ready', '555-0150', '2026-11-19');
    await recordEvent(
      db,
      { jobId: ready.jobId, type: 'status.changed', data: { status: 'ready' } },
      'staff-mia',
    );
    const voided = await mk('Void Person', '555-0160', '2026-11-10');
    await recordEvent(
      db,
      { jobId: voided.jobId, type: 'job.voided', data: { reason: 'Duplicate' } },
      'staff-mia',
    );
    return { late, today, rushToday, future, ready, voided };
  }

  it('finds late jobs and jobs due today, rush first, never finished or voided ones', async () => {
    const db = freshDb();
    const j = await seed(db);
    expect((await lateJobs(db, '2026-11-23')).map((x) => x.id)).toEqual([j.late.jobId]);
    expect((await jobsDueOn(db, '2026-11-23')).map((x) => x.id)).toEqual([
      j.rushToday.jobId,
      j.today.jobId,
    ]);
    expect((await jobsWithStatus(db, 'ready')).map((x) => x.id)).toEqual([j.ready.jobId]);
  });

  it.each([
    ['anna', ['today', 'future']],
    ['ANNA LIND', ['today']],
    ['oscar', ['late']],
    ['nunez', ['late']],
    ['4567', ['today']],
    // Voided jobs are still found: a dispute may be about one. Screens mark them.
    ['555-01', ['late', 'rushToday', 'future', 'ready', 'voided']],
    ['zed', []],
    ['', []],
  ] as const)('search %j finds %j', async (query, expected) => {
    const db = freshDb();
    const j = await seed(db);
    const ids = (await searchJobs(db, query)).map((x) => x.id);
    expect(new Set(ids)).toEqual(new Set(expected.map((k) => j[k].jobId)));
  });

  it('finds a job by its envelope number however it is typed', async () => {
    const db = freshDb();
    const j = await seed(db);
    const number = (await db.jobs.get(j.today.jobId))?.envelopeNumber ?? '';
    const sloppy = ` ${number.toLowerCase().replace('-', ' ')} `;
    expect((await jobsByEnvelope(db, sloppy)).map((x) => x.id)).toEqual([j.today.jobId]);
    expect((await searchJobs(db, number)).map((x) => x.id)).toEqual([j.today.jobId]);
  });
});

describe('schema versions', () => {
  it('upgrades a version 1 database without losing its data', async () => {
    const name = `loupe-upgrade-${n++}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ meta: '&key' });
    await v1.table('meta').put({ key: 'shop.name', value: 'Atelier Nord' });
    v1.close();

    const db = new LoupeDB(name);
    opened.push(db);
    expect(db.verno).toBe(8);
    expect(await db.meta.get('shop.name')).toEqual({ key: 'shop.name', value: 'Atelier Nord' });
    const { jobId } = await openJob(db, intake(), 'staff-mia');
    expect(await db.jobs.get(jobId)).toBeDefined();
  });

  it('upgrades a version 2 database: jobs gain the live flag the list counts use', async () => {
    const name = `loupe-upgrade-v2-${n++}`;
    const { opened: o, jobId } = openedEvent();
    const { opened: o2, jobId: voidedId } = openedEvent();
    const v2 = new Dexie(name);
    v2.version(1).stores({ meta: '&key' });
    v2.version(2).stores({
      meta: '&key',
      events: '&id, [jobId+at], at',
      jobs: '&id, *envelopeKeys, status, promisedDate, [status+promisedDate], assignee, lastAt, *searchTerms',
      outbox: '&eventId, queuedAt',
      photos: '&sha256, jobId, uploaded',
    });
    const voided = event(voidedId, 'job.voided', { reason: 'Duplicate' }, stampAt(3));
    const rows = [foldJob([o]), foldJob([o2, voided])].map((j) => {
      // As version 2 stored them: no live flag.
      const { live: _live, ...row } = j ?? ({} as never);
      return row;
    });
    await v2.table('events').bulkAdd([o, o2, voided]);
    await v2.table('jobs').bulkAdd(rows);
    v2.close();

    const db = new LoupeDB(name);
    opened.push(db);
    expect((await db.jobs.get(jobId))?.live).toBe(1);
    expect((await db.jobs.get(voidedId))?.live).toBe(0);
    expect((await jobCounts(db, '2026-11-23')).received).toBe(1);
  });

  it('upgrades a version 3 database: its outbox waits as before, and refusals have a place', async () => {
    const name = `loupe-upgrade-v3-${n++}`;
    const { opened: o } = openedEvent();
    const v3 = new Dexie(name);
    v3.version(3).stores({
      meta: '&key',
      events: '&id, [jobId+at], at',
      jobs: '&id, *envelopeKeys, status, promisedDate, [status+promisedDate], [live+status], [live+status+promisedDate], assignee, lastAt, *searchTerms',
      outbox: '&eventId, queuedAt',
      photos: '&sha256, jobId, uploaded',
    });
    await v3.table('events').add(o);
    await v3.table('outbox').add({ eventId: o.id, queuedAt: 1 });
    await v3.table('meta').put({ key: 'sync.cursor', value: 42 });
    v3.close();

    const db = new LoupeDB(name);
    opened.push(db);
    expect(db.verno).toBe(8);
    expect((await outboxBatch(db, 10)).map((e) => e.id)).toEqual([o.id]);
    // A tablet from before knew its cursor but not the event at it: the next pull names none.
    expect(await syncPosition(db)).toEqual({ cursor: 42, eventId: null });
    await setAsideEvents(db, [{ event: o, code: 'invalid', reason: 'test' }], '1.0.0');
    expect(await db.outbox.count()).toBe(0);
    expect((await setAsideSummary(db)).count).toBe(1);
  });

  it('re-folds every job when the projection version changed, folding events once skipped', async () => {
    const db = freshDb();
    const { opened: o, jobId } = openedEvent();
    await applyEvents(db, [o, event(jobId, 'note.added', { text: 'kept' }, stampAt(3))], {
      local: false,
    });
    // As an older version would have left it: a stale row and an older projection version.
    await db.jobs.update(jobId, { notes: [], eventCount: 1 });
    await db.meta.put({ key: 'projection.version', value: 0 });
    expect(await ensureProjectionsCurrent(db)).toEqual({ refolded: 1 });
    expect((await db.jobs.get(jobId))?.notes.map((x) => x.text)).toEqual(['kept']);
    expect(await ensureProjectionsCurrent(db)).toEqual({ refolded: 0 });
  });
});

describe('the device clock and other tablets', () => {
  it('stamps the next local event after an event pulled from another tablet, without a reload', async () => {
    const db = freshDb();
    const { jobId } = await openJob(db, intake(), 'staff-mia');
    const clock = await deviceClock(db);
    // Another tablet's clock runs a minute ahead of ours: its event carries a later stamp.
    const ahead = new Date(Date.now() + 60_000).toISOString();
    const remoteAt = `${ahead}-0000-cccccccccccccccc`;
    const remote = {
      ...event(jobId, 'note.added', { text: 'from bench 2' }),
      at: remoteAt,
      device: 'cccccccccccccccc',
    };
    await applyEvents(db, [remote], { local: false });
    expect(clock.last().ms).toBe(Date.parse(ahead));
    const [mine] = await recordEvent(
      db,
      { jobId, type: 'note.added', data: { text: 'mine' } },
      'staff-mia',
    );
    expect(mine && mine.at > remoteAt).toBe(true);
    expect((await db.jobs.get(jobId))?.notes.map((x) => x.text)).toEqual(['from bench 2', 'mine']);
  });

  it('stores an event from a tablet whose clock is far ahead, without dragging this clock along', async () => {
    const db = freshDb();
    const { jobId } = await openJob(db, intake(), 'staff-mia');
    const clock = await deviceClock(db);
    const before = clock.last();
    const farAhead = `${new Date(Date.now() + 3 * 3_600_000).toISOString()}-0000-cccccccccccccccc`;
    const remote = {
      ...event(jobId, 'note.added', { text: 'wrong clock' }),
      at: farAhead,
      device: 'cccccccccccccccc',
    };
    const result = await applyEvents(db, [remote], { local: false });
    expect(result.applied).toBe(1);
    expect(clock.last()).toEqual(before);
  });
});

describe('re-stamping events a wrong clock stamped', () => {
  it('moves only events this tablet made that the server never held, keeping their order', async () => {
    const db = freshDb();
    const { jobId } = await openJob(db, intake(), 'staff-mia');
    const [held] = await recordEvent(
      db,
      { jobId, type: 'note.added', data: { text: 'Sent once' } },
      'staff-mia',
    );
    const [fresh] = await recordEvent(
      db,
      { jobId, type: 'note.added', data: { text: 'Never sent' } },
      'staff-mia',
    );
    if (!held || !fresh) throw new Error('events expected');
    // The server acknowledged one, then lost it (restored): it waits again, but others may hold it.
    await markSent(db, [held.id]);
    await requeueUnseen(db);
    const hour = 3_600_000;
    const moved = await restampEvents(db, [held.id, fresh.id], -hour, Date.now());
    expect([...moved]).toEqual([fresh.id]);
    expect((await db.events.get(held.id))?.at).toBe(held.at);
    const restamped = (await db.events.get(fresh.id))?.at ?? '';
    expect(Date.parse(restamped.slice(0, 24))).toBe(Date.parse(fresh.at.slice(0, 24)) - hour);
    expect((await db.jobs.get(jobId))?.notes.map((n) => n.text)).toEqual([
      'Never sent',
      'Sent once',
    ]);
  });
});
