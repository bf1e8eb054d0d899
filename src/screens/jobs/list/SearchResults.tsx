// The search's results under the jobs list's box, a page of matches at a time. Loaded when the box
// is first typed in: the list is the first screen, a search is not.
import { useCallback, useState } from 'react';
import { EmptyState } from '../../../components/EmptyState';
import { SEARCH_PAGE, useJobSearchPages } from '../../../db/jobSearch';
import { jobKey, JobRow, ROW_HEIGHT } from './JobRow';
import { VirtualList } from './VirtualList';

/**
 * Jobs matching the search box, voided ones too (marked), a page at a time: each page is the next
 * SEARCH_PAGE jobs of the search index, most urgent first within it (searchJobPages).
 */
export function SearchResults({ query, today }: { query: string; today: string }) {
  // The pages shown belong to the query they were asked for: a new query starts at one page.
  const [shown, setShown] = useState({ query, pages: 1 });
  const pages = shown.query === query ? shown.pages : 1;
  const result = useJobSearchPages(query, pages);
  const jobs = result?.jobs;
  const itemAt = useCallback((index: number) => jobs?.[index], [jobs]);
  if (result === undefined || jobs === undefined) return null;
  if (jobs.length === 0 && !result.more) {
    return (
      <EmptyState title={`No job matches “${query.trim()}”.`}>
        <p>
          Search by the customer’s name, the phone number (or its last 4 digits) or the envelope
          number.
        </p>
      </EmptyState>
    );
  }
  const found = jobs.length === 1 ? '1 job found' : `${jobs.length} jobs found`;
  let status = found;
  if (result.more) {
    status =
      jobs.length === 0
        ? `None of the first ${pages * SEARCH_PAGE} jobs read match yet: type more to narrow it down.`
        : jobs.length === 1
          ? `1 job found so far: type more to narrow it down.`
          : `Showing the first ${found}: type more to narrow it down.`;
  }
  return (
    <>
      <p className="jobs-found" role="status">
        {status}
      </p>
      {jobs.length > 0 && (
        <VirtualList
          count={jobs.length}
          itemAt={itemAt}
          rowHeight={ROW_HEIGHT}
          getKey={jobKey}
          renderItem={(job) => <JobRow job={job} today={today} />}
          label={`Search results: ${found}`}
          className="jobs-list"
        />
      )}
      {result.more && (
        <p className="jobs-more">
          <button
            type="button"
            className="button"
            onClick={() => {
              setShown({ query, pages: pages + 1 });
            }}
          >
            Show more
          </button>
        </p>
      )}
    </>
  );
}
