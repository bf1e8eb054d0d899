// A realistic shop history for benchmarks: each job opened, worked through its steps, moved and weighed.
import { formatStamp } from '../src/domain/clock';
import { formatEnvelopeNumber } from '../src/domain/envelopes';
import { newUlid } from '../src/domain/ids';
import type { StoredEvent } from '../src/protocol/events';

export const EVENTS_PER_JOB = 20;
const DEVICE = 'abcdefabcdefabcd';
const START = Date.parse('2026-01-05T08:00:00Z');

/** Job number `jobNo`'s events as the bench makes them: opened, then worked through 19 steps. */
export function jobHistory(jobNo: number): StoredEvent[] {
  const base = START + jobNo * 60_000;
  const jobId = newUlid(base);
  const serviceId = newUlid(base);
  const mk = (k: number, type: string, data: Record<string, unknown>): StoredEvent => ({
    id: newUlid(base + k * 1_000),
    jobId,
    type,
    at: formatStamp({ ms: base + k * 1_000, counter: 0, device: DEVICE }),
    actor: 'staff-bench',
    device: DEVICE,
    data,
  });
  const events = [
    mk(0, 'job.opened', {
      envelope: { number: formatEnvelopeNumber('K7', (jobNo % 9999) + 1), preprinted: false },
      customer: {
        name: `Customer ${jobNo} Lindqvist`,
        phone: `555-${String(jobNo % 10_000).padStart(4, '0')}`,
      },
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
      rush: jobNo % 17 === 0,
      intakeWeightG: 4.2,
    }),
  ];
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
  return events;
}

/** A realistic shop history of `jobs` jobs, in the order a server hands it out. */
export function makeHistory(jobs: number): StoredEvent[] {
  const events = Array.from({ length: jobs }, (_, j) => jobHistory(j)).flat();
  // The server hands events out in the order it accepted them: interleaved across jobs.
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
