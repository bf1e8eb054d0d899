// The list's index fields: urgency order as index keys, and which jobs each tab's range holds.
import { describe, expect, it } from 'vitest';
import { byUrgency, envelopeOrder, jobListFields } from '../../src/domain/jobList';
import type { JobState } from '../../src/domain/job';
import { JOB_STATUSES } from '../../src/protocol/statuses';

const job = (fields: Partial<JobState>) =>
  ({
    id: 'j',
    rush: false,
    promisedDate: '2026-12-02',
    envelopeNumber: 'K7-0001',
    live: 1,
    status: 'received',
    ...fields,
  }) as JobState;

describe('the list fields', () => {
  it('order envelope numbers as people read them, as the old numeric compare did', () => {
    const numbers = ['K7-100', 'K7-42', 'A-9', 'K7-0042', 'K10-1', 'K7-7', 'B12'];
    const byText = [...numbers].sort((a, b) => (envelopeOrder(a) < envelopeOrder(b) ? -1 : 1));
    const byLocale = [...numbers].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    expect(byText).toEqual(byLocale);
  });

  it('put rush first, then the promised date, then the envelope, then the id', () => {
    const jobs = [
      job({ id: '4', envelopeNumber: 'K7-100' }),
      job({ id: '3', envelopeNumber: 'K7-42' }),
      job({ id: '1', rush: true, promisedDate: '2026-12-09' }),
      job({ id: '2', promisedDate: '2026-11-30', envelopeNumber: 'K7-999' }),
      job({ id: '5', envelopeNumber: 'K7-100' }),
    ];
    expect(jobs.sort(byUrgency).map((j) => j.id)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('hold a job in "All open" until collected, and among the late only while open', () => {
    const fields = JOB_STATUSES.map((status) => [status, jobListFields(job({ status }))] as const);
    expect(fields.filter(([, f]) => f.inShop === 1).map(([s]) => s)).toEqual([
      'received',
      'in_progress',
      'qc',
      'ready',
      'on_hold',
    ]);
    expect(fields.filter(([, f]) => f.open === 1).map(([s]) => s)).toEqual([
      'received',
      'in_progress',
      'qc',
      'on_hold',
    ]);
    const voided = jobListFields(job({ live: 0 }));
    expect([voided.inShop, voided.open]).toEqual([0, 0]);
    expect(jobListFields(job({ rush: true })).rushRank).toBe(0);
  });
});
