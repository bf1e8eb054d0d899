import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JobState } from '../../src/domain/job';
import { isRealStamp, parseStamp } from '../../src/domain/clock';
import { applyToJob, compareEvents, currentHolder, foldJob } from '../../src/domain/projection';
import type { EventData, StoredEvent } from '../../src/protocol/events';
import { DEVICE_A, DEVICE_B, event, openedData, openedEvent, stampAt, T0 } from '../support/events';

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
    // Three letters and digits read like a shop series number (K7M-0042), leading zeros and all:
    // the same key however it is typed or scanned ("ENV004211", "env-4211").
    expect(job.envelopeKeys).toEqual(['K70042', 'ENV4211']);
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
    kind: fc.integer({ min: 0, max: 19 }),
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
          case 8:
            return event(jobId, 'job.voided', { reason: `void ${o.n}` }, at);
          case 9:
            return event(
              jobId,
              'qc.recorded',
              o.n % 2 === 0
                ? { result: 'pass', checks: {} }
                : { result: 'fail', checks: {}, reason: 'Seam shows' },
              at,
            );
          case 10:
            // A stamp that matches the pattern but is no real time, or no stamp at all.
            return event(
              jobId,
              'note.added',
              { text: 'from a broken clock' },
              o.n % 2 === 0 ? `2099-02-29T00:00:00.000Z-000${o.n}-${o.device}` : `bad-${o.minute}`,
            );
          case 11:
            return { ...event(jobId, 'status.changed', { status: 'qc' }, at), data: { status: 7 } };
          // The facts of issue 14: lists kept on a final job too, and the stones counted at pick-up.
          case 12:
            return event(
              jobId,
              'custody.confirmed',
              { moveEventId: opened.id, method: o.n % 2 === 0 ? 'pin' : 'badge' },
              at,
            );
          case 13:
            return event(
              jobId,
              'trade.sent',
              {
                tradeShopId: serviceId,
                tradeShopName: `Setter ${o.n}`,
                work: 'Reset the stone',
                takenBy: 'Ana',
                sentDate: '2026-11-24',
                expectedBack: '2026-12-01',
              },
              at,
            );
          case 14:
            return event(
              jobId,
              'trade.returned',
              { sentEventId: opened.id, returnedDate: '2026-11-30', condition: `back ${o.n}` },
              at,
            );
          case 15:
            return o.n % 2 === 0
              ? event(
                  jobId,
                  'warranty.claimed',
                  {
                    redoJobId: serviceId,
                    redoEnvelope: `K7-00${o.n}`,
                    serviceIds: [serviceId],
                    reason: 'Seam opened',
                  },
                  at,
                )
              : event(jobId, 'status.changed', { status: 'collected', stoneCount: o.n }, at);
          case 16:
            return event(
              jobId,
              'notice.recorded',
              {
                channel: 'email',
                trigger: 'ready',
                triggerEventId: opened.id,
                status: (['sent', 'failed', 'not_sent'] as const)[o.n % 3] ?? 'sent',
                attempt: o.n + 1,
              },
              at,
              'server',
            );
          // Issue 15: two timers' marks from several tablets, wall clocks in any order; materials.
          case 17: {
            const timerId = o.n % 2 === 0 ? opened.id : serviceId;
            const wallMs = T0 + (o.n * 7 + o.minute) * 60_000;
            return o.n < 2
              ? event(jobId, 'timer.started', { timerId, serviceId, wallMs }, at, 'jo')
              : event(
                  jobId,
                  (['timer.paused', 'timer.resumed', 'timer.stopped'] as const)[o.n % 3] ??
                    'timer.paused',
                  { timerId, wallMs },
                  at,
                  'jo',
                );
          }
          case 18:
            return o.n % 3 === 0
              ? event(
                  jobId,
                  'timer.corrected',
                  { timerId: opened.id, workedMs: o.n * 60_000, reason: 'Left running' },
                  at,
                )
              : event(
                  jobId,
                  'material.returned',
                  { usageId: o.n % 2 === 0 ? opened.id : serviceId, reason: 'Unused' },
                  at,
                );
          case 19:
            return event(
              jobId,
              'material.used',
              {
                usageId: o.n % 2 === 0 ? opened.id : serviceId,
                itemId: serviceId,
                itemName: `Clasp ${o.n}`,
                category: 'finding',
                unit: 'pcs',
                quantity: o.n + 1,
                unitCostCents: 950,
              },
              at,
            );
          default:
            return { ...event(jobId, 'note.added', { text: 'x' }, at), type: 'casting.future' };
        }
      });
      return [opened, ...events];
    });
}

// ---- Collected and voided are final: later moves are kept, refused, never applied ----

const SIG = 'a'.repeat(64);

describe('foldJob: final statuses', () => {
  it('keeps a stale move to QC after the pick-up in the refused list, not in the status', () => {
    const { opened, jobId } = openedEvent();
    const collected = event(
      jobId,
      'status.changed',
      { status: 'collected', signatureSha256: SIG },
      stampAt(50, DEVICE_A),
    );
    // Tablet B was offline since before the pick-up; its move is stamped after it.
    const stale = event(jobId, 'status.changed', { status: 'qc' }, stampAt(60, DEVICE_B), 'jo');
    const job = fold([opened, stale, collected]);
    expect(job.status).toBe('collected');
    expect(job.statusChanged.eventId).toBe(collected.id);
    expect(job.pickupSignatureSha256).toBe(SIG);
    expect(job.refused).toEqual([
      {
        type: 'status.changed',
        by: 'jo',
        at: stale.at,
        eventId: stale.id,
        device: DEVICE_B,
        after: 'collected',
      },
    ]);
    expect(job.eventCount).toBe(3);
    expect(job.skipped.count).toBe(0);
  });

  it('applies a move stamped before the pick-up: it is history, and the pick-up still wins', () => {
    const { opened, jobId } = openedEvent();
    const job = fold([
      opened,
      event(jobId, 'status.changed', { status: 'collected' }, stampAt(50)),
      event(jobId, 'status.changed', { status: 'qc' }, stampAt(40, DEVICE_B)),
    ]);
    expect(job.status).toBe('collected');
    expect(job.refused).toEqual([]);
  });

  it('refuses QC results, a second collection and a voiding after the pick-up', () => {
    const { opened, jobId } = openedEvent();
    const job = fold([
      opened,
      event(jobId, 'status.changed', { status: 'collected', signatureSha256: SIG }, stampAt(50)),
      event(jobId, 'qc.recorded', { result: 'pass', checks: {} }, stampAt(51)),
      event(
        jobId,
        'status.changed',
        { status: 'collected', signatureSha256: 'b'.repeat(64) },
        stampAt(52),
      ),
      event(jobId, 'job.voided', { reason: 'Wrong envelope' }, stampAt(53)),
      event(jobId, 'note.added', { text: 'Customer happy' }, stampAt(54)),
    ]);
    expect(job.refused.map((r) => [r.type, r.after])).toEqual([
      ['qc.recorded', 'collected'],
      ['status.changed', 'collected'],
      ['job.voided', 'collected'],
    ]);
    expect(job.qc).toEqual([]);
    expect(job.voided).toBeNull();
    expect(job.pickupSignatureSha256).toBe(SIG);
    // A note is talk about the piece, not a move: it still counts.
    expect(job.notes.map((n) => n.text)).toEqual(['Customer happy']);
  });

  it('refuses status moves, QC and a second voiding after the voiding; the first reason stands', () => {
    const { opened, jobId } = openedEvent();
    const job = fold([
      opened,
      event(jobId, 'job.voided', { reason: 'Opened twice by mistake' }, stampAt(5)),
      event(jobId, 'status.changed', { status: 'in_progress' }, stampAt(6, DEVICE_B)),
      event(jobId, 'qc.recorded', { result: 'pass', checks: {} }, stampAt(7)),
      event(jobId, 'job.voided', { reason: 'Duplicate' }, stampAt(8)),
      event(jobId, 'custody.moved', { to: place('safe') }, stampAt(9)),
    ]);
    expect(job.status).toBe('received');
    expect(job.voided?.reason).toBe('Opened twice by mistake');
    expect(job.refused.map((r) => [r.type, r.after])).toEqual([
      ['status.changed', 'voided'],
      ['qc.recorded', 'voided'],
      ['job.voided', 'voided'],
    ]);
    // Where the piece is stays true: custody still counts on a voided job.
    expect(currentHolder(job)?.id).toBe('safe');
    expect(job.live).toBe(0);
  });

  it('refuses a pick-up stamped after the voiding', () => {
    const { opened, jobId } = openedEvent();
    const job = fold([
      opened,
      event(jobId, 'status.changed', { status: 'ready' }, stampAt(4)),
      event(jobId, 'job.voided', { reason: 'Opened twice' }, stampAt(5)),
      event(jobId, 'status.changed', { status: 'collected', signatureSha256: SIG }, stampAt(6)),
    ]);
    expect(job.status).toBe('ready');
    expect(job.pickupSignatureSha256).toBeUndefined();
    expect(job.refused.map((r) => r.after)).toEqual(['voided']);
  });

  it('extends a collected job with a stale move exactly as a full fold does', () => {
    const { opened, jobId } = openedEvent();
    const collected = event(jobId, 'status.changed', { status: 'collected' }, stampAt(50));
    const stale = event(jobId, 'status.changed', { status: 'qc' }, stampAt(60, DEVICE_B));
    expect(applyToJob(fold([opened, collected]), [stale])).toEqual(
      fold([opened, collected, stale]),
    );
  });

  it('extends a row folded before `refused` existed (an older version) without losing the move', () => {
    const { opened, jobId } = openedEvent();
    const collected = event(jobId, 'status.changed', { status: 'collected' }, stampAt(50));
    const { refused: _gone, ...oldRow } = fold([opened, collected]);
    const stale = event(jobId, 'status.changed', { status: 'qc' }, stampAt(60, DEVICE_B));
    const job = applyToJob(oldRow as JobState, [stale]);
    expect(job.status).toBe('collected');
    expect(job.refused.map((r) => r.eventId)).toEqual([stale.id]);
  });
});

// ---- One event that cannot be folded never stops the job ----

const IMPOSSIBLE = '2099-02-29T00:00:00.000Z-0000-0123456789abcdef';

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('foldJob: events that cannot be folded', () => {
  it('keeps, skips and counts an event stamped with a date that does not exist, in any order', () => {
    const { opened, jobId } = openedEvent();
    const note = event(jobId, 'note.added', { text: 'Before' }, stampAt(5));
    const impossible = event(jobId, 'note.added', { text: 'Leap day' }, IMPOSSIBLE);
    const later = event(jobId, 'custody.moved', { to: place('bench 2') }, stampAt(9));
    const events = [opened, note, impossible, later];
    const expected = fold(events);
    expect(expected.notes.map((n) => n.text)).toEqual(['Before']);
    expect(expected.skipped).toEqual({ count: 1, types: ['note.added'] });
    expect(expected.eventCount).toBe(4);
    // It never becomes the last folded stamp, which later events are compared with.
    expect(expected.lastEventId).toBe(later.id);
    for (const order of permutations(events)) expect(fold(order)).toEqual(expected);
  });

  it('sorts events with broken stamps after every real one, by id, and never throws', () => {
    const real = { at: stampAt(5), id: '01JD0000000000000000000009' };
    const leap = { at: IMPOSSIBLE, id: '01JD0000000000000000000002' };
    const junk = { at: 'yesterday', id: '01JD0000000000000000000001' };
    const none = { at: undefined as unknown as string, id: '01JD0000000000000000000003' };
    expect([leap, none, real, junk].sort(compareEvents)).toEqual([real, junk, leap, none]);
    expect(compareEvents(leap, leap)).toBe(0);
  });

  it('agrees with parseStamp on which stamps are real times', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1970, max: 2400 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const two = (n: number) => String(n).padStart(2, '0');
          const stamp = `${year}-${two(month)}-${two(day)}T10:00:00.000Z-0000-0123456789abcdef`;
          let parses = true;
          try {
            parseStamp(stamp);
          } catch {
            parses = false;
          }
          expect(isRealStamp(stamp)).toBe(parses);
        },
      ),
      { numRuns: 500 },
    );
    expect(isRealStamp('2096-02-29T00:00:00.000Z-0000-0123456789abcdef')).toBe(true);
    expect(isRealStamp('2100-02-29T00:00:00.000Z-0000-0123456789abcdef')).toBe(false);
  });

  it('skips an event whose data throws when read, and folds the rest', () => {
    const { opened, jobId } = openedEvent();
    const corrupt: StoredEvent = {
      ...event(jobId, 'note.added', { text: 'x' }, stampAt(3)),
      data: Object.defineProperty({}, 'text', {
        enumerable: true,
        get() {
          throw new Error('corrupt record');
        },
      }),
    };
    const note = event(jobId, 'note.added', { text: 'After' }, stampAt(4));
    const job = fold([note, corrupt, opened]);
    expect(job.notes.map((n) => n.text)).toEqual(['After']);
    expect(job.skipped).toEqual({ count: 1, types: ['note.added'] });
    expect(applyToJob(fold([opened]), [corrupt, note])).toEqual(job);
  });

  it('skips events of an unexpected shape: no type, no data, a number for a stamp', () => {
    const { opened, jobId } = openedEvent();
    const base = event(jobId, 'note.added', { text: 'x' }, stampAt(3));
    const broken = [
      { ...base, id: '01JD000000000000000000000A', type: undefined },
      { ...base, id: '01JD000000000000000000000B', data: undefined },
      { ...base, id: '01JD000000000000000000000C', at: 20991231 },
    ] as unknown as StoredEvent[];
    const job = fold([...broken, opened]);
    expect(job.skipped.count).toBe(3);
    expect(job.skipped.types).toEqual(['note.added', 'unreadable']);
    expect(job.notes).toEqual([]);
    for (const order of permutations([opened, ...broken])) expect(fold(order)).toEqual(job);
  });

  it('starts from the first job.opened it can read: an unreadable or mis-stamped one is skipped', () => {
    const { opened, jobId } = openedEvent({}, stampAt(2));
    const garbled: StoredEvent = {
      ...event(jobId, 'job.opened', openedData(), stampAt(1)),
      data: { envelope: 42 },
    };
    const misStamped = event(jobId, 'job.opened', openedData(), IMPOSSIBLE);
    const job = fold([misStamped, garbled, opened]);
    expect(job.opened.eventId).toBe(opened.id);
    expect(job.skipped).toEqual({ count: 2, types: ['job.opened'] });
    expect(foldJob([misStamped, garbled])).toBeNull();
  });
});

describe('foldJob: properties', () => {
  it('never re-opens a collected job, whatever stale moves come after it, in any order', () => {
    const { opened, jobId } = openedEvent({}, stampAt(0, DEVICE_A, 0));
    const collected = event(
      jobId,
      'status.changed',
      { status: 'collected', signatureSha256: SIG },
      stampAt(30, DEVICE_A, 0),
    );
    const statuses = ['received', 'in_progress', 'qc', 'ready', 'collected', 'on_hold'] as const;
    const move = fc.record({
      minute: fc.integer({ min: 1, max: 60 }),
      device: fc.constantFrom(...DEVICES),
      status: fc.constantFrom(...statuses),
      qc: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc
          .uniqueArray(move, { selector: (m) => `${m.minute}/${m.device}`, maxLength: 15 })
          .map((moves) =>
            moves.map((m) =>
              m.qc
                ? event(
                    jobId,
                    'qc.recorded',
                    { result: 'pass', checks: {} },
                    stampAt(m.minute, m.device, 1),
                  )
                : event(
                    jobId,
                    'status.changed',
                    // Before the pick-up under test, no other pick-up: that one would be first.
                    { status: m.minute < 30 && m.status === 'collected' ? 'ready' : m.status },
                    stampAt(m.minute, m.device, 1),
                  ),
            ),
          )
          .chain((moves) =>
            fc.tuple(
              fc.constant(moves),
              fc.shuffledSubarray([opened, collected, ...moves], {
                minLength: moves.length + 2,
                maxLength: moves.length + 2,
              }),
            ),
          ),
        ([moves, shuffled]) => {
          const job = fold(shuffled);
          expect(job.status).toBe('collected');
          expect(job.statusChanged.eventId).toBe(collected.id);
          expect(job.pickupSignatureSha256).toBe(SIG);
          const after = moves.filter((m) => compareEvents(m, collected) > 0).map((m) => m.id);
          expect(job.refused.map((r) => r.eventId).sort()).toEqual(after.sort());
          expect(
            job.qc.every((q) => compareEvents({ at: q.at, id: q.eventId }, collected) < 0),
          ).toBe(true);
          // One at a time, in stamp order, as a tablet that syncs often would see them.
          const sorted = shuffled.slice().sort(compareEvents);
          let stepwise = fold(sorted.slice(0, 1));
          for (const e of sorted.slice(1)) stepwise = applyToJob(stepwise, [e]);
          expect(stepwise).toEqual(job);
        },
      ),
      { numRuns: 300 },
    );
  });

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
