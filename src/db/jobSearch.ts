// Finding jobs by what was typed or scanned: an envelope number or code, a name, a phone. Apart from
// the tabs' lists (jobQueries.ts): the first screen is the list, and the search loads when typed in.
import { useLiveQuery } from 'dexie-react-hooks';
import { envelopeKey } from '../domain/envelopes';
import type { JobState } from '../domain/job';
import { byUrgency } from '../domain/jobList';
import { matchesSearch, searchQueryTerms } from '../domain/search';
import { db as appDb } from './db';
import { SEARCH_MIN_CHARS } from './jobQueries';
import type { LoupeDB } from './LoupeDB';

/** Jobs answering to a scanned or typed envelope number or code (more than one means a mix-up). */
export async function jobsByEnvelope(db: LoupeDB, text: string): Promise<JobState[]> {
  const key = envelopeKey(text);
  if (key === '') return [];
  return db.jobs.where('envelopeKeys').equals(key).toArray();
}

/** Jobs read from the search index per page of results (each one shown if it matches). */
export const SEARCH_PAGE = 50;

/** Whether the box holds enough to search on. */
export function searchable(query: string): boolean {
  return query.trim().length >= SEARCH_MIN_CHARS && searchQueryTerms(query).length > 0;
}

/** The jobs found so far, and whether the index holds more candidates than were read. */
export interface JobSearchResult {
  jobs: JobState[];
  more: boolean;
}

const termRange = (db: LoupeDB, term: string) => db.jobs.where('searchTerms').startsWith(term);

/** The query term with the fewest index entries: the index narrows by it, the rest are checked. */
async function narrowestTerm(db: LoupeDB, terms: readonly string[]): Promise<string | undefined> {
  if (terms.length <= 1) return terms[0];
  const counts = await Promise.all(terms.map((term) => termRange(db, term).count()));
  let best = 0;
  for (let i = 1; i < terms.length; i++) {
    if ((counts[i] ?? 0) < (counts[best] ?? 0)) best = i;
  }
  return terms[best];
}

/**
 * Jobs whose customer name, phone or envelope matches what was typed: the first `pages` ×
 * SEARCH_PAGE jobs the search index holds for the narrowest term (in the index's order: by the
 * matching term, then by when the job was opened), each page most urgent first, so a page shown
 * never reorders when the next is added. Bounded: a short common prefix at 100,000 jobs reads
 * one page, never every candidate; `more` says the index holds more, and the screen says so.
 */
export async function searchJobPages(
  db: LoupeDB,
  query: string,
  pages = 1,
): Promise<JobSearchResult> {
  if (!searchable(query)) return { jobs: [], more: false };
  const terms = searchQueryTerms(query);
  const term = await narrowestTerm(db, terms);
  if (term === undefined) return { jobs: [], more: false };
  const wanted = Math.max(1, pages) * SEARCH_PAGE;
  // One more than wanted tells whether another page exists without counting the range.
  const read = await termRange(db, term)
    .distinct()
    .limit(wanted + 1)
    .toArray();
  const jobs: JobState[] = [];
  for (let start = 0; start < Math.min(read.length, wanted); start += SEARCH_PAGE) {
    const page = read.slice(start, Math.min(start + SEARCH_PAGE, wanted));
    jobs.push(...page.filter((j) => matchesSearch(j.searchTerms, terms)).sort(byUrgency));
  }
  return { jobs, more: read.length > wanted };
}

/** The first page of jobs matching the search, most urgent first. */
export async function searchJobs(db: LoupeDB, query: string): Promise<JobState[]> {
  return (await searchJobPages(db, query)).jobs;
}

/** The search's first `pages` pages of matches (searchJobPages), live. */
export function useJobSearchPages(query: string, pages: number): JobSearchResult | undefined {
  return useLiveQuery(() => searchJobPages(appDb, query, pages), [query, pages]);
}

export function useJobsByEnvelope(text: string): JobState[] | undefined {
  return useLiveQuery(() => jobsByEnvelope(appDb, text), [text]);
}
