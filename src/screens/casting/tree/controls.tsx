// The tree page's controls: big choice buttons, number-pad fields, a step tick, an error line.
import { ErrorLine as SharedErrorLine } from '../../../components/ErrorLine';
import { useId, type ReactNode } from 'react';
import { db, setTreeStep } from '../../../db';
import type { TreeState } from '../../../domain/casting/tree';
import type { StaffMember } from '../../../domain/staff';
import type { TreeStepId } from '../../../protocol/casting';
import { whenText } from '../../jobs/job/format';
import { useSubmit } from '../../jobs/job/useSubmit';
import { TREE_STEP_LABELS } from './treeText';

export interface Choice<T extends string | number> {
  value: T;
  label: ReactNode;
  /** A second line under the label, smaller. */
  detail?: ReactNode;
}

/** One of a few, as big buttons a gloved finger hits: a radio group to a screen reader. */
export function ChoiceButtons<T extends string | number>({
  label,
  choices,
  value,
  onChange,
  disabled = false,
}: {
  label: string;
  choices: readonly Choice<T>[];
  value: T | null;
  onChange: (value: T) => void;
  disabled?: boolean;
}) {
  const labelId = useId();
  return (
    <div className="tp-field">
      <span id={labelId} className="tp-label">
        {label}
      </span>
      <div className="tp-choices" role="radiogroup" aria-labelledby={labelId}>
        {choices.map((c) => (
          <button
            key={String(c.value)}
            type="button"
            role="radio"
            aria-checked={value === c.value}
            className={value === c.value ? 'tp-choice selected' : 'tp-choice'}
            disabled={disabled}
            onClick={() => onChange(c.value)}
          >
            <span className="tp-choice-label">{c.label}</span>
            {c.detail !== undefined && (
              <>
                {' '}
                <span className="tp-choice-detail">{c.detail}</span>
              </>
            )}
          </button>
        ))}
      </div>
    </div>
  );
}

/** A number typed on the tablet's number pad, kept as typed (a half-typed "12." stays). */
export function NumberField({
  label,
  unit,
  value,
  onChange,
  hint,
  decimals = true,
}: {
  label: string;
  unit: string;
  value: string;
  onChange: (text: string) => void;
  hint?: ReactNode;
  /** Whole numbers only (temperatures): the pad shows no decimal point. */
  decimals?: boolean;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="tp-field">
      <label htmlFor={id} className="tp-label">
        {label}
      </label>
      <span className="tp-number">
        <input
          id={id}
          inputMode={decimals ? 'decimal' : 'numeric'}
          autoComplete="off"
          value={value}
          placeholder={decimals ? '0.00' : '0'}
          aria-describedby={hint === undefined ? undefined : hintId}
          onChange={(e) => onChange(e.target.value)}
        />
        <span className="tp-unit" aria-hidden="true">
          {unit}
        </span>
      </span>
      {hint !== undefined && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}

/** What went wrong with the action next to it, in the operation's own words. */
/** A short reason the record keeps (why paused, why changed, why taken off): 200 characters. */
export function ReasonField({
  label,
  value,
  placeholder,
  onChange,
}: {
  label: ReactNode;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="tp-field">
      <span className="tp-label">{label}</span>
      <input
        value={value}
        maxLength={200}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

/** The shared error line (components/ErrorLine.tsx) with the tree page's spacing. */
export function ErrorLine({ error }: { error: string | null }) {
  return <SharedErrorLine error={error} className="tp-error" />;
}

/** One of the tree's own steps (clean-up, sprue, vacuum, quench…): a big tick with who ticked it. */
export function TreeTick({
  tree,
  stepId,
  actor,
  nameOf,
}: {
  tree: TreeState;
  stepId: TreeStepId;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}) {
  const submit = useSubmit();
  const state = tree.steps[stepId];
  const done = state?.done === true;
  const toggle = () => {
    if (!actor) return;
    void submit.run(() => setTreeStep(db, { treeId: tree.id, stepId, done: !done }, actor.id));
  };
  return (
    <div className={done ? 'tp-tick-row done' : 'tp-tick-row'}>
      <button
        type="button"
        role="checkbox"
        aria-checked={done}
        className="tp-tick"
        disabled={!actor || submit.busy}
        onClick={toggle}
      >
        <span className="tp-tick-box" aria-hidden="true">
          {done ? '✓' : ''}
        </span>
        <span>{TREE_STEP_LABELS[stepId]}</span>
      </button>
      {state && (
        <p className="tp-who">
          {done ? '' : 'Unticked · '}
          {nameOf(state.by)} · {whenText(state.at)}
        </p>
      )}
      <ErrorLine error={submit.error} />
    </div>
  );
}
