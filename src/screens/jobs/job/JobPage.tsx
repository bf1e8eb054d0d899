// The job page proper: everything about one job, and what the person signed in can record on it.
// On a landscape tablet the work (what is next, the checklists) has the main column and the job's
// records sit beside it; in portrait they follow it in one column (job.css).
import { useEffect, useRef, useState } from 'react';
import { SignInPanel } from '../../../components/staff/SignInPanel';
import type { JobState } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';
import { CastingPanel } from './CastingPanel';
import { CustodyPanel } from './CustodyPanel';
import { whenText } from './format';
import { HistoryPanel } from './HistoryPanel';
import { JobHeader } from './JobHeader';
import { ReceiptLink } from '../../receipt/ReceiptLink';
import { goToNextAction, goToStep, nextOpenStep, serviceFinished, stepRowId } from './nextStep';
import { NoticesPanel } from './NoticesPanel';
import { NotesPanel } from './NotesPanel';
import { PhotosPanel } from './PhotosPanel';
import { ServiceChecklist } from './ServiceChecklist';
import { StatusActions } from './StatusActions';
import { TradePanel } from './TradePanel';
import { useStaffNames } from './useStaffNames';
import { WarrantyPanel } from './WarrantyPanel';
import { WeightsPanel } from './WeightsPanel';
import { CostPanel } from './cost/CostPanel';
import { MaterialsPanel } from './materials/MaterialsPanel';
import { TimePanel } from './time/TimePanel';

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
  const next = nextOpenStep(job);
  const onTick = useMoveOnAfterTick(next === null ? null : stepRowId(next));
  // Finished services start folded while work is left elsewhere (ServiceChecklist reads it once).
  const [foldFinished] = useState(() => next !== null);

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
      <div className="jp-columns">
        {/* The main column: what to do next, then the checklists, in the order of the work. */}
        <div className="jp-main">
          {/* Anyone may print a collected job's receipt, signed in or not. */}
          <ReceiptLink job={job} />
          {actor && <StatusActions job={job} actor={actor} nameOf={nameOf} next={next} />}
          {job.services.map((service) => (
            <ServiceChecklist
              key={service.id}
              jobId={job.id}
              service={service}
              actor={actor}
              nameOf={nameOf}
              next={next}
              onTick={onTick}
              startFolded={foldFinished && serviceFinished(service)}
            />
          ))}
        </div>
        {/* The side column: the job's records beside the work. Each panel is one line here and
            draws its own card (.jp-card); a new panel (trade shop, warranty, customer notices)
            is added as one more line, in the order the counter and the bench look for them. */}
        <div className="jp-side">
          <TimePanel job={job} actor={actor} nameOf={nameOf} />
          <CastingPanel job={job} />
          <CustodyPanel job={job} actor={actor} nameOf={nameOf} />
          <TradePanel job={job} actor={actor} nameOf={nameOf} />
          <WeightsPanel job={job} actor={actor} nameOf={nameOf} />
          <MaterialsPanel job={job} actor={actor} nameOf={nameOf} />
          <CostPanel job={job} actor={actor} nameOf={nameOf} />
          <WarrantyPanel job={job} actor={actor} nameOf={nameOf} />
          <NoticesPanel job={job} actor={actor} nameOf={nameOf} />
          <NotesPanel job={job} actor={actor} nameOf={nameOf} />
          <PhotosPanel job={job} actor={actor} />
          <HistoryPanel job={job} nameOf={nameOf} />
        </div>
      </div>
    </article>
  );
}

/**
 * After the next open step is ticked on this page, the page moves on: once the tick is stored and the
 * job is read again, the new next step's tick gets the focus (or, with every step done, "Send to
 * QC"). A tick made on another tablet, or of some other step, moves nothing.
 */
function useMoveOnAfterTick(nextRowId: string | null): (rowId: string) => () => void {
  const ticked = useRef<string | null>(null);
  const shown = useRef(nextRowId);
  useEffect(() => {
    const before = shown.current;
    shown.current = nextRowId;
    if (before === nextRowId || before === null || ticked.current !== before) return;
    ticked.current = null;
    if (nextRowId === null) goToNextAction();
    else goToStep(nextRowId);
  }, [nextRowId]);
  return (rowId) => {
    ticked.current = rowId;
    // Refused: forget it, so a later tick of that step from elsewhere moves nothing here.
    return () => {
      if (ticked.current === rowId) ticked.current = null;
    };
  };
}
