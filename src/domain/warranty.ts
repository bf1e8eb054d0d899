// Warranty per service: the built-in days (DOMAIN.md) that a shop may change, and until when each
// service of a collected job is covered.
import { CHECKLIST_TEMPLATES, SERVICE_KINDS, type ServiceKind } from './checklists';
import { stampMs } from './clock';
import { dayNumber, localDay } from './dates';
import type { JobState } from './job';

/**
 * The built-in days per kind: each checklist template's own (DOMAIN.md, "What workshop software
 * commonly has": about 30 days for sizing, polishing and rhodium; about 90 for prongs, setting,
 * solder, chain and clasp; a casting is new work, 90; a cleaning carries none). Read from the
 * templates, so the intake's service list and the warranty never disagree.
 */
export const DEFAULT_WARRANTY_DAYS: Readonly<Record<ServiceKind, number>> = Object.fromEntries(
  SERVICE_KINDS.map((kind) => [kind, CHECKLIST_TEMPLATES[kind].warrantyDays]),
) as Record<ServiceKind, number>;

/** The days a service of this kind is warranted for at this shop: its own, else the built-in. */
export function warrantyDaysFor(
  kind: ServiceKind,
  shopDays: Partial<Record<ServiceKind, number>>,
): number {
  // Object.hasOwn: a kind named like an Object.prototype member must not read an inherited value.
  const own = Object.hasOwn(shopDays, kind) ? shopDays[kind] : undefined;
  if (own !== undefined) return own;
  return Object.hasOwn(DEFAULT_WARRANTY_DAYS, kind) ? DEFAULT_WARRANTY_DAYS[kind] : 0;
}

export interface ServiceWarranty {
  serviceId: string;
  kind: ServiceKind;
  days: number;
  /** The local day the piece went home (the warranty runs from it); null while not collected. */
  from: string | null;
  /**
   * The last day covered (the pick-up day plus `days`: 30 days from 1 Dec covers up to 31 Dec);
   * null while not collected, or when the service carries no warranty (0 days).
   */
  until: string | null;
  /** Whether `today` is within the warranty (the last day included). */
  covered: boolean;
}

const DAY_MS = 86_400_000;

/** `day` plus `days` calendar days, counted in UTC: a DST change is never a day more or less. */
function addDays(day: string, days: number): string {
  const n = dayNumber(day);
  if (n === null) return day;
  return new Date((n + days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The local day the piece went home: the wall clock of the pick-up's stamp on this tablet's
 * calendar, so a pick-up at 00:30 after midnight counts from that day, not from the UTC date.
 * Null while the job is not collected (a voided job never is: the fold refuses a pick-up after a
 * voiding, and a voiding after a pick-up).
 */
export function pickupDay(job: JobState): string | null {
  if (job.status !== 'collected') return null;
  const ms = stampMs(job.statusChanged.at);
  return ms === null ? null : localDay(new Date(ms));
}

/**
 * Each active service's warranty (a cancelled service was not done, so carries none). It runs from
 * the day of the pick-up for the days promised then (recorded with the pick-up); a pick-up recorded
 * before they were, and a job not collected yet, take the shop's days as they are now.
 */
export function jobWarranty(
  job: JobState,
  shopDays: Partial<Record<ServiceKind, number>>,
  today: string,
): ServiceWarranty[] {
  const from = pickupDay(job);
  return job.services
    .filter((s) => s.cancelled === null)
    .map((s) => {
      const promised = job.pickupWarrantyDays?.[s.id];
      const days = promised ?? warrantyDaysFor(s.kind, shopDays);
      const until = from === null || days <= 0 ? null : addDays(from, days);
      return {
        serviceId: s.id,
        kind: s.kind,
        days,
        from,
        until,
        // YYYY-MM-DD strings sort as the days they name.
        covered: until !== null && today <= until,
      };
    });
}

/** Days of cover left counting today: 1 on the last day, 0 once ended or without a warranty. */
/** The days promised at pick-up per active service, from the shop's days: recorded with it. */
export function promisedWarrantyDays(
  job: JobState,
  shopDays: Partial<Record<ServiceKind, number>>,
): Record<string, number> {
  return Object.fromEntries(
    job.services
      .filter((s) => s.cancelled === null)
      .map((s) => [s.id, warrantyDaysFor(s.kind, shopDays)]),
  );
}

export function daysLeft(warranty: ServiceWarranty, today: string): number {
  if (warranty.until === null) return 0;
  const a = dayNumber(today);
  const b = dayNumber(warranty.until);
  if (a === null || b === null) return 0;
  return Math.max(0, b - a + 1);
}

/**
 * The envelope of a warranty redo of this job that is still open, or null: the piece is back in
 * that envelope, so no second redo is opened for it. A redo this tablet does not have yet counts
 * as open (its claim and its opening are made together, so it is on its way).
 */
export function openRedoEnvelope(
  job: JobState,
  redoJob: (jobId: string) => JobState | undefined,
): string | null {
  for (const claim of job.warrantyClaims) {
    const redo = redoJob(claim.redoJobId);
    if (!redo || (!redo.voided && redo.status !== 'collected')) return claim.redoEnvelope;
  }
  return null;
}
