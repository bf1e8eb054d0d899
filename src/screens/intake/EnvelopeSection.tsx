// Which envelope the piece goes in: an app number given on save, or a pre-printed one; "job N of M".
import type { KeyboardEvent } from 'react';
import { FIELD, type IntakeForm, type JobPart } from './intakeForm';
import { ProblemText, TextField, type SectionProps } from './controls';

/** More pieces than this in one visit go on a second visit's envelopes. */
const MAX_PARTS = 20;

interface EnvelopeSectionProps extends SectionProps {
  /** Where a scan's Enter sends the person next (the customer's name). */
  onCodeEntered: () => void;
}

export function EnvelopeSection({ form, change, problem, onCodeEntered }: EnvelopeSectionProps) {
  const { mode, code, part } = form.envelope;
  const setEnvelope = (patch: Partial<IntakeForm['envelope']>) => {
    change((f) => ({ ...f, envelope: { ...f.envelope, ...patch } }));
  };

  // A USB scanner types the code and then Enter: Enter here means "done with this field", never
  // "save the job" (which would save half a form at the first scan).
  const onCodeKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onCodeEntered();
    }
  };

  return (
    <section className="intake-section" aria-labelledby="intake-envelope">
      <h2 id="intake-envelope">Envelope</h2>
      <div className="choice-group" role="radiogroup" aria-label="Envelope">
        {(
          [
            ['app', 'New app number'],
            ['preprinted', 'Pre-printed envelope'],
          ] as const
        ).map(([value, label]) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={mode === value}
            className={mode === value ? 'choice selected' : 'choice'}
            onClick={() => {
              setEnvelope({ mode: value });
            }}
          >
            {label}
          </button>
        ))}
      </div>
      {mode === 'app' ? (
        <p className="hint">The envelope number is given when the job is saved.</p>
      ) : (
        <TextField
          field={FIELD.envelopeCode}
          label="Envelope code"
          value={code}
          onChange={(value) => {
            setEnvelope({ code: value });
          }}
          problem={problem(FIELD.envelopeCode)}
          hint="Scan the envelope's barcode, or type the code printed on it."
          autoCapitalize="characters"
          autoFocus
          enterKeyHint="next"
          onKeyDown={onCodeKey}
        />
      )}
      <PartPicker
        part={part}
        onChange={(next) => {
          setEnvelope({ part: next });
        }}
        problem={problem(FIELD.part)}
      />
    </section>
  );
}

function PartPicker({
  part,
  onChange,
  problem,
}: {
  part: JobPart | null;
  onChange: (part: JobPart | null) => void;
  problem: string | undefined;
}) {
  const clamp = (index: number, of: number): JobPart => {
    const total = Math.min(Math.max(of, 1), MAX_PARTS);
    return { index: Math.min(Math.max(index, 1), total), of: total };
  };
  return (
    <div className="intake-part" data-field={FIELD.part}>
      <button
        type="button"
        role="switch"
        aria-checked={part !== null}
        className={part !== null ? 'check on' : 'check'}
        onClick={() => {
          onChange(part === null ? { index: 1, of: 2 } : null);
        }}
      >
        Several pieces in this visit
      </button>
      {part !== null && (
        <div className="intake-part-steppers" role="group" aria-label="Job N of M">
          <span>Job</span>
          <Stepper
            value={part.index}
            less="Earlier job"
            more="Later job"
            onChange={(index) => {
              onChange(clamp(index, part.of));
            }}
          />
          <span>of</span>
          <Stepper
            value={part.of}
            less="Fewer pieces"
            more="More pieces"
            onChange={(of) => {
              onChange(clamp(Math.min(part.index, of), of));
            }}
          />
        </div>
      )}
      <ProblemText problem={problem} />
    </div>
  );
}

function Stepper({
  value,
  less,
  more,
  onChange,
}: {
  value: number;
  less: string;
  more: string;
  onChange: (value: number) => void;
}) {
  return (
    <span className="intake-stepper">
      <button
        type="button"
        className="button"
        aria-label={less}
        onClick={() => {
          onChange(value - 1);
        }}
      >
        −
      </button>
      <output className="intake-stepper-value">{value}</output>
      <button
        type="button"
        className="button"
        aria-label={more}
        onClick={() => {
          onChange(value + 1);
        }}
      >
        +
      </button>
    </span>
  );
}
