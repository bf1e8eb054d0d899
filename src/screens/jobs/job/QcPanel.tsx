// QC sign-off by a second person: the checks as big toggles, then pass (ready) or fail (back to bench).
import { useId, useState } from 'react';
import { db, recordQc } from '../../../db';
import type { JobState } from '../../../domain/job';
import { latestReturnCheck, weightBalance } from '../../../domain/ledger/jobMetal';
import type { StaffMember } from '../../../domain/staff';
import {
  canReviewQc,
  FAIL_REASON_MESSAGE,
  QC_CHECKS,
  type QcCheckKey,
} from '../../../domain/workflow';
import { fineDecimal } from './format';
import { useSubmit } from './useSubmit';
import { useScaleToleranceG, weighingWords } from './weights';
import { ReturnCheckNote } from './WeightsPanel';

export function QcPanel({ job, actor }: { job: JobState; actor: StaffMember }) {
  const verdict = canReviewQc(job, actor.id);
  if (!verdict.ok) {
    return (
      <div className="jp-qc">
        <p className="jp-banner jp-banner-warn" role="status">
          {verdict.message}
        </p>
        <p>
          <strong>Hand the tablet to someone else:</strong> tap your name at the top of the screen
          and let them sign in to do the QC.
        </p>
      </div>
    );
  }
  return <QcChecks job={job} actor={actor} />;
}

function QcChecks({ job, actor }: { job: JobState; actor: StaffMember }) {
  const [checks, setChecks] = useState<Record<QcCheckKey, boolean>>(
    () => Object.fromEntries(QC_CHECKS.map((c) => [c.key, false])) as Record<QcCheckKey, boolean>,
  );
  const [failing, setFailing] = useState(false);
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const reasonId = useId();
  const allOn = QC_CHECKS.every((c) => checks[c.key]);

  // recordQc is the gate (a second person, the checks, a reason for a fail) and records the QC and
  // its move in one transaction, so no tablet ever sees a pass still waiting for QC. Only the empty
  // reason is caught here, to keep the form open without a round trip.
  const record = (result: 'pass' | 'fail') => {
    const why = reason.trim();
    if (result === 'fail' && why === '') {
      submit.setError(FAIL_REASON_MESSAGE);
      return;
    }
    void submit.run(() =>
      recordQc(
        db,
        { jobId: job.id, result, checks, ...(result === 'fail' ? { reason: why } : {}) },
        actor.id,
      ),
    );
  };

  return (
    <div className="jp-qc" role="group" aria-label="QC checks">
      <MetalAtQc job={job} />
      <ul className="jp-qc-checks">
        {QC_CHECKS.map((c) => (
          <li key={c.key}>
            <button
              type="button"
              role="switch"
              aria-checked={checks[c.key]}
              className={checks[c.key] ? 'jp-toggle on' : 'jp-toggle'}
              onClick={() => setChecks((s) => ({ ...s, [c.key]: !s[c.key] }))}
            >
              <span className="jp-tick-box" aria-hidden="true">
                {checks[c.key] ? '✓' : ''}
              </span>
              {c.label}
            </button>
          </li>
        ))}
      </ul>
      <div className="jp-actions">
        <button
          type="button"
          className="button button-primary jp-pass"
          disabled={!allOn || submit.busy}
          onClick={() => record('pass')}
        >
          Pass QC
        </button>
        {!failing && (
          <button type="button" className="button jp-fail" onClick={() => setFailing(true)}>
            Fail QC…
          </button>
        )}
      </div>
      {!allOn && <p className="jp-reason">Tick every check to pass.</p>}
      {failing && (
        <div className="jp-form">
          <div className="field">
            <label htmlFor={reasonId}>Why did it fail?</label>
            <textarea
              id={reasonId}
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <div className="jp-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={submit.busy}
              onClick={() => record('fail')}
            >
              Send back to the bench
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setFailing(false);
                submit.setError(null);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {submit.error && (
        <p className="error" role="alert">
          {submit.error}
        </p>
      )}
    </div>
  );
}

/**
 * What the piece should weigh after the bench work, and the latest weighing against it: the second
 * person signs off that no metal went missing before the job is ready for pick-up.
 */
function MetalAtQc({ job }: { job: JobState }) {
  const toleranceG = useScaleToleranceG();
  const b = weightBalance(job);
  const check = latestReturnCheck(job, toleranceG);
  const rows = [
    ['Intake', b.intakeG],
    ['Added', b.addedG],
    ['Removed', b.removedG],
    ['Expected', b.expectedG],
  ] as const;
  return (
    <div className="jp-qc-metal" role="group" aria-label="Metal at QC">
      <dl className="jp-details">
        {rows.map(([label, g]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{fineDecimal(g)} g</dd>
          </div>
        ))}
      </dl>
      {check ? (
        <ReturnCheckNote check={check} weighedAs={weighingWords(check.weighing.kind)} />
      ) : (
        <p className="jp-reason">Not weighed again since intake: weigh it before passing QC.</p>
      )}
    </div>
  );
}
