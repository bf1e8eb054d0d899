// One job on the list: a whole-row link big enough for a gloved finger, read at arm's length.
import { Link } from 'react-router';
import { OPEN_STATUSES } from '../../../protocol/statuses';
import type { ServiceKind } from '../../../domain/checklists';
import { SERVICE_NAMES } from '../../../domain/checklists/serviceNames';
import type { JobState } from '../../../domain/job';
import { currentHolder } from '../../../domain/custody';
import { STATUS_LABELS } from '../../../domain/statusLabels';
import { promisedLabel } from './promisedLabel';

/** Every row's height in CSS pixels (the row's card plus the gap under it); the list relies on it. */
export const ROW_HEIGHT = 96;

/** A row's key in a list: its job. */
export const jobKey = (job: JobState) => job.id;

function serviceName(kind: ServiceKind): string {
  // A kind from a newer app version has no name here yet: show its raw name, do not fail. Names, not
  // templates: the checklists are not on the first screen's path.
  return Object.hasOwn(SERVICE_NAMES, kind) ? SERVICE_NAMES[kind] : kind;
}

/** The active services by name, in the order they were added. */
export function serviceNames(job: JobState): string {
  return job.services
    .filter((s) => s.cancelled === null)
    .map((s) => serviceName(s.kind))
    .join(', ');
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function JobRow({ job, today }: { job: JobState; today: string }) {
  const due = promisedLabel(job.promisedDate, today, OPEN_STATUSES.includes(job.status));
  const holder = currentHolder(job)?.label;
  const voided = job.voided !== null;
  const classes = ['job-row', job.rush ? 'job-row-rush' : '', voided ? 'job-row-voided' : '']
    .filter((c) => c !== '')
    .join(' ');
  return (
    <Link to={`/jobs/${job.id}`} className={classes}>
      <span className="job-envelope">
        {job.envelopeNumber}
        {job.part && (
          <span className="job-part">
            {' '}
            {job.part.index}/{job.part.of}
          </span>
        )}
      </span>
      <span className="job-badges">
        {job.rush && <span className="job-badge job-badge-rush">RUSH</span>}
      </span>
      <span className="job-who">
        <strong className="job-customer">{job.customer.name}</strong>
        <span className="job-item">
          {' · '}
          {capitalised(job.item.kind)}: {job.item.description}
        </span>
      </span>
      <span className="job-services">{serviceNames(job)}</span>
      <span className={`job-due job-due-${due.tone}`}>{due.text}</span>
      <span className="job-holder">{holder ?? '—'}</span>
      <span className={voided ? 'job-status job-status-voided' : 'job-status'}>
        {voided ? 'Voided' : STATUS_LABELS[job.status]}
      </span>
      <span className="job-steps">
        {job.progress.stepsDone}/{job.progress.stepsRequired} steps
      </span>
    </Link>
  );
}
