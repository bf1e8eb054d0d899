// The ledger forms' controls: alloy, holder, scale and job pickers, text boxes, and reading grams.
import { useId, useState, type ReactNode, type SyntheticEvent } from 'react';
import { parseDecimal } from '../../components/fields/FieldInput';
import { useJobsByEnvelope } from '../../db';
import type { JobState } from '../../domain/job';
import { ALLOY_IDS, type AlloyId } from '../../domain/metals';
import type { StaffMember } from '../../domain/staff';
import type { HolderData, ScaleData } from '../../protocol/ledger';
import { ChoiceButtons, ErrorLine, type Choice } from '../casting/tree/controls';
import { itemKindName } from '../label/labelText';
import { alloyName, BENCHES, holderKey, toleranceText } from './metalText';

/** Grams typed on the number pad, or the words saying what is wrong with them. */
export function readGrams(text: string, what = 'the grams on the scale'): number | string {
  if (text.trim() === '') return `Enter ${what}.`;
  const g = parseDecimal(text);
  if (g === undefined) return 'Enter the grams as a number, like 12.40.';
  return g;
}

/** The alloy, as a list: fourteen of them are too many for buttons. Each may say what is held. */
export function AlloySelect({
  value,
  onChange,
  detail,
  label = 'Alloy',
}: {
  value: AlloyId | '';
  onChange: (alloyId: AlloyId | '') => void;
  /** A note beside an alloy's name, e.g. "50.00 g in stock". */
  detail?: (alloyId: AlloyId) => string | null;
  label?: string;
}) {
  const id = useId();
  return (
    <div className="tp-field">
      <label htmlFor={id} className="tp-label">
        {label}
      </label>
      <select
        id={id}
        className="metal-select"
        value={value}
        onChange={(e) => onChange(e.target.value as AlloyId | '')}
      >
        <option value="">Choose the alloy…</option>
        {ALLOY_IDS.map((a) => {
          const note = detail?.(a) ?? null;
          return (
            <option key={a} value={a}>
              {alloyName(a)}
              {note ? ` — ${note}` : ''}
            </option>
          );
        })}
      </select>
    </div>
  );
}

export function TextField({
  label,
  value,
  onChange,
  maxLength,
  placeholder,
  type = 'text',
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  maxLength?: number;
  placeholder?: string;
  type?: 'text' | 'date';
}) {
  return (
    <label className="tp-field">
      <span className="tp-label">{label}</span>
      <input
        type={type}
        value={value}
        maxLength={maxLength}
        placeholder={placeholder}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

export function NoteField({ value, onChange }: { value: string; onChange: (t: string) => void }) {
  return <TextField label="Note — optional" value={value} onChange={onChange} maxLength={500} />;
}

/** The scale the metal was weighed on: its tolerance is what a difference is held to. */
export function ScaleChoice({
  scales,
  value,
  onChange,
}: {
  scales: readonly ScaleData[];
  value: string;
  onChange: (scaleId: string) => void;
}) {
  return (
    <ChoiceButtons
      label="Scale"
      value={value}
      onChange={onChange}
      choices={scales.map((s) => ({
        value: s.scaleId,
        label: s.name,
        detail: toleranceText(s.toleranceG),
      }))}
    />
  );
}

/** The scale a form starts on: the one chosen if still offered, else the shop's first. */
export function useScalePick(scales: readonly ScaleData[]): [string, (id: string) => void] {
  const [chosen, setChosen] = useState('');
  const offered = scales.some((s) => s.scaleId === chosen) ? chosen : (scales[0]?.scaleId ?? '');
  return [offered, setChosen];
}

/** People on the staff list now and the benches: who metal is issued to, or deposited from. */
export function peopleAndBenches(
  staff: readonly StaffMember[],
): { holder: HolderData; label: string }[] {
  const benches = BENCHES.map((b) => ({
    holder: { kind: 'bench' as const, id: b.id },
    label: b.label,
  }));
  const people = staff
    .filter((s) => s.active)
    .map((s) => ({ holder: { kind: 'person' as const, id: s.id }, label: s.name }));
  return [...benches, ...people];
}

export function HolderChoice({
  label,
  choices,
  value,
  onChange,
}: {
  label: string;
  choices: readonly Choice<string>[];
  value: string;
  onChange: (key: string) => void;
}) {
  if (choices.length === 0) {
    return (
      <div className="tp-field">
        <span className="tp-label">{label}</span>
        <p className="muted">Nobody holds metal by the book.</p>
      </div>
    );
  }
  return (
    <ChoiceButtons
      label={label}
      value={value === '' ? null : value}
      onChange={onChange}
      choices={choices}
    />
  );
}

export function holderChoice(
  holder: HolderData,
  label: ReactNode,
  detail?: ReactNode,
): Choice<string> {
  return detail === undefined
    ? { value: holderKey(holder), label }
    : { value: holderKey(holder), label, detail };
}

export interface JobPick {
  text: string;
  setText: (t: string) => void;
  matches: JobState[] | undefined;
  /** The job chosen: the one tapped, or the only one the envelope answers to. */
  job: JobState | null;
  choose: (jobId: string) => void;
}

/** A job found by its envelope number, typed or scanned into the box. */
export function useJobPick(): JobPick {
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const found = useJobsByEnvelope(text);
  // A voided job stays findable, but a live one on the same envelope comes first.
  const matches = found?.filter((j) => j.voided === null).length
    ? found.filter((j) => j.voided === null)
    : found;
  const job =
    matches?.find((j) => j.id === chosen) ?? (matches?.length === 1 ? (matches[0] ?? null) : null);
  return { text, setText, matches, job, choose: setChosen };
}

export function JobByEnvelope({ pick, label }: { pick: JobPick; label: string }) {
  const { text, matches, job } = pick;
  return (
    <div className="metal-job-pick">
      <TextField
        label={label}
        value={text}
        onChange={pick.setText}
        maxLength={40}
        placeholder="1234"
      />
      {text.trim() !== '' && matches !== undefined && matches.length === 0 && (
        <p className="muted">No job on envelope {text.trim()} on this tablet.</p>
      )}
      {matches !== undefined && matches.length > 1 && (
        <ChoiceButtons
          label="Which job?"
          value={job?.id ?? null}
          onChange={pick.choose}
          choices={matches.map((j) => ({
            value: j.id,
            label: j.envelopeNumber,
            detail: jobDetail(j),
          }))}
        />
      )}
      {job && (
        <p className="metal-picked" aria-live="polite">
          Job {job.envelopeNumber}: {jobDetail(job)}
        </p>
      )}
    </div>
  );
}

function jobDetail(job: JobState): string {
  return `${itemKindName(job.item.kind)} · ${job.customer.name}${job.voided ? ' · voided' : ''}`;
}

/** A ledger form: its fields, one big button, the operation's refusal in its own words. */
export function LedgerForm({
  label,
  submitLabel,
  disabled,
  error,
  onSubmit,
  children,
  done,
}: {
  label: string;
  submitLabel: string;
  /** While it saves, or while what is chosen cannot be saved (pots of two metal families). */
  disabled: boolean;
  error: string | null;
  onSubmit: () => void;
  children: ReactNode;
  /** What was just recorded, said back. */
  done?: ReactNode;
}) {
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form className="tp-form metal-form" aria-label={label} onSubmit={submit} noValidate>
      {children}
      <button type="submit" className="button button-primary tp-big" disabled={disabled}>
        {submitLabel}
      </button>
      <ErrorLine error={error} />
      {done}
    </form>
  );
}
