// One checklist or intake field, drawn for a gloved hand: number pads for numbers, taps for choices.
import { useId, useState, type ChangeEvent } from 'react';
import type { FieldTemplate, StepValue } from '../../domain/checklists';
import { ALLOYS, ALLOY_IDS } from '../../domain/metals';
import {
  parseRingSize,
  RING_SIZE_SYSTEMS,
  ringSizeViews,
  type RingSizeSystem,
} from '../../domain/ringSizes';
import { storePickedPhoto } from '../../photos/storePickedPhoto';
// The photo field's buttons look and behave as the camera's (.photo-file-button).
import '../photos/photos.css';
import './ringSize.css';

export interface FieldInputProps {
  field: FieldTemplate;
  value: StepValue | undefined;
  onChange: (value: StepValue | undefined) => void;
  problem?: string | undefined;
  /** The job a photo field's picture belongs to. */
  jobId: string;
}

export function FieldInput(props: FieldInputProps) {
  const { field, problem } = props;
  const id = useId();
  return (
    <div className={problem ? 'field field-invalid' : 'field'}>
      <label htmlFor={id} id={`${id}-label`}>
        {field.label}
        {'unit' in field ? ` (${field.unit})` : ''}
        {field.required ? '' : ' — optional'}
      </label>
      <FieldControl {...props} id={id} />
      {field.hint && <small className="hint">{field.hint}</small>}
      {problem && (
        <small className="error" role="alert">
          {problem}
        </small>
      )}
    </div>
  );
}

function FieldControl({
  field,
  value,
  onChange,
  problem,
  jobId,
  id,
}: FieldInputProps & { id: string }) {
  switch (field.kind) {
    case 'number':
      return <NumberControl id={id} value={value} onChange={onChange} invalid={!!problem} />;
    case 'choice':
      return (
        <div className="choice-group" role="radiogroup" aria-labelledby={`${id}-label`} id={id}>
          {field.options.map((o) => (
            <button
              key={o.value}
              type="button"
              role="radio"
              aria-checked={value === o.value}
              className={value === o.value ? 'choice selected' : 'choice'}
              onClick={() => onChange(value === o.value ? undefined : o.value)}
            >
              {o.label}
            </button>
          ))}
        </div>
      );
    case 'ringSize':
      return <RingSizeControl id={id} value={value} onChange={onChange} />;
    case 'alloy':
      return (
        <select
          id={id}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        >
          <option value="">Choose the metal…</option>
          {ALLOY_IDS.map((a) => (
            <option key={a} value={a}>
              {ALLOYS[a].name}
            </option>
          ))}
        </select>
      );
    case 'text':
      return (
        <input
          id={id}
          value={typeof value === 'string' ? value : ''}
          maxLength={field.maxLength}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      );
    case 'check':
      return (
        <button
          id={id}
          type="button"
          role="switch"
          aria-checked={value === true}
          className={value === true ? 'check on' : 'check'}
          onClick={() => onChange(value === true ? false : true)}
        >
          {value === true ? 'Yes' : 'No'}
        </button>
      );
    case 'photo':
      return <PhotoControl id={id} value={value} onChange={onChange} jobId={jobId} />;
  }
}

/** Accepts "3,4" as well as "3.4": a shop's tablet keyboard may be set to either. */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  if (t === '' || !/^-?\d*\.?\d+$|^-?\d+\.$/.test(t)) return undefined;
  return Number(t);
}

function NumberControl({
  id,
  value,
  onChange,
  invalid,
}: {
  id: string;
  value: StepValue | undefined;
  onChange: (v: StepValue | undefined) => void;
  invalid: boolean;
}) {
  const [text, setText] = useState(typeof value === 'number' ? String(value) : '');
  const unreadable = text.trim() !== '' && parseDecimal(text) === undefined;
  return (
    <>
      <input
        id={id}
        inputMode="decimal"
        autoComplete="off"
        value={text}
        aria-invalid={invalid || unreadable}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parseDecimal(e.target.value));
        }}
      />
      {unreadable && <small className="error">Enter a number, like 3.4</small>}
    </>
  );
}

function RingSizeControl({
  id,
  value,
  onChange,
}: {
  id: string;
  value: StepValue | undefined;
  onChange: (v: StepValue | undefined) => void;
}) {
  const [system, setSystem] = useState<RingSizeSystem>('us');
  const mm = typeof value === 'number' ? value : undefined;
  // A size already there (a restored intake draft, a stored step) starts the box as that size in
  // the chosen system, so the person sees what is recorded where they would type it. Until they
  // type, the box shows the stored measurement: it is not read back (a view is rounded: 17.32 mm
  // shows as EU 54, which is 17.19 mm), and switching the system shows the same size in that one.
  const [text, setText] = useState(() => (mm === undefined ? '' : sizeText(mm, system)));
  const [fromValue, setFromValue] = useState(() => mm !== undefined && text !== '');
  const [error, setError] = useState<string | null>(null);
  const views = mm !== undefined ? safeViews(mm) : null;

  const read = (next: string, sys: RingSizeSystem) => {
    setText(next);
    setFromValue(false);
    if (next.trim() === '') {
      setError(null);
      onChange(undefined);
      return;
    }
    try {
      onChange(parseRingSize(sys, next));
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      onChange(undefined);
    }
  };

  return (
    <div className="ring-size">
      <div className="choice-group" role="radiogroup" aria-label="Size system">
        {RING_SIZE_SYSTEMS.map((s) => (
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={s === system}
            className={s === system ? 'choice selected' : 'choice'}
            onClick={() => {
              setSystem(s);
              // Typed text is read again in the new system (the person picked the wrong one);
              // a stored size is shown in it.
              if (fromValue && mm !== undefined) setText(sizeText(mm, s));
              else if (text !== '') read(text, s);
            }}
          >
            {s.toUpperCase()}
          </button>
        ))}
      </div>
      <input
        id={id}
        inputMode={system === 'uk' ? 'text' : 'decimal'}
        autoComplete="off"
        value={text}
        placeholder={system === 'uk' ? 'N½' : system === 'mm' ? '17.3' : '7½'}
        onChange={(e) => read(e.target.value, system)}
      />
      {error && <small className="error">{error}</small>}
      {views && (
        <small className="ring-size-views">
          {views.mm} mm · US {views.us} · UK {views.uk} · EU {views.eu} · JP {views.jp}
        </small>
      )}
    </div>
  );
}

/** A stored inner diameter as that system's size, as a person would type it ('7½', 'N', '17.32'). */
function sizeText(mm: number, system: RingSizeSystem): string {
  const views = safeViews(mm);
  return views ? String(views[system]) : '';
}

function safeViews(mm: number) {
  try {
    return ringSizeViews(mm);
  } catch {
    return null;
  }
}

/**
 * A step's photo: the same big buttons as the job's camera (PhotoCapture), not the browser's small
 * file control. "Take photo" opens the tablet's camera app; "Choose a photo" picks one already taken
 * (on a desktop both pick a file). Each file input stays in the tab order inside its button-sized
 * label, so a keyboard opens it with Enter or Space; the field's label names the first.
 */
function PhotoControl({
  id,
  value,
  onChange,
  jobId,
}: {
  id: string;
  value: StepValue | undefined;
  onChange: (v: StepValue | undefined) => void;
  jobId: string;
}) {
  const [status, setStatus] = useState<string | null>(null);
  const taken = typeof value === 'string';
  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // The same photo picked again must still fire a change.
    e.target.value = '';
    if (!file) return;
    setStatus('Saving photo…');
    storePickedPhoto(jobId, file)
      .then((sha) => {
        onChange(sha);
        setStatus('Photo saved on this tablet.');
      })
      .catch((err: unknown) => {
        setStatus(`The photo was not saved: ${err instanceof Error ? err.message : String(err)}`);
      });
  };
  return (
    <div className="photo-field">
      <div className="photo-capture-actions">
        <label className="button button-primary photo-file-button">
          <span id={`${id}-take`}>{taken ? 'Take it again' : 'Take photo'}</span>
          <input
            id={id}
            aria-labelledby={`${id}-label ${id}-take`}
            className="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            onChange={pick}
          />
        </label>
        <label className="button photo-file-button">
          <span id={`${id}-choose`}>Choose a photo</span>
          <input
            aria-labelledby={`${id}-label ${id}-choose`}
            className="visually-hidden"
            type="file"
            accept="image/*"
            onChange={pick}
          />
        </label>
      </div>
      {taken && !status && <small>Photo saved.</small>}
      {status && <small role="status">{status}</small>}
    </div>
  );
}
