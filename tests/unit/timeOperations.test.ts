// The timer operations over a real Dexie on fake-indexeddb: one timer running per person across
// jobs (paused in the same transaction), keeping the other running by choice, who may pause, stop,
// resume and correct, each refusal storing nothing; and a person's day read by the indexes.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  addStaff,
  applyEvents,
  BenchInputError,
  openJob,
  recordEvent,
  voidJob,
  type OpenJobInput,
} from '../../src/db';
import type { LoupeDB } from '../../src/db/LoupeDB';
import {
  correctTimer,
  pauseTimer,
  resumeTimer,
  startTimer,
  stopTimer,
} from '../../src/db/timeOperations';
import { jobsTimedDuring, runningTimersOf } from '../../src/db/timeQueries';
import { localDay } from '../../src/domain/dates';
import { newUlid } from '../../src/domain/ids';
import type { JobState } from '../../src/domain/job';
import { localDayBounds, personDay } from '../../src/domain/time/personDay';
import { timersOf, workedMs, type Timer } from '../../src/domain/time/timers';
import { freshDatabases } from '../support/databases';
import { DEVICE_B, event, openedData, stampAt } from '../support/events';

const MIN = 60_000;
// Noon UTC: the same calendar day in every time zone the tests may run in, near enough.
const NOW = Date.parse('2026-11-23T12:00:00.000Z');
/** The tablet's wall clock: moved on by the tests, as the bench's day goes by. */
let wall = NOW;
const freshDb = freshDatabases('loupe-time', { wallClock: () => wall });

function intake(overrides: Partial<OpenJobInput> = {}): OpenJobInput {
  const { envelope: _e, services: _s, ...rest } = openedData();
  return {
    ...rest,
    services: [
      { kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } },
      { kind: 'polishing', details: { finish: 'high_polish' } },
    ],
    ...overrides,
  };
}

interface Shop {
  db: LoupeDB;
  mia: string;
  jo: string;
  boss: string;
  ring: string;
  chain: string;
  sizing: string;
  polish: string;
}

async function shop(): Promise<Shop> {
  wall = NOW;
  const db = freshDb();
  const mia = (await addStaff(db, { name: 'Mia Berg', role: 'jeweler', pin: '1234' }, null)).id;
  const jo = (await addStaff(db, { name: 'Jo Smith', role: 'assistant', pin: '5678' }, mia)).id;
  const boss = (await addStaff(db, { name: 'Ada Lund', role: 'manager', pin: '9012' }, mia)).id;
  const ring = (await openJob(db, intake(), mia)).jobId;
  const chain = (await openJob(db, intake(), mia)).jobId;
  const services = (await jobOf(db, ring)).services;
  return {
    db,
    mia,
    jo,
    boss,
    ring,
    chain,
    sizing: services[0]?.id ?? '',
    polish: services[1]?.id ?? '',
  };
}

async function jobOf(db: LoupeDB, jobId: string): Promise<JobState> {
  const job = await db.jobs.get(jobId);
  if (!job) throw new Error(`no job ${jobId}`);
  return job;
}

async function timer(db: LoupeDB, jobId: string, timerId: string): Promise<Timer> {
  const found = timersOf((await jobOf(db, jobId)).timerMarks).find((t) => t.timerId === timerId);
  if (!found) throw new Error(`no timer ${timerId}`);
  return found;
}

async function snapshot(db: LoupeDB) {
  return {
    events: await db.events.toArray(),
    outbox: await db.outbox.toArray(),
    jobs: await db.jobs.toArray(),
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

const later = (minutes: number) => {
  wall += minutes * MIN;
};

describe('startTimer: one running per person', () => {
  it('starts on a service at the tablet’s wall clock, indexed as running', async () => {
    const s = await shop();
    const t = await startTimer(s.db, { jobId: s.ring, serviceId: s.sizing }, s.mia);
    const job = await jobOf(s.db, s.ring);
    expect(job.runningTimers).toEqual([s.mia]);
    expect(job.timedDays).toEqual([`${s.mia}|2026-11-23`]);
    expect(await timer(s.db, s.ring, t)).toMatchObject({
      staffId: s.mia,
      serviceId: s.sizing,
      phase: 'running',
      startedMs: NOW,
    });
    const stored = (await s.db.events.toArray()).filter((e) => e.type === 'timer.started');
    expect(stored.map((e) => e.data)).toEqual([{ timerId: t, serviceId: s.sizing, wallMs: NOW }]);
  });

  it('pauses the person’s timer on another job in the same tap, at the same moment', async () => {
    const s = await shop();
    const first = await startTimer(s.db, { jobId: s.ring, serviceId: s.sizing }, s.mia);
    later(25);
    const second = await startTimer(s.db, { jobId: s.chain }, s.mia);
    expect(await timer(s.db, s.ring, first)).toMatchObject({
      phase: 'paused',
      segments: [{ startMs: NOW, endMs: NOW + 25 * MIN }],
    });
    expect((await timer(s.db, s.chain, second)).phase).toBe('running');
    expect((await jobOf(s.db, s.ring)).runningTimers).toEqual([]);
    expect((await jobOf(s.db, s.chain)).runningTimers).toEqual([s.mia]);
    // Both marks went out together, in the order the fold reads them.
    const last = (await s.db.events.toArray()).sort((a, b) => (a.at < b.at ? -1 : 1)).slice(-2);
    expect(last.map((e) => [e.type, e.jobId])).toEqual([
      ['timer.paused', s.ring],
      ['timer.started', s.chain],
    ]);
    expect((await s.db.outbox.toArray()).length).toBe((await s.db.events.toArray()).length);
    expect((await runningTimersOf(s.db, s.mia)).map((r) => r.timer.timerId)).toEqual([second]);
  });

  it('pauses another of the person’s timers on the same job, and leaves other people’s running', async () => {
    const s = await shop();
    const mias = await startTimer(s.db, { jobId: s.ring, serviceId: s.sizing }, s.mia);
    const jos = await startTimer(s.db, { jobId: s.ring, serviceId: s.sizing }, s.jo);
    later(10);
    await startTimer(s.db, { jobId: s.ring, serviceId: s.polish }, s.mia);
    expect((await timer(s.db, s.ring, mias)).phase).toBe('paused');
    expect((await timer(s.db, s.ring, jos)).phase).toBe('running');
    expect((await jobOf(s.db, s.ring)).runningTimers).toEqual([s.mia, s.jo].sort());
  });

  it('keeps the other running when the person chooses so', async () => {
    const s = await shop();
    const first = await startTimer(s.db, { jobId: s.ring }, s.mia);
    later(5);
    const second = await startTimer(s.db, { jobId: s.chain, keepOthersRunning: true }, s.mia);
    expect((await timer(s.db, s.ring, first)).phase).toBe('running');
    expect((await runningTimersOf(s.db, s.mia)).map((r) => r.timer.timerId)).toEqual([
      first,
      second,
    ]);
  });

  it('resuming pauses the others too, unless kept', async () => {
    const s = await shop();
    const first = await startTimer(s.db, { jobId: s.ring }, s.mia);
    later(10);
    const second = await startTimer(s.db, { jobId: s.chain }, s.mia);
    later(10);
    await resumeTimer(s.db, { jobId: s.ring, timerId: first }, s.mia);
    expect((await timer(s.db, s.chain, second)).phase).toBe('paused');
    expect((await timer(s.db, s.ring, first)).phase).toBe('running');
    later(10);
    await resumeTimer(s.db, { jobId: s.chain, timerId: second, keepOthersRunning: true }, s.mia);
    expect((await runningTimersOf(s.db, s.mia)).length).toBe(2);
  });

  it('does not record on a voided job to pause a timer left running there', async () => {
    const s = await shop();
    const stopped = await startTimer(s.db, { jobId: s.ring }, s.mia);
    await voidJob(s.db, { jobId: s.ring, reason: 'Opened twice' }, s.mia);
    // The voiding stopped the timer on the job; a tablet that had not heard of it started another.
    expect((await timer(s.db, s.ring, stopped)).phase).toBe('stopped');
    const left = newUlid();
    await recordEvent(
      s.db,
      { jobId: s.ring, type: 'timer.started', data: { timerId: left, wallMs: s.db.wallClock() } },
      s.mia,
    );
    const voidedBefore = await jobOf(s.db, s.ring);
    await startTimer(s.db, { jobId: s.chain }, s.mia);
    expect(await jobOf(s.db, s.ring)).toEqual(voidedBefore);
    expect((await timer(s.db, s.ring, left)).phase).toBe('running');
    // It is not offered as running: nothing could ever pause it from here.
    expect((await runningTimersOf(s.db, s.mia)).map((r) => r.job.id)).toEqual([s.chain]);
  });

  it('refuses, storing nothing (and pausing nothing)', async () => {
    const s = await shop();
    const running = await startTimer(s.db, { jobId: s.chain }, s.mia);
    await expectRefused(
      s.db,
      () => startTimer(s.db, { jobId: s.chain }, s.mia),
      'Your timer on this is already running.',
    );
    await pauseTimer(s.db, { jobId: s.chain, timerId: running }, s.mia);
    await expectRefused(
      s.db,
      () => startTimer(s.db, { jobId: s.chain }, s.mia),
      'Your timer on this is paused: resume it instead of starting another.',
    );
    await resumeTimer(s.db, { jobId: s.chain, timerId: running }, s.mia);
    await recordEvent(
      s.db,
      {
        jobId: s.ring,
        type: 'service.cancelled',
        data: { serviceId: s.polish, reason: 'Customer changed their mind' },
      },
      s.mia,
    );
    await expectRefused(
      s.db,
      () => startTimer(s.db, { jobId: s.ring, serviceId: s.polish }, s.mia),
      'This service was cancelled: time the job or another service.',
    );
    await expectRefused(
      s.db,
      () => startTimer(s.db, { jobId: s.ring, serviceId: s.polish.replace(/.$/, 'Z') }, s.mia),
      'This job has no such service.',
    );
    await expectRefused(
      s.db,
      () => startTimer(s.db, { jobId: s.ring }, 'staff-nobody'),
      'Sign in first: a timer is always somebody’s.',
    );
    await expectRefused(
      s.db,
      () => startTimer(s.db, { jobId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }, s.mia),
      /This tablet has no job/,
    );
    expect((await timer(s.db, s.chain, running)).phase).toBe('running');
  });

  it('refuses a new timer on a collected job, but a timer left open there can be stopped', async () => {
    const s = await shop();
    const open = await startTimer(s.db, { jobId: s.ring }, s.mia);
    later(20);
    await pauseTimer(s.db, { jobId: s.ring, timerId: open }, s.mia);
    // Collected on another tablet and synced here.
    await applyEvents(
      s.db,
      [
        event(
          s.ring,
          'status.changed',
          { status: 'collected', signatureSha256: 'c'.repeat(64) },
          stampAt(600, DEVICE_B),
        ),
      ],
      { local: false },
    );
    await expectRefused(
      s.db,
      () => startTimer(s.db, { jobId: s.ring, serviceId: s.sizing }, s.mia),
      'This job was collected: the piece went home, so no new timer starts on it.',
    );
    await expectRefused(
      s.db,
      () => resumeTimer(s.db, { jobId: s.ring, timerId: open }, s.mia),
      'This job was collected: stop the timer; no more time is worked on it.',
    );
    await stopTimer(s.db, { jobId: s.ring, timerId: open }, s.mia);
    expect(workedMs(await timer(s.db, s.ring, open), wall)).toBe(20 * MIN);
  });

  it('refuses everything on a voided job', async () => {
    const s = await shop();
    const t = await startTimer(s.db, { jobId: s.ring }, s.mia);
    await voidJob(s.db, { jobId: s.ring, reason: 'Opened twice' }, s.mia);
    const voided = 'This job was voided: nothing more is recorded on it.';
    await expectRefused(s.db, () => startTimer(s.db, { jobId: s.ring }, s.jo), voided);
    await expectRefused(s.db, () => pauseTimer(s.db, { jobId: s.ring, timerId: t }, s.mia), voided);
    await expectRefused(s.db, () => stopTimer(s.db, { jobId: s.ring, timerId: t }, s.boss), voided);
  });
});

describe('pause, resume, stop: whose timer', () => {
  it('refuses a pause of a timer not running, and a second stop', async () => {
    const s = await shop();
    const t = await startTimer(s.db, { jobId: s.ring }, s.mia);
    await pauseTimer(s.db, { jobId: s.ring, timerId: t }, s.mia);
    await expectRefused(
      s.db,
      () => pauseTimer(s.db, { jobId: s.ring, timerId: t }, s.mia),
      'This timer is paused already.',
    );
    await expectRefused(
      s.db,
      () => resumeTimer(s.db, { jobId: s.ring, timerId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }, s.mia),
      'This tablet has no such timer on this job.',
    );
    await stopTimer(s.db, { jobId: s.ring, timerId: t }, s.mia);
    await expectRefused(
      s.db,
      () => stopTimer(s.db, { jobId: s.ring, timerId: t }, s.mia),
      'This timer was stopped already.',
    );
    await expectRefused(
      s.db,
      () => pauseTimer(s.db, { jobId: s.ring, timerId: t }, s.mia),
      'This timer was stopped.',
    );
    await expectRefused(
      s.db,
      () => resumeTimer(s.db, { jobId: s.ring, timerId: t }, s.mia),
      'This timer was stopped.',
    );
  });

  it('lets nobody but the person or a manager pause or stop a timer; only the person resumes it', async () => {
    const s = await shop();
    const t = await startTimer(s.db, { jobId: s.ring }, s.mia);
    await expectRefused(
      s.db,
      () => pauseTimer(s.db, { jobId: s.ring, timerId: t }, s.jo),
      'Only Mia Berg or a manager can pause this timer.',
    );
    await expectRefused(
      s.db,
      () => stopTimer(s.db, { jobId: s.ring, timerId: t }, s.jo),
      'Only Mia Berg or a manager can stop this timer.',
    );
    // The manager pauses it (Mia went to lunch): the mark is the manager's, the timer still Mia's.
    later(30);
    await pauseTimer(s.db, { jobId: s.ring, timerId: t }, s.boss);
    expect(await timer(s.db, s.ring, t)).toMatchObject({ staffId: s.mia, phase: 'paused' });
    await expectRefused(
      s.db,
      () => resumeTimer(s.db, { jobId: s.ring, timerId: t }, s.boss),
      'Only Mia Berg can resume their own timer.',
    );
    await stopTimer(s.db, { jobId: s.ring, timerId: t }, s.boss);
    expect(workedMs(await timer(s.db, s.ring, t), wall + 60 * MIN)).toBe(30 * MIN);
  });
});

describe('correctTimer', () => {
  it('sets a stopped timer’s time with a reason, by its person or a manager; latest counts', async () => {
    const s = await shop();
    const t = await startTimer(s.db, { jobId: s.ring, serviceId: s.sizing }, s.mia);
    later(240);
    await stopTimer(s.db, { jobId: s.ring, timerId: t }, s.mia);
    await correctTimer(
      s.db,
      { jobId: s.ring, timerId: t, workedMs: 90 * MIN, reason: ' Left running over lunch ' },
      s.mia,
    );
    expect((await timer(s.db, s.ring, t)).corrected).toMatchObject({
      workedMs: 90 * MIN,
      reason: 'Left running over lunch',
      by: s.mia,
    });
    await correctTimer(
      s.db,
      { jobId: s.ring, timerId: t, workedMs: 75 * MIN, reason: 'Checked the bench log' },
      s.boss,
    );
    expect(workedMs(await timer(s.db, s.ring, t), wall)).toBe(75 * MIN);
  });

  it('refuses a running timer, someone else’s, and no reason, storing nothing', async () => {
    const s = await shop();
    const t = await startTimer(s.db, { jobId: s.ring }, s.mia);
    const input = { jobId: s.ring, timerId: t, workedMs: 30 * MIN, reason: 'Forgot to stop it' };
    await expectRefused(
      s.db,
      () => correctTimer(s.db, input, s.mia),
      'Stop the timer before correcting its time.',
    );
    await stopTimer(s.db, { jobId: s.ring, timerId: t }, s.mia);
    await expectRefused(
      s.db,
      () => correctTimer(s.db, input, s.jo),
      'Only Mia Berg or a manager can correct this timer.',
    );
    const err = await correctTimer(s.db, { ...input, reason: '  ' }, s.mia).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((await timer(s.db, s.ring, t)).corrected).toBeNull();
  });
});

describe('a person’s day by the indexes', () => {
  it('reads the jobs timed on a local day, and a timer still running since the day before', async () => {
    const s = await shop();
    const third = (await openJob(s.db, intake(), s.mia)).jobId;
    const today = localDay(new Date(NOW));
    const day = localDayBounds(today);
    // Yesterday evening: a timer on the chain, left running overnight.
    wall = day.startMs - 60 * MIN;
    const overnight = await startTimer(s.db, { jobId: s.chain }, s.mia);
    // The day before that, the ring; not today.
    wall = day.startMs - 30 * 60 * MIN;
    const old = await startTimer(s.db, { jobId: third, keepOthersRunning: true }, s.mia);
    later(30);
    await stopTimer(s.db, { jobId: third, timerId: old }, s.mia);
    // This morning: the ring, forty-five minutes; and Jo's timer, not Mia's day.
    wall = day.startMs + 9 * 60 * MIN;
    const ring = await startTimer(s.db, { jobId: s.ring, keepOthersRunning: true }, s.mia);
    await startTimer(s.db, { jobId: s.ring }, s.jo);
    later(45);
    await stopTimer(s.db, { jobId: s.ring, timerId: ring }, s.mia);

    const jobs = await jobsTimedDuring(s.db, s.mia, day);
    expect(jobs.map((j) => j.id).sort()).toEqual([s.chain, s.ring].sort());
    const now = day.startMs + 10 * 60 * MIN;
    const worked = personDay(jobs, s.mia, day, now);
    // The overnight timer counts from midnight only: ten hours of today.
    expect(worked.jobs.map((j) => [j.job.id, j.ms])).toEqual([
      [s.chain, 10 * 60 * MIN],
      [s.ring, 45 * MIN],
    ]);
    expect(worked.jobs[0]?.timers[0]?.timer.timerId).toBe(overnight);
    expect(await jobsTimedDuring(s.db, s.jo, day)).toHaveLength(1);
  });

  it('asks for both UTC days of a local day away from Greenwich', async () => {
    const s = await shop();
    const third = (await openJob(s.db, intake(), s.mia)).jobId;
    // A shop ten hours east: its Monday is 14:00 UTC Sunday to 14:00 UTC Monday.
    const monday = {
      startMs: Date.parse('2026-11-22T14:00:00.000Z'),
      endMs: Date.parse('2026-11-23T14:00:00.000Z'),
    };
    const timeAt = async (jobId: string, iso: string) => {
      wall = Date.parse(iso);
      const t = await startTimer(s.db, { jobId }, s.mia);
      later(20);
      await stopTimer(s.db, { jobId, timerId: t }, s.mia);
    };
    await timeAt(s.ring, '2026-11-22T15:00:00.000Z'); // Monday morning there, Sunday in UTC
    await timeAt(s.chain, '2026-11-23T10:00:00.000Z'); // Monday evening there, Monday in UTC
    await timeAt(third, '2026-11-23T15:00:00.000Z'); // Tuesday there
    // The index gives every job of both UTC days; clipping to the local day keeps Monday's.
    const jobs = await jobsTimedDuring(s.db, s.mia, monday);
    expect(jobs.map((j) => j.id).sort()).toEqual([s.ring, s.chain, third].sort());
    const worked = personDay(jobs, s.mia, monday, wall);
    expect(worked.jobs.map((j) => [j.job.id, j.ms])).toEqual([
      [s.ring, 20 * MIN],
      [s.chain, 20 * MIN],
    ]);
  });
});
