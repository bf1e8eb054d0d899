// Reads of the jobs projection that the screens use: the tabs' lists a window at a time, counts.
import { Dexie, type Collection, type InsertType } from 'dexie';
import { byUrgency } from '../domain/jobList';
import type { JobState } from '../domain/job';
import { OPEN_STATUSES, type JobStatus } from '../protocol/statuses';
import type { JobRow, LoupeDB } from './LoupeDB';

export { OPEN_STATUSES };

export { byUrgency };

/** The v8 indexes the lists read, each already in urgency order (rush, promised date, envelope). */
const IN_SHOP_INDEX = '[inShop+rushRank+promisedDate+envelopeOrder]';
const OPEN_INDEX = '[open+rushRank+promisedDate+envelopeOrder]';
const STATUS_INDEX = '[live+status+rushRank+promisedDate+envelopeOrder]';

export async function getJob(db: LoupeDB, jobId: string): Promise<JobState | undefined> {
  return db.jobs.get(jobId);
}

// ---- The tabs' lists, read a window at a time ----

/**
 * A list of jobs the tabs show, most urgent first: every job in the shop ("All open"), the live
 * jobs of one status, the open jobs promised before `today` (late), or promised for `day`.
 */
export type JobList =
  | { kind: 'inShop' }
  | { kind: 'status'; status: JobStatus }
  | { kind: 'late'; today: string }
  | { kind: 'dueOn'; day: string };

/** A list's rows from `offset`, at most the limit asked for. */
export interface JobListPage {
  offset: number;
  jobs: JobState[];
  /** The list ends inside this window: it holds `offset + jobs.length` jobs in all. */
  end: boolean;
}

/** A string naming the list, for a live query's dependencies. */
export function jobListKey(list: JobList): string {
  switch (list.kind) {
    case 'inShop':
      return 'inShop';
    case 'status':
      return `status:${list.status}`;
    case 'late':
      return `late:${list.today}`;
    case 'dueOn':
      return `dueOn:${list.day}`;
  }
}

type Segment = () => Collection<JobRow, string, InsertType<JobRow, 'id'>>;

/**
 * The index ranges a list is read from, in list order: each range is in urgency order and every
 * row of one sorts before every row of the next. Late and due today are two ranges each (rush
 * jobs, then the rest), since the promised date sits under the rush rank in the index.
 * Each is a function: a Dexie collection is changed by offset() and limit(), so each read builds one.
 */
function segmentsOf(db: LoupeDB, list: JobList): Segment[] {
  const { minKey, maxKey } = Dexie;
  switch (list.kind) {
    case 'inShop':
      return [() => db.jobs.where(IN_SHOP_INDEX).between([1, minKey], [1, maxKey])];
    case 'status':
      return [
        () =>
          db.jobs.where(STATUS_INDEX).between([1, list.status, minKey], [1, list.status, maxKey]),
      ];
    case 'late':
      // Promised before today: [1, rank, today] sorts before every key of a job promised today.
      return ([0, 1] as const).map(
        (rank) => () =>
          db.jobs.where(OPEN_INDEX).between([1, rank, minKey], [1, rank, list.today], true, false),
      );
    case 'dueOn':
      return ([0, 1] as const).map(
        (rank) => () =>
          db.jobs
            .where(OPEN_INDEX)
            .between([1, rank, list.day, minKey], [1, rank, list.day, maxKey]),
      );
  }
}

/**
 * Rows [skip, skip + wanted) of one range. From the top, one read of the rows themselves; further
 * down, the primary keys up to the window's end (keys only, no row is read or cloned) and then
 * the window's rows by key. A cursor's advance() would walk the same keys, but fake-indexeddb
 * steps a ranged cursor in time growing with its position, and in Chromium the two cost about
 * the same (a few µs a key): what a deep window costs grows with how far down it is, never with
 * the rows below it, and the top of the list costs the same at any size.
 */
async function windowOf(
  db: LoupeDB,
  segment: Segment,
  skip: number,
  wanted: number,
): Promise<JobRow[]> {
  if (skip === 0) return segment().limit(wanted).toArray();
  const keys = await segment()
    .limit(skip + wanted)
    .primaryKeys();
  const rows = await db.jobs.bulkGet(keys.slice(skip));
  return rows.filter((row): row is JobRow => row !== undefined);
}

/**
 * The list's rows [offset, offset + limit), read from its index ranges alone: no row outside the
 * window is read or sorted, however many jobs the tablet holds. Nothing is counted for the top of
 * the list (its first rows come at once, at any size); a window further down counts only the
 * ranges it steps over. The list's length is jobListLength's (the tab counts), or exact here when
 * the list ends inside the window.
 */
export async function jobListPage(
  db: LoupeDB,
  list: JobList,
  offset: number,
  limit: number,
): Promise<JobListPage> {
  const segments = segmentsOf(db, list);
  const from = Math.max(0, offset);
  return db.transaction('r', db.jobs, async () => {
    const jobs: JobState[] = [];
    let skip = from;
    let wanted = Math.max(0, limit);
    for (const segment of segments) {
      if (wanted === 0) break;
      if (skip > 0) {
        // Above the window: a range wholly there is stepped over by its count, reading nothing.
        const count = await segment().count();
        if (skip >= count) {
          skip -= count;
          continue;
        }
      }
      const rows = await windowOf(db, segment, skip, wanted);
      jobs.push(...rows);
      wanted -= rows.length;
      skip = 0;
    }
    // Fewer rows than asked for: the list ends here (or above the window, when none were found).
    return { offset: from, jobs, end: wanted > 0 };
  });
}

/** How many jobs a list holds, from its index keys alone. */
export async function jobListLength(db: LoupeDB, list: JobList): Promise<number> {
  const counts = await Promise.all(segmentsOf(db, list).map((segment) => segment().count()));
  return counts.reduce((a, b) => a + b, 0);
}

/** Every job of a list, most urgent first (for screens that need them all; the tabs page them). */
async function wholeList(db: LoupeDB, list: JobList): Promise<JobState[]> {
  const parts = await Promise.all(segmentsOf(db, list).map((segment) => segment().toArray()));
  return parts.flat();
}

export async function jobsWithStatus(db: LoupeDB, status: JobStatus): Promise<JobState[]> {
  return wholeList(db, { kind: 'status', status });
}

/** Open jobs promised before `today` (YYYY-MM-DD). */
export async function lateJobs(db: LoupeDB, today: string): Promise<JobState[]> {
  return wholeList(db, { kind: 'late', today });
}

/** Open jobs promised for `today`. */
export async function jobsDueOn(db: LoupeDB, today: string): Promise<JobState[]> {
  return wholeList(db, { kind: 'dueOn', day: today });
}

/** True once any job was collected here: a shop that has handed pieces back is not a new tablet. */
export async function anyJobCollected(db: LoupeDB): Promise<boolean> {
  // limit(1).count() would still count them all (Dexie clips a full count): one key is enough.
  const keys = await db.jobs.where('[live+status]').equals([1, 'collected']).limit(1).primaryKeys();
  return keys.length > 0;
}

// ---- Search ----

/**
 * A search runs once this many characters are typed: one letter would match half the shop. Here,
 * not with the search (jobSearch.ts): the list's box needs it before the search is loaded.
 */
export const SEARCH_MIN_CHARS = 2;

// ---- Counts ----

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
  const count = (list: JobList) => jobListLength(db, list);
  const status = (s: JobStatus) => count({ kind: 'status', status: s });
  const [late, dueToday, received, inProgress, qc, ready, onHold] = await Promise.all([
    count({ kind: 'late', today }),
    count({ kind: 'dueOn', day: today }),
    status('received'),
    status('in_progress'),
    status('qc'),
    status('ready'),
    status('on_hold'),
  ]);
  return { late, dueToday, received, inProgress, qc, ready, onHold };
}
