// Reads of the jobs projection that the screens use: lists by status, late, due today, search.
import { envelopeKey } from '../domain/envelopes';
import type { JobState } from '../domain/job';
import { matchesSearch, searchQueryTerms } from '../domain/search';
import { OPEN_STATUSES, type JobStatus } from '../protocol/events';
import type { LoupeDB } from './LoupeDB';

export { OPEN_STATUSES };

/** The list order: rush first, then by promised date, then by envelope number. */
export function byUrgency(a: JobState, b: JobState): number {
  if (a.rush !== b.rush) return a.rush ? -1 : 1;
  if (a.promisedDate !== b.promisedDate) return a.promisedDate < b.promisedDate ? -1 : 1;
  return a.envelopeNumber.localeCompare(b.envelopeNumber, undefined, { numeric: true });
}

export async function getJob(db: LoupeDB, jobId: string): Promise<JobState | undefined> {
  return db.jobs.get(jobId);
}

/** Jobs answering to a scanned or typed envelope number or code (more than one means a mix-up). */
export async function jobsByEnvelope(db: LoupeDB, text: string): Promise<JobState[]> {
  const key = envelopeKey(text);
  if (key === '') return [];
  return db.jobs.where('envelopeKeys').equals(key).toArray();
}

export async function jobsWithStatus(db: LoupeDB, status: JobStatus): Promise<JobState[]> {
  const jobs = await db.jobs.where('[live+status]').equals([1, status]).toArray();
  return jobs.sort(byUrgency);
}

/** The index range of live jobs with `status` promised before `today` (YYYY-MM-DD). */
const lateRange = (db: LoupeDB, status: JobStatus, today: string) =>
  db.jobs
    .where('[live+status+promisedDate]')
    .between([1, status, ''], [1, status, today], true, false);

const dueRange = (db: LoupeDB, status: JobStatus, today: string) =>
  db.jobs.where('[live+status+promisedDate]').equals([1, status, today]);

/** Open jobs promised before `today` (YYYY-MM-DD). */
export async function lateJobs(db: LoupeDB, today: string): Promise<JobState[]> {
  const perStatus = await Promise.all(OPEN_STATUSES.map((s) => lateRange(db, s, today).toArray()));
  return perStatus.flat().sort(byUrgency);
}

/** Open jobs promised for `today`. */
export async function jobsDueOn(db: LoupeDB, today: string): Promise<JobState[]> {
  const perStatus = await Promise.all(OPEN_STATUSES.map((s) => dueRange(db, s, today).toArray()));
  return perStatus.flat().sort(byUrgency);
}

/** Jobs whose customer name, phone or envelope matches what was typed, most urgent first. */
export async function searchJobs(db: LoupeDB, query: string, limit = 50): Promise<JobState[]> {
  const terms = searchQueryTerms(query);
  const first = terms[0];
  if (first === undefined) return [];
  // The index narrows by the first term; the rest are checked on the few rows it finds.
  const candidates = await db.jobs.where('searchTerms').startsWith(first).distinct().toArray();
  return candidates
    .filter((j) => matchesSearch(j.searchTerms, terms))
    .sort(byUrgency)
    .slice(0, limit);
}

export interface JobCounts {
  late: number;
  dueToday: number;
  received: number;
  inProgress: number;
  qc: number;
  ready: number;
  onHold: number;
}

/** Every count from the indexes alone: no job row is read, however many there are. */
export async function jobCounts(db: LoupeDB, today: string): Promise<JobCounts> {
  const count = (status: JobStatus) => db.jobs.where('[live+status]').equals([1, status]).count();
  const sum = async (counts: Promise<number>[]) =>
    (await Promise.all(counts)).reduce((a, b) => a + b, 0);
  const [late, dueToday, received, inProgress, qc, ready, onHold] = await Promise.all([
    sum(OPEN_STATUSES.map((s) => lateRange(db, s, today).count())),
    sum(OPEN_STATUSES.map((s) => dueRange(db, s, today).count())),
    count('received'),
    count('in_progress'),
    count('qc'),
    count('ready'),
    count('on_hold'),
  ]);
  return { late, dueToday, received, inProgress, qc, ready, onHold };
}
