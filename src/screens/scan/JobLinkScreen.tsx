// A job label's deep link (/j/:jobId), opened by any camera app or a scan: the job if this tablet has it.
//
// Offline this still opens: the service worker answers every navigation with the cached shell.
// The look-up is live, so a job that arrives by sync while this is on screen opens by itself.
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { useJob } from '../../db';
import { ULID_PATTERN } from '../../domain/ids';
import { jobPath } from '../../scan/resolveScan';

export function JobLinkScreen() {
  const { jobId = '' } = useParams();
  const [search] = useSearchParams();
  const valid = ULID_PATTERN.test(jobId);
  const job = useJob(valid ? jobId : '');

  if (!valid) {
    return (
      <EmptyState title="Not a job label">
        <p>This link does not name a Loupe job. Scan the QR code on the job envelope again.</p>
        <Places />
      </EmptyState>
    );
  }
  // Still looking: show nothing rather than flash "not here" before the job opens.
  if (job === undefined) return null;
  if (job !== null) return <Navigate to={jobPath(job.id)} replace />;

  const labelHost = search.get('from');
  return (
    <EmptyState title="Not on this tablet yet">
      <p>
        This tablet doesn't have that job yet. It appears once the tablet syncs with the shop
        server.
      </p>
      {labelHost !== null && labelHost !== '' && (
        <p className="muted">The label was printed by the Loupe server at {labelHost}.</p>
      )}
      <Places />
    </EmptyState>
  );
}

function Places() {
  return (
    <p className="scan-places">
      <Link to="/scan" className="button button-primary">
        Scan
      </Link>{' '}
      <Link to="/jobs" className="button">
        Jobs
      </Link>
    </p>
  );
}
