// Warranty per service: the built-in days (DOMAIN.md) that a shop may change, and until when each
// service of a collected job is covered.
import type { ServiceKind } from './checklists';
import { stampMs } from './clock';
import { dayNumber, localDay } from './dates';
import type { JobState } from './job';

/**
 * DOMAIN.md ("What shop software tracks"): about 30 days for sizing, polishing and rhodium; about 90
 * for prongs, setting, solder, chain and clasp. A casting is new work (90); a cleaning carries none.
 */
export const DEFAULT_WARRANTY_DAYS: Readonly<Record<ServiceKind, number>> = {
  ring_sizing_up: 30,
  ring_sizing_down: 30,
  polishing: 30,
  rhodium_plating: 30,
  prong_retipping: 90,
  stone_tightening: 90,
  chain_soldering: 90,
  clasp_replacement: 90,
  lost_wax_casting: 90,
  cleaning: 0,
};

/** The days a service of this kind is warranted for at this shop. */
export function warrantyDaysFor(
  kind: ServiceKind,
  shopDays: Partial<Record<ServiceKind, number>>,
): number {
  return shopDays[kind] ?? DEFAULT_WARRANTY_DAYS[kind] ?? 0;
}

export interface ServiceWarranty {
  serviceId: string;
  kind: ServiceKind;
  days: number;
  /** The local day the piece went home (the warranty runs from it); null while not collected. */
  from: string | null;
  /** The last day covered; null while not collected, or when the service carries no warranty. */
  until: string | null;
  /** Whether `today` is within the warranty. */
  covered: boolean;
}

function addDays(day: string, days: number): string {
  const n = dayNumber(day);
  if (n === null) return day;
  return new Date((n + days) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Each active service's warranty. It runs from the day of the pick-up (the status change to
 * collected, read from its stamp's wall clock on this tablet's calendar) for the shop's days.
 */
export function jobWarranty(
  job: JobState,
  shopDays: Partial<Record<ServiceKind, number>>,
  today: string,
): ServiceWarranty[] {
  const pickedUpMs = job.status === 'collected' ? stampMs(job.statusChanged.at) : null;
  const from = pickedUpMs === null ? null : localDay(new Date(pickedUpMs));
  return job.services
    .filter((s) => s.cancelled === null)
    .map((s) => {
      const days = warrantyDaysFor(s.kind, shopDays);
      const until = from === null || days === 0 ? null : addDays(from, days);
      return {
        serviceId: s.id,
        kind: s.kind,
        days,
        from,
        until,
        covered: until !== null && today <= until,
      };
    });
}
