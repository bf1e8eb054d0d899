// The list under each tab and the search results, each read live from the jobs projection: a tab
// reads only the window of rows around those on screen, the search a page of matches at a time.
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { useAnyJobCollected, useJobSearchPages } from '../../../db/jobHooks';
import { SEARCH_PAGE, type JobList } from '../../../db/jobQueries';
import type { JobState } from '../../../domain/job';
import type { JobTab } from './jobFilters';
import { JobRow, ROW_HEIGHT } from './JobRow';
import { useListWindow } from './listWindow';
import { VirtualList } from './VirtualList';

const jobKey = (job: JobState) => job.id;

function NewEnvelopeLink() {
  return (
    <p>
      <Link to="/intake" className="button button-primary jobs-new">
        Open a new envelope
      </Link>
    </p>
  );
}

/** Nothing in the shop: on a fresh tablet say so; after the last pick-up, say what the tab holds. */
function NothingInShop({ tab }: { tab: JobTab }) {
  // One index key decides it: a shop's years of collected jobs are never read for an empty state.
  const collected = useAnyJobCollected();
  if (collected === undefined) return null;
  if (!collected) {
    return (
      <EmptyState title="No jobs on this tablet yet">
        <p>
          Every job envelope opened at the counter will be listed here: due today, late, at the
          bench, waiting for QC and ready for pick-up.
        </p>
        <NewEnvelopeLink />
      </EmptyState>
    );
  }
  return (
    <EmptyState title={tab.empty}>
      <p>{tab.hint}</p>
      <NewEnvelopeLink />
    </EmptyState>
  );
}

interface TabListProps {
  tab: JobTab;
  today: string;
  /**
   * No job received, at the bench or ready: the empty state offers to open an envelope.
   * Undefined while the counts are read; the rows do not wait for them, only the empty state does.
   */
  shopEmpty: boolean | undefined;
  /** The tab's count (JobCounts), undefined while read: the list's length, beyond its window. */
  count: number | undefined;
  /** Told once the first window is read (the counts wait for it). */
  onRead?: () => void;
}

/** The list a tab shows: one index range (two for late and due today: rush jobs, then the rest). */
function listOf(tab: JobTab, today: string): JobList {
  switch (tab.id) {
    case 'open':
      // Every job not collected and not voided, ready ones too: one range of the inShop index.
      return { kind: 'inShop' };
    case 'today':
      return { kind: 'dueOn', day: today };
    case 'late':
      return { kind: 'late', today };
    case 'in_progress':
    case 'qc':
    case 'ready':
      return { kind: 'status', status: tab.id };
  }
}

/** The jobs of one tab: a window of its list, read again as it scrolls or as jobs change. */
export function TabList({ tab, today, shopEmpty, count, onRead }: TabListProps) {
  const { page, total, itemAt, onRangeChange } = useListWindow(listOf(tab, today), count);
  const read = page !== undefined;
  useEffect(() => {
    if (read) onRead?.();
  }, [read, onRead]);
  // While the first read runs, show nothing rather than a flash of "Nothing is due today."
  if (page === undefined || total === undefined) return null;
  if (total === 0) {
    if (shopEmpty === undefined) return null;
    return shopEmpty ? (
      <NothingInShop tab={tab} />
    ) : (
      <EmptyState title={tab.empty}>
        <p>{tab.hint}</p>
      </EmptyState>
    );
  }
  return (
    <VirtualList
      count={total}
      itemAt={itemAt}
      onRangeChange={onRangeChange}
      rowHeight={ROW_HEIGHT}
      getKey={jobKey}
      renderItem={(job) => <JobRow job={job} today={today} />}
      label={`${tab.label}: ${total} jobs`}
      className="jobs-list"
    />
  );
}

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
