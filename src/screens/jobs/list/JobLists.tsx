// The list under each tab, read live from the jobs projection: only the window of rows around those
// on screen (the search's results: SearchResults.tsx).
import { useEffect } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { useAnyJobCollected } from '../../../db/jobHooks';
import type { JobList } from '../../../db/jobQueries';
import type { JobTab } from './jobFilters';
import { jobKey, JobRow, ROW_HEIGHT } from './JobRow';
import { useListWindow } from './listWindow';
import { VirtualList } from './VirtualList';

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
