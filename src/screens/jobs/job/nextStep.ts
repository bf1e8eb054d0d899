// The step the bench does next on a job, and how the page takes a person to it (scroll and focus).
import { templateFor, type ChecklistTemplate } from '../../../domain/checklists';
import type { JobState, ServiceState } from '../../../domain/job';

export interface StepPlace {
  serviceId: string;
  stepId: string;
}

export interface NextStep extends StepPlace {
  label: string;
  /** The service's name, e.g. "Rhodium plating": a job may have several. */
  serviceName: string;
}

/** The template of a service, or null for a kind a newer app version added. */
export function templateOrNull(service: ServiceState): ChecklistTemplate | null {
  try {
    return templateFor(service.kind);
  } catch {
    return null;
  }
}

/**
 * The first required step not yet done, in the order of the services and of their steps (the order
 * the work is done at the bench). Optional steps are passed over: skipping one is allowed, so it
 * must not hold the page on it. Null when the bench work is done (or the job is closed).
 */
export function nextOpenStep(job: JobState): NextStep | null {
  if (job.voided || job.status === 'collected') return null;
  for (const service of job.services) {
    if (service.cancelled) continue;
    const template = templateOrNull(service);
    const step = template?.steps.find((s) => s.requiredBeforeQc && !service.steps[s.id]?.done);
    if (template && step) {
      return {
        serviceId: service.id,
        stepId: step.id,
        label: step.label,
        serviceName: template.name,
      };
    }
  }
  return null;
}

/** True when the service has no required step left to do: done, or cancelled. */
export function serviceFinished(service: ServiceState): boolean {
  if (service.cancelled) return true;
  const template = templateOrNull(service);
  if (!template) return false;
  return template.steps.every((s) => !s.requiredBeforeQc || service.steps[s.id]?.done === true);
}

export function samePlace(a: StepPlace | null, b: StepPlace | null): boolean {
  return a !== null && b !== null && a.serviceId === b.serviceId && a.stepId === b.stepId;
}

/** The id of a step's row on the page: service and step ids are ULIDs and snake_case, safe in ids. */
export function stepRowId(place: StepPlace): string {
  return `step-${place.serviceId}-${place.stepId}`;
}

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-reduced-motion: reduce)').matches
    : true;
}

function bringIntoView(el: Element): void {
  // jsdom has no scrollIntoView; a browser always does.
  if (typeof el.scrollIntoView === 'function') {
    el.scrollIntoView({ block: 'center', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  }
}

/**
 * Brings a step's row (by its stepRowId) to the middle of the screen and puts the focus on its tick,
 * so the next tap (or Space) ticks it. Returns false when the row is not on the page.
 */
export function goToStep(rowId: string): boolean {
  const row = document.getElementById(rowId);
  if (!row) return false;
  bringIntoView(row);
  row.querySelector<HTMLButtonElement>('.jp-tick')?.focus({ preventScroll: true });
  return true;
}

/** With every step done, the next thing is the Next card's main button (Send to QC). */
export function goToNextAction(): void {
  const card = document.querySelector('.jp-next');
  if (!card) return;
  bringIntoView(card);
  card.querySelector<HTMLButtonElement>('.button-primary:not(:disabled)')?.focus({
    preventScroll: true,
  });
}
