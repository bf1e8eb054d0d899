// QC sign-off by a second person: the checks as big toggles, the piece weighed back against what it
// should weigh, then pass (ready) or fail (back to the bench).
import { ErrorLine } from '../../../components/ErrorLine';
import { useId, useState, type SyntheticEvent } from 'react';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { db, recordEvent, recordQc } from '../../../db';
import type { JobState } from '../../../domain/job';
import { latestReturnCheck, weightBalance } from '../../../domain/ledger/jobMetal';
import type { StaffMember } from '../../../domain/staff';
import {
  canReviewQc,
  FAIL_REASON_MESSAGE,
  qcWeighing,
  QC_CHECKS,
  RETURN_WEIGHT_CHECK,
  type QcCheckKey,
} from '../../../domain/workflow';
import { fineDecimal, grams, whenText } from './format';
import { useSubmit } from './useSubmit';
import { weighingFlag } from '../../../domain/equipment/calibration';
import { localDay } from '../../../domain/dates';
import {
  useScaleChoice,
  useScaleToleranceG,
  useWeighingScales,
  weighingFlagText,
  weighingWords,
} from './weights';
import { ReturnCheckNote, ScalePicker } from './WeightsPanel';

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
  const weighed = qcWeighing(job);
  const allOn = QC_CHECKS.every((c) => checks[c.key]);
  const ready = allOn && weighed !== null;

  // recordQc is the gate (a second person, the checks, the piece weighed since the bench work, a
  // reason for a fail) and records the QC and its move in one transaction, so no tablet ever sees
  // a pass still waiting for QC. Only the empty reason is caught here, to keep the form open
  // without a round trip.
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
      <MetalAtQc job={job} actor={actor} />
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
        {/* Not a toggle: it is on when the piece has been weighed back, and says by how much. */}
        <li>
          <p
            className={weighed ? 'jp-toggle jp-derived on' : 'jp-toggle jp-derived'}
            role="status"
            aria-label={RETURN_WEIGHT_CHECK.label}
          >
            <span className="jp-tick-box" aria-hidden="true">
              {weighed ? '✓' : ''}
            </span>
            <span>
              {RETURN_WEIGHT_CHECK.label}
              {weighed ? (
                <span className="jp-derived-detail">
                  {' '}
                  — {grams(weighed.grams)} · {whenText(weighed.at)}
                </span>
              ) : (
                <span className="jp-derived-detail"> — not yet: weigh the piece above.</span>
              )}
            </span>
          </p>
        </li>
      </ul>
      <div className="jp-actions">
        <button
          type="button"
          className="button button-primary jp-pass"
          disabled={!ready || submit.busy}
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
      {!ready && (
        <p className="jp-reason">
          {allOn
            ? 'Weigh the piece back to pass.'
            : weighed
              ? 'Tick every check to pass.'
              : 'Tick every check and weigh the piece back to pass.'}
        </p>
      )}
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
      <ErrorLine error={submit.error} />
    </div>
  );
}

/**
 * What the piece should weigh after the bench work, and its weighing since against it: the second
 * person signs off that no metal went missing before the job is ready for pick-up, and weighs the
 * piece here if nobody has since the bench work.
 */
function MetalAtQc({ job, actor }: { job: JobState; actor: StaffMember }) {
  const toleranceG = useScaleToleranceG();
  const b = weightBalance(job);
  const weighed = qcWeighing(job);
  const check = weighed ? latestReturnCheck(job, toleranceG) : null;
  const earlier = weighed ? null : b.latest;
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
        <>
          <ReturnCheckNote check={check} weighedAs={weighingWords(check.weighing.kind)} />
          <ScaleFlagNote weighing={check.weighing} />
        </>
      ) : (
        <>
          <p className="jp-reason">
            {earlier
              ? `Last weighed (${grams(earlier.grams)}) before the bench work was done: weigh it again before passing QC.`
              : 'Not weighed again since intake: weigh it before passing QC.'}
          </p>
          <QcWeighForm job={job} actor={actor} />
        </>
      )}
    </div>
  );
}

/**
 * The weighing QC signs off on, made on a scale overdue for its calibration check or that failed
 * it: said here too, so the second person weighs again on a scale in order before passing.
 */
function ScaleFlagNote({ weighing }: { weighing: { scaleId?: string; at: string } }) {
  const machines = useWeighingScales()?.machines ?? [];
  const flag = weighingFlagText(weighingFlag(weighing, machines), localDay());
  if (!flag) return null;
  return (
    <p className="jp-scale-flag" role="status">
      ⚠ {flag}: weigh it again on a scale in order before passing QC.
    </p>
  );
}

/**
 * Weighs the piece back at QC: a return weight, logged as the weights card would log it (and checked
 * by the same event schema: more than 0 g, under 1000 g), on the scale chosen.
 */
function QcWeighForm({ job, actor }: { job: JobState; actor: StaffMember }) {
  const weighing = useWeighingScales();
  const [scaleId, setScaleId] = useScaleChoice(job, weighing?.scales ?? []);
  const [text, setText] = useState('');
  const submit = useSubmit();
  const id = useId();

  const log = (e: SyntheticEvent) => {
    e.preventDefault();
    const value = parseDecimal(text);
    if (value === undefined) {
      submit.setError(
        text.trim() === ''
          ? 'Enter the weight in grams.'
          : 'Enter the weight as a number, like 3.42.',
      );
      return;
    }
    void submit.run(() =>
      recordEvent(
        db,
        {
          jobId: job.id,
          type: 'weight.logged',
          // While the shop's scales are read the weighing names none, as before scales.
          data: { kind: 'return', grams: value, ...(weighing ? { scaleId } : {}) },
        },
        actor.id,
      ),
    );
  };

  return (
    <form className="jp-qc-weigh" aria-label="Weigh it back" onSubmit={log} noValidate>
      {weighing && (
        <ScalePicker
          scales={weighing.scales}
          machines={weighing.machines}
          value={scaleId}
          onChange={setScaleId}
        />
      )}
      <div className="field">
        <label htmlFor={id}>Weight now (g)</label>
        <input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          placeholder="0.00"
          aria-invalid={submit.error !== null}
          onChange={(e) => {
            setText(e.target.value);
            if (submit.error) submit.setError(null);
          }}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={submit.busy}>
        Log the return weight
      </button>
      <ErrorLine error={submit.error} />
    </form>
  );
}
