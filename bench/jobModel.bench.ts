// Benchmark of the job model: apply 100,000 events (5,000 jobs) into Dexie over fake-indexeddb in
// sync-sized pages, the way a pull applies them (a catch-up window: db/catchUp.ts), against a raw
// bulkPut of the same rows in the same run; page by page without a window for comparison; then
// envelope look-ups. fake-indexeddb is not Chromium's IndexedDB: the ratios here show a direction
// only (bench/idb runs the same path in real Chromium).
import 'fake-indexeddb/auto';
import { applyCatchUp, applyEvents, jobsByEnvelope, LoupeDB, type PulledPage } from '../src/db';
import { formatEnvelopeNumber } from '../src/domain/envelopes';
import { withListFields } from '../src/domain/jobList';
import { foldJob } from '../src/domain/projection';
import type { StoredEvent } from '../src/protocol/events';
import { makeHistory } from './history';
import { reportRatio, time } from './measure';

const JOBS = Number(process.env.BENCH_JOBS ?? 5_000);
const PAGE = Number(process.env.BENCH_PAGE ?? 1_000); // the sync pull page size

async function main() {
  const history = makeHistory(JOBS);
  console.log(
    `Job model: ${history.length.toLocaleString()} events, ${JOBS.toLocaleString()} jobs, pages of ${PAGE}`,
  );

  const byJob = new Map<string, StoredEvent[]>();
  for (const e of history) byJob.set(e.jobId, [...(byJob.get(e.jobId) ?? []), e]);
  const finalJobs = [...byJob.values()].map((events) => foldJob(events)).filter((j) => j !== null);

  const raw = new LoupeDB('bench-raw');
  const rawMs = await time(async () => {
    for (let i = 0; i < history.length; i += PAGE)
      await raw.events.bulkPut(history.slice(i, i + PAGE));
    await raw.jobs.bulkPut(finalJobs.map(withListFields));
  });

  // The pages as a pull hands them over: events, the cursor after them and the event there.
  const pages: PulledPage[] = [];
  for (let i = 0; i < history.length; i += PAGE) {
    const events = history.slice(i, i + PAGE);
    pages.push({ events, cursor: i + events.length, cursorEventId: events.at(-1)?.id ?? null });
  }
  const loupe = new LoupeDB('bench-apply');
  const applyMs = await time(async () => {
    await applyCatchUp(loupe, pages);
  });
  if ((await loupe.jobs.count()) !== JOBS) throw new Error('apply lost jobs');
  reportRatio(
    "apply 100k events through a catch-up window (the pull's path)",
    applyMs,
    'raw bulkPut of the same rows',
    rawMs,
    { unitCount: history.length, unit: 'events' },
  );

  const paged = new LoupeDB('bench-apply-paged');
  const pagedMs = await time(async () => {
    for (const page of pages) await applyEvents(paged, page.events, { local: false });
  });
  if ((await paged.jobs.count()) !== JOBS) throw new Error('apply lost jobs');
  reportRatio(
    'apply 100k events page by page, rows written each page (applyEvents)',
    pagedMs,
    'raw bulkPut of the same rows',
    rawMs,
    { unitCount: history.length, unit: 'events' },
  );
  await paged.delete();

  const LOOKUPS = 500;
  const numbers = Array.from({ length: LOOKUPS }, (_, i) =>
    formatEnvelopeNumber('K7', ((i * 7919) % JOBS) + 1),
  );
  const ids = finalJobs.map((j) => j.id);
  const lookupMs = await time(async () => {
    for (const number of numbers) {
      const found = await jobsByEnvelope(loupe, number.toLowerCase().replace('-', ' '));
      if (found.length !== 1) throw new Error(`lookup of ${number} found ${found.length}`);
    }
  });
  const getMs = await time(async () => {
    for (let i = 0; i < LOOKUPS; i++) await loupe.jobs.get(ids[(i * 7919) % JOBS] ?? '');
  });
  reportRatio('look up a job by envelope number', lookupMs, 'raw get by primary key', getMs, {
    unitCount: LOOKUPS,
    unit: 'look-ups',
  });
  await raw.delete();
  await loupe.delete();
}

await main();
