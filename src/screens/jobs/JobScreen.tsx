// One job, reached from the list, a scan or a deep link (/jobs/:jobId).
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';

export function JobScreen() {
  const { jobId = '' } = useParams();
  return (
    <EmptyState title={`Job ${jobId}`}>
      <p>This tablet does not have job {jobId} yet. It will appear here once it is synced.</p>
      <p>
        <Link to="/jobs" className="button">
          Back to jobs
        </Link>
      </p>
    </EmptyState>
  );
}
