// A realistic shop history for benchmarks: each job opened, worked through its steps, moved and weighed.
import { formatStamp } from '../src/domain/clock';
import { formatEnvelopeNumber } from '../src/domain/envelopes';
import { newUlid } from '../src/domain/ids';
import type { StoredEvent } from '../src/protocol/events';

export const EVENTS_PER_JOB = 20;
const DEVICE = 'abcdefabcdefabcd';
const START = Date.parse('2026-01-05T08:00:00Z');

/** A realistic shop history: each job opened, worked through its steps, moved and weighed. */
export function makeHistory(jobs: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (let j = 0; j < jobs; j++) {
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
