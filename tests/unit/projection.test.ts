import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JobState } from '../../src/domain/job';
import { applyToJob, compareEvents, currentHolder, foldJob } from '../../src/domain/projection';
import type { EventData, StoredEvent } from '../../src/protocol/events';
import { DEVICE_A, DEVICE_B, event, openedEvent, stampAt } from '../support/events';

const place = (id: string) => ({ kind: 'place' as const, id, label: id });

function fold(events: StoredEvent[]): JobState {
  const job = foldJob(events);
  if (!job) throw new Error('expected a job');
  return job;
}

describe('foldJob: the rules', () => {
  it('returns null until the job is opened, and keeps nothing from other jobs', () => {
    const { jobId } = openedEvent();
    expect(foldJob([event(jobId, 'note.added', { text: 'early' }, stampAt(1))])).toBeNull();
    expect(foldJob([])).toBeNull();
  });

  it('opens a job with its intake facts, status received and the intake weight logged', () => {
    const { opened, jobId } = openedEvent();
    const job = fold([opened]);
    expect(job).toMatchObject({
      id: jobId,
      envelopeNumber: 'K7-0042',
      envelopeKeys: ['K70042'],
      status: 'received',
      rush: false,
      assignee: null,
      voided: null,
      intakeWeightG: 3.42,
      eventCount: 1,
    });
    expect(job.weights).toEqual([expect.objectContaining({ kind: 'intake', grams: 3.42 })]);
    expect(job.searchTerms).toEqual(
      expect.arrayContaining(['anna', 'lindqvist', '46701234567', '4567', 'k70042']),
    );
    expect(job.progress.stepsRequired).toBeGreaterThan(0);
    expect(job.progress.stepsDone).toBe(0);
  });

  // Field edits are last-writer-wins per field, whatever order they arrive in.
  it.each([
    ['later edit wins', [1, 2], 'Second'],
    ['later edit wins even when it arrives first', [2, 1], 'Second'],
  ])('%s', (_name, order, expected) => {
    const { opened, jobId } = openedEvent();
    const edits = [
      event(
        jobId,
        'job.updated',
        { changes: { customer: { name: 'First' } } },
        stampAt(10, DEVICE_A),
      ),
      event(
        jobId,
        'job.updated',
        { changes: { customer: { name: 'Second' } } },
        stampAt(20, DEVICE_B),
      ),
    ];
    const job = fold([opened, ...order.map((i) => edits[i - 1] as StoredEvent)]);
    expect(job.customer.name).toBe(expected);
  });

  it('keeps fields independent: an edit of one field does not undo another', () => {
    const { opened, jobId } = openedEvent();
    const job = fold([
      opened,
      event(jobId, 'job.updated', { changes: { rush: true } }, stampAt(20, DEVICE_B)),
      event(
        jobId,
        'job.updated',
        { changes: { promisedDate: '2026-12-01' } },
        stampAt(10, DEVICE_A),
      ),
    ]);
    expect(job.rush).toBe(true);
    expect(job.promisedDate).toBe('2026-12-01');
  });

  it('ticks steps last-writer-wins per step', () => {
    const { opened, jobId, serviceId } = openedEvent();
    const tick = (stepId: string, done: boolean, minute: number, device = DEVICE_A) =>
      event(jobId, 'step.set', { serviceId, stepId, done, values: {} }, stampAt(minute, device));
    const job = fold([
      opened,
      tick('inspect', false, 30, DEVICE_B),
      tick('inspect', true, 10),
      tick('clean', true, 5),
    ]);
    const steps = job.services[0]?.steps ?? {};
    expect(steps.inspect).toMatchObject({ done: false });
    expect(steps.clean).toMatchObject({ done: true, by: 'staff-mia' });
  });

  it('appends custody, weights, notes and QC in clock order, and the holder is the last move', () => {
    const { opened, jobId } = openedEvent();
    const job = fold([
      opened,
      event(jobId, 'custody.moved', { to: place('casting room') }, stampAt(30)),
      event(jobId, 'custody.moved', { to: place('bench 2') }, stampAt(10)),
      event(jobId, 'weight.logged', { kind: 'added', grams: 0.31 }, stampAt(15)),
      event(jobId, 'note.added', { text: 'Customer wants it shiny' }, stampAt(12)),
      event(
        jobId,
        'qc.recorded',
        { result: 'fail', checks: { sizeVerified: false }, reason: 'Too small' },
        stampAt(40),
      ),
    ]);
    expect(job.custody.map((c) => c.to.id)).toEqual(['bench 2', 'casting room']);
    expect(currentHolder(job)?.id).toBe('casting room');
    expect(job.weights.map((w) => w.kind)).toEqual(['intake', 'added']);
    expect(job.notes.map((n) => n.text)).toEqual(['Customer wants it shiny']);
    expect(job.qc[0]).toMatchObject({ result: 'fail', reason: 'Too small' });
  });

  it('moves status, with the signature at pick-up', () => {
    const { opened, jobId } = openedEvent();
    const sig = 'a'.repeat(64);
    const job = fold([
      opened,
      event(jobId, 'status.changed', { status: 'in_progress' }, stampAt(5)),
      event(jobId, 'status.changed', { status: 'collected', signatureSha256: sig }, stampAt(50)),
    ]);
    expect(job.status).toBe('collected');
    expect(job.pickupSignatureSha256).toBe(sig);
  });

  it('voids a job with its reason, keeping everything else', () => {
    const { opened, jobId } = openedEvent();
    const job = fold([
      opened,
      event(jobId, 'job.voided', { reason: 'Opened twice by mistake' }, stampAt(3)),
    ]);
    expect(job.voided).toMatchObject({ reason: 'Opened twice by mistake', by: 'staff-mia' });
    expect(job.customer.name).toBe('Anna Lindqvist');
  });

  it('binds a pre-printed envelope: its code becomes the number, the old number still finds the job', () => {
    const { opened, jobId } = openedEvent();
    const job = fold([opened, event(jobId, 'envelope.bound', { code: 'ENV 004211' }, stampAt(2))]);
    expect(job.envelopeNumber).toBe('ENV 004211');
    expect(job.preprinted).toBe(true);
    expect(job.envelopeKeys).toEqual(['K70042', 'ENV004211']);
  });

  it('adds and cancels services; a cancelled service no longer counts towards progress', () => {
    const { opened, jobId } = openedEvent();
    const before = fold([opened]);
    const polishId = '01JD0000000000000000000000';
    const added = event(
      jobId,
      'service.added',
      { service: { id: polishId, kind: 'polishing', details: {} } },
      stampAt(5),
    );
    const withPolish = fold([opened, added]);
    expect(withPolish.services.map((s) => s.kind)).toEqual(['ring_sizing_up', 'polishing']);
    expect(withPolish.progress.stepsRequired).toBeGreaterThan(before.progress.stepsRequired);
    const cancelled = fold([
      opened,
      added,
      event(
        jobId,
        'service.cancelled',
        { serviceId: polishId, reason: 'Customer declined' },
        stampAt(6),
      ),
    ]);
    expect(cancelled.services[1]?.cancelled?.reason).toBe('Customer declined');
    expect(cancelled.progress.stepsRequired).toBe(before.progress.stepsRequired);
  });

  it('keeps a photo once, however often it is added', () => {
    const { opened, jobId } = openedEvent();
    const photo = {
      sha256: 'b'.repeat(64),
      tag: 'intake' as const,
      mimeType: 'image/jpeg' as const,
      bytes: 1000,
      width: 10,
      height: 10,
    };
    const job = fold([
      opened,
      event(jobId, 'photo.added', photo, stampAt(2)),
      event(jobId, 'photo.added', { ...photo, tag: 'damage' }, stampAt(3)),
    ]);
    expect(job.photos).toHaveLength(1);
    expect(job.photos[0]?.tag).toBe('intake');
  });

  it('keeps but skips events of types a newer version made, and data it cannot read', () => {
    const { opened, jobId } = openedEvent();
    const future: StoredEvent = {
      ...event(jobId, 'note.added', { text: 'x' }, stampAt(5)),
      type: 'casting.poured',
      data: { flask: 'F1' },
    };
    const garbled: StoredEvent = {
      ...event(jobId, 'weight.logged', { kind: 'added', grams: 1 }, stampAt(6)),
      data: { grams: 'lots' },
    };
    const job = fold([opened, future, garbled]);
    expect(job.skipped).toEqual({ count: 2, types: ['casting.poured', 'weight.logged'] });
    expect(job.eventCount).toBe(3);
  });

  it('ignores a step for a service the job does not have, counting it as skipped', () => {
    const { opened, jobId } = openedEvent();
    const job = fold([
      opened,
      event(
        jobId,
        'step.set',
        { serviceId: '01JD0000000000000000000001', stepId: 'clean', done: true, values: {} },
        stampAt(2),
      ),
    ]);
    expect(job.skipped.count).toBe(1);
  });

  it('from a tablet with a broken clock: an event stamped before the opening keeps its list entry but its edit loses', () => {
    const { jobId, opened } = openedEvent({}, stampAt(10));
    const job = fold([
      opened,
      event(jobId, 'custody.moved', { to: place('safe') }, stampAt(5)),
      event(jobId, 'job.updated', { changes: { rush: true } }, stampAt(6)),
    ]);
    expect(job.custody.map((c) => c.to.id)).toEqual(['safe']);
    expect(job.rush).toBe(false);
  });

  it('a second job.opened for the same job changes nothing', () => {
    const { opened, jobId } = openedEvent();
    const again = event(
      jobId,
      'job.opened',
      { ...(opened.data as EventData<'job.opened'>), customer: { name: 'Someone else' } },
      stampAt(9),
    );
    expect(fold([opened, again]).customer.name).toBe('Anna Lindqvist');
  });
});

// ---- Properties: same events in any order, any duplication → same job ----

const DEVICES = [DEVICE_A, DEVICE_B, 'cccccccccccccccc'];

/** A random history of one job from several tablets (stamps may tie in ms across devices). */
function historyArb() {
  const { opened, jobId, serviceId } = openedEvent({}, stampAt(0, DEVICE_A, 0));
  const op = fc.record({
    minute: fc.integer({ min: 1, max: 30 }),
    counter: fc.integer({ min: 0, max: 3 }),
    device: fc.constantFrom(...DEVICES),
    kind: fc.integer({ min: 0, max: 7 }),
    n: fc.integer({ min: 0, max: 5 }),
  });
  return fc
    .uniqueArray(op, { selector: (o) => `${o.minute}/${o.counter}/${o.device}`, maxLength: 25 })
    .map((ops) => {
      const events = ops.map((o) => {
        const at = stampAt(o.minute, o.device, o.counter);
        switch (o.kind) {
          case 0:
            return event(
              jobId,
              'job.updated',
              { changes: { customer: { name: `Name ${o.n}` } } },
              at,
            );
          case 1:
            return event(jobId, 'job.updated', { changes: { rush: o.n % 2 === 0 } }, at);
          case 2:
            return event(
              jobId,
              'step.set',
              {
                serviceId,
                stepId: ['inspect', 'clean', 'polish'][o.n % 3] ?? 'clean',
                done: o.n % 2 === 0,
                values: {},
              },
              at,
            );
          case 3:
            return event(jobId, 'custody.moved', { to: place(`bench ${o.n}`) }, at);
          case 4:
            return event(jobId, 'weight.logged', { kind: 'added', grams: o.n + 0.5 }, at);
          case 5:
            return event(
              jobId,
              'status.changed',
              {
                status:
                  (['received', 'in_progress', 'qc', 'ready', 'collected', 'on_hold'] as const)[
                    o.n
                  ] ?? 'qc',
              },
              at,
            );
          case 6:
            return event(jobId, 'note.added', { text: `note ${o.n}` }, at);
          default:
            return { ...event(jobId, 'note.added', { text: 'x' }, at), type: 'casting.future' };
        }
      });
      return [opened, ...events];
    });
}

describe('foldJob: properties', () => {
  it('gives the same job for any order and any duplication of the same events', () => {
    fc.assert(
      fc.property(
        historyArb().chain((events) =>
          fc.tuple(
            fc.constant(events),
            fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
            fc.array(fc.constantFrom(...events), { maxLength: 10 }),
          ),
        ),
        ([events, shuffled, dupes]) => {
          expect(foldJob([...shuffled, ...dupes])).toEqual(foldJob(events));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('extending a job with later events equals folding everything again', () => {
    fc.assert(
      fc.property(historyArb(), fc.nat(), (events, cut) => {
        const sorted = events.slice().sort(compareEvents);
        const split = 1 + (cut % sorted.length);
        const head = fold(sorted.slice(0, split));
        const tail = sorted.slice(split);
        expect(applyToJob(head, tail)).toEqual(foldJob(sorted));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses to extend a job with an event that sorts before its last one', () => {
    const { opened, jobId } = openedEvent({}, stampAt(10));
    const job = fold([opened, event(jobId, 'note.added', { text: 'b' }, stampAt(20))]);
    expect(() => applyToJob(job, [event(jobId, 'note.added', { text: 'a' }, stampAt(15))])).toThrow(
      /fold the job in full/,
    );
  });
});
