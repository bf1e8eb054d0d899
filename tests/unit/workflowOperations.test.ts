// The workflow operations over a real Dexie on fake-indexeddb: each rule refuses with a clear
// message and stores nothing, checked against the job as stored inside the write transaction.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  BenchInputError,
  collectJob,
  LoupeDB,
  moveJobStatus,
  openJob,
  putPhoto,
  recordEvent,
  recordEvents,
  recordQc,
  setStep,
  voidJob,
  type BenchMove,
  type OpenJobInput,
} from '../../src/db';
import { getShop } from '../../src/db/staff';
import { timersOf } from '../../src/domain/time/timers';
import { setWarrantyDays } from '../../src/db/warrantyOperations';
import { formatStamp } from '../../src/domain/clock';
import type { JobState } from '../../src/domain/job';
import { jobWarranty } from '../../src/domain/warranty';
import { newUlid } from '../../src/domain/ids';
import { NO_QC_WEIGHT, QC_CHECKS } from '../../src/domain/workflow';
import type { JobStatus } from '../../src/protocol/events';
import { openedData } from '../support/events';
import { freshDatabases } from '../support/databases';

const freshDb = freshDatabases('loupe-workflow');

const MIA = 'staff-mia';
const JO = 'staff-jo';
const ALL_CHECKS = Object.fromEntries(QC_CHECKS.map((c) => [c.key, true]));
const SIGNATURE = 'c'.repeat(64);
/** What a pick-up of the intake() ring brings: its weight, the signature, its one stone counted. */
const PICKUP = { returnWeightG: 3.4, signatureSha256: SIGNATURE, stoneCount: 1 };

function intake(): OpenJobInput {
  const { envelope: _e, services: _s, ...rest } = openedData();
  return {
    ...rest,
    services: [{ kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } }],
  };
}

/** Values that satisfy every required step of ring sizing up. */
const SIZING_UP_VALUES = {
  inspect: {},
  measure: { measured_size: 16.51 },
  cut_add_stock: { method: 'cut_add_stock', metal_added_g: 0.31 },
  solder: { join: 'hard_solder', metal_added_g: 0 },
  true_round: {},
  file_emery: {},
  verify_size: { final_size: 17.32 },
  polish: {},
  clean: {},
};

/** A job opened by Mia with every required step ticked by her, moved along to `status`. */
async function jobAt(db: LoupeDB, status: JobStatus): Promise<string> {
  const { jobId } = await openJob(db, intake(), MIA);
  if (status === 'received') return jobId;
  const serviceId = (await db.jobs.get(jobId))?.services[0]?.id ?? '';
  for (const [stepId, values] of Object.entries(SIZING_UP_VALUES)) {
    await setStep(db, { jobId, serviceId, stepId, done: true, values }, MIA);
  }
  await moveJobStatus(db, { jobId, to: 'in_progress' }, MIA);
  if (status === 'in_progress') return jobId;
  if (status === 'on_hold') {
    await moveJobStatus(db, { jobId, to: 'on_hold', reason: 'Waiting for a stone' }, MIA);
    return jobId;
  }
  await moveJobStatus(db, { jobId, to: 'qc' }, MIA);
  // Weighed after the bench work (3.42 g + 0.31 g of stock), as a QC pass needs: a check weighing,
  // so the pick-up's return weight stays the job's only one.
  await weighBack(db, jobId, 3.72, 'check');
  if (status === 'qc') return jobId;
  await recordQc(db, { jobId, result: 'pass', checks: ALL_CHECKS }, JO);
  if (status === 'ready') return jobId;
  await storeSignature(db, jobId);
  await collectJob(db, { ...PICKUP, jobId }, MIA);
  return jobId;
}

async function weighBack(
  db: LoupeDB,
  jobId: string,
  grams: number,
  kind: 'return' | 'check' = 'return',
) {
  await recordEvent(db, { jobId, type: 'weight.logged', data: { kind, grams } }, JO);
}

async function storeSignature(db: LoupeDB, jobId: string): Promise<void> {
  const blob = new Blob(['<svg/>'], { type: 'image/svg+xml' });
  await putPhoto(db, {
    sha256: SIGNATURE,
    jobId,
    blob,
    thumbnail: blob,
    mimeType: 'image/svg+xml',
    bytes: blob.size,
    width: 0,
    height: 0,
    uploaded: 0,
    createdAt: Date.now(),
  });
}

/** Everything a refused operation must leave as it was. */
async function snapshot(db: LoupeDB) {
  return {
    events: await db.events.toArray(),
    outbox: await db.outbox.toArray(),
    jobs: await db.jobs.toArray(),
  };
}

/** Runs `work`, expects a BenchInputError with `message`, and that nothing was stored. */
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

async function statusOf(db: LoupeDB, jobId: string) {
  return (await db.jobs.get(jobId))?.status;
}

describe('moveJobStatus', () => {
  it('records an allowed move with its event queued for the server', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'received');
    const [moved] = await moveJobStatus(db, { jobId, to: 'in_progress' }, MIA);
    expect(moved).toMatchObject({ type: 'status.changed', data: { status: 'in_progress' } });
    expect(await statusOf(db, jobId)).toBe('in_progress');
    expect((await db.outbox.toArray()).map((r) => r.eventId)).toContain(moved?.id);
  });

  it('refuses a move canMoveTo does not allow, naming why', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'received');
    await expectRefused(
      db,
      () => moveJobStatus(db, { jobId, to: 'qc' }, MIA),
      'Only a job in progress can go to QC.',
    );
  });

  it('refuses QC while required steps are left', async () => {
    const db = freshDb();
    const { jobId } = await openJob(db, intake(), MIA);
    await moveJobStatus(db, { jobId, to: 'in_progress' }, MIA);
    await expectRefused(
      db,
      () => moveJobStatus(db, { jobId, to: 'qc' }, MIA),
      /^Finish these steps first: /,
    );
  });

  it('refuses a hold without a reason', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'in_progress');
    await expectRefused(
      db,
      () => moveJobStatus(db, { jobId, to: 'on_hold', reason: '   ' }, MIA),
      'Say why the job is on hold.',
    );
    await moveJobStatus(db, { jobId, to: 'on_hold', reason: ' Waiting for a stone ' }, MIA);
    expect((await db.jobs.get(jobId))?.statusChanged.reason).toBe('Waiting for a stone');
  });

  it('never makes a job ready or collected: QC and the pick-up do that', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'qc');
    await expectRefused(
      db,
      () => moveJobStatus(db, { jobId, to: 'ready' as BenchMove }, JO),
      /ready only by passing QC/,
    );
    await expectRefused(
      db,
      () => moveJobStatus(db, { jobId, to: 'collected' as BenchMove }, JO),
      /collected only at pick-up/,
    );
  });

  it('refuses any move of a collected job', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'collected');
    await expectRefused(
      db,
      () => moveJobStatus(db, { jobId, to: 'on_hold', reason: 'Customer came back' }, MIA),
      'The piece was collected: the job takes no more moves.',
    );
  });

  it('refuses any move of a voided job, and a job this tablet does not have', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'received');
    await voidJob(db, { jobId, reason: 'Opened twice' }, MIA);
    await expectRefused(
      db,
      () => moveJobStatus(db, { jobId, to: 'in_progress' }, MIA),
      'This job was voided.',
    );
    await expectRefused(
      db,
      () => moveJobStatus(db, { jobId: newUlid(), to: 'in_progress' }, MIA),
      /^This tablet has no job /,
    );
  });

  it('checks against the job as another tablet left it, not as the page last drew it', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'ready');
    // A pulled page: the counter tablet collected the piece meanwhile.
    const device = 'bbbbbbbbbbbbbbbb';
    await applyEvents(
      db,
      [
        {
          id: newUlid(),
          jobId,
          type: 'status.changed',
          at: formatStamp({ ms: Date.now() + 1000, counter: 0, device }),
          actor: JO,
          device,
          data: { status: 'collected', signatureSha256: SIGNATURE },
        },
      ],
      { local: false },
    );
    await expectRefused(
      db,
      () => moveJobStatus(db, { jobId, to: 'on_hold', reason: 'Polish again' }, MIA),
      /collected/,
    );
  });
});

describe('recordQc', () => {
  it('passes QC by a second person: the QC and ready in one go', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'qc');
    const events = await recordQc(db, { jobId, result: 'pass', checks: ALL_CHECKS }, JO);
    expect(events.map((e) => e.type)).toEqual(['qc.recorded', 'status.changed']);
    const job = await db.jobs.get(jobId);
    expect(job?.status).toBe('ready');
    expect(job?.qc).toEqual([expect.objectContaining({ result: 'pass', by: JO })]);
  });

  it('fails QC with the reason, sending the job back to the bench', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'qc');
    await recordQc(
      db,
      { jobId, result: 'fail', checks: { ...ALL_CHECKS, finish: false }, reason: 'Seam shows' },
      JO,
    );
    const job = await db.jobs.get(jobId);
    expect(job?.status).toBe('in_progress');
    expect(job?.statusChanged.reason).toBe('Seam shows');
  });

  it('refuses QC by someone who ticked the job’s steps', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'qc');
    await expectRefused(
      db,
      () => recordQc(db, { jobId, result: 'pass', checks: ALL_CHECKS }, MIA),
      'You worked on this job: QC needs a second person.',
    );
  });

  it('refuses QC of a job not waiting for it', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'in_progress');
    await expectRefused(
      db,
      () => recordQc(db, { jobId, result: 'pass', checks: ALL_CHECKS }, JO),
      'The job is not waiting for QC.',
    );
  });

  it('refuses a pass with a check off, and a fail without a reason', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'qc');
    await expectRefused(
      db,
      () =>
        recordQc(
          db,
          { jobId, result: 'pass', checks: { ...ALL_CHECKS, size_verified: false } },
          JO,
        ),
      'Tick every check to pass QC: Size verified.',
    );
    await expectRefused(
      db,
      () => recordQc(db, { jobId, result: 'fail', checks: ALL_CHECKS, reason: ' ' }, JO),
      'Say why QC failed, so the bench knows what to fix.',
    );
  });

  it('refuses a pass until the piece is weighed back after the bench work', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'in_progress');
    const serviceId = (await db.jobs.get(jobId))?.services[0]?.id ?? '';
    const polish = (done: boolean) =>
      setStep(db, { jobId, serviceId, stepId: 'polish', done, values: {} }, MIA);
    // A check weighing half-way through the work is not what the piece goes back weighing.
    await polish(false);
    await weighBack(db, jobId, 3.7, 'check');
    await polish(true);
    await moveJobStatus(db, { jobId, to: 'qc' }, MIA);
    await expectRefused(
      db,
      () => recordQc(db, { jobId, result: 'pass', checks: ALL_CHECKS }, JO),
      NO_QC_WEIGHT,
    );
    // Saying it was weighed does not make it so.
    await expectRefused(
      db,
      () =>
        recordQc(db, { jobId, result: 'pass', checks: { ...ALL_CHECKS, weight_logged: true } }, JO),
      NO_QC_WEIGHT,
    );

    await weighBack(db, jobId, 3.72);
    const [qc] = await recordQc(db, { jobId, result: 'pass', checks: ALL_CHECKS }, JO);
    expect(qc?.data).toEqual({ result: 'pass', checks: { ...ALL_CHECKS, weight_logged: true } });
    expect((await db.jobs.get(jobId))?.status).toBe('ready');
  });

  it('records the return weight check from the job’s weighings, not from what the caller sent', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'in_progress');
    await moveJobStatus(db, { jobId, to: 'qc' }, MIA);
    const [qc] = await recordQc(
      db,
      {
        jobId,
        result: 'fail',
        checks: { ...ALL_CHECKS, weight_logged: true },
        reason: 'Not weighed, seam shows',
      },
      JO,
    );
    expect(qc?.data).toMatchObject({ checks: { ...ALL_CHECKS, weight_logged: false } });
  });

  it('records one QC when two windows pass it at once: the second sees it is no longer waiting', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'qc');
    const results = await Promise.allSettled([
      recordQc(db, { jobId, result: 'pass', checks: ALL_CHECKS }, JO),
      recordQc(db, { jobId, result: 'pass', checks: ALL_CHECKS }, JO),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(BenchInputError);
    expect((await db.jobs.get(jobId))?.qc).toHaveLength(1);
  });
});

describe('collectJob', () => {
  it('records the return weight and the collection with the signature, together', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'ready');
    await storeSignature(db, jobId);
    const events = await collectJob(db, { ...PICKUP, jobId }, MIA);
    expect(events.map((e) => e.type)).toEqual(['weight.logged', 'status.changed']);
    const job = await db.jobs.get(jobId);
    expect(job?.status).toBe('collected');
    expect(job?.pickupSignatureSha256).toBe(SIGNATURE);
    expect(job?.weights.at(-1)).toMatchObject({ kind: 'return', grams: 3.4 });
  });

  it('records the warranty promised that day, which a later change of the shop’s days keeps', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'ready');
    await storeSignature(db, jobId);
    await setWarrantyDays(db, { ring_sizing_up: 45 }, MIA);
    await collectJob(db, { ...PICKUP, jobId }, MIA);
    const job = await db.jobs.get(jobId);
    const serviceId = job?.services[0]?.id ?? '';
    expect(job?.pickupWarrantyDays).toEqual({ [serviceId]: 45 });
    await setWarrantyDays(db, { ring_sizing_up: 10 }, MIA);
    const shop = await getShop(db);
    expect(shop.warrantyDays.ring_sizing_up).toBe(10);
    const [warranty] = jobWarranty(
      (await db.jobs.get(jobId)) as JobState,
      shop.warrantyDays,
      '2026-12-01',
    );
    expect(warranty?.days).toBe(45);
  });

  it('refuses a job that is not ready for pick-up', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'qc');
    await storeSignature(db, jobId);
    await expectRefused(
      db,
      () => collectJob(db, { ...PICKUP, jobId }, MIA),
      'Only a job ready for pick-up can be collected.',
    );
  });

  it('refuses a missing or impossible return weight', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'ready');
    await storeSignature(db, jobId);
    await expectRefused(
      db,
      () => collectJob(db, { ...PICKUP, jobId, returnWeightG: Number.NaN }, MIA),
      'Weigh the piece and enter the return weight in grams.',
    );
    await expectRefused(
      db,
      () => collectJob(db, { ...PICKUP, jobId, returnWeightG: 0 }, MIA),
      'A weight must be more than 0 g.',
    );
  });

  it('refuses a pick-up without the customer’s signature stored on this tablet', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'ready');
    await expectRefused(
      db,
      () => collectJob(db, { ...PICKUP, jobId }, MIA),
      'The customer signs for the piece before it is marked collected.',
    );
    await expectRefused(
      db,
      () => collectJob(db, { ...PICKUP, jobId, signatureSha256: '' }, MIA),
      'The customer signs for the piece before it is marked collected.',
    );
  });

  it('collects once when two taps land at once', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'ready');
    await storeSignature(db, jobId);
    const input = { ...PICKUP, jobId };
    const results = await Promise.allSettled([
      collectJob(db, input, MIA),
      collectJob(db, input, MIA),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const job = await db.jobs.get(jobId);
    expect(job?.weights.filter((w) => w.kind === 'return')).toHaveLength(1);
    expect(job?.refused).toEqual([]);
  });
});

describe('timers at the end of the work', () => {
  /** Jo's timer running on the job and Mia's paused. */
  async function timed(db: LoupeDB, jobId: string): Promise<void> {
    const [jo, mia] = [newUlid(), newUlid()];
    const wallMs = db.wallClock();
    await recordEvents(db, [{ jobId, type: 'timer.started', data: { timerId: jo, wallMs } }], JO);
    await recordEvents(
      db,
      [
        { jobId, type: 'timer.started', data: { timerId: mia, wallMs } },
        { jobId, type: 'timer.paused', data: { timerId: mia, wallMs: wallMs + 60_000 } },
      ],
      MIA,
    );
    expect((await db.jobs.get(jobId))?.runningTimers).toEqual([JO]);
  }

  it('voiding stops every timer on the job, running or paused, in the same write', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'in_progress');
    await timed(db, jobId);
    const events = await voidJob(db, { jobId, reason: 'Opened twice' }, MIA);
    expect(events.map((e) => e.type)).toEqual(['timer.stopped', 'timer.stopped', 'job.voided']);
    const job = await db.jobs.get(jobId);
    expect(timersOf(job?.timerMarks ?? []).map((t) => t.phase)).toEqual(['stopped', 'stopped']);
    expect(job?.runningTimers).toEqual([]);
  });

  it('the pick-up stops them too; a job with none records no stop', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'ready');
    await storeSignature(db, jobId);
    await timed(db, jobId);
    const events = await collectJob(db, { ...PICKUP, jobId }, MIA);
    expect(events.filter((e) => e.type === 'timer.stopped')).toHaveLength(2);
    expect((await db.jobs.get(jobId))?.runningTimers).toEqual([]);
    const other = await jobAt(db, 'in_progress');
    const voided = await voidJob(db, { jobId: other, reason: 'Opened twice' }, MIA);
    expect(voided.map((e) => e.type)).toEqual(['job.voided']);
  });
});

describe('voidJob', () => {
  it('voids a job with its reason', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'in_progress');
    await voidJob(db, { jobId, reason: ' Opened twice by mistake ' }, MIA);
    const job = await db.jobs.get(jobId);
    expect(job?.voided).toMatchObject({ reason: 'Opened twice by mistake', by: MIA });
    expect(job?.live).toBe(0);
  });

  it('refuses without a reason, a second time, and after the pick-up', async () => {
    const db = freshDb();
    const jobId = await jobAt(db, 'received');
    await expectRefused(
      db,
      () => voidJob(db, { jobId, reason: '' }, MIA),
      'Say why the job is voided.',
    );
    await voidJob(db, { jobId, reason: 'Opened twice' }, MIA);
    await expectRefused(
      db,
      () => voidJob(db, { jobId, reason: 'Again' }, MIA),
      'This job was already voided.',
    );
    const collected = await jobAt(db, 'collected');
    await expectRefused(
      db,
      () => voidJob(db, { jobId: collected, reason: 'Wrong envelope' }, MIA),
      'The piece was collected by the customer: a collected job cannot be voided.',
    );
  });
});
