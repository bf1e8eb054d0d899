// One checklist step: a big tick for a gloved finger, the values the step asks for, who ticked it.
import { useState } from 'react';
import { FieldInput } from '../../../components/fields/FieldInput';
import { BenchInputError, db, setStep } from '../../../db';
import type { FieldProblem, StepTemplate, StepValue, StepValues } from '../../../domain/checklists';
import type { StepState } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';
import {
  PlateBathChoice,
  PlatedInBath,
  useBathPick,
} from '../../equipment/chemicals/PlateBathChoice';
import { valuesText, whenText } from './format';
import { stepRowId } from './nextStep';
import { useSubmit } from './useSubmit';

export interface StepRowProps {
  jobId: string;
  serviceId: string;
  step: StepTemplate;
  state: StepState | undefined;
  /** The person signed in; null when nothing may be recorded (nobody signed in, voided job). */
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
  /** This is the job's next open step: marked, and the one "Go to next step" brings up. */
  next?: boolean;
  /**
   * Told just before this step is ticked done here, so the page can move on to the next one once
   * it is stored; the function it gives back is called if the tick is refused.
   */
  onTick?: (rowId: string) => () => void;
  /** The rhodium plate step: its tick records the plating in the bath chosen here. */
  plateBath?: boolean;
}

export function StepRow(props: StepRowProps) {
  // A new stored state (ticked here or on another tablet) starts the fields afresh from it.
  return <StepBody key={props.state?.eventId ?? 'none'} {...props} />;
}

function sameValues(a: StepValues, b: StepValues): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

function StepBody({
  jobId,
  serviceId,
  step,
  state,
  actor,
  nameOf,
  next = false,
  onTick,
  plateBath = false,
}: StepRowProps) {
  const stored: StepValues = state?.values ?? {};
  const [draft, setDraft] = useState<Record<string, StepValue>>(() => ({ ...stored }));
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const submit = useSubmit();
  const done = state?.done === true;
  const dirty = !sameValues(draft, stored);
  const fieldKeys = new Set(step.fields.map((f) => f.key));
  const problemOf = (key: string) => problems.find((p) => p.key === key)?.message;
  // Field problems sit next to their fields; only what belongs to no field is said here.
  const loose = problems.filter((p) => !fieldKeys.has(p.key)).map((p) => p.message);
  const message = problems.length > 0 ? loose.join(' ') : submit.error;
  const rowId = stepRowId({ serviceId, stepId: step.id });
  // A done step is a record: its values are a line of words until someone asks to change them.
  const [editing, setEditing] = useState(false);
  const open = !done || editing;
  const bathPick = useBathPick(plateBath);
  // The bath is asked for until the baths are read, so a quick tick never skips the log.
  const bathUnread = plateBath && !done && bathPick.baths === undefined;

  const record = (nextDone: boolean, values: StepValues) => {
    if (!actor) return;
    setProblems([]);
    const forget = nextDone && !done ? onTick?.(rowId) : undefined;
    // Only the tick from open to done is a plating: changing a done plate's values is not another.
    const bathId = plateBath && nextDone && !done ? bathPick.bathId : undefined;
    void submit
      .run(async () => {
        try {
          await setStep(
            db,
            {
              jobId,
              serviceId,
              stepId: step.id,
              done: nextDone,
              values,
              ...(bathId === undefined ? {} : { bathId }),
            },
            actor.id,
          );
        } catch (err) {
          if (err instanceof BenchInputError) setProblems(err.problems);
          throw err;
        }
      })
      .then((ok) => {
        // A refused tick (a value missing) leaves the step where it is: nothing to move on from.
        if (!ok) forget?.();
      });
  };

  const change = (key: string, value: StepValue | undefined) => {
    // A cleared field is left out of the values, as if it had never been filled in.
    setDraft((d) => {
      const rest = Object.fromEntries(Object.entries(d).filter(([k]) => k !== key));
      return value === undefined ? rest : { ...rest, [key]: value };
    });
  };

  const stateText = state
    ? `${done ? '' : 'Unticked · '}${nameOf(state.by)} · ${whenText(state.at)}`
    : null;

  return (
    <li
      id={rowId}
      className={['jp-step', done ? 'jp-step-done' : '', next ? 'jp-step-next' : '']
        .filter((c) => c !== '')
        .join(' ')}
    >
      <div className="jp-step-head">
        <button
          type="button"
          role="checkbox"
          aria-checked={done}
          className="jp-tick"
          disabled={!actor || submit.busy || bathUnread}
          // Unticking keeps the stored values: the history shows what was recorded, nothing is lost.
          onClick={() => record(!done, done ? stored : draft)}
        >
          <span className="jp-tick-box" aria-hidden="true">
            {done ? '✓' : ''}
          </span>
          <span className="jp-tick-label">{step.label}</span>
        </button>
        {next && <span className="jp-next-mark">Next step</span>}
        {/* Said of what is still to do; a done step needs no reminder. */}
        {step.requiredBeforeQc && !done && <span className="jp-required">Required before QC</span>}
        {actor && done && !editing && step.fields.length > 0 && (
          <button
            type="button"
            className="button jp-change"
            aria-label={`Change the values of ${step.label}`}
            onClick={() => setEditing(true)}
          >
            Change
          </button>
        )}
      </div>
      {stateText && <p className="jp-step-who">{stateText}</p>}
      {open && step.hint && <p className="hint jp-step-hint">{step.hint}</p>}
      {step.fields.length > 0 &&
        (actor && open ? (
          <div className="jp-step-fields">
            {step.fields.map((field) => (
              <FieldInput
                key={field.key}
                field={field}
                value={draft[field.key]}
                onChange={(v) => change(field.key, v)}
                problem={problemOf(field.key)}
                jobId={jobId}
              />
            ))}
          </div>
        ) : (
          Object.keys(stored).length > 0 && (
            <p className="jp-step-values">{valuesText(step.fields, stored)}</p>
          )
        ))}
      {plateBath && actor && !done && <PlateBathChoice pick={bathPick} />}
      {plateBath && done && <PlatedInBath jobId={jobId} serviceId={serviceId} />}
      {actor && done && dirty && (
        <button
          type="button"
          className="button"
          disabled={submit.busy}
          onClick={() => record(true, draft)}
        >
          Save changes to {step.label}
        </button>
      )}
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
    </li>
  );
}
