// Where a scan leads, over a real Dexie database (fake-indexeddb) with jobs opened the app's way.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addStaff,
  addJobToTree,
  investTree,
  issueMetal,
  LoupeDB,
  openJob,
  recordCast,
  recordEvent,
  startBurnout,
  startTree,
  weighOut,
  type OpenJobInput,
} from '../../src/db';
import { newJobId } from '../../src/domain/ids';
import { badgeLinkUrl } from '../../src/scan/badgeLink';
import { flaskLink } from '../../src/scan/flaskLink';
import { jobLinkUrl } from '../../src/scan/jobLink';
import { classifyScan } from '../../src/scan/payload';
import { resolveScan } from '../../src/scan/resolveScan';
import { openedData } from '../support/events';

const ORIGIN = 'https://loupe.local';
const opened: LoupeDB[] = [];
let n = 0;
function freshDb(): LoupeDB {
  const db = new LoupeDB(`loupe-scan-${Date.now()}-${n++}`);
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

const scan = (db: LoupeDB, text: string) => resolveScan(db, classifyScan(text, ORIGIN));

describe('resolveScan', () => {
  it('opens the job a label names', async () => {
    const db = freshDb();
    const { jobId } = await openJob(db, intake(), 'staff-mia');
    expect(await scan(db, jobLinkUrl(ORIGIN, jobId))).toEqual({
      kind: 'open',
      to: `/jobs/${jobId}`,
    });
    // The server reached by another address prints labels that open the same job.
    expect(await scan(db, jobLinkUrl('https://192.168.1.20:8080', jobId))).toEqual({
      kind: 'open',
      to: `/jobs/${jobId}`,
    });
  });

  it('sends a label of a job not on this tablet to the deep link screen, naming a foreign host', async () => {
    const db = freshDb();
    const jobId = newJobId();
    expect(await scan(db, jobLinkUrl(ORIGIN, jobId))).toEqual({ kind: 'open', to: `/j/${jobId}` });
    expect(await scan(db, jobLinkUrl('https://192.168.1.20:8080', jobId))).toEqual({
      kind: 'open',
      to: `/j/${jobId}?from=192.168.1.20%3A8080`,
    });
  });

  it('opens the one job on an envelope, however the number is typed', async () => {
    const db = freshDb();
    const { jobId, envelopeNumber } = await openJob(db, intake(), 'staff-mia');
    const typed = envelopeNumber.toLowerCase().replace('-', ' ');
    expect(await scan(db, typed)).toEqual({ kind: 'open', to: `/jobs/${jobId}` });
  });

  it('opens a job on a pre-printed envelope by its code', async () => {
    const db = freshDb();
    const { jobId } = await openJob(db, intake({ preprintedCode: '00012345' }), 'staff-mia');
    expect(await scan(db, '00012345')).toEqual({ kind: 'open', to: `/jobs/${jobId}` });
  });

  it('offers a choice when several jobs answer to one envelope, most urgent first', async () => {
    const db = freshDb();
    const late = await openJob(
      db,
      intake({ preprintedCode: 'R-2026-17', promisedDate: '2026-12-01' }),
      'staff-mia',
    );
    const rush = await openJob(
      db,
      intake({ preprintedCode: 'r 2026 17', promisedDate: '2026-12-20', rush: true }),
      'staff-mia',
    );
    const outcome = await scan(db, 'R2026-17');
    expect(outcome.kind).toBe('choose');
    if (outcome.kind !== 'choose') return;
    expect(outcome.number).toBe('R2026-17');
    expect(outcome.jobs.map((j) => j.id)).toEqual([rush.jobId, late.jobId]);
  });

  it('passes over a voided job when a live one shares its envelope', async () => {
    const db = freshDb();
    const wrong = await openJob(db, intake({ preprintedCode: '4711' }), 'staff-mia');
    const right = await openJob(db, intake({ preprintedCode: '4711' }), 'staff-mia');
    await recordEvent(
      db,
      { jobId: wrong.jobId, type: 'job.voided', data: { reason: 'Opened twice' } },
      'staff-mia',
    );
    expect(await scan(db, '4711')).toEqual({ kind: 'open', to: `/jobs/${right.jobId}` });
  });

  it('offers a new job on an unknown pre-printed envelope', async () => {
    const db = freshDb();
    expect(await scan(db, 'env/2026/17')).toEqual({
      kind: 'unknownEnvelope',
      number: 'ENV/2026/17',
      tabletShaped: false,
      newJobHref: '/intake?envelope=ENV%2F2026%2F17',
    });
  });

  it('says an unknown tablet number may arrive by sync, and still offers a new job on it', async () => {
    const db = freshDb();
    expect(await scan(db, 'K7-0042')).toEqual({
      kind: 'unknownEnvelope',
      number: 'K7-0042',
      tabletShaped: true,
      newJobHref: '/intake?envelope=K7-0042',
    });
  });

  it('says when a code is not Loupe’s', async () => {
    const db = freshDb();
    expect(await scan(db, 'https://example.com/menu')).toEqual({
      kind: 'foreign',
      text: 'https://example.com/menu',
    });
  });

  it('says whose badge it is: a person (active or not), a place, a trade shop, or none here', async () => {
    const db = freshDb();
    const mia = await addStaff(db, { name: 'Mia Berg', role: 'jeweler', pin: '2468' }, null);
    const kovac = newJobId();
    await recordEvent(
      db,
      {
        jobId: 'shop',
        type: 'trade.shop_set',
        data: { tradeShopId: kovac, name: 'Kovac Setting', kind: 'setter', active: true },
      },
      mia.id,
    );
    expect(await scan(db, badgeLinkUrl(ORIGIN, { kind: 'staff', id: mia.id }))).toEqual({
      kind: 'badge',
      holder: { kind: 'staff', id: mia.id, name: 'Mia Berg', role: 'jeweler', active: true },
    });
    expect(await scan(db, 'https://192.168.1.20:8080/b/p/bench_2')).toEqual({
      kind: 'badge',
      holder: {
        kind: 'place',
        id: 'bench_2',
        target: { kind: 'place', id: 'bench_2', label: 'Bench 2' },
      },
    });
    expect(await scan(db, badgeLinkUrl(ORIGIN, { kind: 'tradeShop', id: kovac }))).toEqual({
      kind: 'badge',
      holder: {
        kind: 'tradeShop',
        id: kovac,
        tradeShop: { tradeShopId: kovac, name: 'Kovac Setting', kind: 'setter', active: true },
      },
    });
    const stranger = newJobId();
    expect(await scan(db, badgeLinkUrl(ORIGIN, { kind: 'staff', id: stranger }))).toEqual({
      kind: 'badge',
      holder: { kind: 'unknown', badge: 'staff', id: stranger },
    });
    expect(await scan(db, badgeLinkUrl(ORIGIN, { kind: 'place', id: 'attic' }))).toEqual({
      kind: 'badge',
      holder: { kind: 'unknown', badge: 'place', id: 'attic' },
    });
  });

  it('opens the tree in a scanned flask, whatever address printed the tag', async () => {
    const db = freshDb();
    const treeId = await investedTree(db, 'F12');
    const to = `/casting/trees/${treeId}`;
    expect(await scan(db, flaskLink(ORIGIN, 'F12'))).toEqual({ kind: 'open', to });
    expect(await scan(db, 'https://192.168.1.20:8080/f/f12')).toEqual({ kind: 'open', to });
  });

  it('opens the tree in the flask now, not the one weighed out of it before', async () => {
    const db = freshDb();
    const older = await investedTree(db, 'F12');
    // The flask is free again once its tree is cast and weighed out.
    const atMs = Date.now();
    await startBurnout(db, { treeId: older, programId: '6h', soakTempC: 679, atMs }, 'staff-mia');
    await issueMetal(db, { treeId: older, grams: 20, source: 'fresh' }, 'staff-mia');
    await recordCast(
      db,
      { treeId: older, atMs, flaskTempC: 679, castingTempC: 960, machine: 'Centrifuge' },
      'staff-mia',
    );
    const [jobId] = (await db.trees.get(older))?.jobIds ?? [];
    if (jobId === undefined) throw new Error('no job on the tree');
    await weighOut(
      db,
      {
        treeId: older,
        castings: [{ jobId, grams: 15 }],
        buttonG: 4,
        spruesG: 0.9,
        buttonTo: 'stock',
        spruesTo: 'stock',
      },
      'staff-mia',
    );
    expect(await scan(db, flaskLink(ORIGIN, 'F12'))).toEqual({
      kind: 'open',
      to: `/casting/trees/${older}`,
    });
    const newer = await investedTree(db, 'F12');
    expect(await scan(db, flaskLink(ORIGIN, 'F12'))).toEqual({
      kind: 'open',
      to: `/casting/trees/${newer}`,
    });
  });

  it('sends a flask no tree here is in to the flask link screen, naming a foreign host', async () => {
    const db = freshDb();
    await investedTree(db, 'F12');
    expect(await scan(db, flaskLink(ORIGIN, 'F7'))).toEqual({ kind: 'open', to: '/f/F7' });
    expect(await scan(db, 'https://192.168.1.20:8080/f/F7')).toEqual({
      kind: 'open',
      to: '/f/F7?from=192.168.1.20%3A8080',
    });
  });
});

/** A 14k yellow tree with one job's wax on it, invested in flask `flaskId`: the real operations. */
async function investedTree(db: LoupeDB, flaskId: string): Promise<string> {
  const { jobId } = await openJob(
    db,
    intake({ services: [{ kind: 'lost_wax_casting', details: { alloy: 'au14y' } }] }),
    'staff-mia',
  );
  const treeId = await startTree(db, { alloyId: 'au14y' }, 'staff-mia');
  await addJobToTree(db, { treeId, jobId }, 'staff-mia');
  await investTree(
    db,
    {
      treeId,
      flaskId,
      flaskSize: '2.5x2.5',
      investment: 'gypsum',
      powderG: 283,
      waterMl: 113,
      mixedAtMs: Date.now(),
      workingMinutes: 9.5,
    },
    'staff-mia',
  );
  return treeId;
}
