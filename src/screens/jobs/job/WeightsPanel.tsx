// The job's metal: every weighing from intake on (flagged when its scale was overdue for its
// calibration check or had failed it), the balance, and a form to log a new weight on a scale.
import { ErrorLine } from '../../../components/ErrorLine';
import { useId, useState, type SyntheticEvent } from 'react';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { db, recordEvent } from '../../../db';
import { useWallClock } from '../../../db/equipmentQueries';
import { weighingFlag } from '../../../domain/equipment/calibration';
import type { EquipmentState } from '../../../domain/equipment/equipmentState';
import { localDay } from '../../../domain/dates';
import type { JobState } from '../../../domain/job';
import {
  latestReturnCheck,
  weightBalance,
  weightLines,
  type ReturnCheck,
} from '../../../domain/ledger/jobMetal';
import { scaleById } from '../../../domain/ledger/scales';
import { ALLOYS, isAlloyId } from '../../../domain/metals';
import type { ScaleData } from '../../../protocol/ledger';
import type { StaffMember } from '../../../domain/staff';
import { fineDecimal, grams, signedFineGrams, whenText } from './format';
import { useSubmit } from './useSubmit';
import {
  flagNow,
  LOGGED_KINDS,
  useScaleChoice,
  useScaleToleranceG,
  useWeighingScales,
  WEIGHT_KIND_LABELS,
  weighingFlagText,
  weighingWords,
} from './weights';
import '../../equipment/scaleFlag.css';

interface WeightsPanelProps {
  job: JobState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}

export function WeightsPanel({ job, actor, nameOf }: WeightsPanelProps) {
  const headingId = useId();
  const weighing = useWeighingScales();
  const allScales = weighing?.allScales ?? [];
  const machines = weighing?.machines ?? [];
  const today = localDay();
  return (
    <section className="jp-card" aria-labelledby={headingId}>
      <h3 id={headingId}>Metal weights</h3>
      <ol className="jp-list">
        {weightLines(job).map((w) => {
          const scaleId = w.step === undefined ? w.scaleId : undefined;
          const flag = weighingFlagText(weighingFlag({ scaleId, at: w.at }, machines), today);
          return (
            <li key={`${w.eventId}-${w.kind}`} className={flag ? 'jp-weight-flagged' : undefined}>
              <span>
                <strong>
                  {WEIGHT_KIND_LABELS[w.kind]} {grams(w.grams)}
                </strong>
                {w.alloyId !== undefined && isAlloyId(w.alloyId) && ` ${ALLOYS[w.alloyId].name}`} ·{' '}
                {nameOf(w.by)}
                {scaleId !== undefined && ` · on ${scaleById(allScales, scaleId).name}`}
                {w.step !== undefined ? ` (in ${w.step})` : w.note ? ` (${w.note})` : ''}
                {flag && (
                  <>
                    {' '}
                    <strong className="jp-scale-flag">⚠ {flag}</strong>
                  </>
                )}
              </span>
              <span className="jp-when">{whenText(w.at)}</span>
            </li>
          );
        })}
      </ol>
      <Balance job={job} />
      {actor && (
        <WeightForm job={job} actor={actor} scales={weighing?.scales ?? null} machines={machines} />
      )}
    </section>
  );
}

/**
 * The scale a weight is logged on: one of the shop's scales in use, said before it is logged when
 * it is overdue for its calibration check or failed it (the weighing would be flagged).
 */
export function ScalePicker({
  scales,
  machines,
  value,
  onChange,
}: {
  scales: readonly ScaleData[];
  machines: readonly EquipmentState[];
  value: string;
  onChange: (scaleId: string) => void;
}) {
  const labelId = useId();
  const nowMs = useWallClock();
  const warning = weighingFlagText(flagNow(value, machines, nowMs), localDay(new Date(nowMs)));
  return (
    <div className="field jp-scale-field">
      <span id={labelId}>Scale</span>
      <div className="choice-group" role="radiogroup" aria-labelledby={labelId}>
        {scales.map((s) => (
          <button
            key={s.scaleId}
            type="button"
            role="radio"
            aria-checked={value === s.scaleId}
            className={value === s.scaleId ? 'choice selected' : 'choice'}
            onClick={() => onChange(s.scaleId)}
          >
            {s.name}
          </button>
        ))}
      </div>
      {warning && (
        <p className="jp-scale-flag" role="status">
          ⚠ {warning}: a weight logged on it is flagged. Weigh on another scale, or check this one
          with its test weight first (Machines).
        </p>
      )}
    </div>
  );
}

function Balance({ job }: { job: JobState }) {
  const toleranceG = useScaleToleranceG();
  const check = latestReturnCheck(job, toleranceG);
  if (!check) {
    const b = weightBalance(job);
    return (
      <p className="muted">
        Not weighed again since intake
        {(b.addedG > 0 || b.removedG > 0) &&
          `: ${fineDecimal(b.expectedG)} g expected (${metalSum(b)})`}
        .
      </p>
    );
  }
  return (
    <div className="jp-balance" aria-label="Metal balance">
      <ReturnCheckNote check={check} weighedAs={weighingWords(check.weighing.kind)} />
    </div>
  );
}

/** "intake 5.20 + added 0.18 − removed 0.05": how the expected weight was reached. */
function metalSum(b: Pick<ReturnCheck, 'intakeG' | 'addedG' | 'removedG'>): string {
  return [
    `intake ${fineDecimal(b.intakeG)}`,
    ...(b.addedG > 0 ? [`+ added ${fineDecimal(b.addedG)}`] : []),
    ...(b.removedG > 0 ? [`− removed ${fineDecimal(b.removedG)}`] : []),
  ].join(' ');
}

/**
 * A weighing against the expected weight, the same words at QC, at pick-up and on the weights card.
 * A flag is said in words and marked with a class (flag-over, flag-short), never by colour alone; it
 * is a status region, so a screen reader hears it change as the return weight is typed.
 */
export function ReturnCheckNote({
  check,
  weighedAs,
}: {
  check: ReturnCheck;
  /** What the weighing was: "returned" at pick-up, "check weighing" for a check. */
  weighedAs: string;
}) {
  const tolerance = `the scale’s ±${fineDecimal(check.toleranceG)} g`;
  const verdict =
    check.flag === 'within'
      ? `${signedFineGrams(check.differenceG)}, within ${tolerance}.`
      : `${fineDecimal(Math.abs(check.differenceG))} g ${check.flag} — beyond ${tolerance}: weigh again or note why.`;
  return (
    <p
      className={`jp-metal-check flag-${check.flag}`}
      role="status"
      aria-label="Return weight check"
    >
      Expected {fineDecimal(check.expectedG)} g ({metalSum(check)}) → {weighedAs}{' '}
      {fineDecimal(check.returnedG)} g: <strong>{verdict}</strong>
    </p>
  );
}

function WeightForm({
  job,
  actor,
  scales,
  machines,
}: {
  job: JobState;
  actor: StaffMember;
  /** Null while the shop's scales are read: the weighing then names none, as before scales. */
  scales: readonly ScaleData[] | null;
  machines: readonly EquipmentState[];
}) {
  const [kind, setKind] = useState<(typeof LOGGED_KINDS)[number] | null>(null);
  const [chosenScale, setScaleId] = useScaleChoice(job, scales ?? []);
  const scaleId = scales === null ? undefined : chosenScale;
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
            data: {
              kind,
              grams: value,
              ...(scaleId === undefined ? {} : { scaleId }),
              ...(trimmed === '' ? {} : { note: trimmed }),
            },
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
        Metal a checklist step records (sizing stock, re-tipping wire, solder, a casting) is counted
        from the step: log here only what no step records.
      </p>
      {scales !== null && (
        <ScalePicker
          scales={scales}
          machines={machines}
          value={chosenScale}
          onChange={setScaleId}
        />
      )}
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
      <ErrorLine error={submit.error} />
      <button type="submit" className="button button-primary" disabled={submit.busy}>
        Log weight
      </button>
    </form>
  );
}
