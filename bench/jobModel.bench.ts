// Benchmark of the job model: apply 100,000 events (5,000 jobs) into Dexie over fake-indexeddb in
// sync-sized pages, against a raw bulkPut of the same rows in the same run; then envelope look-ups.
import 'fake-indexeddb/auto';
import { applyEvents, jobsByEnvelope, LoupeDB } from '../src/db';
import { formatEnvelopeNumber } from '../src/domain/envelopes';
import { foldJob } from '../src/domain/projection';
import type { StoredEvent } from '../src/protocol/events';
import { makeHistory } from './history';
import { reportRatio, time } from './measure';

const JOBS = Number(process.env.BENCH_JOBS ?? 5_000);
const PAGE = 1_000; // the sync pull page size

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
    await raw.jobs.bulkPut(finalJobs);
  });

  const loupe = new LoupeDB('bench-apply');
  const applyMs = await time(async () => {
    for (let i = 0; i < history.length; i += PAGE) {
      await applyEvents(loupe, history.slice(i, i + PAGE), { local: false });
    }
  });
  if ((await loupe.jobs.count()) !== JOBS) throw new Error('apply lost jobs');

  reportRatio(
    'apply 100k events (events + projections)',
    applyMs,
    'raw bulkPut of the same rows',
    rawMs,
    {
      unitCount: history.length,
      unit: 'events',
    },
  );

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
