// The job's warranty: how long each service is guaranteed, until when once it went home, the
// warranty redos opened for it, and on a redo the job it redoes. "Warranty redo" opens one.
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useJob, useShop } from '../../../db';
import { useRedoJobs } from '../../../db/warrantyHooks';
import { dayText, localDay } from '../../../domain/dates';
import type { JobState, WarrantyClaim } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';
import {
  daysLeft,
  jobWarranty,
  openRedoEnvelope,
  pickupDay,
  type ServiceWarranty,
} from '../../../domain/warranty';
import { STATUS_LABELS } from '../../../domain/workflow';
import { serviceName } from '../../label/labelText';
import { whenText } from './format';
import { WarrantyRedoSheet } from './WarrantyRedoSheet';
import './warranty.css';

interface WarrantyPanelProps {
  job: JobState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

export function WarrantyPanel({ job, actor, nameOf }: WarrantyPanelProps) {
  const shop = useShop();
  const headingId = useId();
  const [redoing, setRedoing] = useState(false);
  const redos = useRedoJobs(job);
  if (shop === undefined || redos === undefined) return null;
  const today = localDay();
  const list = jobWarranty(job, shop.warrantyDays, today);
  const pickedUp = pickupDay(job);
  // The piece is in a redo's envelope already: no second redo (openWarrantyRedo refuses it too).
  const backIn = openRedoEnvelope(job, (id) => redos.get(id));
  const canRedo = actor !== null && backIn === null && list.some((w) => w.covered);

  return (
    <section className="jp-card wr-panel" aria-labelledby={headingId}>
      <div className="jp-card-head">
        <h3 id={headingId}>Warranty</h3>
        {canRedo && (
          <button type="button" className="button" onClick={() => setRedoing(true)}>
            Warranty redo
          </button>
        )}
      </div>
      {job.redoOf && <RedoOfLine job={job} />}
      {pickedUp && <p className="wr-picked-up">Picked up {dayText(pickedUp)}.</p>}
      {job.voided ? (
        <p className="muted">Voided: this job carries no warranty.</p>
      ) : (
        <ul className="wr-services" aria-label="Warranty per service">
          {list.map((w) => (
            <li key={w.serviceId}>
              <span className="wr-service">{serviceName(w.kind)}</span>
              <WarrantyLine warranty={w} today={today} />
            </li>
          ))}
        </ul>
      )}
      {backIn !== null && (
        <p className="hint">
          Back in for a warranty redo in envelope {backIn}: record the work on that job.
        </p>
      )}
      {job.warrantyClaims.length > 0 && (
        <>
          <h4>Warranty redos</h4>
          <ol className="jp-list wr-claims" aria-label="Warranty redos">
            {job.warrantyClaims.map((c) => (
              <ClaimRow
                key={c.eventId}
                job={job}
                claim={c}
                redo={redos.get(c.redoJobId)}
                nameOf={nameOf}
              />
            ))}
          </ol>
        </>
      )}
      {redoing && actor && (
        <WarrantyRedoSheet
          job={job}
          warranty={list}
          today={today}
          actor={actor}
          onClose={() => setRedoing(false)}
        />
      )}
    </section>
  );
}

/** One service's warranty in words: its length before pick-up; until when, and whether it holds, after. */
function WarrantyLine({ warranty: w, today }: { warranty: ServiceWarranty; today: string }) {
  if (w.days <= 0) return <span className="wr-none">No warranty</span>;
  if (w.from === null || w.until === null) return <span>{days(w.days)} from pick-up</span>;
  if (!w.covered) {
    return (
      <span>
        <span className="wr-state wr-ended">Ended</span> {dayText(w.until)} · {days(w.days)}
      </span>
    );
  }
  const left = daysLeft(w, today);
  return (
    <span>
      <span className="wr-state wr-covered">Covered</span> until {dayText(w.until)} ·{' '}
      {left === 1 ? 'today is the last day' : `${days(left)} left`}
    </span>
  );
}

/** On a redo: the job whose warranty it is done under, and what came back wrong with it. */
function RedoOfLine({ job }: { job: JobState }) {
  const redoOf = job.redoOf;
  const original = useJob(redoOf?.jobId ?? '');
  if (!redoOf) return null;
  const claim = original?.warrantyClaims.find((c) => c.redoJobId === job.id);
  return (
    <div
      className="wr-redo-of"
      role="group"
      aria-label={`Warranty redo of ${redoOf.envelopeNumber}`}
    >
      <p>
        Warranty redo of{' '}
        <Link to={`/jobs/${redoOf.jobId}`} className="wr-link">
          {redoOf.envelopeNumber}
        </Link>
      </p>
      {claim && (
        <p>
          Came back: <strong>{claim.reason}</strong>
        </p>
      )}
    </div>
  );
}

function ClaimRow({
  job,
  claim,
  redo,
  nameOf,
}: {
  job: JobState;
  claim: WarrantyClaim;
  /** The redo job, when this tablet has it. */
  redo: JobState | undefined;
  nameOf: (staffId: string) => string;
}) {
  const names = claim.serviceIds
    .map((id) => job.services.find((s) => s.id === id))
    .map((s) => (s ? serviceName(s.kind) : 'a service'))
    .join(', ');
  const state = redo ? (redo.voided ? 'Voided' : STATUS_LABELS[redo.status]) : null;
  return (
    <li className="wr-claim">
      <span className="wr-claim-head">
        <Link to={`/jobs/${claim.redoJobId}`} className="wr-link">
          {claim.redoEnvelope}
        </Link>
        {state && <span className="wr-claim-state">{state}</span>}
      </span>
      <span>
        <strong>{names}</strong>: {claim.reason}
      </span>
      <span className="jp-when">
        {nameOf(claim.by)} · {whenText(claim.at)}
      </span>
    </li>
  );
}
