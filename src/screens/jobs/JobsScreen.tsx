// The jobs list: due today, late, in progress, QC and ready. Empty until the first envelope is opened.
import { EmptyState } from '../../components/EmptyState';

export function JobsScreen() {
  return (
    <EmptyState title="No jobs on this tablet yet">
      <p>
        Every job envelope opened at the counter will be listed here: due today, late, at the bench,
        waiting for QC and ready for pick-up.
      </p>
    </EmptyState>
  );
}
