// The tree projection and what it ticks on its jobs: the fold's rules, order independence, stages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { programForFlask } from '../../src/domain/casting/burnout';
import { impliedJobSteps, stepsToTick } from '../../src/domain/casting/jobSteps';
import {
  applyToTree,
  foldTree,
  metalIssuedG,
  treeCode,
  type TreeState,
} from '../../src/domain/casting/tree';
import { newUlid } from '../../src/domain/ids';
import { foldJob } from '../../src/domain/projection';
import { compareStreamEvents } from '../../src/domain/streamProjection';
import type { EventData, EventType, StoredEvent } from '../../src/protocol/events';
import { DEVICE_A, DEVICE_B, event, openedEvent, stampAt, T0 } from '../support/events';

const SIX_HOURS = programForFlask('2.5x2.5');

function treeEvents() {
  const treeId = newUlid(T0);
  const jobA = newUlid(T0);
  const jobB = newUlid(T0);
  let minute = 0;
  const on = <T extends EventType>(type: T, data: EventData<T>, device = DEVICE_A) =>
    event(treeId, type, data, stampAt((minute += 1), device));
  const events: StoredEvent[] = [
    on('tree.started', { alloyId: 'au14y' }),
    on('tree.job_added', { jobId: jobA, envelopeNumber: 'K7-0001' }),
    on('tree.job_added', { jobId: jobB, envelopeNumber: 'K7-0002' }, DEVICE_B),
    on('tree.step_set', { stepId: 'wax_cleanup', done: true }),
    on('tree.step_set', { stepId: 'sprue', done: true }),
    on('tree.weighed', { grossG: 12.5, baseG: 4.5 }),
    on('tree.metal_issued', { grams: 80, source: 'fresh' }),
    on('tree.metal_issued', { grams: 35.02, source: 'reused' }, DEVICE_B),
    on('tree.invested', {
      flaskId: 'F12',
      flaskSize: '2.5x2.5',
      investment: 'gypsum',
      powderG: 236,
      waterMl: 94.4,
      mixedAtMs: T0 + 10 * 60_000,
      workingMinutes: 9.5,
    }),
    on('tree.burnout_started', { atMs: T0 + 3 * 3_600_000, program: SIX_HOURS, soakTempC: 650 }),
    on('tree.burnout_paused', { atMs: T0 + 4 * 3_600_000, reason: 'Power cut' }),
    on('tree.burnout_resumed', { atMs: T0 + 4.5 * 3_600_000 }),
    on('tree.cast', {
      atMs: T0 + 10 * 3_600_000,
      flaskTempC: 650,
      castingTempC: 1000,
      machine: 'Vacuum caster',
    }),
    on('tree.step_set', { stepId: 'quench', done: true }),
    on('tree.weighed_out', {
      castings: [
        { jobId: jobA, grams: 50.1 },
        { jobId: jobB, grams: 44.2 },
      ],
      buttonG: 12,
      spruesG: 7.5,
      buttonTo: 'stock',
      spruesTo: 'scrap',
    }),
  ];
  return { treeId, jobA, jobB, events };
}

function fold(events: readonly StoredEvent[]): TreeState {
  const tree = foldTree(events);
  if (!tree) throw new Error('expected a tree');
  return tree;
}

describe('foldTree', () => {
  it('is null until the tree is started; other events are kept for when it is', () => {
    const { events } = treeEvents();
    expect(foldTree(events.slice(1))).toBeNull();
    expect(fold(events).eventCount).toBe(events.length);
  });

  it('walks the stages as the record grows', () => {
    const { events } = treeEvents();
    const stageAfter = (n: number) => fold(events.slice(0, n)).stage;
    expect(stageAfter(8)).toBe('building');
    expect(stageAfter(9)).toBe('invested');
    expect(stageAfter(12)).toBe('kiln');
    expect(stageAfter(13)).toBe('cast');
    expect(stageAfter(15)).toBe('done');
  });

  it('keeps the flask, the metal issued by source, the burnout log and who did each', () => {
    const { events, jobA, jobB } = treeEvents();
    const tree = fold(events);
    expect(tree.flaskKeys).toEqual(['F12']);
    expect(tree.jobIds).toEqual([jobA, jobB]);
    expect(metalIssuedG(tree)).toEqual({ totalG: 115.02, freshG: 80, reusedG: 35.02 });
    expect(tree.burnout.map((r) => r.kind)).toEqual(['started', 'paused', 'resumed']);
    expect(tree.jobs[1]?.added.by).toBe('staff-mia');
    expect(treeCode(tree)).toMatch(/^T-[0-9A-Z]{4}$/);
  });

  it('a later weighing corrects an earlier one; a job taken off is kept but not on the tree', () => {
    const { events, treeId, jobA, jobB } = treeEvents();
    const more = [
      event(treeId, 'tree.weighed', { grossG: 13, baseG: 4.5 }, stampAt(100)),
      event(treeId, 'tree.job_removed', { jobId: jobA, reason: 'Wax cracked' }, stampAt(101)),
    ];
    const tree = fold([...events.slice(0, 6), ...more]);
    expect(tree.weighed).toMatchObject({ grossG: 13, baseG: 4.5 });
    expect(tree.jobIds).toEqual([jobB]);
    expect(tree.jobs.find((j) => j.jobId === jobA)?.removed?.reason).toBe('Wax cracked');
  });

  it('skips events of other streams and of unknown types, counting them', () => {
    const { events, treeId } = treeEvents();
    const odd: StoredEvent[] = [
      event(treeId, 'note.added', { text: 'a job event on a tree' }, stampAt(200)),
      { ...event(treeId, 'tree.note_added', { text: 'x' }, stampAt(201)), type: 'tree.x_rayed' },
    ];
    const tree = fold([...events, ...odd]);
    expect(tree.skipped).toEqual({ count: 2, types: ['note.added', 'tree.x_rayed'] });
    expect(tree.stage).toBe('done');
  });

  it('gives the same tree for any arrival order and duplication, and extends like a full fold', () => {
    const { events } = treeEvents();
    const whole = fold(events);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
        fc.subarray(events),
        (shuffled, dupes) => {
          expect(foldTree([...shuffled, ...dupes])).toEqual(whole);
        },
      ),
    );
    const sorted = events.slice().sort(compareStreamEvents);
    for (let cut = 1; cut < sorted.length; cut++) {
      const head = fold(sorted.slice(0, cut));
      expect(applyToTree(head, sorted.slice(cut))).toEqual(whole);
    }
  });
});

describe('impliedJobSteps: the jobs on a tree say what the tree says', () => {
  it('ticks each job casting step with the values the tree recorded', () => {
    const { events, jobA } = treeEvents();
    const steps = Object.fromEntries(
      impliedJobSteps(fold(events), jobA).map((s) => [s.stepId, s.values]),
    );
    expect(steps).toEqual({
      wax_cleanup: {},
      sprue: {},
      tree: { flask_id: 'F12' },
      weigh_tree: { wax_weight_g: 8 },
      invest: { investment: 'gypsum', water_ratio_pct: 40 },
      burnout: { program: '6h', program_name: SIX_HOURS.name, burnout_top_temp_c: 732 },
      cast: { alloy: 'au14y', metal_issued_g: 115.02, flask_temp_c: 650, casting_temp_c: 1000 },
      quench: {},
      cut_off: { button_weight_g: 19.5, good_weight_g: 50.1 },
      return_to_stock: { returned_to_stock_g: 12 },
    });
  });

  it('asks only for ticks the job does not show yet', () => {
    const { events, treeId } = treeEvents();
    const { opened, jobId } = openedEvent({
      services: [{ id: newUlid(), kind: 'lost_wax_casting', details: { alloy: 'au14y' } }],
    });
    const job = foldJob([opened]);
    const service = job?.services[0];
    if (!service) throw new Error('expected a casting service');
    const tree = fold([
      ...events.slice(0, 5),
      event(treeId, 'tree.job_added', { jobId, envelopeNumber: 'K7-0042' }, stampAt(50)),
    ]);
    const implied = impliedJobSteps(tree, jobId);
    expect(stepsToTick(service, implied).map((s) => s.stepId)).toEqual(['wax_cleanup', 'sprue']);
    const ticked = {
      ...service,
      steps: {
        wax_cleanup: { done: true, values: {}, by: 'x', at: stampAt(60), eventId: newUlid() },
      },
    };
    expect(stepsToTick(ticked, implied).map((s) => s.stepId)).toEqual(['sprue']);
  });
});
