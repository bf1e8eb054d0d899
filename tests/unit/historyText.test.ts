// A job's time and materials told in its history: who timed what, paused or corrected whose timer,
// and what was used and put back, in the words the bench reads.
import { describe, expect, it } from 'vitest';
import { newUlid } from '../../src/domain/ids';
import { foldJob } from '../../src/domain/projection';
import { clockOfDay } from '../../src/domain/time/format';
import { describeEvent } from '../../src/screens/jobs/job/historyText';
import { event, openedEvent, stampAt, T0 } from '../support/events';

const names: Record<string, string> = { jo: 'Jo Smith', mia: 'Mia Berg' };
const nameOf = (id: string) => names[id] ?? id;

describe('the history of time and materials', () => {
  it('says who timed what, whose timer a manager paused, and what was used and put back', () => {
    const { opened, jobId, serviceId } = openedEvent({}, stampAt(0));
    const timerId = newUlid(T0);
    const usageId = newUlid(T0);
    const events = [
      opened,
      event(jobId, 'timer.started', { timerId, serviceId, wallMs: T0 + 60_000 }, stampAt(1), 'jo'),
      event(jobId, 'timer.paused', { timerId, wallMs: T0 + 1_560_000 }, stampAt(26), 'mia'),
      event(jobId, 'timer.stopped', { timerId, wallMs: T0 + 1_620_000 }, stampAt(27), 'jo'),
      event(
        jobId,
        'timer.corrected',
        { timerId, workedMs: 1_800_000, reason: 'Left running over lunch' },
        stampAt(28),
        'mia',
      ),
      event(
        jobId,
        'material.used',
        {
          usageId,
          itemId: newUlid(T0),
          itemName: 'Jump ring 4 mm',
          category: 'finding',
          unit: 'pcs',
          quantity: 3,
          serviceId,
        },
        stampAt(29),
        'jo',
      ),
      event(jobId, 'material.returned', { usageId, reason: 'Wrong size' }, stampAt(30), 'jo'),
    ];
    const job = foldJob(events);
    if (!job) throw new Error('the job folds');
    expect(events.slice(1).map((e) => describeEvent(e, job, nameOf))).toEqual([
      `Jo Smith started a timer on Ring sizing up at ${clockOfDay(T0 + 60_000)}`,
      `Mia Berg paused Jo Smith’s timer on Ring sizing up at ${clockOfDay(T0 + 1_560_000)}`,
      `Jo Smith stopped the timer on Ring sizing up at ${clockOfDay(T0 + 1_620_000)}`,
      'Mia Berg set Jo Smith’s timer on Ring sizing up to 30 min: Left running over lunch',
      'Jo Smith used 3 pcs Jump ring 4 mm for Ring sizing up',
      'Jo Smith put back 3 pcs Jump ring 4 mm: Wrong size',
    ]);
  });
});
