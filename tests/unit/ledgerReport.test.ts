// The metal loss report over real ledger events, recorded with the real operations on fake-indexeddb:
// losses per place and alloy with fine weight, flags, corrections left out, gains, buckets, totals.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
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
  weighIn,
} from '../../src/db/ledgerOperations';
import { ledgerEvents } from '../../src/db/ledgerQueries';
import { LoupeDB } from '../../src/db/LoupeDB';
import { newUlid } from '../../src/domain/ids';
import {
  addDays,
  bucketSizeFor,
  lossLines,
  lossReport,
  periodDays,
  periodStamps,
  presetPeriod,
  weekStart,
  type LossReport,
} from '../../src/domain/ledger/report';
import { fineGrams } from '../../src/domain/ledger/scrap';
import type { AlloyId } from '../../src/domain/metals';
import type { HolderData } from '../../src/protocol/ledger';
import { openedData } from '../support/events';

/** The value a test counts on being there: a clear failure when it is not. */
function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('expected a value');
  return value;
}

const opened: LoupeDB[] = [];
let n = 0;
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const MIA = 'staff-mia';
const ANA = newUlid();
const BENCH: HolderData = { kind: 'bench', id: 'bench_1' };
const PERSON: HolderData = { kind: 'person', id: ANA };
const TREE: HolderData = { kind: 'tree', id: newUlid() };
const DAY_MS = 86_400_000;
/** Noon UTC: the same calendar day on a tablet anywhere from UTC−11 to UTC+11. */
const DEC_1 = Date.parse('2026-12-01T12:00:00Z');
const DECEMBER = { from: '2026-12-01', to: '2026-12-31' };

/** A ledger whose tablet clock the test moves forward, so events fall on the days it says. */
function clockedDb() {
  let now = DEC_1;
  const db = new LoupeDB(`loupe-report-${Date.now()}-${n++}`, { wallClock: () => now });
  opened.push(db);
  return {
    db,
    /** Moves the tablet's clock to `day` days after 1 December, at noon UTC plus `minutes`. */
    at: (day: number, minutes = 0) => {
      now = DEC_1 + day * DAY_MS + minutes * 60_000;
    },
  };
}

async function issue(db: LoupeDB, alloyId: AlloyId, grams: number, to: HolderData) {
  await issueMetalFromStock(db, { alloyId, grams, to }, MIA);
}

async function weigh(
  db: LoupeDB,
  place: HolderData | { kind: 'stock' },
  alloyId: AlloyId,
  weighedG: number,
  note?: string,
) {
  const result = await weighIn(
    db,
    { place, alloyId, session: 'closing', weighedG, ...(note ? { note } : {}) },
    MIA,
  );
  return must(result.events[0]).id;
}

/**
 * A December at the bench. 1 Dec: metal received and issued; the bench's 14k is 0.30 g short
 * (flagged), Ana's 14k 0.01 g short (within the scale). 2 Dec: the bench's silver is 0.05 g over
 * (flagged); the safe's 14k weighs as booked; the bench's 14k is misread as 8.00 g. 3 Dec: the tree's
 * platinum is 2 g short (casting loss). 9 Dec: the misread weigh-in is corrected and the bench's 14k
 * weighed again, 0.01 g short; then returns, a job's metal, scrap and a sealed lot.
 */
async function december() {
  const { db, at } = clockedDb();
  await receiveMetal(
    db,
    { alloyId: 'au14y', grams: 100, form: 'grain', supplier: 'Hoover & Strong' },
    MIA,
  );
  await receiveMetal(
    db,
    { alloyId: 'ag925', grams: 50, form: 'sheet', supplier: 'Hoover & Strong' },
    MIA,
  );
  await receiveMetal(
    db,
    { alloyId: 'pt950', grams: 20, form: 'grain', supplier: 'Hoover & Strong' },
    MIA,
  );
  const [wrongReceipt] = (
    await receiveMetal(
      db,
      { alloyId: 'ag925', grams: 5, form: 'wire', supplier: 'Hoover & Strong' },
      MIA,
    )
  ).map((e) => e.id);
  await correctMovement(db, { eventId: must(wrongReceipt), reason: 'Entered twice' }, MIA);
  await issue(db, 'au14y', 10, BENCH);
  await issue(db, 'au14y', 5, PERSON);
  await issue(db, 'ag925', 20, BENCH);
  await issue(db, 'pt950', 2, TREE);
  at(0, 60);
  await weigh(db, BENCH, 'au14y', 9.7, 'Filings not swept up');
  await weigh(db, PERSON, 'au14y', 4.99);
  at(1);
  await weigh(db, BENCH, 'ag925', 20.05, 'Found a jump ring in the tray');
  await weigh(db, { kind: 'stock' }, 'au14y', 85);
  const misread = await weigh(db, BENCH, 'au14y', 8, 'Tray looks light');
  at(2);
  await weigh(db, TREE, 'pt950', 0, 'Casting loss');
  at(8);
  await correctMovement(db, { eventId: misread, reason: 'Misread the scale' }, MIA);
  await weigh(db, BENCH, 'au14y', 9.69);
  await returnMetal(db, { alloyId: 'au14y', grams: 2, from: PERSON }, MIA);
  const { envelope: _e, services: _s, ...intake } = openedData();
  const job = await openJob(
    db,
    {
      ...intake,
      services: [{ kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } }],
    },
    MIA,
  );
  await recordMetalUsed(db, { alloyId: 'au14y', grams: 0.5, from: BENCH, jobId: job.jobId }, MIA);
  await depositScrap(db, { alloyId: 'au14y', kind: 'bench_filings', grams: 1.2, from: BENCH }, MIA);
  await sealLot(db, { potIds: ['gold-14k/clean'] }, MIA);
  return { db, misread, wrongReceipt };
}

async function decemberReport(period = DECEMBER): Promise<LossReport> {
  const { db } = await december();
  const events = await ledgerEvents(db, periodStamps(period));
  return lossReport(events, { period, corrected: (await getLedger(db)).corrected });
}

function line(report: LossReport, account: string, alloyId: AlloyId) {
  const found = report.rows.find((r) => r.account === account && r.alloyId === alloyId);
  if (!found) throw new Error(`No row for ${account} ${alloyId}`);
  return found;
}

describe('loss per place and alloy', () => {
  it('books what each weigh-in found short, with its fine weight, weigh-ins and flags', async () => {
    const report = await decemberReport();
    expect(
      report.rows.map((r) => [r.account, r.alloyId, r.lostG, r.weighIns, r.flagged, r.corrected]),
    ).toEqual([
      ['stock', 'au14y', 0, 1, 0, 0],
      ['bench:bench_1', 'au14y', 0.31, 2, 1, 1],
      ['bench:bench_1', 'ag925', -0.05, 1, 1, 0],
      [`person:${ANA}`, 'au14y', 0.01, 1, 0, 0],
      [`tree:${TREE.id}`, 'pt950', 2, 1, 1, 0],
    ]);
    expect(line(report, 'bench:bench_1', 'au14y').lostMg).toBe(310);
    expect(line(report, 'bench:bench_1', 'au14y').fineG).toBeCloseTo(0.18135, 9);
    expect(line(report, 'bench:bench_1', 'au14y').fineG).toBe(fineGrams(0.31, 'au14y'));
    expect(line(report, `tree:${TREE.id}`, 'pt950').fineG).toBeCloseTo(1.9, 9);
  });

  it('shows metal found over as a negative loss', async () => {
    const report = await decemberReport();
    const silver = line(report, 'bench:bench_1', 'ag925');
    expect(silver.lostMg).toBe(-50);
    expect(silver.fineG).toBeCloseTo(-0.04625, 9);
    expect(report.byFamily.find((f) => f.family === 'silver')?.fineG).toBeCloseTo(-0.04625, 9);
  });

  it('leaves a corrected weigh-in out of the loss and lists it as corrected', async () => {
    const { db, misread } = await december();
    const corrected = (await getLedger(db)).corrected;
    const report = lossReport(await ledgerEvents(db), { corrected });
    const wrong = report.weighIns.find((w) => w.eventId === misread);
    expect(wrong).toMatchObject({ lostMg: 1700, flag: 'short', correctedBy: corrected[misread] });
    expect(line(report, 'bench:bench_1', 'au14y')).toMatchObject({ lostMg: 310, corrected: 1 });
  });

  it('knows a weigh-in was corrected after the period only from the ledger’s corrections', async () => {
    const { db } = await december();
    const firstWeek = { from: '2026-12-01', to: '2026-12-07' };
    const events = await ledgerEvents(db, periodStamps(firstWeek));
    const withLedger = lossReport(events, {
      period: firstWeek,
      corrected: (await getLedger(db)).corrected,
    });
    // The week's own weigh-ins: 0.30 g short, the misread left out (corrected on 9 Dec).
    expect(line(withLedger, 'bench:bench_1', 'au14y')).toMatchObject({
      lostMg: 300,
      weighIns: 1,
      corrected: 1,
    });
    // Without the ledger's map the week does not see the later correction: the misread counts.
    const alone = lossReport(events, { period: firstWeek });
    expect(line(alone, 'bench:bench_1', 'au14y')).toMatchObject({ lostMg: 2000, weighIns: 2 });
  });

  it('totals per alloy and per metal family in fine grams', async () => {
    const report = await decemberReport();
    expect(
      report.byAlloy.map((a) => [a.alloyId, a.lostMg, a.weighIns, a.flagged, a.corrected]),
    ).toEqual([
      ['au14y', 320, 4, 1, 1],
      ['ag925', -50, 1, 1, 0],
      ['pt950', 2000, 1, 1, 0],
    ]);
    expect(report.byFamily.map((f) => f.family)).toEqual(['gold', 'silver', 'platinum']);
    expect(must(report.byFamily[0]).fineG).toBeCloseTo(0.1872, 9);
    expect(must(report.byFamily[2]).fineG).toBeCloseTo(1.9, 9);
    expect(report.families).toEqual(['gold', 'silver', 'platinum']);
  });

  it('groups the table by bench and person, by tree, or by alloy', async () => {
    const report = await decemberReport();
    expect(lossLines(report, 'holder').map((r) => r.account)).toEqual([
      'stock',
      'bench:bench_1',
      'bench:bench_1',
      `person:${ANA}`,
    ]);
    expect(lossLines(report, 'tree').map((r) => r.account)).toEqual([`tree:${TREE.id}`]);
    expect(lossLines(report, 'alloy').map((r) => [r.account, r.alloyId])).toEqual([
      [null, 'au14y'],
      [null, 'ag925'],
      [null, 'pt950'],
    ]);
  });
});

describe('the chart’s buckets', () => {
  it('gives every day of a month, empty days too, with fine grams lost per family', async () => {
    const report = await decemberReport();
    expect(report.bucketSize).toBe('day');
    expect(report.buckets).toHaveLength(31);
    const [d1, d2, d3] = report.buckets;
    expect(d1).toMatchObject({ start: '2026-12-01', end: '2026-12-01', weighIns: 2, flagged: 1 });
    expect(must(d1).fineG.gold).toBeCloseTo(0.18135, 9);
    // 2 Dec: silver found over; the safe as booked; the misread is corrected, left out.
    expect(d2).toMatchObject({ weighIns: 2, flagged: 1 });
    expect(must(d2).fineG.silver).toBeCloseTo(-0.04625, 9);
    expect(must(d2).fineG.gold).toBe(0);
    expect(must(d3).fineG.platinum).toBeCloseTo(1.9, 9);
    expect(must(report.buckets[8]).fineG.gold).toBeCloseTo(0.00585, 9);
    expect(report.buckets[4]).toMatchObject({
      start: '2026-12-05',
      weighIns: 0,
      fineG: { gold: 0, silver: 0, platinum: 0, palladium: 0 },
    });
  });

  it('buckets by week (Monday to Sunday) and by month', async () => {
    const { db } = await december();
    const events = await ledgerEvents(db);
    const weekly = lossReport(events, { period: DECEMBER, bucketSize: 'week' });
    expect(weekly.buckets.map((b) => [b.start, b.end])).toEqual([
      ['2026-11-30', '2026-12-06'],
      ['2026-12-07', '2026-12-13'],
      ['2026-12-14', '2026-12-20'],
      ['2026-12-21', '2026-12-27'],
      ['2026-12-28', '2027-01-03'],
    ]);
    expect(must(weekly.buckets[1]).weighIns).toBe(1);
    const monthly = lossReport(events, { bucketSize: 'month' });
    expect(monthly.period).toBeNull();
    expect(monthly.buckets.map((b) => [b.start, b.end])).toEqual([['2026-12-01', '2026-12-31']]);
  });
});

describe('the accountant’s period totals', () => {
  it('adds up received, issued, returned, used, scrap, sealed and lost per alloy', async () => {
    const report = await decemberReport();
    const gold = report.totals.find((t) => t.alloyId === 'au14y');
    expect(gold?.grams).toEqual({
      received: 100,
      issued: 15,
      returned: 2,
      used: 0.5,
      scrap: 1.2,
      sealed: 1.2,
      lost: 0.32,
    });
    expect(gold?.corrected).toBe(1);
    // The receipt entered twice was corrected: 50 g of silver, not 55.
    const silver = report.totals.find((t) => t.alloyId === 'ag925');
    expect(silver).toMatchObject({ corrected: 1 });
    expect(silver?.grams).toMatchObject({ received: 50, issued: 20, lost: -0.05 });
    expect(report.totals.map((t) => t.alloyId)).toEqual(['au14y', 'ag925', 'pt950']);
    const goldFine = must(report.familyTotals.find((f) => f.family === 'gold')).fineG;
    expect(goldFine.received).toBeCloseTo(58.5, 9);
    expect(goldFine.lost).toBeCloseTo(0.1872, 9);
  });

  it('leaves out events outside the period and counts events it cannot read', async () => {
    const { db } = await december();
    const events = await ledgerEvents(db);
    const future = { ...must(events[0]), id: newUlid(), type: 'metal.melted', data: {} };
    const report = lossReport([...events, future], {
      period: { from: '2026-12-02', to: '2026-12-03' },
    });
    expect(report.unreadable).toBe(1);
    expect(report.totals.every((t) => t.grams.received === 0)).toBe(true);
    expect(report.rows.map((r) => r.account)).toEqual([
      'stock',
      'bench:bench_1',
      'bench:bench_1',
      `tree:${TREE.id}`,
    ]);
    expect(report.buckets.map((b) => b.start)).toEqual(['2026-12-02', '2026-12-03']);
  });

  it('is empty for a period with no events', () => {
    const report = lossReport([], { period: { from: '2026-12-01', to: '2026-12-07' } });
    expect(report.rows).toEqual([]);
    expect(report.totals).toEqual([]);
    expect(report.buckets).toHaveLength(7);
  });
});

describe('periods in the tablet’s local days', () => {
  it.each([
    ['this_week', '2026-12-03', '2026-11-30', '2026-12-06'],
    ['this_week', '2026-11-30', '2026-11-30', '2026-12-06'],
    ['this_week', '2026-12-06', '2026-11-30', '2026-12-06'],
    ['this_month', '2026-02-14', '2026-02-01', '2026-02-28'],
    ['this_month', '2028-02-14', '2028-02-01', '2028-02-29'],
    ['last_month', '2027-01-05', '2026-12-01', '2026-12-31'],
    ['last_month', '2026-03-31', '2026-02-01', '2026-02-28'],
  ] as const)('%s on %s is %s to %s', (preset, today, from, to) => {
    expect(presetPeriod(preset, today)).toEqual({ from, to });
  });

  it('counts days, steps days and finds Mondays', () => {
    expect(periodDays({ from: '2026-12-01', to: '2026-12-31' })).toBe(31);
    expect(periodDays({ from: '2026-12-05', to: '2026-12-01' })).toBe(0);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(weekStart('2027-01-03')).toBe('2026-12-28');
  });

  it('spans a period from its first local midnight to the one after its last day', () => {
    expect(periodStamps({ from: '2026-12-01', to: '2026-12-31' })).toEqual({
      since: new Date(2026, 11, 1).toISOString(),
      until: new Date(2027, 0, 1).toISOString(),
    });
  });

  it.each([
    [{ from: '2026-12-01', to: '2026-12-31' }, 'day'],
    [{ from: '2026-10-01', to: '2026-12-31' }, 'week'],
    [{ from: '2026-01-01', to: '2026-12-31' }, 'month'],
  ] as const)('buckets %o by %s', (period, size) => {
    expect(bucketSizeFor(period)).toBe(size);
  });
});
