// The casting room's operations over a real Dexie on fake-indexeddb: each rule refuses with a clear
// message and stores nothing; the jobs on a tree get their casting steps ticked with its values.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  addBurnoutProgram,
  addJobToTree,
  changeBurnout,
  investTree,
  issueMetal,
  pauseBurnout,
  recordCast,
  removeJobFromTree,
  resumeBurnout,
  setTreeStep,
  startBurnout,
  startTree,
  weighOut,
  weighTree,
} from '../../src/db/castingOperations';
import { treeInFlask, treesOfJob } from '../../src/db/castingQueries';
import { openJob, type OpenJobInput } from '../../src/db/jobOperations';
import { voidJob } from '../../src/db/workflowOperations';
import { LoupeDB } from '../../src/db/LoupeDB';
import { burnoutStatus } from '../../src/domain/casting/burnout';
import type { AlloyId } from '../../src/domain/metals';
import { openedData } from '../support/events';
import { freshDatabases, refusal } from '../support/databases';

const freshDb = freshDatabases('loupe-casting');

const MIA = 'staff-mia';
const JO = 'staff-jo';
const T = Date.parse('2026-12-01T08:00:00Z');
const HOUR = 3_600_000;

function castingIntake(alloy: AlloyId = 'au14y'): OpenJobInput {
  const { envelope: _e, services: _s, ...rest } = openedData();
  return { ...rest, services: [{ kind: 'lost_wax_casting', details: { alloy } }] };
}

const INVEST = {
  flaskId: 'f12',
  flaskSize: '2.5x2.5',
  investment: 'gypsum',
  powderG: 236,
  waterMl: 94.4,
  mixedAtMs: T,
  workingMinutes: 9.5,
} as const;

/** A 14k yellow tree with two jobs on it, weighed, metal issued and invested in flask F12. */
async function investedTree(db: LoupeDB) {
  const a = await openJob(db, castingIntake(), MIA);
  const b = await openJob(db, castingIntake(), MIA);
  const treeId = await startTree(db, { alloyId: 'au14y' }, JO);
  await addJobToTree(db, { treeId, jobId: a.jobId }, JO);
  await addJobToTree(db, { treeId, jobId: b.jobId }, JO);
  await setTreeStep(db, { treeId, stepId: 'wax_cleanup', done: true }, JO);
  await weighTree(db, { treeId, grossG: 12.5, baseG: 4.5 }, JO);
  await issueMetal(db, { treeId, grams: 115.02, source: 'fresh' }, MIA);
  await investTree(db, { treeId, ...INVEST }, JO);
  return { treeId, jobA: a.jobId, jobB: b.jobId };
}

describe('building a tree', () => {
  it('puts jobs on the tree, into the casting room, and ticks their steps as the caster', async () => {
    const db = freshDb();
    const { treeId, jobA, jobB } = await investedTree(db);
    const tree = await db.trees.get(treeId);
    expect(tree?.stage).toBe('invested');
    expect(tree?.jobIds).toEqual([jobA, jobB]);
    expect(tree?.flaskKeys).toEqual(['F12']);
    const job = await db.jobs.get(jobA);
    expect(job?.custody.at(-1)).toMatchObject({ by: JO, to: { id: 'casting_room' } });
    const steps = job?.services[0]?.steps ?? {};
    expect(steps.wax_cleanup).toMatchObject({ done: true, by: JO });
    expect(steps.weigh_tree).toMatchObject({ done: true, values: { wax_weight_g: 8 } });
    expect(steps.tree?.values).toEqual({ flask_id: 'F12' });
    expect(steps.invest?.values).toEqual({ investment: 'gypsum', water_ratio_pct: 40 });
    expect(await treeInFlask(db, 'f12')).toMatchObject({ id: treeId });
    expect((await treesOfJob(db, jobB)).map((t) => t.id)).toEqual([treeId]);
  });

  it('refuses a job of another alloy, one without casting, one on another tree, a voided one', async () => {
    const db = freshDb();
    const treeId = await startTree(db, { alloyId: 'au14y' }, JO);
    const silver = await openJob(db, castingIntake('ag925'), MIA);
    expect(await refusal(addJobToTree(db, { treeId, jobId: silver.jobId }, JO))).toMatch(
      /another alloy \(ag925\)/,
    );
    const { envelope: _e, services: _s, ...rest } = openedData();
    const sizing = await openJob(
      db,
      {
        ...rest,
        services: [
          { kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } },
        ],
      },
      MIA,
    );
    expect(await refusal(addJobToTree(db, { treeId, jobId: sizing.jobId }, JO))).toMatch(
      /no lost-wax casting service/,
    );
    const gold = await openJob(db, castingIntake(), MIA);
    await addJobToTree(db, { treeId, jobId: gold.jobId }, JO);
    const other = await startTree(db, { alloyId: 'au14y' }, JO);
    expect(await refusal(addJobToTree(db, { treeId: other, jobId: gold.jobId }, JO))).toMatch(
      /is on tree T-/,
    );
    const voided = await openJob(db, castingIntake(), MIA);
    await voidJob(db, { jobId: voided.jobId, reason: 'Opened twice' }, MIA);
    expect(await refusal(addJobToTree(db, { treeId, jobId: voided.jobId }, JO))).toMatch(/voided/);
    expect((await db.trees.get(treeId))?.jobIds).toEqual([gold.jobId]);
  });

  it('refuses a flask that holds another tree, and an empty tree', async () => {
    const db = freshDb();
    await investedTree(db);
    const empty = await startTree(db, { alloyId: 'au14y' }, JO);
    expect(await refusal(investTree(db, { treeId: empty, ...INVEST }, JO))).toMatch(/no waxes/);
    const job = await openJob(db, castingIntake(), MIA);
    await addJobToTree(db, { treeId: empty, jobId: job.jobId }, JO);
    expect(await refusal(investTree(db, { treeId: empty, ...INVEST }, JO))).toMatch(
      /Flask F12 holds tree T-.* \(invested\)/,
    );
  });

  it('takes a wax off with a reason, before investing only', async () => {
    const db = freshDb();
    const { treeId, jobA } = await investedTree(db);
    expect(
      await refusal(removeJobFromTree(db, { treeId, jobId: jobA, reason: 'Cracked' }, JO)),
    ).toMatch(/invested: too late/);
  });
});

describe('burnout, cast and weigh-out', () => {
  it('runs a 6 h burnout with a pause, casts, weighs out, and the jobs show it all', async () => {
    const db = freshDb();
    const { treeId, jobA, jobB } = await investedTree(db);
    expect(
      await refusal(
        recordCast(
          db,
          { treeId, atMs: T, flaskTempC: 650, castingTempC: 1000, machine: 'Vac' },
          JO,
        ),
      ),
    ).toMatch(/not been through the kiln/);
    await startBurnout(db, { treeId, programId: '6h', soakTempC: 650, atMs: T + 2 * HOUR }, JO);
    expect(
      await refusal(
        startBurnout(db, { treeId, programId: '6h', soakTempC: 650, atMs: T + 2 * HOUR }, JO),
      ),
    ).toMatch(/change its program/);
    await pauseBurnout(db, { treeId, atMs: T + 3 * HOUR, reason: 'Power cut' }, JO);
    expect(await refusal(pauseBurnout(db, { treeId, atMs: T + 3.2 * HOUR }, JO))).toMatch(
      /paused already/,
    );
    await resumeBurnout(db, { treeId, atMs: T + 3.5 * HOUR }, JO);
    const tree = await db.trees.get(treeId);
    if (!tree) throw new Error('expected the tree');
    expect(tree.stage).toBe('kiln');
    // Ready 6 h of program time after the start, plus the half hour paused.
    expect(burnoutStatus(tree.burnout, T + 4 * HOUR)?.readyAtMs).toBe(T + 8.5 * HOUR);

    await recordCast(
      db,
      { treeId, atMs: T + 9 * HOUR, flaskTempC: 650, castingTempC: 1000, machine: 'Vacuum caster' },
      JO,
    );
    await setTreeStep(db, { treeId, stepId: 'quench', done: true }, JO);
    expect(
      await refusal(
        weighOut(
          db,
          {
            treeId,
            castings: [{ jobId: jobA, grams: 50 }],
            buttonG: 12,
            spruesG: 7,
            buttonTo: 'stock',
            spruesTo: 'scrap',
          },
          JO,
        ),
      ),
    ).toMatch(/Weigh the casting of job/);
    await weighOut(
      db,
      {
        treeId,
        castings: [
          { jobId: jobA, grams: 50 },
          { jobId: jobB, grams: 45 },
        ],
        buttonG: 12,
        spruesG: 7,
        buttonTo: 'stock',
        spruesTo: 'scrap',
      },
      JO,
    );
    expect((await db.trees.get(treeId))?.stage).toBe('done');
    const job = await db.jobs.get(jobB);
    const steps = job?.services[0]?.steps ?? {};
    expect(steps.burnout?.values).toMatchObject({ program: '6h', burnout_top_temp_c: 732 });
    expect(steps.cast?.values).toEqual({
      alloy: 'au14y',
      metal_issued_g: 115.02,
      flask_temp_c: 650,
      casting_temp_c: 1000,
    });
    expect(steps.cut_off?.values).toEqual({ button_weight_g: 19, good_weight_g: 45 });
    expect(steps.return_to_stock?.values).toEqual({ returned_to_stock_g: 12 });
    expect(job?.custody.at(-1)).toMatchObject({ to: { kind: 'staff', id: JO } });
  });

  it('changes the program mid-run with a reason, and knows the shop programs', async () => {
    const db = freshDb();
    const { treeId } = await investedTree(db);
    await startBurnout(db, { treeId, programId: '6h', soakTempC: 650, atMs: T }, JO);
    expect(
      await refusal(
        changeBurnout(
          db,
          { treeId, programId: '8h', stageIndex: 1, soakTempC: 650, atMs: T + HOUR, reason: ' ' },
          JO,
        ),
      ),
    ).toMatch(/Say why/);
    const own = await addBurnoutProgram(
      db,
      {
        name: 'Slow small flask',
        investment: 'gypsum',
        flaskSizes: ['2.5x2.5'],
        stages: [
          { label: 'Dewax', tempC: 149, minutes: 180 },
          { label: 'Soak', tempC: 700, minutes: 60, soak: true },
        ],
      },
      MIA,
    );
    await changeBurnout(
      db,
      {
        treeId,
        programId: own.id,
        stageIndex: 0,
        soakTempC: 640,
        atMs: T + HOUR,
        reason: 'Cracked investment risk',
      },
      JO,
    );
    const tree = await db.trees.get(treeId);
    expect(tree?.burnout.map((r) => r.kind)).toEqual(['started', 'changed']);
    const status = tree ? burnoutStatus(tree.burnout, T + 2 * HOUR) : null;
    expect(status).toMatchObject({ stageIndex: 0, setTempC: 149, readyAtMs: T + 5 * HOUR });
  });

  it('refuses a shop program over 788 °C and stores nothing', async () => {
    const db = freshDb();
    const before = await db.events.count();
    const message = await refusal(
      addBurnoutProgram(
        db,
        {
          name: 'Too hot',
          investment: 'gypsum',
          flaskSizes: [],
          stages: [{ label: 'Hold', tempC: 789, minutes: 60 }],
        },
        MIA,
      ),
    );
    expect(message).toMatch(/788 °C/);
    expect(await db.events.count()).toBe(before);
  });
});
