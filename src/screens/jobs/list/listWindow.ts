// Which rows of a tab's list are read: a window of whole pages around the rows on screen, kept while
// the list scrolls inside it, so a scroll of a few rows reads nothing new.
import { useCallback, useState } from 'react';
import type { JobState } from '../../../domain/job';
import { useJobListPage } from '../../../db/jobHooks';
import type { JobList, JobListPage } from '../../../db/jobQueries';
import { UNMEASURED_ROWS } from './VirtualList';

/** Windows start and end on multiples of this many rows, so small scrolls ask for the same one. */
export const WINDOW_PAGE = 32;
/** Rows read beyond the drawn ones on each side, so a short scroll finds its rows already read. */
export const WINDOW_MARGIN = 16;

/** Rows [offset, offset + limit) of a list. */
export interface RowWindow {
  offset: number;
  limit: number;
}

/** The window of whole pages holding the drawn rows [first, end) and the margin around them. */
export function windowAround(first: number, end: number): RowWindow {
  const from = Math.floor(Math.max(0, first - WINDOW_MARGIN) / WINDOW_PAGE) * WINDOW_PAGE;
  const to = Math.ceil((end + WINDOW_MARGIN) / WINDOW_PAGE) * WINDOW_PAGE;
  return { offset: from, limit: Math.max(WINDOW_PAGE, to - from) };
}

/** True while `span` still holds the drawn rows with their margin: no new read is needed. */
export function windowCovers(span: RowWindow, first: number, end: number): boolean {
  return (
    span.offset <= Math.max(0, first - WINDOW_MARGIN) &&
    span.offset + span.limit >= end + WINDOW_MARGIN
  );
}

/** What the list opens on, before it is measured: the rows an unmeasured list draws. */
export const FIRST_WINDOW = windowAround(0, UNMEASURED_ROWS);

export interface ListWindow {
  /** The rows read; undefined until the first window is read. */
  page: JobListPage | undefined;
  /**
   * How many rows the list holds: exact once the window read reaches the list's end, else the
   * tab's count (at least the rows read, while a change is still reaching the count).
   */
  total: number | undefined;
  /** The job at a row, when the window read holds it. */
  itemAt: (index: number) => JobState | undefined;
  /** For VirtualList: moves the window when the drawn rows leave it. */
  onRangeChange: (first: number, end: number) => void;
}

/** The list's length from its window and its count (the count comes from another live query). */
export function listTotal(page: JobListPage | undefined, count: number | undefined) {
  if (page === undefined) return undefined;
  const read = page.offset + page.jobs.length;
  if (page.end) return read;
  // The rows are there before the count (the top of the list waits for no count): draw them.
  return Math.max(count ?? 0, read);
}

/**
 * A tab's paged source: one live query for its window, moved as the list scrolls; `count` is the
 * tab's count (useJobCounts), so the list's length costs no second walk of its index.
 */
export function useListWindow(list: JobList, count: number | undefined): ListWindow {
  const [span, setSpan] = useState<RowWindow>(FIRST_WINDOW);
  const page = useJobListPage(list, span.offset, span.limit);

  const onRangeChange = useCallback((first: number, end: number) => {
    setSpan((current) => (windowCovers(current, first, end) ? current : windowAround(first, end)));
  }, []);

  const itemAt = useCallback(
    (index: number) => {
      if (page === undefined) return undefined;
      const at = index - page.offset;
      return at >= 0 && at < page.jobs.length ? page.jobs[at] : undefined;
    },
    [page],
  );

  return { page, total: listTotal(page, count), itemAt, onRangeChange };
}
