import { describe, expect, it } from 'vitest';
import {
  EVENT_TYPES,
  EventValidationError,
  parseEvent,
  readStoredEvent,
  SHOP_JOB_ID,
  blobsNamedBy,
} from '../../src/protocol/events';
import type { BurnoutProgramData } from '../../src/protocol/casting';
import { fixedStreamId, LEDGER_STREAM_ID, STREAM_OF_TYPE } from '../../src/protocol/streams';
import { event, openedEvent, stampAt } from '../support/events';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof EventValidationError) return err.message;
    throw err;
  }
  throw new Error('expected an EventValidationError');
}

const pin = { salt: 'a'.repeat(32), hash: 'b'.repeat(64), iterations: 50_000 };

/** A wall-clock moment in the casting room's data (ms): 23 November 2026, 09:00 UTC. */
const atMs = Date.parse('2026-11-23T09:00:00.000Z');
const program: BurnoutProgramData = {
  id: 'shop_7h',
  name: '7 h for the big flasks',
  stages: [
    { label: 'Dewax', tempC: 149, minutes: 120 },
    { label: 'Burnout', tempC: 732, minutes: 180 },
    { label: 'Soak', tempC: 690, minutes: 60, soak: true },
  ],
  investment: 'gypsum',
  flaskSizes: ['3.5x4'],
  builtIn: false,
};

describe('parseEvent', () => {
  it('accepts a valid event of every type and returns it typed', () => {
    const { opened, jobId, serviceId } = openedEvent();
    const samples: Record<string, Record<string, unknown>> = {
      'job.opened': opened.data,
      'job.updated': { changes: { rush: true, assignee: 'staff-jo' } },
      'job.voided': { reason: 'Opened twice' },
      'status.changed': { status: 'in_progress' },
      'envelope.bound': { code: 'ENV-1' },
      'service.added': { service: { id: serviceId, kind: 'polishing', details: {} } },
      'service.cancelled': { serviceId, reason: 'Declined' },
      'step.set': { serviceId, stepId: 'clean', done: true, values: { seconds: 30 } },
      'custody.moved': { to: { kind: 'place', id: 'safe', label: 'Safe' } },
      'weight.logged': { kind: 'return', grams: 3.4 },
      'photo.added': {
        sha256: 'c'.repeat(64),
        tag: 'before',
        mimeType: 'image/jpeg',
        bytes: 1,
        width: 1,
        height: 1,
      },
      'note.added': { text: 'Hello' },
      'qc.recorded': { result: 'pass', checks: { stonesTight: true } },
      'staff.added': { staffId: serviceId, name: 'Mia Berg', role: 'jeweler', pin },
      'staff.updated': { staffId: serviceId, active: false },
      'casting.program_added': { program },
      'casting.program_retired': { programId: program.id },
      'casting.loss_threshold_set': { pct: 1.5 },
      'tree.started': { alloyId: 'ag925', note: 'Rings for Friday' },
      'tree.job_added': { jobId, envelopeNumber: 'K7-0042', serviceId },
      'tree.job_removed': { jobId, reason: 'Broken wax' },
      'tree.step_set': { stepId: 'sprue', done: true },
      'tree.weighed': { grossG: 62.5, baseG: 48.1 },
      'tree.metal_issued': { grams: 150, source: 'fresh' },
      'tree.invested': {
        flaskId: 'f12',
        flaskSize: '3.5x4',
        investment: 'gypsum',
        powderG: 800,
        waterMl: 304,
        mixedAtMs: atMs,
        workingMinutes: 9,
      },
      'tree.burnout_started': { atMs, program, soakTempC: 690 },
      'tree.burnout_paused': { atMs: atMs + 60_000, reason: 'Power cut' },
      'tree.burnout_resumed': { atMs: atMs + 120_000 },
      'tree.burnout_changed': {
        atMs: atMs + 180_000,
        program,
        stageIndex: 1,
        soakTempC: 690,
        reason: 'Wrong program',
      },
      'tree.cast': { atMs, flaskTempC: 690, castingTempC: 1010, machine: 'Vacuum caster' },
      'tree.weighed_out': {
        castings: [{ jobId, grams: 4.2 }],
        buttonG: 60,
        spruesG: 20,
        buttonTo: 'stock',
        spruesTo: 'scrap',
      },
      'tree.note_added': { text: 'Button porous' },
      'scale.set': {
        scaleId: 'bench',
        name: 'Bench',
        readabilityG: 0.01,
        toleranceG: 0.02,
        retired: false,
      },
      'metal.received': { alloyId: 'au14y', grams: 50, form: 'grain', supplier: 'Stuller' },
      'metal.issued': { alloyId: 'au14y', grams: 5, to: { kind: 'bench', id: 'bench_1' } },
      'metal.returned': { alloyId: 'au14y', grams: 2, from: { kind: 'person', id: serviceId } },
      'metal.used': { alloyId: 'au14y', grams: 0.18, from: { kind: 'tree', id: jobId }, jobId },
      'metal.weighed_in': {
        place: { kind: 'stock' },
        alloyId: 'au14y',
        session: 'opening',
        bookG: 45,
        weighedG: 44.99,
        toleranceG: 0.02,
      },
      'scrap.deposited': { potId: 'gold-14k/clean', alloyId: 'au14y', kind: 'lemel', grams: 1.2 },
      'lot.sealed': {
        lotId: jobId,
        contents: [{ potId: 'gold-14k/clean', alloyId: 'au14y', grams: 1.2, estimatedFineG: 0.7 }],
      },
      'lot.sent': {
        lotId: jobId,
        sentOn: '2026-12-02',
        refiner: 'Refiner',
        takenBy: 'Courier',
        grossG: 1.3,
        sealNumber: 'S1',
      },
      'lot.settled': {
        lotId: jobId,
        settledOn: '2026-12-20',
        fineCreditedG: 0.69,
        feesCents: 1500,
      },
      'metal.corrected': {
        eventId: jobId,
        original: { type: 'metal.received', data: { alloyId: 'au14y' } },
        reason: 'Typo',
      },
      'custody.confirmed': { moveEventId: jobId, method: 'pin' },
      'trade.sent': {
        tradeShopId: serviceId,
        tradeShopName: 'Kovac Setting',
        work: 'Reset the centre stone',
        takenBy: 'Ana Kovac',
        sentDate: '2026-12-01',
        expectedBack: '2026-12-08',
        insuranceValueCents: 250000,
      },
      'trade.returned': {
        sentEventId: jobId,
        returnedDate: '2026-12-07',
        condition: 'Stone reset, prongs checked',
        weightG: 5.2,
      },
      'trade.shop_set': {
        tradeShopId: serviceId,
        name: 'Kovac Setting',
        kind: 'setter',
        active: true,
      },
      'safe.counted': {
        startedAtMs: 1_796_000_000_000,
        finishedAtMs: 1_796_000_300_000,
        scanned: [jobId],
        missing: [{ jobId: serviceId, envelopeNumber: 'K7-0043', lastWhere: 'Bench 2' }],
      },
      'warranty.set': { serviceKind: 'ring_sizing_up', days: 45 },
      'warranty.claimed': {
        redoJobId: serviceId,
        redoEnvelope: 'K7-0050',
        serviceIds: [serviceId],
        reason: 'Seam opened',
      },
      'notice.recorded': {
        channel: 'email',
        trigger: 'ready',
        triggerEventId: jobId,
        status: 'sent',
        attempt: 1,
        to: 'ana@example.com',
      },
      'notice.settings_set': { readyEmail: true, shopName: 'Berg Jewellers' },
      'timer.started': { timerId: serviceId, serviceId, wallMs: 1_796_000_000_000 },
      'timer.paused': { timerId: serviceId, wallMs: 1_796_000_600_000 },
      'timer.resumed': { timerId: serviceId, wallMs: 1_796_000_900_000 },
      'timer.stopped': { timerId: serviceId, wallMs: 1_796_001_200_000 },
      'timer.corrected': { timerId: serviceId, workedMs: 1_800_000, reason: 'Left running' },
      'material.used': {
        usageId: serviceId,
        itemId: jobId,
        itemName: 'Lobster clasp 10 mm, 14k yellow',
        category: 'finding',
        unit: 'pcs',
        quantity: 1,
        unitCostCents: 1850,
        serviceId,
      },
      'material.returned': { usageId: serviceId, reason: 'Wrong size' },
      'item.added': {
        name: 'Jump ring 4 mm, 14k yellow',
        category: 'finding',
        unit: 'pcs',
        size: '4 mm',
        code: 'JR4-14Y',
        minimum: 20,
        reorderQuantity: 50,
        unitCostCents: 120,
        retired: false,
      },
      'item.updated': { changes: { minimum: 30 } },
      'stock.received': { quantity: 50, unitCostCents: 115, supplier: 'Stuller' },
      'stock.used': { quantity: 2, jobId, usageId: serviceId },
      'stock.returned': { quantity: 1, jobId, usageId: serviceId },
      'stock.counted': { quantity: 47 },
      'equipment.added': { name: 'Ultrasonic 1', kind: 'ultrasonic', retired: false },
      'equipment.updated': { changes: { location: 'Polishing room' } },
      'maintenance.planned': {
        taskId: serviceId,
        what: 'Change the solution',
        everyDays: 7,
        active: true,
      },
      'maintenance.done': { taskId: serviceId, what: 'Changed the solution' },
      'equipment.hours_logged': { hours: 2.5 },
      'malfunction.reported': { reportId: serviceId, what: 'Heater dead', outOfService: true },
      'malfunction.resolved': { reportId: serviceId, how: 'Replaced the heater' },
      'calibration.checked': { testWeightG: 100, readG: 100.01, toleranceG: 0.02, passed: true },
      'bath.made': { name: 'Rhodium 1', madeDate: '2026-11-02', rhodiumG: 2, volumeMl: 1000 },
      'bath.replenished': { rhodiumG: 0.5 },
      'bath.plated': { jobId, serviceId, seconds: 25, volts: 4.2 },
      'bath.retired': { reason: 'Contaminated' },
      'waste.logged': {
        entryId: serviceId,
        what: 'Spent rhodium solution',
        amount: 1,
        unit: 'l',
        where: 'Refiner collection drum',
      },
      'waste.corrected': { entryId: serviceId, reason: 'Logged twice' },
      'price.labour_set': { role: 'jeweler', centsPerHour: 6500 },
      'price.metal_set': { alloyId: 'au14y', centsPerGram: 5200 },
    };
    expect(Object.keys(samples).sort()).toEqual([...EVENT_TYPES].sort());
    for (const [type, data] of Object.entries(samples)) {
      const kind = STREAM_OF_TYPE[type as keyof typeof STREAM_OF_TYPE];
      // A tree's stream id is a ULID like a job's: the job's id stands in for one here.
      const owner = fixedStreamId(kind) ?? jobId;
      const e = { ...event(owner, 'note.added', { text: 'x' }, stampAt(1)), type, data };
      expect(parseEvent(e).type).toBe(type);
    }
  });

  it.each([
    [
      'an unknown type',
      { type: 'job.teleported' },
      'event.type: Unknown event type "job.teleported".',
    ],
    ['a bad id', { id: 'nope' }, 'event.id: Not a valid id (ULID).'],
    ['a bad stamp', { at: 'yesterday' }, 'event.at: Not a clock stamp.'],
    ['a bad device', { device: 'DEVICE' }, 'event.device: Not a device id.'],
    ['no actor', { actor: '' }, 'event.actor: Missing staff id.'],
    [
      'a blank customer name',
      { data: 'customerBlank' },
      "event.data.customer.name: Enter the customer's name.",
    ],
    [
      'a negative intake weight',
      { data: 'negativeWeight' },
      'event.data.intakeWeightG: A weight must be more than 0 g.',
    ],
    ['no services', { data: 'noServices' }, 'event.data.services: Add at least one service.'],
    ['an unknown service', { data: 'unknownService' }, 'event.data.services[0].kind'],
    ['an impossible date', { data: 'badDate' }, 'event.data.promisedDate: Not a real date.'],
  ])('rejects %s, naming the field', (_name, change, expected) => {
    const { opened } = openedEvent();
    const d = opened.data;
    const dataVariants: Record<string, unknown> = {
      customerBlank: { ...d, customer: { name: '   ' } },
      negativeWeight: { ...d, intakeWeightG: -1 },
      noServices: { ...d, services: [] },
      unknownService: { ...d, services: [{ id: opened.id, kind: 'engraving', details: {} }] },
      badDate: { ...d, promisedDate: '2026-02-31' },
    };
    const patched =
      'data' in change ? { ...opened, data: dataVariants[change.data] } : { ...opened, ...change };
    expect(messageOf(() => parseEvent(patched))).toContain(expected);
  });

  it('keeps shop events on the shop and job events on jobs', () => {
    const { jobId } = openedEvent();
    const staff = { staffId: jobId, name: 'Mia', role: 'jeweler', pin };
    const onJob = {
      ...event(jobId, 'note.added', { text: 'x' }),
      type: 'staff.added',
      data: staff,
    };
    expect(messageOf(() => parseEvent(onJob))).toBe(
      'event.jobId: A staff.added event belongs to the shop ("shop").',
    );
    const onShop = event(SHOP_JOB_ID, 'note.added', { text: 'x' });
    expect(messageOf(() => parseEvent(onShop))).toBe(
      'event.jobId: A note.added event belongs to a job, not the shop.',
    );
  });

  it('keeps tree events off the shop and the shop’s casting settings on it', () => {
    const { jobId } = openedEvent();
    const treeOnShop = event(SHOP_JOB_ID, 'tree.started', { alloyId: 'ag925' });
    expect(messageOf(() => parseEvent(treeOnShop))).toBe(
      'event.jobId: A tree.started event belongs to a tree, not the shop.',
    );
    const noteOnShop = event(SHOP_JOB_ID, 'tree.note_added', { text: 'x' });
    expect(messageOf(() => parseEvent(noteOnShop))).toBe(
      'event.jobId: A tree.note_added event belongs to a tree, not the shop.',
    );
    const thresholdOnTree = event(jobId, 'casting.loss_threshold_set', { pct: 2 });
    expect(messageOf(() => parseEvent(thresholdOnTree))).toBe(
      'event.jobId: A casting.loss_threshold_set event belongs to the shop ("shop").',
    );
    const programOnTree = event(jobId, 'casting.program_added', { program });
    expect(messageOf(() => parseEvent(programOnTree))).toContain('belongs to the shop ("shop")');
    expect(parseEvent({ ...thresholdOnTree, jobId: SHOP_JOB_ID }).jobId).toBe(SHOP_JOB_ID);
  });

  it('keeps the ledger’s events on its one stream and every other kind off it', () => {
    const { jobId } = openedEvent();
    const receipt = { alloyId: 'au14y', grams: 5, form: 'grain', supplier: 'Stuller' } as const;
    expect(messageOf(() => parseEvent(event(jobId, 'metal.received', receipt)))).toBe(
      `event.jobId: A metal.received event belongs to the ledger ("${LEDGER_STREAM_ID}").`,
    );
    expect(messageOf(() => parseEvent(event(SHOP_JOB_ID, 'metal.received', receipt)))).toContain(
      'belongs to the ledger',
    );
    expect(messageOf(() => parseEvent(event(LEDGER_STREAM_ID, 'note.added', { text: 'x' })))).toBe(
      'event.jobId: A note.added event belongs to a job, not the ledger.',
    );
    expect(parseEvent(event(LEDGER_STREAM_ID, 'metal.received', receipt)).jobId).toBe(
      LEDGER_STREAM_ID,
    );
  });

  it('needs a reason when QC fails', () => {
    const { jobId } = openedEvent();
    const e = event(jobId, 'note.added', { text: 'x' });
    expect(
      messageOf(() =>
        parseEvent({ ...e, type: 'qc.recorded', data: { result: 'fail', checks: {} } }),
      ),
    ).toBe('event.data.reason: Say why QC failed, so the bench knows what to fix.');
  });

  it('rejects what is not an event at all', () => {
    expect(messageOf(() => parseEvent(null))).toMatch(/^event: /);
    expect(messageOf(() => parseEvent('job.opened'))).toMatch(/^event: /);
  });
});

describe('readStoredEvent', () => {
  it('keeps events of unknown types instead of rejecting them (version skew)', () => {
    const { jobId } = openedEvent();
    const e = {
      ...event(jobId, 'note.added', { text: 'x' }),
      type: 'casting.poured',
      data: { flask: 'F7' },
    };
    expect(readStoredEvent(e)).toEqual({ known: false, reason: 'unknown type casting.poured' });
  });

  it('reads known ones with their data checked', () => {
    const { opened } = openedEvent();
    const read = readStoredEvent(opened);
    expect(read.known && read.event.type).toBe('job.opened');
  });
});

describe('stamps at the door', () => {
  it.each([
    ['2099-02-29T00:00:00.000Z-0000-aaaaaaaaaaaaaaaa', 'a 29 February in a year that has none'],
    ['2026-04-31T12:00:00.000Z-0001-aaaaaaaaaaaaaaaa', 'a 31 April'],
  ])('refuses %s (%s), which the pattern alone lets through', (at) => {
    const { opened } = openedEvent();
    expect(messageOf(() => parseEvent({ ...opened, at }))).toBe(
      'event.at: Not a real time: that day does not exist.',
    );
  });

  it('takes a 29 February in a leap year', () => {
    const { opened } = openedEvent();
    const at = '2028-02-29T23:59:59.999Z-ffff-aaaaaaaaaaaaaaaa';
    expect(parseEvent({ ...opened, at }).at).toBe(at);
  });
});

describe('blobsNamedBy', () => {
  it('names a machine’s maintenance and malfunction photos, so the server asks for their bytes', () => {
    const machineId = openedEvent().jobId;
    const photo = 'd'.repeat(64);
    const done = event(machineId, 'maintenance.done', {
      what: 'Changed the belt',
      photoSha256: photo,
    });
    const report = event(machineId, 'malfunction.reported', {
      reportId: machineId,
      what: 'Motor hums, no spin',
      outOfService: true,
      photoSha256: photo,
    });
    expect(blobsNamedBy(done)).toEqual([{ blob: photo, photo }]);
    expect(blobsNamedBy(report)).toEqual([{ blob: photo, photo }]);
    expect(blobsNamedBy(event(machineId, 'maintenance.done', { what: 'Oiled' }))).toEqual([]);
  });
});
