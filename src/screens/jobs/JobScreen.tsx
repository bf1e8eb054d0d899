// One job, reached from the list, a scan or a deep link (/jobs/:jobId): what the bench holds all day.
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { useCurrentStaff } from '../../components/staff/useCurrentStaff';
import { useJob, useStaff } from '../../db';
import { JobPage } from './job/JobPage';
import './job/job.css';

export function JobScreen() {
  const { jobId = '' } = useParams();
  const job = useJob(jobId);
  const staff = useCurrentStaff();
  const people = useStaff();

  // Waits for the staff list too, so names never flash up as ids.
  if (job === undefined || staff === undefined || people === undefined) {
    return <p className="jp-loading">Opening the job…</p>;
  }
  if (job === null) {
    return (
      <EmptyState title={`Job ${jobId}`}>
        <p>
          <strong>This tablet does not have that job yet.</strong>
        </p>
        <p>
          It may not have synced yet: jobs opened on another tablet arrive here the next time this
          tablet reaches the shop server. Check the envelope number, or try again in a moment.
        </p>
        <p>
          <Link to="/jobs" className="button button-primary">
            Back to jobs
          </Link>
        </p>
      </EmptyState>
    );
  }
  return <JobPage job={job} staff={staff} people={people} />;
}
