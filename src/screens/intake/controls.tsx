// Small controls the intake sections share: a labelled text field with its problem, and tap chips.
import { useId, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import type { IntakeForm } from './intakeForm';

/** What every section is given: the form, a way to change it, and the problem of a field, if any. */
export interface SectionProps {
  form: IntakeForm;
  change: (update: (form: IntakeForm) => IntakeForm) => void;
  problem: (field: string) => string | undefined;
}

interface TextFieldProps {
  /** The form's field id (FIELD in intakeForm.ts): the problem summary focuses it by this. */
  field: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem?: string | undefined;
  hint?: ReactNode;
  optional?: boolean;
  inputMode?: 'text' | 'decimal' | 'numeric' | 'tel';
  multiline?: boolean;
  maxLength?: number;
  placeholder?: string;
  autoCapitalize?: 'characters' | 'words' | 'sentences' | 'off';
  autoFocus?: boolean;
  enterKeyHint?: 'next' | 'done';
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
}

export function TextField({
  field,
  label,
  value,
  onChange,
  problem,
  hint,
  optional = false,
  inputMode = 'text',
  multiline = false,
  maxLength,
  placeholder,
  autoCapitalize,
  autoFocus,
  enterKeyHint,
  onKeyDown,
  inputRef,
  className,
}: TextFieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : '']
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    value,
    'aria-invalid': problem !== undefined,
    'aria-describedby': describedBy === '' ? undefined : describedBy,
    maxLength,
    placeholder,
  };
  return (
    <div
      className={['field', problem ? 'field-invalid' : '', className ?? '']
        .filter(Boolean)
        .join(' ')}
      data-field={field}
    >
      <label htmlFor={id}>
        {label}
        {optional && <span className="intake-optional"> — optional</span>}
      </label>
      {multiline ? (
        <textarea
          {...common}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        />
      ) : (
        <input
          {...common}
          ref={inputRef}
          inputMode={inputMode}
          type={inputMode === 'tel' ? 'tel' : 'text'}
          autoComplete="off"
          autoCapitalize={autoCapitalize}
          // A field that appears because the person asked for it (a pre-printed envelope) takes focus.
          autoFocus={autoFocus}
          enterKeyHint={enterKeyHint}
          onKeyDown={onKeyDown}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        />
      )}
      {hint && (
        <small className="hint" id={`${id}-hint`}>
          {hint}
        </small>
      )}
      {problem && (
        <small className="error" id={`${id}-problem`}>
          {problem}
        </small>
      )}
    </div>
  );
}

/** A big on/off chip (condition marks, rush): a tap, never a tiny checkbox. */
export function ToggleChip({
  pressed,
  onToggle,
  children,
}: {
  pressed: boolean;
  onToggle: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={pressed ? 'choice selected' : 'choice'}
      aria-pressed={pressed}
      onClick={onToggle}
    >
      {pressed && <span aria-hidden="true">✓ </span>}
      {children}
    </button>
  );
}

/** A problem next to a group of buttons (item kind, services, date, signature). */
export function ProblemText({ problem }: { problem: string | undefined }) {
  if (problem === undefined) return null;
  return <small className="error">{problem}</small>;
}
