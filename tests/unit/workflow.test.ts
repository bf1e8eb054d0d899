import { describe, expect, it } from 'vitest';
import type { JobState } from '../../src/domain/job';
import { foldJob } from '../../src/domain/projection';
import {
  canMoveTo,
  canReviewQc,
  canVoid,
  checksComplete,
  QC_CHECKS,
  stepsLeft,
  workers,
} from '../../src/domain/workflow';
import { templateFor, type ServiceKind } from '../../src/domain/checklists';
import type { JobStatus, StoredEvent } from '../../src/protocol/events';
import { event, openedEvent, stampAt } from '../support/events';

function jobWith(status: JobStatus, allStepsDoneBy?: string): JobState {
  const { opened, jobId, serviceId } = openedEvent();
  const events: StoredEvent[] = [opened];
  let minute = 1;
  if (allStepsDoneBy) {
    for (const step of templateFor('ring_sizing_up').steps) {
      if (!step.requiredBeforeQc) continue;
      events.push(
        event(
          jobId,
          'step.set',
          { serviceId, stepId: step.id, done: true, values: {} },
          stampAt(minute++),
          allStepsDoneBy,
        ),
      );
    }
  }
  if (status !== 'received')
    events.push(event(jobId, 'status.changed', { status }, stampAt(minute++)));
  const job = foldJob(events);
  if (!job) throw new Error('no job');
  return job;
}

describe('canMoveTo', () => {
  it.each([
    ['received', 'in_progress', true],
    ['received', 'qc', false],
    ['in_progress', 'ready', false],
    ['qc', 'ready', true],
    ['qc', 'in_progress', true],
    ['ready', 'collected', true],
    ['in_progress', 'collected', false],
    ['collected', 'on_hold', false],
    ['in_progress', 'on_hold', true],
    ['on_hold', 'in_progress', true],
    ['ready', 'received', false],
  ] as const)('%s → %s: %s', (from, to, ok) => {
    expect(canMoveTo(jobWith(from, 'staff-mia'), to).ok).toBe(ok);
  });

  it('sends to QC only when every required step is done, naming what is left', () => {
    const unfinished = jobWith('in_progress');
    const verdict = canMoveTo(unfinished, 'qc');
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.message).toMatch(/^Finish these steps first: .+\.$/);
    expect(stepsLeft(unfinished).length).toBeGreaterThan(0);
    expect(canMoveTo(jobWith('in_progress', 'staff-mia'), 'qc')).toEqual({ ok: true });
  });

  it('refuses every move of a voided job', () => {
    const { opened, jobId } = openedEvent();
    const job = foldJob([opened, event(jobId, 'job.voided', { reason: 'Duplicate' }, stampAt(2))]);
    expect(job && canMoveTo(job, 'in_progress')).toEqual({
      ok: false,
      message: 'This job was voided.',
    });
  });
});

describe('QC by a second person', () => {
  it('refuses whoever ticked steps, accepts anyone else', () => {
    const job = jobWith('qc', 'staff-mia');
    expect(workers(job)).toEqual(new Set(['staff-mia']));
    expect(canReviewQc(job, 'staff-mia')).toEqual({
      ok: false,
      message: 'You worked on this job: QC needs a second person.',
    });
    expect(canReviewQc(job, 'staff-jo')).toEqual({ ok: true });
  });

  it('only reviews a job waiting for QC', () => {
    expect(canReviewQc(jobWith('in_progress'), 'staff-jo').ok).toBe(false);
  });
});

describe('final statuses', () => {
  it('refuses every move of a collected job', () => {
    const job = jobWith('collected', 'staff-mia');
    for (const to of ['received', 'in_progress', 'qc', 'ready', 'collected', 'on_hold'] as const) {
      expect(canMoveTo(job, to)).toEqual({
        ok: false,
        message: 'The piece was collected: the job takes no more moves.',
      });
    }
  });

  it('voids a job once, and never one that was collected', () => {
    expect(canVoid(jobWith('in_progress'))).toEqual({ ok: true });
    expect(canVoid(jobWith('collected')).ok).toBe(false);
    const { opened, jobId } = openedEvent();
    const voided = foldJob([opened, event(jobId, 'job.voided', { reason: 'Twice' }, stampAt(2))]);
    expect(voided && canVoid(voided)).toEqual({
      ok: false,
      message: 'This job was already voided.',
    });
  });

  it('refuses QC on a voided job even if it was waiting for QC', () => {
    const { opened, jobId } = openedEvent();
    const job = foldJob([
      opened,
      event(jobId, 'status.changed', { status: 'qc' }, stampAt(2)),
      event(jobId, 'job.voided', { reason: 'Twice' }, stampAt(3)),
    ]);
    expect(job && canReviewQc(job, 'staff-jo')).toEqual({
      ok: false,
      message: 'This job was voided.',
    });
  });
});

describe('QC checks and unknown services', () => {
  it('passes only with every check on, naming the ones off', () => {
    const all = Object.fromEntries(QC_CHECKS.map((c) => [c.key, true]));
    expect(checksComplete(all)).toEqual({ ok: true });
    expect(checksComplete({ ...all, stones_tight: false })).toEqual({
      ok: false,
      message: 'Tick every check to pass QC: Stones tight (all checked under 10×).',
    });
  });

  it('counts a service this version has no checklist for as work left, and never throws', () => {
    const job = jobWith('in_progress', 'staff-mia');
    const newer: JobState = {
      ...job,
      services: [
        ...job.services,
        {
          ...(job.services[0] as JobState['services'][number]),
          id: 'x',
          kind: 'engraving' as ServiceKind,
        },
      ],
    };
    expect(stepsLeft(newer)).toEqual([
      { serviceId: 'x', label: 'engraving (update Loupe to see its steps)' },
    ]);
    expect(canMoveTo(newer, 'qc').ok).toBe(false);
  });
});
