// What happens next to the job: start, send to QC, hold and back, QC sign-off and pick-up.
// The buttons follow canMoveTo (domain/workflow.ts); moveJobStatus (db/) is the gate that records.
import { useId, useState, type SyntheticEvent } from 'react';
import { db, moveJobStatus, type BenchMove } from '../../../db';
import type { JobState } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';
import { canMoveTo, HOLD_REASON_MESSAGE } from '../../../domain/workflow';
import { CollectPanel } from './CollectPanel';
import { whenText } from './format';
import { QcPanel } from './QcPanel';
import { useSubmit } from './useSubmit';

interface StatusActionsProps {
  job: JobState;
  actor: StaffMember;
  nameOf: (staffId: string) => string;
}

export function StatusActions({ job, actor, nameOf }: StatusActionsProps) {
  const headingId = useId();
  const submit = useSubmit();
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
      <h3 id={headingId}>Next</h3>
      <div className="jp-actions">
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
      </div>
      {job.status === 'in_progress' && !toQc.ok && (
        <p id={reasonId} className="jp-reason">
          {toQc.message}
        </p>
      )}
      {submit.error && (
        <p className="error" role="alert">
          {submit.error}
        </p>
      )}
      {job.status === 'qc' && <QcPanel job={job} actor={actor} />}
      {job.status === 'ready' && <CollectPanel job={job} actor={actor} />}
      {job.status === 'collected' && (
        <p className="jp-banner jp-banner-ok">
          Collected — {nameOf(job.statusChanged.by)} · {whenText(job.statusChanged.at)}
          {job.pickupSignatureSha256 ? '. The customer signed for it.' : '.'}
        </p>
      )}
      {canHold && <HoldForm job={job} actor={actor} />}
    </section>
  );
}

function HoldForm({ job, actor }: { job: JobState; actor: StaffMember }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const id = useId();

  if (!open) {
    return (
      <div className="jp-actions">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Put on hold…
        </button>
      </div>
    );
  }

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
        if (ok) setOpen(false);
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
      {submit.error && (
        <p className="error" role="alert">
          {submit.error}
        </p>
      )}
      <div className="jp-actions">
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          Hold the job
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
