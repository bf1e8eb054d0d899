// Benchmark of the metal ledger's fold (pure, no IndexedDB): a pulled page of 100 interleaved events
// folded into a year's ledger row, against folding the whole year again as an order-bound fold must.
import { formatStamp } from '../src/domain/clock';
import { newUlid } from '../src/domain/ids';
import { applyToLedger, foldLedger } from '../src/domain/ledger/ledgerState';
import type { StoredEvent } from '../src/protocol/events';
import { LEDGER_STREAM_ID } from '../src/protocol/streams';
import { reportRatio, time } from './measure';

const EVENTS = Number(process.env.BENCH_LEDGER_EVENTS ?? 20_000);
const PAGE = 100;
const START = Date.parse('2026-01-05T08:00:00Z');

/** A year of a busy shop's ledger: receipts, issues to benches, filings, weigh-ins. */
function ledgerYear(count: number, device: string): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (let i = 0; i < count; i++) {
    const ms = START + i * 600_000;
    const bench = { kind: 'bench', id: `bench_${(i % 3) + 1}` };
    const data = [
      { alloyId: 'au14y', grams: 50, form: 'grain', supplier: 'Stuller' },
      { alloyId: 'au14y', grams: 5.25, to: bench },
      { potId: 'gold-14k/clean', alloyId: 'au14y', kind: 'bench_filings', grams: 0.3, from: bench },
      {
        place: bench,
        alloyId: 'au14y',
        session: 'closing',
        bookG: 4.95,
        weighedG: 4.93,
        toleranceG: 0.02,
      },
    ][i % 4];
    const type = ['metal.received', 'metal.issued', 'scrap.deposited', 'metal.weighed_in'][i % 4];
    events.push({
      id: newUlid(ms),
      jobId: LEDGER_STREAM_ID,
      type: type ?? 'metal.received',
      at: formatStamp({ ms, counter: 0, device }),
      actor: 'staff-bench',
      device,
      data: data ?? {},
    });
  }
  return events;
}

const year = ledgerYear(EVENTS, 'abcdefabcdefabcd');
// Another tablet's page, stamped across the year: it sorts before most of what the row has folded.
const page = ledgerYear(PAGE, 'bcdefabcdefabcde').map((e, i) => ({
  ...e,
  at: formatStamp({ ms: START + i * 600_000 * (EVENTS / PAGE) + 1, counter: 0, device: e.device }),
}));
const row = foldLedger(year);
console.log(`Ledger: a row of ${EVENTS.toLocaleString()} events, a page of ${PAGE} interleaved`);
const ROUNDS = 20;
const extendMs = await time(() => {
  for (let r = 0; r < ROUNDS; r++) applyToLedger(row, page);
  return Promise.resolve();
});
const refoldMs = await time(() => {
  for (let r = 0; r < ROUNDS; r++) foldLedger([...year, ...page]);
  return Promise.resolve();
});
if (
  JSON.stringify(applyToLedger(row, page).balancesMg) !==
  JSON.stringify(foldLedger([...year, ...page]).balancesMg)
) {
  throw new Error('extend and fold disagree');
}
reportRatio(
  'fold a pulled page into the row (order-free)',
  extendMs,
  'fold the whole ledger again',
  refoldMs,
  {
    unitCount: ROUNDS * PAGE,
    unit: 'page events',
  },
);
console.log(`  the page costs 1/${Math.round(refoldMs / extendMs)} of a full re-fold\n`);
