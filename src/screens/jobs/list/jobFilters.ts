// The tabs of the jobs list: what each shows, what its empty state says, and its count.
import type { JobCounts } from '../../../db/jobQueries';

// "All open" comes first and is where the list opens: a job just taken in (promised next week) is
// found there at once, the most urgent at the top (rush, then late, then due soonest).
export const JOB_TABS = [
  {
    id: 'open',
    label: 'All open',
    empty: 'No open jobs.',
    hint: 'Every job in the shop is listed here: received, at the bench, waiting for QC, on hold or ready for pick-up, the most urgent first.',
  },
  {
    id: 'today',
    label: 'Due today',
    empty: 'Nothing is due today.',
    hint: 'Open jobs promised for today are listed here, rush jobs first.',
  },
  {
    id: 'late',
    label: 'Late',
    empty: 'Nothing is late.',
    hint: 'Open jobs past their promised date are listed here, rush jobs first.',
  },
  {
    id: 'in_progress',
    label: 'In progress',
    empty: 'Nothing is in progress.',
    hint: 'Jobs someone has started at the bench are listed here.',
  },
  {
    id: 'qc',
    label: 'QC',
    empty: 'Nothing is waiting for QC.',
    hint: 'Finished bench work waiting for a second person’s check is listed here.',
  },
  {
    id: 'ready',
    label: 'Ready',
    empty: 'Nothing is ready for pick-up.',
    hint: 'Jobs that passed QC and wait for the customer are listed here.',
  },
] as const;

export type JobTab = (typeof JOB_TABS)[number];
export type JobTabId = JobTab['id'];

/** The tab a person lands on when the address names none (or one this version does not know). */
export const DEFAULT_TAB: JobTab = JOB_TABS[0];

export function tabFromParam(value: string | null): JobTab {
  return JOB_TABS.find((t) => t.id === value) ?? DEFAULT_TAB;
}

/** The number on a tab, from the counts the list keeps live. */
export function tabCount(tab: JobTabId, counts: JobCounts): number {
  switch (tab) {
    case 'today':
      return counts.dueToday;
    case 'late':
      return counts.late;
    case 'in_progress':
      return counts.inProgress;
    case 'qc':
      return counts.qc;
    case 'ready':
      return counts.ready;
    case 'open':
      // Open is every job not yet collected and not voided: a ready piece is still in the shop.
      return counts.received + counts.inProgress + counts.qc + counts.onHold + counts.ready;
  }
}

/** True when no job is in the shop: nothing open, nothing waiting to be picked up. */
export function nothingInShop(counts: JobCounts): boolean {
  return tabCount('open', counts) === 0;
}
