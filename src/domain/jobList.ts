// The jobs list's order as index fields: a job row carries these so a tab reads only the rows on screen.
import { OPEN_STATUSES } from '../protocol/statuses';
import type { JobState } from './job';

/** Fields the jobs table indexes so each tab is one index range, already in urgency order. */
export interface JobListFields {
  /** 1 while the piece is in the shop: live and not collected ("All open": ready pieces too). */
  inShop: 0 | 1;
  /** 1 while live and in OPEN_STATUSES: the jobs that can be late or due today (not ready). */
  open: 0 | 1;
  /** 0 for a rush job, 1 otherwise: rush sorts first. */
  rushRank: 0 | 1;
  /** The envelope number with every run of digits padded, so text order is numeric order. */
  envelopeOrder: string;
}

const OPEN = new Set<string>(OPEN_STATUSES);

/** Digit runs padded to this width: "K7-42" sorts before "K7-100", as people read them. */
const DIGITS = 12;

export function envelopeOrder(envelopeNumber: string): string {
  return envelopeNumber.toUpperCase().replace(/\d+/g, (run) => run.padStart(DIGITS, '0'));
}

export function jobListFields(job: JobState): JobListFields {
  return {
    inShop: job.live === 1 && job.status !== 'collected' ? 1 : 0,
    open: job.live === 1 && OPEN.has(job.status) ? 1 : 0,
    rushRank: job.rush ? 0 : 1,
    envelopeOrder: envelopeOrder(job.envelopeNumber),
  };
}

/**
 * Urgency order, the same as the indexes' (rush first, then promised date, then envelope number;
 * the id last, as IndexedDB orders equal keys), for lists merged or sorted in memory.
 */
export function byUrgency(a: JobState, b: JobState): number {
  if (a.rush !== b.rush) return a.rush ? -1 : 1;
  if (a.promisedDate !== b.promisedDate) return a.promisedDate < b.promisedDate ? -1 : 1;
  const ea = envelopeOrder(a.envelopeNumber);
  const eb = envelopeOrder(b.envelopeNumber);
  if (ea !== eb) return ea < eb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The row as stored: the projection and its list fields, always worked out from it on write. */
export function withListFields<J extends JobState>(job: J): J & JobListFields {
  return { ...job, ...jobListFields(job) };
}
