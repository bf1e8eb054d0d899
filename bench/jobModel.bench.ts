// Benchmark of the job model: apply 100,000 events (5,000 jobs) into Dexie over fake-indexeddb in
// sync-sized pages, against a raw bulkPut of the same rows in the same run; then envelope look-ups.
import 'fake-indexeddb/auto';
import { applyEvents, jobsByEnvelope, LoupeDB } from '../src/db';
import { formatStamp } from '../src/domain/clock';
import { formatEnvelopeNumber } from '../src/domain/envelopes';
import { newUlid } from '../src/domain/ids';
import { foldJob } from '../src/domain/projection';
import type { StoredEvent } from '../src/protocol/events';
import { reportRatio, time } from './measure';

const JOBS = Number(process.env.BENCH_JOBS ?? 5_000);
const EVENTS_PER_JOB = 20;
const PAGE = 1_000; // the sync pull page size
const DEVICE = 'abcdefabcdefabcd';
const START = Date.parse('2026-01-05T08:00:00Z');

/** A realistic shop history: each job opened, worked through its steps, moved and weighed. */
function makeHistory(): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (let j = 0; j < JOBS; j++) {
    const jobId = newUlid(START + j);
    const serviceId = newUlid(START + j);
    const base = START + j * 60_000;
    const at = (k: number) => formatStamp({ ms: base + k * 1_000, counter: 0, device: DEVICE });
    const mk = (k: number, type: string, data: Record<string, unknown>): StoredEvent => ({
      id: newUlid(base + k * 1_000),
      jobId,
      type,
      at: at(k),
      actor: 'staff-bench',
      device: DEVICE,
      data,
    });
    events.push(
      mk(0, 'job.opened', {
        envelope: { number: formatEnvelopeNumber('K7', j + 1), preprinted: false },
        customer: { name: `Customer ${j} Lindqvist`, phone: `555-${String(j).padStart(4, '0')}` },
        item: { kind: 'ring', description: 'Yellow metal ring', stones: [] },
        condition: {
          wornProngs: false,
          looseStones: false,
          chippedStones: false,
          missingStones: false,
          thinShank: false,
          kinks: false,
          brokenClasp: false,
        },
        services: [{ id: serviceId, kind: 'polishing', details: {} }],
        promisedDate: '2026-02-01',
        rush: j % 17 === 0,
        intakeWeightG: 4.2,
      }),
    );
    for (let k = 1; k < EVENTS_PER_JOB; k++) {
      const kind = k % 5;
      events.push(
        kind === 0
          ? mk(k, 'custody.moved', { to: { kind: 'place', id: `bench-${k}`, label: `Bench ${k}` } })
          : kind === 1
            ? mk(k, 'weight.logged', { kind: 'check', grams: 4.2 - k / 100 })
            : kind === 2
              ? mk(k, 'note.added', { text: `Step note ${k}` })
              : mk(k, 'step.set', { serviceId, stepId: `step_${k}`, done: true, values: {} }),
      );
    }
  }
  // The server hands events out in the order it accepted them: interleaved across jobs.
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

async function main() {
  const history = makeHistory();
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
