// The job's metal: every weighing from intake on, the balance, and a form to log a new weight.
import { useId, useState, type SyntheticEvent } from 'react';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { db, recordEvent } from '../../../db';
import type { JobState } from '../../../domain/job';
import { ALLOYS, isAlloyId } from '../../../domain/metals';
import type { StaffMember } from '../../../domain/staff';
import { grams, signedGrams, whenText } from './format';
import { useSubmit } from './useSubmit';
import { LOGGED_KINDS, WEIGHT_KIND_LABELS, weightBalance, weightLines } from './weights';

interface WeightsPanelProps {
  job: JobState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}

export function WeightsPanel({ job, actor, nameOf }: WeightsPanelProps) {
  const headingId = useId();
  return (
    <section className="jp-card" aria-labelledby={headingId}>
      <h3 id={headingId}>Metal weights</h3>
      <ol className="jp-list">
        {weightLines(job).map((w) => (
          <li key={`${w.eventId}-${w.kind}`}>
            <span>
              <strong>
                {WEIGHT_KIND_LABELS[w.kind]} {grams(w.grams)}
              </strong>
              {w.alloyId !== undefined && isAlloyId(w.alloyId) && ` ${ALLOYS[w.alloyId].name}`} ·{' '}
              {nameOf(w.by)}
              {w.step !== undefined ? ` (in ${w.step})` : w.note ? ` (${w.note})` : ''}
            </span>
            <span className="jp-when">{whenText(w.at)}</span>
          </li>
        ))}
      </ol>
      <Balance job={job} />
      {actor && <WeightForm job={job} actor={actor} />}
    </section>
  );
}

function Balance({ job }: { job: JobState }) {
  const b = weightBalance(job);
  if (!b.latest || b.differenceG === null) {
    return <p className="muted">Not weighed again since intake.</p>;
  }
  const benchWork = b.addedG > 0 || b.removedG > 0;
  return (
    <div className="jp-balance" aria-label="Metal balance">
      <p>
        Intake {grams(b.intakeG)} → {WEIGHT_KIND_LABELS[b.latest.kind].toLowerCase()}{' '}
        {grams(b.latest.grams)}: <strong>{signedGrams(b.differenceG)}</strong>
      </p>
      {benchWork && (
        <p>
          With {grams(b.addedG)} added and {grams(b.removedG)} removed at the bench,{' '}
          {grams(b.expectedG)} was expected:{' '}
          <strong>{signedGrams(b.latest.grams - b.expectedG)}</strong> against that.
        </p>
      )}
    </div>
  );
}

function WeightForm({ job, actor }: { job: JobState; actor: StaffMember }) {
  const [kind, setKind] = useState<(typeof LOGGED_KINDS)[number] | null>(null);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const submit = useSubmit();
  const gramsId = useId();
  const noteId = useId();
  const kindId = useId();

  const log = (e: SyntheticEvent) => {
    e.preventDefault();
    if (kind === null) {
      submit.setError('Choose what this weight is: added, removed, check or return.');
      return;
    }
    const value = parseDecimal(text);
    if (value === undefined) {
      submit.setError(
        text.trim() === ''
          ? 'Enter the weight in grams.'
          : 'Enter the weight as a number, like 3.42.',
      );
      return;
    }
    const trimmed = note.trim();
    void submit
      .run(() =>
        recordEvent(
          db,
          {
            jobId: job.id,
            type: 'weight.logged',
            data: { kind, grams: value, ...(trimmed === '' ? {} : { note: trimmed }) },
          },
          actor.id,
        ),
      )
      .then((ok) => {
        if (!ok) return;
        setKind(null);
        setText('');
        setNote('');
      });
  };

  return (
    <form className="jp-form" aria-label="Log a weight" onSubmit={log} noValidate>
      <div className="field">
        <span id={kindId}>What is it?</span>
        <div className="choice-group" role="radiogroup" aria-labelledby={kindId}>
          {LOGGED_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              role="radio"
              aria-checked={kind === k}
              className={kind === k ? 'choice selected' : 'choice'}
              onClick={() => setKind(k)}
            >
              {WEIGHT_KIND_LABELS[k]}
            </button>
          ))}
        </div>
      </div>
      <p className="hint">
        Metal added or removed in a checklist step (sizing stock, say) is counted from the step: log
        here only what no step records.
      </p>
      <div className="field">
        <label htmlFor={gramsId}>Grams</label>
        <input
          id={gramsId}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          placeholder="0.00"
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={noteId}>Weight note — optional</label>
        <input id={noteId} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </div>
      {submit.error && (
        <p className="error" role="alert">
          {submit.error}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={submit.busy}>
        Log weight
      </button>
    </form>
  );
}
