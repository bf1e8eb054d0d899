// The job page proper: everything about one job, and what the person signed in can record on it.
import { SignInPanel } from '../../../components/staff/SignInPanel';
import type { JobState } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';
import { CastingPanel } from './CastingPanel';
import { CustodyPanel } from './CustodyPanel';
import { whenText } from './format';
import { HistoryPanel } from './HistoryPanel';
import { JobHeader } from './JobHeader';
import { NotesPanel } from './NotesPanel';
import { PhotosPanel } from './PhotosPanel';
import { ServiceChecklist } from './ServiceChecklist';
import { StatusActions } from './StatusActions';
import { useStaffNames } from './useStaffNames';
import { WeightsPanel } from './WeightsPanel';

interface JobPageProps {
  job: JobState;
  /** The person signed in, or null. */
  staff: StaffMember | null;
  /** Everyone ever on the staff list: the history names them. */
  people: readonly StaffMember[];
}

export function JobPage({ job, staff, people }: JobPageProps) {
  const nameOf = useStaffNames(people);
  // Nothing is recorded with nobody signed in, and a voided job takes nothing more: its page is a record.
  const actor = job.voided ? null : staff;

  return (
    <article className="jp" aria-label={`Job ${job.envelopeNumber}`}>
      {job.voided && (
        <div className="jp-banner jp-banner-void" role="alert">
          <strong>This job was voided.</strong> {job.voided.reason} — {nameOf(job.voided.by)} ·{' '}
          {whenText(job.voided.at)}. Nothing more can be recorded on it.
        </div>
      )}
      {!job.voided && staff === null && (
        <section className="jp-card jp-sign-in">
          <p>
            <strong>Sign in to record work on this job.</strong>
          </p>
          <SignInPanel />
        </section>
      )}
      <JobHeader job={job} nameOf={nameOf} />
      {actor && <StatusActions job={job} actor={actor} nameOf={nameOf} />}
      {job.services.map((service) => (
        <ServiceChecklist
          key={service.id}
          jobId={job.id}
          service={service}
          actor={actor}
          nameOf={nameOf}
        />
      ))}
      <CastingPanel job={job} />
      <CustodyPanel job={job} actor={actor} nameOf={nameOf} />
      <WeightsPanel job={job} actor={actor} nameOf={nameOf} />
      <NotesPanel job={job} actor={actor} nameOf={nameOf} />
      <PhotosPanel job={job} actor={actor} />
      <HistoryPanel job={job} nameOf={nameOf} />
    </article>
  );
}
