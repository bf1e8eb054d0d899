// The list under each tab and the search results, each read live from the jobs projection.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { byUrgency, useJobSearch, useJobsDueOn, useJobsWithStatus, useLateJobs } from '../../../db';
import type { JobState } from '../../../domain/job';
import type { JobTab } from './jobFilters';
import { JobRow, ROW_HEIGHT } from './JobRow';
import { VirtualList } from './VirtualList';

/** How many matches the search query returns at most (searchJobs' limit). */
export const SEARCH_LIMIT = 50;

const jobKey = (job: JobState) => job.id;

function Rows({ jobs, today, label }: { jobs: readonly JobState[]; today: string; label: string }) {
  return (
    <VirtualList
      items={jobs}
      rowHeight={ROW_HEIGHT}
      getKey={jobKey}
      renderItem={(job) => <JobRow job={job} today={today} />}
      label={label}
      className="jobs-list"
    />
  );
}

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
  const collected = useJobsWithStatus('collected');
  if (collected === undefined) return null;
  if (collected.length === 0) {
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
}

function TabJobs({ jobs, tab, today, shopEmpty }: TabListProps & { jobs: JobState[] | undefined }) {
  // While the first read runs, show nothing rather than a flash of "Nothing is due today."
  if (jobs === undefined) return null;
  if (jobs.length === 0) {
    if (shopEmpty === undefined) return null;
    return shopEmpty ? (
      <NothingInShop tab={tab} />
    ) : (
      <EmptyState title={tab.empty}>
        <p>{tab.hint}</p>
      </EmptyState>
    );
  }
  return <Rows jobs={jobs} today={today} label={`${tab.label}: ${jobs.length} jobs`} />;
}

function DueToday(props: TabListProps) {
  const jobs = useJobsDueOn(props.today);
  return <TabJobs jobs={jobs} {...props} />;
}

function Late(props: TabListProps) {
  const jobs = useLateJobs(props.today);
  return <TabJobs jobs={jobs} {...props} />;
}

function WithStatus(props: TabListProps & { status: 'in_progress' | 'qc' | 'ready' }) {
  const jobs = useJobsWithStatus(props.status);
  return <TabJobs jobs={jobs} {...props} />;
}

/** Every job not collected and not voided: each status read from its own [live+status] index. */
function AllOpen(props: TabListProps) {
  const received = useJobsWithStatus('received');
  const inProgress = useJobsWithStatus('in_progress');
  const qc = useJobsWithStatus('qc');
  const onHold = useJobsWithStatus('on_hold');
  const ready = useJobsWithStatus('ready');
  // Each query is in list order already; the merged list keeps that same order (byUrgency).
  const jobs = useMemo(
    () =>
      received && inProgress && qc && onHold && ready
        ? [...received, ...inProgress, ...qc, ...onHold, ...ready].sort(byUrgency)
        : undefined,
    [received, inProgress, qc, onHold, ready],
  );
  return <TabJobs jobs={jobs} {...props} />;
}

/** The jobs of one tab. Each tab reads only its own query: 10,000 jobs are never all read for one. */
export function TabList(props: TabListProps) {
  switch (props.tab.id) {
    case 'today':
      return <DueToday {...props} />;
    case 'late':
      return <Late {...props} />;
    case 'in_progress':
    case 'qc':
    case 'ready':
      return <WithStatus {...props} status={props.tab.id} />;
    case 'open':
      return <AllOpen {...props} />;
  }
}

/** Jobs matching the search box, voided ones too (marked), most urgent first. */
export function SearchResults({ query, today }: { query: string; today: string }) {
  const jobs = useJobSearch(query);
  if (jobs === undefined) return null;
  if (jobs.length === 0) {
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
  return (
    <>
      <p className="jobs-found" role="status">
        {jobs.length >= SEARCH_LIMIT
          ? `Showing the first ${SEARCH_LIMIT} jobs found: type more to narrow it down.`
          : found}
      </p>
      <Rows jobs={jobs} today={today} label={`Search results: ${found}`} />
    </>
  );
}
