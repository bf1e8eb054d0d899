// What happens next to the job: start, send to QC, hold and back, QC sign-off and pick-up, and the
// way to the next open step. The buttons follow canMoveTo (domain/workflow.ts); moveJobStatus (db/)
// is the gate that records.
import { ErrorLine } from '../../../components/ErrorLine';
import { useId, useState, type SyntheticEvent } from 'react';
import { db, moveJobStatus, type BenchMove } from '../../../db';
import type { JobState } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';
import { canMoveTo, HOLD_REASON_MESSAGE } from '../../../domain/workflow';
import { CollectPanel } from './CollectPanel';
import { whenText } from './format';
import { goToStep, stepRowId, type NextStep } from './nextStep';
import { QcPanel } from './QcPanel';
import { useSubmit } from './useSubmit';

interface StatusActionsProps {
  job: JobState;
  actor: StaffMember;
  nameOf: (staffId: string) => string;
  /** The job's next open step, or null when the bench work is done. */
  next: NextStep | null;
}

export function StatusActions({ job, actor, nameOf, next }: StatusActionsProps) {
  const headingId = useId();
  const submit = useSubmit();
  const [holding, setHolding] = useState(false);
  const toQc = canMoveTo(job, 'qc');
  const canHold = canMoveTo(job, 'on_hold').ok;
  const reasonId = useId();

  // moveJobStatus checks the move against the job as stored when it records: another tablet may
  // have moved the job since this page drew.
  const move = (to: BenchMove) => {
    void submit.run(() => moveJobStatus(db, { jobId: job.id, to }, actor.id));
  };

  return (
    <section className="jp-card jp-next" aria-labelledby={headingId}>
      {/* One wrapping row: the heading, the way to the next step, the moves, and why QC waits. */}
      <div className="jp-next-row">
        <h3 id={headingId}>Next</h3>
        {job.status === 'received' && (
          <button
            type="button"
            className="button button-primary"
            disabled={submit.busy}
            onClick={() => move('in_progress')}
          >
            Start work
          </button>
        )}
        {job.status === 'on_hold' && (
          <button
            type="button"
            className="button button-primary"
            disabled={submit.busy}
            onClick={() => move('in_progress')}
          >
            Back to the bench
          </button>
        )}
        {next && <GoToNextStep next={next} withService={job.services.length > 1} />}
        {job.status === 'in_progress' && (
          <button
            type="button"
            className="button button-primary"
            disabled={submit.busy || !toQc.ok}
            aria-describedby={toQc.ok ? undefined : reasonId}
            onClick={() => move('qc')}
          >
            Send to QC
          </button>
        )}
        {canHold && !holding && (
          <button type="button" className="button" onClick={() => setHolding(true)}>
            Put on hold…
          </button>
        )}
        {job.status === 'in_progress' && !toQc.ok && (
          <p id={reasonId} className="jp-reason jp-steps-left">
            {toQc.message}
          </p>
        )}
      </div>
      <ErrorLine error={submit.error} />
      {canHold && holding && <HoldForm job={job} actor={actor} onClose={() => setHolding(false)} />}
      {job.status === 'qc' && <QcPanel job={job} actor={actor} />}
      {job.status === 'ready' && <CollectPanel job={job} actor={actor} />}
      {job.status === 'collected' && (
        <p className="jp-banner jp-banner-ok">
          Collected — {nameOf(job.statusChanged.by)} · {whenText(job.statusChanged.at)}
          {job.pickupSignatureSha256 ? '. The customer signed for it.' : '.'}
        </p>
      )}
    </section>
  );
}

/**
 * Takes the bench to the next open step wherever it is on the page, its tick in focus: after a scan,
 * the work to do is one tap away however many steps come before it.
 */
function GoToNextStep({ next, withService }: { next: NextStep; withService: boolean }) {
  return (
    <button
      type="button"
      className="button jp-go-next"
      onClick={() => {
        goToStep(stepRowId(next));
      }}
    >
      <span className="jp-go-next-arrow" aria-hidden="true">
        ↓
      </span>
      <span>
        Go to next step: <strong>{next.label}</strong>
        {withService && (
          <>
            {' '}
            <span className="jp-go-next-service">({next.serviceName})</span>
          </>
        )}
      </span>
    </button>
  );
}

function HoldForm({
  job,
  actor,
  onClose,
}: {
  job: JobState;
  actor: StaffMember;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const id = useId();

  const hold = (e: SyntheticEvent) => {
    e.preventDefault();
    if (reason.trim() === '') {
      submit.setError(HOLD_REASON_MESSAGE);
      return;
    }
    void submit
      .run(() =>
        moveJobStatus(db, { jobId: job.id, to: 'on_hold', reason: reason.trim() }, actor.id),
      )
      .then((ok) => {
        if (ok) onClose();
      });
  };

  return (
    <form className="jp-form" aria-label="Put on hold" onSubmit={hold} noValidate>
      <div className="field">
        <label htmlFor={id}>Why is it on hold?</label>
        <input
          id={id}
          value={reason}
          maxLength={500}
          placeholder="Waiting for the customer’s OK on the quote…"
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <ErrorLine error={submit.error} />
      <div className="jp-actions">
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          Hold the job
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
