// The job's way through the shop: which status moves are allowed, and what QC and pick-up need.
import { templateFor, type ServiceKind } from './checklists';
import type { JobState, WeightEntry } from './job';
import type { JobStatus } from '../protocol/events';
import { STATUS_LABELS } from './statusLabels';

// The labels live on their own, for the jobs list; named here too.
export { STATUS_LABELS };

/** What the reviewer checks by hand before a piece goes back to the customer (DOMAIN.md, "Take-in"). */
export const QC_CHECKS = [
  { key: 'moving_parts', label: 'Clasps and moving parts tested' },
  { key: 'stones_tight', label: 'Stones tight (all checked under 10×)' },
  { key: 'size_verified', label: 'Size verified' },
  { key: 'finish', label: 'Finish as asked' },
] as const;
export type QcCheckKey = (typeof QC_CHECKS)[number]['key'];

/**
 * The QC check no one ticks: the piece weighed back after the bench work. It is on when the job has
 * that weighing (qcWeighing) and recorded with the reviewer's checks under this key, so a pass can
 * never claim a return weight that does not exist.
 */
export const RETURN_WEIGHT_CHECK = { key: 'weight_logged', label: 'Return weight logged' } as const;

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
 * The last thing the bench did to the piece's metal: a step ticked done, or metal logged as added or
 * removed. A weighing before it is not what the piece weighs now. Clock stamps sort as strings.
 */
function lastBenchWorkAt(job: JobState): string | null {
  const stamps = [
    ...job.services
      .filter((service) => !service.cancelled)
      .flatMap((service) => Object.values(service.steps))
      .filter((step) => step.done)
      .map((step) => step.at),
    ...job.weights.filter((w) => w.kind === 'added' || w.kind === 'removed').map((w) => w.at),
  ];
  return stamps.reduce<string | null>((last, at) => (last === null || at > last ? at : last), null);
}

/**
 * The weighing QC signs off: the latest return or check weighing made after the bench work was
 * done, or null when the piece has not been weighed since (a check weighing half-way through the
 * work does not count). The same weighing the metal check at QC shows against the expected weight.
 */
export function qcWeighing(job: JobState): WeightEntry | null {
  const latest = job.weights.findLast((w) => w.kind === 'return' || w.kind === 'check');
  if (!latest) return null;
  const workAt = lastBenchWorkAt(job);
  return workAt === null || latest.at > workAt ? latest : null;
}

export const NO_QC_WEIGHT =
  'Weigh the piece back before passing QC: it has not been weighed since the bench work.';

/** Whether the piece has been weighed back since the bench work, as a QC pass needs. */
export function weighedForQc(job: JobState): Verdict {
  return qcWeighing(job) ? yes : no(NO_QC_WEIGHT);
}

/** The checks a QC records: the reviewer's, and the return weight's as the job has it (not as sent). */
export function qcChecksToRecord(
  job: JobState,
  checks: Readonly<Record<string, boolean>>,
): Record<string, boolean> {
  return { ...checks, [RETURN_WEIGHT_CHECK.key]: qcWeighing(job) !== null };
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

// ---- Pick-up that proves it is the same piece (issue 14, part 5) ----

/** The photos that show the piece as it came in: what the pick-up photo is set beside. */
export const INTAKE_PHOTO_TAGS = ['intake', 'stone_layout'] as const;
export const NO_PICKUP_PHOTO =
  'Photograph the piece at the counter, to set beside the intake photos, before it is marked collected.';
export const PICKUP_PHOTO_NOT_HERE =
  'The pick-up photo is not stored on this tablet: take it again.';
export const PICKUP_PHOTO_UNUSABLE =
  'That picture cannot be filed as the pick-up photo: take it again with the camera.';
export const PICKUP_PHOTO_ALREADY_ON_JOB =
  'That photo is already on the job: take a new photo of the piece as it goes home.';
export const NO_STONE_COUNT = 'Count the stones with the customer and enter how many there are.';
export const STONE_COUNT_NOT_WHOLE = 'Enter the stones counted as a whole number, like 3.';
export const STONE_REASON_MAX = 1000;
export const STONE_REASON_TOO_LONG = `Keep the reason for the stone count to ${STONE_REASON_MAX} characters.`;

/** Whether a photo shows the piece as it came in. */
export function isIntakePhotoTag(tag: string): boolean {
  return (INTAKE_PHOTO_TAGS as readonly string[]).includes(tag);
}

/** Whether the job has a photo from intake, so the pick-up must bring one to set beside it. */
export function needsPickupPhoto(job: JobState): boolean {
  return job.photos.some((p) => isIntakePhotoTag(p.tag));
}

/** The stones noted at intake, every row's count summed: 0 for a piece without stones. */
export function intakeStoneCount(job: JobState): number {
  return job.item.stones.reduce((total, s) => total + s.count, 0);
}

/** "1 stone", "3 stones". */
export function stonesText(count: number): string {
  return count === 1 ? '1 stone' : `${count} stones`;
}

/** The words for a count that differs from intake, e.g. "Counted 2 stones, intake noted 3: 1 fewer." */
export function stoneDifferenceText(counted: number, atIntake: number): string {
  const diff = counted - atIntake;
  const by = diff < 0 ? `${-diff} fewer` : `${diff} more`;
  return `Counted ${stonesText(counted)}, intake noted ${atIntake}: ${by}.`;
}

/** What is still wanted of the stone count at pick-up: nothing, the count, or why it differs. */
export function stoneCountProblem(
  job: JobState,
  count: number | undefined,
  reason: string,
): { key: 'stoneCount' | 'stoneReason'; message: string } | null {
  const atIntake = intakeStoneCount(job);
  if (count === undefined) {
    return atIntake > 0 ? { key: 'stoneCount', message: NO_STONE_COUNT } : null;
  }
  if (!Number.isInteger(count) || count < 0 || count > 9999) {
    return { key: 'stoneCount', message: STONE_COUNT_NOT_WHOLE };
  }
  if (count === atIntake) return null;
  const text = reason.trim();
  if (text === '') {
    return {
      key: 'stoneReason',
      message: `${stoneDifferenceText(count, atIntake)} Write why the count differs.`,
    };
  }
  if (text.length > STONE_REASON_MAX) return { key: 'stoneReason', message: STONE_REASON_TOO_LONG };
  return null;
}

/** How the note of a differing stone count begins: the receipt finds the reason by it. */
export const STONE_NOTE_PREFIX = 'Stones at pick-up:';

/** The note a differing stone count leaves on the job, in the history beside the pick-up. */
export function stoneNoteText(count: number, atIntake: number, reason: string): string {
  return `${STONE_NOTE_PREFIX} ${stoneDifferenceText(count, atIntake)} ${reason.trim()}`;
}
