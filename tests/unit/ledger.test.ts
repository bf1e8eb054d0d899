// The metal ledger over a real Dexie on fake-indexeddb: balances and fine weight, scrap pots, refining
// lots and their yield, corrections, the casting room's movements, and a fold that no order changes.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  addJobToTree,
  investTree,
  issueMetal,
  recordCast,
  startBurnout,
  startTree,
  weighOut,
  weighTree,
} from '../../src/db/castingOperations';
import { openJob } from '../../src/db/jobOperations';
import {
  correctMovement,
  depositScrap,
  getLedger,
  issueMetalFromStock,
  receiveMetal,
  recordMetalUsed,
  returnMetal,
  sealLot,
  sendLot,
  setScale,
  settleLot,
  weighIn,
} from '../../src/db/ledgerOperations';
import { ledgerEvents } from '../../src/db/ledgerQueries';
import { LoupeDB } from '../../src/db/LoupeDB';
import { applyEvents } from '../../src/db/applyEvents';
import { metalLoss } from '../../src/domain/casting/castingMath';
import { newUlid } from '../../src/domain/ids';
import { LOSS, STOCK } from '../../src/domain/ledger/accounts';
import { applyToLedger, foldLedger } from '../../src/domain/ledger/ledgerState';
import { toleranceFlag } from '../../src/domain/ledger/scales';
import { estimatedFineGrams, fineGrams, potIdFor } from '../../src/domain/ledger/scrap';
import {
  balanceOf,
  fineByFamily,
  holderBalances,
  lotViews,
  potViews,
  stockBalances,
} from '../../src/domain/ledger/views';
import type { StoredEvent } from '../../src/protocol/events';
import { openedData } from '../support/events';
import { freshDatabases, refusal } from '../support/databases';

const freshDb = freshDatabases('loupe-ledger');

const MIA = 'staff-mia';
const JO = 'staff-jo';
const ANA = newUlid();
const BENCH = { kind: 'bench', id: 'bench_1' } as const;
const T = Date.parse('2026-12-01T08:00:00Z');
const HOUR = 3_600_000;

async function receive(db: LoupeDB, grams: number, alloyId = 'au14y' as const) {
  await receiveMetal(db, { alloyId, grams, form: 'grain', supplier: 'Hoover & Strong' }, MIA);
}

describe('fine weight and tolerance', () => {
  it.each([
    [10, 'au14y', 5.85],
    [10, 'au18w', 7.5],
    [10, 'ag925', 9.25],
    [10, 'pt950', 9.5],
    [10, 'au10y', 4.17],
  ] as const)('%d g of %s is %d g fine', (grams, alloy, fine) => {
    expect(fineGrams(grams, alloy)).toBeCloseTo(fine, 9);
  });

  it('estimates sweeps apart from clean scrap', () => {
    expect(estimatedFineGrams(10, 'au14y', 'clean')).toBeCloseTo(5.85, 9);
    expect(estimatedFineGrams(10, 'au14y', 'sweeps')).toBeCloseTo(1.4625, 9);
    expect(potIdFor('au14w', 'bench_filings')).toBe('gold-14k/clean');
    expect(potIdFor('au14y', 'floor_sweeps')).toBe('gold-14k/sweeps');
    expect(potIdFor('pt950', 'lemel')).toBe('platinum/clean');
  });

  it.each([
    [12.4, 12.38, 0.02, 'within'],
    [12.4, 12.42, 0.02, 'within'],
    [0.3, 0.1 + 0.2, 0.0, 'within'],
    [12.4, 12.37, 0.02, 'short'],
    [12.4, 12.43, 0.02, 'over'],
  ] as const)('book %d, scale %d, ±%d is %s', (book, weighed, tolerance, flag) => {
    expect(toleranceFlag(weighed, book, tolerance)).toBe(flag);
  });
});

describe('stock, holders and weigh-ins', () => {
  it('receives, issues, returns and uses metal; balances and fine weight follow', async () => {
    const db = freshDb();
    await receive(db, 50);
    await receive(db, 20, 'ag925' as 'au14y');
    await issueMetalFromStock(db, { alloyId: 'au14y', grams: 10, to: BENCH }, MIA);
    await issueMetalFromStock(
      db,
      { alloyId: 'au14y', grams: 2.5, to: { kind: 'person', id: ANA } },
      MIA,
    );
    await returnMetal(db, { alloyId: 'au14y', grams: 4, from: BENCH }, MIA);
    const job = await openJob(db, openedData(), MIA);
    await recordMetalUsed(
      db,
      { alloyId: 'au14y', grams: 0.18, from: { kind: 'person', id: ANA }, jobId: job.jobId },
      ANA,
    );
    const ledger = await getLedger(db);
    expect(stockBalances(ledger)).toEqual([
      { alloyId: 'au14y', grams: 41.5, fineG: fineGrams(41.5, 'au14y') },
      { alloyId: 'ag925', grams: 20, fineG: 18.5 },
    ]);
    expect(fineByFamily(stockBalances(ledger)).gold).toBeCloseTo(24.2775, 9);
    expect(holderBalances(ledger).map((h) => [h.holder.kind, h.balances[0]?.grams])).toEqual([
      ['bench', 6],
      ['person', 2.32],
    ]);
  });

  it('refuses to issue more than the stock book shows, or a return beyond what was held', async () => {
    const db = freshDb();
    await receive(db, 5);
    expect(
      await refusal(issueMetalFromStock(db, { alloyId: 'au14y', grams: 5.01, to: BENCH }, MIA)),
    ).toMatch(/book shows 5.00 g of 14k yellow gold in stock/);
    await issueMetalFromStock(db, { alloyId: 'au14y', grams: 5, to: BENCH }, MIA);
    expect(
      await refusal(returnMetal(db, { alloyId: 'au14y', grams: 5.03, from: BENCH }, MIA)),
    ).toMatch(/book shows 5.00 g/);
    // Within the scale's ±0.02 g it is the same metal weighed again.
    await returnMetal(db, { alloyId: 'au14y', grams: 5.02, from: BENCH }, MIA);
    expect(balanceOf(await getLedger(db), STOCK, 'au14y')).toBe(5.02);
  });

  it('weighs in a bench: within tolerance passes, a flagged difference needs a note and goes to loss', async () => {
    const db = freshDb();
    await receive(db, 20);
    await issueMetalFromStock(db, { alloyId: 'au14y', grams: 12.4, to: BENCH }, MIA);
    const within = await weighIn(
      db,
      { place: BENCH, alloyId: 'au14y', session: 'opening', weighedG: 12.38 },
      MIA,
    );
    expect(within).toMatchObject({ bookG: 12.4, differenceG: -0.02, flag: 'within' });
    const before = (await ledgerEvents(db)).length;
    expect(
      await refusal(
        weighIn(db, { place: BENCH, alloyId: 'au14y', session: 'closing', weighedG: 12.08 }, MIA),
      ),
    ).toMatch(/scale reads 12.08 g, the book says 12.38 g/);
    expect((await ledgerEvents(db)).length).toBe(before);
    const short = await weighIn(
      db,
      {
        place: BENCH,
        alloyId: 'au14y',
        session: 'closing',
        weighedG: 12.08,
        note: 'Filings not swept',
      },
      MIA,
    );
    expect(short).toMatchObject({ differenceG: -0.3, flag: 'short' });
    const ledger = await getLedger(db);
    expect(balanceOf(ledger, 'bench:bench_1', 'au14y')).toBe(12.08);
    expect(balanceOf(ledger, LOSS, 'au14y')).toBe(0.32);
  });

  it('uses the tolerance of the scale weighed on', async () => {
    const db = freshDb();
    await setScale(
      db,
      { scaleId: 'floor', name: 'Floor scale', readabilityG: 0.1, toleranceG: 0.2, retired: false },
      MIA,
    );
    await receive(db, 100);
    const r = await weighIn(
      db,
      {
        place: { kind: 'stock' },
        alloyId: 'au14y',
        session: 'count',
        weighedG: 99.85,
        scaleId: 'floor',
      },
      MIA,
    );
    expect(r.flag).toBe('within');
    expect((await ledgerEvents(db)).at(-1)?.data).toMatchObject({
      scaleId: 'floor',
      toleranceG: 0.2,
    });
  });
});

describe('scrap pots and refining lots', () => {
  it('deposits by kind into pots, seals a lot, sends and settles it, with its yield', async () => {
    const db = freshDb();
    await receive(db, 20);
    await issueMetalFromStock(db, { alloyId: 'au14y', grams: 10, to: BENCH }, MIA);
    await depositScrap(db, { alloyId: 'au14y', kind: 'bench_filings', grams: 2, from: BENCH }, MIA);
    await depositScrap(db, { alloyId: 'au14w', kind: 'lemel', grams: 1 }, MIA);
    await depositScrap(db, { alloyId: 'au14y', kind: 'floor_sweeps', grams: 40 }, MIA);
    let ledger = await getLedger(db);
    const pots = potViews(ledger);
    const clean = pots.find((p) => p.id === 'gold-14k/clean');
    expect(clean?.grams).toBe(3);
    expect(clean?.estimatedFineG).toBeCloseTo(1.755, 9);
    expect(pots.find((p) => p.id === 'gold-14k/sweeps')?.estimatedFineG).toBeCloseTo(5.85, 9);
    expect(balanceOf(ledger, 'bench:bench_1', 'au14y')).toBe(8);

    expect(
      await refusal(sealLot(db, { potIds: ['gold-14k/clean', 'platinum/clean'] }, MIA)),
    ).toMatch(/one metal family/);
    expect(await refusal(sealLot(db, { potIds: ['gold-18k/clean'] }, MIA))).toMatch(/empty/);
    const lotId = await sealLot(db, { potIds: ['gold-14k/clean'], sealNumber: 'S-101' }, MIA);
    ledger = await getLedger(db);
    expect(potViews(ledger).find((p) => p.id === 'gold-14k/clean')?.grams).toBe(0);
    expect(lotViews(ledger)[0]).toMatchObject({ status: 'sealed', grams: 3 });

    expect(
      await refusal(
        settleLot(db, { lotId, settledOn: '2026-12-20', fineCreditedG: 1.7, feesCents: 2500 }, MIA),
      ),
    ).toMatch(/as sent before/);
    await sendLot(
      db,
      {
        lotId,
        sentOn: '2026-12-02',
        refiner: 'United Refining',
        takenBy: 'Brinks courier',
        grossG: 3.4,
        sealNumber: 'S-101',
      },
      MIA,
    );
    expect(lotViews(await getLedger(db))[0]?.status).toBe('at_refiner');
    await settleLot(
      db,
      { lotId, settledOn: '2026-12-20', assayPermille: 575, fineCreditedG: 1.65, feesCents: 2500 },
      MIA,
    );
    const view = lotViews(await getLedger(db))[0];
    expect(view?.status).toBe('settled');
    expect(view?.yieldRatio).toBeCloseTo(1.65 / 1.755, 9);
    expect(view?.yieldDifferenceG).toBeCloseTo(-0.105, 9);
  });

  it('corrects a wrong movement once: both stay, the balance is restored', async () => {
    const db = freshDb();
    await receive(db, 50);
    await receive(db, 5);
    const wrong = (await ledgerEvents(db)).at(-1);
    if (!wrong) throw new Error('expected the receipt');
    await correctMovement(db, { eventId: wrong.id, reason: 'Typed 5 for 0.5' }, MIA);
    expect(await refusal(correctMovement(db, { eventId: wrong.id, reason: 'Again' }, MIA))).toMatch(
      /corrected already/,
    );
    const ledger = await getLedger(db);
    expect(balanceOf(ledger, STOCK, 'au14y')).toBe(50);
    expect(ledger.corrected[wrong.id]).toBeDefined();
    expect((await ledgerEvents(db)).map((e) => e.type)).toEqual([
      'metal.received',
      'metal.received',
      'metal.corrected',
    ]);
  });
});

describe('two tablets offline', () => {
  it('undo a movement both corrected once, and name the same correction', async () => {
    const a = freshDb();
    const b = freshDb();
    await receive(a, 50);
    await receive(a, 5);
    await applyEvents(b, await ledgerEvents(a), { local: false });
    const wrong = (await ledgerEvents(a)).at(-1)?.id ?? '';
    await correctMovement(a, { eventId: wrong, reason: 'Typed 5 for 0.5' }, MIA);
    await correctMovement(b, { eventId: wrong, reason: 'Not ours' }, JO);
    await applyEvents(a, await ledgerEvents(b), { local: false });
    await applyEvents(b, await ledgerEvents(a), { local: false });
    const [onA, onB] = [await getLedger(a), await getLedger(b)];
    expect(balanceOf(onA, STOCK, 'au14y')).toBe(50);
    expect(onA).toEqual(onB);
  });
});

describe('the casting room in the ledger', () => {
  it('issues a tree from stock, and its weigh-out books castings, button, sprues and loss', async () => {
    const db = freshDb();
    await receive(db, 200);
    const job = await openJob(
      db,
      (() => {
        const { envelope: _e, services: _s, ...rest } = openedData();
        return { ...rest, services: [{ kind: 'lost_wax_casting', details: { alloy: 'au14y' } }] };
      })(),
      MIA,
    );
    const treeId = await startTree(db, { alloyId: 'au14y' }, JO);
    await addJobToTree(db, { treeId, jobId: job.jobId }, JO);
    await weighTree(db, { treeId, grossG: 12.5, baseG: 4.5 }, JO);
    await issueMetal(db, { treeId, grams: 115, source: 'fresh' }, MIA);
    await investTree(
      db,
      {
        treeId,
        flaskId: 'F1',
        flaskSize: '2.5x2.5',
        investment: 'gypsum',
        powderG: 236,
        waterMl: 94.4,
        mixedAtMs: T,
        workingMinutes: 9.5,
      },
      JO,
    );
    await startBurnout(db, { treeId, programId: '6h', soakTempC: 650, atMs: T + HOUR }, JO);
    await recordCast(
      db,
      { treeId, atMs: T + 8 * HOUR, flaskTempC: 650, castingTempC: 1000, machine: 'Vac' },
      JO,
    );
    expect(balanceOf(await getLedger(db), STOCK, 'au14y')).toBe(85);
    const out = {
      treeId,
      castings: [{ jobId: job.jobId, grams: 95 }],
      buttonG: 12,
      spruesG: 7,
      buttonTo: 'stock' as const,
      spruesTo: 'scrap' as const,
    };
    await weighOut(db, out, JO);
    let ledger = await getLedger(db);
    const tree = await db.trees.get(treeId);
    const casting = metalLoss({ issuedG: 115, castingsG: 95, buttonG: 12, spruesG: 7 });
    expect(balanceOf(ledger, STOCK, 'au14y')).toBe(97);
    expect(balanceOf(ledger, 'pot:gold-14k/clean', 'au14y')).toBe(7);
    expect(balanceOf(ledger, `tree:${treeId}`, 'au14y')).toBe(0);
    expect(balanceOf(ledger, LOSS, 'au14y')).toBe(casting.lossG);
    expect(balanceOf(ledger, 'jobs', 'au14y')).toBe(95);
    expect(tree?.stage).toBe('done');

    // Weighed out again (the button was 11.5 g): the first weigh-out's movements are corrected.
    await weighOut(db, { ...out, buttonG: 11.5 }, JO);
    ledger = await getLedger(db);
    expect(balanceOf(ledger, STOCK, 'au14y')).toBe(96.5);
    expect(balanceOf(ledger, `tree:${treeId}`, 'au14y')).toBe(0);
    expect(balanceOf(ledger, LOSS, 'au14y')).toBe(1.5);
    expect(balanceOf(ledger, 'jobs', 'au14y')).toBe(95);
    expect(Object.keys(ledger.corrected)).toHaveLength(4);
  });
});

describe('the fold', () => {
  /** A day of ledger events from real operations, two lots among them. */
  async function aDay(): Promise<StoredEvent[]> {
    const db = freshDb();
    await receive(db, 100);
    await receive(db, 30, 'ag925' as 'au14y');
    await issueMetalFromStock(db, { alloyId: 'au14y', grams: 10.01, to: BENCH }, MIA);
    await depositScrap(
      db,
      { alloyId: 'au14y', kind: 'bench_filings', grams: 0.7, from: BENCH },
      MIA,
    );
    await depositScrap(db, { alloyId: 'au14y', kind: 'polishing_dust', grams: 3.3 }, MIA);
    await weighIn(
      db,
      { place: BENCH, alloyId: 'au14y', session: 'closing', weighedG: 9.1, note: 'short' },
      MIA,
    );
    const lot = await sealLot(db, { potIds: ['gold-14k/clean', 'gold-14k/sweeps'] }, MIA);
    const send = { lotId: lot, refiner: 'R', takenBy: 'Me', grossG: 4.2, sealNumber: 'S1' };
    await sendLot(db, { ...send, sentOn: '2026-12-02' }, MIA);
    await sendLot(db, { ...send, sentOn: '2026-12-03' }, JO);
    await settleLot(
      db,
      { lotId: lot, settledOn: '2026-12-09', fineCreditedG: 0.6, feesCents: 0 },
      MIA,
    );
    await returnMetal(db, { alloyId: 'au14y', grams: 9.1, from: BENCH }, MIA);
    const last = (await ledgerEvents(db)).at(-1);
    await correctMovement(db, { eventId: last?.id ?? '', reason: 'Wrong bench' }, MIA);
    return ledgerEvents(db);
  }

  function shuffled<T>(list: readonly T[], seed: number): T[] {
    const out = list.slice();
    let s = seed;
    for (let i = out.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      const j = s % (i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  it('gives the same ledger for the same events in any order, folded whole or extended in pieces', async () => {
    const events = await aDay();
    const expected = foldLedger(events);
    expect(expected.skipped.count).toBe(0);
    expect(expected.lots[Object.keys(expected.lots)[0] ?? '']?.sent?.sentOn).toBe('2026-12-03');
    for (let seed = 1; seed <= 40; seed++) {
      const order = shuffled(events, seed);
      expect(foldLedger(order)).toEqual(expected);
      const cut = seed % order.length;
      const pieces = applyToLedger(foldLedger(order.slice(0, cut)), order.slice(cut));
      expect(pieces).toEqual(expected);
    }
  });

  it('extends the stored row with a pulled page of older events to the same ledger', async () => {
    const events = await aDay();
    const db = freshDb();
    // The newer half first, as a tablet that recorded them would hold them; then the older half.
    const half = Math.floor(events.length / 2);
    await applyEvents(db, events.slice(half), { local: false });
    await applyEvents(db, events.slice(0, half), { local: false });
    expect(await getLedger(db)).toEqual(foldLedger(events));
  });
});
