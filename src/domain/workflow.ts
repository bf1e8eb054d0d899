// The job's way through the shop: which status moves are allowed, and what QC and pick-up need.
import { templateFor, type ServiceKind } from './checklists';
import type { JobState } from './job';
import type { JobStatus } from '../protocol/events';

export const STATUS_LABELS: Record<JobStatus, string> = {
  received: 'Received',
  in_progress: 'In progress',
  qc: 'Waiting for QC',
  ready: 'Ready for pick-up',
  collected: 'Collected',
  on_hold: 'On hold',
};

/** What QC checks before a piece goes back to the customer (DOMAIN.md, "Take-in"). */
export const QC_CHECKS = [
  { key: 'moving_parts', label: 'Clasps and moving parts tested' },
  { key: 'stones_tight', label: 'Stones tight (all checked under 10×)' },
  { key: 'size_verified', label: 'Size verified' },
  { key: 'finish', label: 'Finish as asked' },
  { key: 'weight_logged', label: 'Return weight logged' },
] as const;
export type QcCheckKey = (typeof QC_CHECKS)[number]['key'];

export type Verdict = { ok: true } | { ok: false; message: string };
const no = (message: string): Verdict => ({ ok: false, message });
const yes: Verdict = { ok: true };

/** The template of a service, or null for a kind a newer app version added (skipped in the fold). */
function templateOrNull(kind: ServiceKind) {
  try {
    return templateFor(kind);
  } catch {
    return null;
  }
}

/**
 * Required steps of active services not yet done, by service and step label. A service this version
 * has no checklist for counts as one step left: nobody can say here that its work is done.
 */
export function stepsLeft(job: JobState): { serviceId: string; label: string }[] {
  return job.services.flatMap((service) => {
    if (service.cancelled) return [];
    const template = templateOrNull(service.kind);
    if (!template) {
      return [{ serviceId: service.id, label: `${service.kind} (update Loupe to see its steps)` }];
    }
    return template.steps
      .filter((step) => step.requiredBeforeQc && !service.steps[step.id]?.done)
      .map((step) => ({ serviceId: service.id, label: step.label }));
  });
}

/** Everyone who ticked a step of the job's active services: the people who did the work. */
export function workers(job: JobState): Set<string> {
  const people = new Set<string>();
  for (const service of job.services) {
    if (service.cancelled) continue;
    for (const step of Object.values(service.steps)) if (step.done) people.add(step.by);
  }
  return people;
}

/** Whether the job may move from its status to `to` now. Moves not listed here are refused. */
export function canMoveTo(job: JobState, to: JobStatus): Verdict {
  if (job.voided) return no('This job was voided.');
  const from = job.status;
  // Final, as in the fold: a piece that went home signed for is never re-opened.
  if (from === 'collected') return no('The piece was collected: the job takes no more moves.');
  if (from === to) return no(`The job is already ${STATUS_LABELS[to].toLowerCase()}.`);
  if (to === 'on_hold') return yes;
  switch (to) {
    case 'in_progress':
      return from === 'received' || from === 'on_hold' || from === 'qc'
        ? yes
        : no(`A job ${STATUS_LABELS[from].toLowerCase()} cannot go back to the bench.`);
    case 'qc': {
      if (from !== 'in_progress') return no('Only a job in progress can go to QC.');
      const left = stepsLeft(job);
      return left.length === 0
        ? yes
        : no(`Finish these steps first: ${left.map((s) => s.label).join(', ')}.`);
    }
    case 'ready':
      return from === 'qc' ? yes : no('A job is ready only after it passes QC.');
    case 'collected':
      return from === 'ready' ? yes : no('Only a job ready for pick-up can be collected.');
    case 'received':
      return no('A job never goes back to received.');
  }
}

/** QC is done by a second person: never someone who ticked the job's steps. */
export function canReviewQc(job: JobState, reviewer: string): Verdict {
  if (job.voided) return no('This job was voided.');
  if (job.status !== 'qc') return no('The job is not waiting for QC.');
  return workers(job).has(reviewer) ? no('You worked on this job: QC needs a second person.') : yes;
}

/** Whether a QC pass may be recorded with these checks: every check of QC_CHECKS on. */
export function checksComplete(checks: Readonly<Record<string, boolean>>): Verdict {
  const off = QC_CHECKS.filter((c) => checks[c.key] !== true);
  return off.length === 0
    ? yes
    : no(`Tick every check to pass QC: ${off.map((c) => c.label).join(', ')}.`);
}

/**
 * Whether the job may be voided (opened by mistake). Voiding is final and so is a pick-up: a piece
 * that went home signed for stays collected, and a job is voided once (DESIGN.md, "Nothing is deleted").
 */
export function canVoid(job: JobState): Verdict {
  if (job.voided) return no('This job was already voided.');
  if (job.status === 'collected') {
    return no('The piece was collected by the customer: a collected job cannot be voided.');
  }
  return yes;
}

/** What the bench is told when a pick-up, a QC fail or a hold lacks what it needs. */
export const NO_RETURN_WEIGHT = 'Weigh the piece and enter the return weight in grams.';
export const NO_SIGNATURE = 'The customer signs for the piece before it is marked collected.';
export const FAIL_REASON_MESSAGE = 'Say why QC failed, so the bench knows what to fix.';
export const HOLD_REASON_MESSAGE = 'Say why the job is on hold.';
export const VOID_REASON_MESSAGE = 'Say why the job is voided.';
