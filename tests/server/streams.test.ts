// The casting room's streams through the real server: a tree's events and the shop's casting
// settings pushed and pulled like a job's, and the ones that belong elsewhere refused at the door.
import { beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_PROGRAMS } from '../../src/domain/casting/burnout';
import { newUlid } from '../../src/domain/ids';
import type { BurnoutProgramData } from '../../src/protocol/casting';
import { SHOP_JOB_ID, type StoredEvent } from '../../src/protocol/events';
import { event, openedEvent, stampAt } from '../support/events';
import { startTestServer, STORE_KINDS, type TestServer } from './startTestServer';
import { client, errorOf, pairDevice } from './syncHelpers';

const NO_BUILD = '/nonexistent-loupe-build';

const withoutSeq = ({ seq: _seq, ...rest }: { seq: number } & Record<string, unknown>) => rest;

const SIX_HOURS = BUILT_IN_PROGRAMS.find((p) => p.id === '6h');
if (!SIX_HOURS) throw new Error('the 6 h program is built in');
const builtIn: BurnoutProgramData = SIX_HOURS;
const shopProgram: BurnoutProgramData = {
  ...builtIn,
  id: 'big_flasks',
  name: 'Big flasks, slow',
  builtIn: false,
};

/** Wall-clock moments in the casting room's data, near the test stamps' day. */
const MIXED_AT = Date.parse('2026-11-23T09:30:00.000Z');

function castingDay() {
  const { opened, jobId } = openedEvent();
  const treeId = newUlid();
  const tree: StoredEvent[] = [
    event(treeId, 'tree.started', { alloyId: 'ag925', note: 'Friday rings' }, stampAt(2)),
    event(treeId, 'tree.job_added', { jobId, envelopeNumber: 'K7-0042' }, stampAt(3)),
    event(treeId, 'tree.weighed', { grossG: 62.5, baseG: 48.1 }, stampAt(4)),
    event(treeId, 'tree.metal_issued', { grams: 150, source: 'fresh' }, stampAt(5)),
    event(
      treeId,
      'tree.invested',
      {
        flaskId: 'F12',
        flaskSize: '3.5x4',
        investment: 'gypsum',
        powderG: 800,
        waterMl: 304,
        mixedAtMs: MIXED_AT,
        workingMinutes: 9,
      },
      stampAt(6),
    ),
    event(
      treeId,
      'tree.burnout_started',
      { atMs: MIXED_AT + 3_600_000, program: builtIn, soakTempC: 690 },
      stampAt(7),
    ),
  ];
  const shop: StoredEvent[] = [
    event(SHOP_JOB_ID, 'casting.program_added', { program: shopProgram }, stampAt(8)),
    event(SHOP_JOB_ID, 'casting.loss_threshold_set', { pct: 1.5 }, stampAt(9)),
    event(SHOP_JOB_ID, 'casting.program_retired', { programId: shopProgram.id }, stampAt(10)),
  ];
  return { opened, jobId, treeId, tree, shop };
}

/** A program whose second stage is one degree over what gypsum-bonded investment takes. */
const tooHot: BurnoutProgramData = {
  ...shopProgram,
  id: 'too_hot',
  stages: [
    { label: 'Dewax', tempC: 149, minutes: 120 },
    { label: 'Burnout', tempC: 789, minutes: 120 },
    { label: 'Soak', tempC: 690, minutes: 60, soak: true },
  ],
};

// On both stores: what a stream holds is the tablets' to say, the store keeps it as sent.
describe.each(STORE_KINDS)('on %s', (kind) => {
  describe('streams on the server', () => {
    let server: TestServer;
    let api: ReturnType<typeof client>;

    beforeEach(async () => {
      server = await startTestServer(NO_BUILD, { store: kind });
      api = client(server.url, (await pairDevice(server)).token);
      return () => server.close();
    });

    async function expectNothingStored() {
      expect(await api.pullOk(0)).toMatchObject({ events: [], cursor: 0, more: false });
    }

    it('accepts a tree’s events and the shop’s casting settings and hands them back as sent', async () => {
      const { opened, tree, shop } = castingDay();
      const batch = [opened, ...tree, ...shop];
      expect(await api.pushOk(batch)).toMatchObject({
        accepted: batch.length,
        duplicates: 0,
        cursor: batch.length,
      });
      // Another tablet pulls them, in the order they were stored.
      const other = client(server.url, (await pairDevice(server)).token);
      const page = await other.pullOk(0);
      expect(page.events.map(withoutSeq)).toEqual(batch);
      expect(await api.pushOk(tree)).toMatchObject({ accepted: 0, duplicates: tree.length });
    });

    it('refuses a tree event on the shop’s stream, naming it, and stores nothing of the batch', async () => {
      const { tree } = castingDay();
      const [started, jobAdded] = tree;
      if (!started || !jobAdded) throw new Error('tree events expected');
      const onShop = { ...jobAdded, jobId: SHOP_JOB_ID };
      const res = await api.push([started, onShop]);
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('bad_request');
      expect(error.events).toEqual([
        {
          index: 1,
          id: onShop.id,
          code: 'invalid',
          message: 'events[1].jobId: A tree.job_added event belongs to a tree, not the shop.',
        },
      ]);
      await expectNothingStored();
    });

    it('refuses a shop setting on a tree’s stream', async () => {
      const { treeId, shop } = castingDay();
      const [added] = shop;
      if (!added) throw new Error('a shop event expected');
      const error = await errorOf(await api.push([{ ...added, jobId: treeId }]));
      expect(error.events?.[0]?.message).toBe(
        'events[0].jobId: A casting.program_added event belongs to the shop ("shop").',
      );
      await expectNothingStored();
    });

    it.each([
      ['the shop adds', () => event(SHOP_JOB_ID, 'casting.program_added', { program: tooHot })],
      [
        'a run starts with',
        () =>
          event(newUlid(), 'tree.burnout_started', {
            atMs: MIXED_AT,
            program: tooHot,
            soakTempC: 690,
          }),
      ],
    ])('refuses a burnout program with a stage at 789 °C that %s', async (_what, make) => {
      const hot = make();
      const res = await api.push([hot]);
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.events).toEqual([
        {
          index: 0,
          id: hot.id,
          code: 'invalid',
          message:
            'events[0].data.program.stages[1].tempC: Never above 788 °C (1450 °F): the investment breaks down.',
        },
      ]);
      await expectNothingStored();
    });
  });
});
