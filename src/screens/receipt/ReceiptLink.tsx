// The way from a collected job's page to its pick-up receipt, to print or save as a PDF.
import { Link } from 'react-router';
import type { JobState } from '../../domain/job';

/** Shown once the piece is collected; nothing before (the receipt screen itself shows a draft). */
export function ReceiptLink({ job }: { job: JobState }) {
  if (job.status !== 'collected') return null;
  return (
    <Link to={`/jobs/${job.id}/receipt`} className="button">
      Pick-up receipt
    </Link>
  );
}
