// Settings: the casting room's metal loss threshold and burnout programs (built in, and the shop's own).
import { ErrorLine } from '../../components/ErrorLine';
import { useId, useState, type SyntheticEvent } from 'react';
import { parseDecimal } from '../../components/fields/FieldInput';
import { useCurrentStaff } from '../../components/staff/useCurrentStaff';
import {
  addBurnoutProgram,
  BenchInputError,
  db,
  retireBurnoutProgram,
  setLossThreshold,
  useShop,
} from '../../db';
import {
  BUILT_IN_PROGRAMS,
  BURNOUT_MAX_TEMP_C,
  cToF,
  FLASK_SIZES,
  type BurnoutProgram,
  type FlaskSizeId,
  type InvestmentKind,
} from '../../domain/casting/burnout';
import { DEFAULT_LOSS_THRESHOLD_PCT } from '../../domain/casting/castingMath';
import type { ShopProgram } from '../../domain/shopState';
import type { StaffMember } from '../../domain/staff';
import { scheduleText, stageLength } from '../casting/board/kilnText';
import { errorMessage, useSubmit } from '../jobs/job/useSubmit';
import '../casting/board/casting.css';

const INVESTMENT_LABELS: Record<InvestmentKind, string> = {
  gypsum: 'Gypsum-bonded investment',
  stone_safe: 'Stone-safe investment',
};

export function CastingSettingsSection() {
  const shop = useShop();
  const me = useCurrentStaff();
  const headingId = useId();
  if (shop === undefined || me === undefined) return null;
  const threshold = shop.lossThresholdPct ?? DEFAULT_LOSS_THRESHOLD_PCT;

  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Casting</h3>

      <h4>Metal loss</h4>
      <p>
        A tree is flagged when more than <strong>{threshold} %</strong> of the metal issued for it
        cannot be found at weigh-out{shop.lossThresholdPct === null ? ' (the default)' : ''}.
      </p>
      {me && <LossThresholdForm key={threshold} current={threshold} actor={me} />}

      <h4>Burnout programs</h4>
      <p className="hint">
        Built in, from the investment makers&apos; schedules: they cannot be changed. No stage may
        go above {BURNOUT_MAX_TEMP_C} °C ({cToF(BURNOUT_MAX_TEMP_C)} °F): gypsum-bonded investment
        breaks down there.
      </p>
      <ul className="cs-programs" aria-label="Built-in burnout programs">
        {BUILT_IN_PROGRAMS.map((p) => (
          <li key={p.id} className="cs-program">
            <ProgramFacts program={p} />
          </li>
        ))}
      </ul>

      <h4>The shop&apos;s own programs</h4>
      {shop.programs.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="cs-programs" aria-label="The shop's own burnout programs">
          {shop.programs.map((p) => (
            <OwnProgramRow key={p.program.id} entry={p} actor={me} />
          ))}
        </ul>
      )}
      {me ? (
        <AddProgramForm actor={me} />
      ) : (
        <p>Sign in (top right) to change the loss threshold or the burnout programs.</p>
      )}
    </section>
  );
}

function ProgramFacts({ program }: { program: BurnoutProgram }) {
  const total = program.stages.reduce((sum, s) => sum + s.minutes, 0);
  const sizes =
    program.flaskSizes.length === 0
      ? 'any flask'
      : program.flaskSizes
          .map((id) => FLASK_SIZES.find((s) => s.id === id)?.label ?? id)
          .join(', ') + ' flasks';
  return (
    <div>
      <p>
        <strong>{program.name}</strong> · {stageLength(total)} ·{' '}
        {INVESTMENT_LABELS[program.investment]} · {sizes}
      </p>
      <p className="muted">{scheduleText(program)}</p>
    </div>
  );
}

function OwnProgramRow({ entry, actor }: { entry: ShopProgram; actor: StaffMember | null }) {
  const [confirming, setConfirming] = useState(false);
  const submit = useSubmit();
  const { program } = entry;
  return (
    <li className={entry.retired ? 'cs-program cs-retired' : 'cs-program'}>
      <ProgramFacts program={program} />
      {entry.retired ? (
        <span className="muted">Retired: no longer offered for a new burnout.</span>
      ) : (
        actor &&
        (confirming ? (
          <span className="sheet-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={submit.busy}
              onClick={() => void submit.run(() => retireBurnoutProgram(db, program.id, actor.id))}
            >
              Retire {program.name}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </span>
        ) : (
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            Retire…
          </button>
        ))
      )}
      <ErrorLine error={submit.error} />
    </li>
  );
}

function LossThresholdForm({ current, actor }: { current: number; actor: StaffMember }) {
  const [text, setText] = useState(String(current));
  const [saved, setSaved] = useState<string | null>(null);
  const submit = useSubmit();
  const inputId = useId();

  const save = (e: SyntheticEvent) => {
    e.preventDefault();
    setSaved(null);
    const pct = parseDecimal(text);
    if (pct === undefined) {
      submit.setError('Enter the loss threshold as a percentage, such as 1 or 1.5.');
      return;
    }
    void submit
      .run(() => setLossThreshold(db, pct, actor.id))
      .then((ok) => {
        if (ok) setSaved(`Saved: trees are flagged above ${pct} %.`);
      });
  };

  return (
    <form className="form" aria-label="Metal loss threshold" onSubmit={save} noValidate>
      <div className="field">
        <label htmlFor={inputId}>Flag a tree above this loss (%)</label>
        <input
          id={inputId}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          aria-invalid={submit.error !== null}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={submit.busy}>
        Save loss threshold
      </button>
      <ErrorLine error={submit.error} />
      {saved && (
        <p className="ok" role="status">
          {saved}
        </p>
      )}
    </form>
  );
}

interface StageDraft {
  key: number;
  label: string;
  temp: string;
  minutes: string;
}

let nextStageKey = 1;
function blankStage(): StageDraft {
  return { key: nextStageKey++, label: '', temp: '', minutes: '' };
}

/** A number typed in a box, or NaN, so checkProgram says what is wrong with that stage. */
function typedNumber(text: string): number {
  return parseDecimal(text) ?? Number.NaN;
}

/**
 * A program of the shop's own. Checked by addBurnoutProgram (checkProgram): every problem comes back at
 * once in words, and the boxes it names are marked.
 */
function AddProgramForm({ actor }: { actor: StaffMember }) {
  const [name, setName] = useState('');
  const [investment, setInvestment] = useState<InvestmentKind>('gypsum');
  const [sizes, setSizes] = useState<FlaskSizeId[]>([]);
  const [stages, setStages] = useState<StageDraft[]>(() => [blankStage()]);
  const [lastIsSoak, setLastIsSoak] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [bad, setBad] = useState<ReadonlySet<string>>(new Set());
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const nameId = useId();
  const investmentId = useId();
  const sizesId = useId();

  const change = (index: number, patch: Partial<StageDraft>) =>
    setStages((list) => list.map((s, i) => (i === index ? { ...s, ...patch } : s)));

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setBad(new Set());
    setAdded(null);
    try {
      const program = await addBurnoutProgram(
        db,
        {
          // addBurnoutProgram gives the program its own id; checkProgram asks for one to check.
          id: 'shop_new',
          name,
          investment,
          flaskSizes: sizes,
          stages: stages.map((s, i) => ({
            label: s.label,
            tempC: typedNumber(s.temp),
            minutes: typedNumber(s.minutes),
            ...(lastIsSoak && i === stages.length - 1 ? { soak: true as const } : {}),
          })),
        },
        actor.id,
      );
      setAdded(`Added ${program.name}: it is offered when a burnout starts.`);
      setName('');
      setSizes([]);
      setStages([blankStage()]);
      setLastIsSoak(true);
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof BenchInputError) setBad(new Set(err.problems.map((p) => p.key)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form cs-add"
      aria-labelledby={headingId}
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h4 id={headingId}>Add a program</h4>
      <div className="field">
        <label htmlFor={nameId}>Program name</label>
        <input
          id={nameId}
          value={name}
          maxLength={80}
          placeholder="6 h small flasks"
          aria-invalid={bad.has('name')}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <span id={investmentId}>Investment</span>
        <div className="choice-group" role="radiogroup" aria-labelledby={investmentId}>
          {(Object.keys(INVESTMENT_LABELS) as InvestmentKind[]).map((k) => (
            <button
              key={k}
              type="button"
              role="radio"
              aria-checked={investment === k}
              className={investment === k ? 'choice selected' : 'choice'}
              onClick={() => setInvestment(k)}
            >
              {INVESTMENT_LABELS[k]}
            </button>
          ))}
        </div>
      </div>
      <div className="field">
        <span id={sizesId}>Flask sizes it is for (none: any flask)</span>
        <div className="choice-group" role="group" aria-labelledby={sizesId}>
          {FLASK_SIZES.map((s) => {
            const on = sizes.includes(s.id);
            return (
              <button
                key={s.id}
                type="button"
                aria-pressed={on}
                className={on ? 'choice selected' : 'choice'}
                onClick={() =>
                  setSizes((list) => (on ? list.filter((x) => x !== s.id) : [...list, s.id]))
                }
              >
                {s.label}
              </button>
            );
          })}
        </div>
      </div>
      {stages.map((s, i) => (
        <StageFields
          key={s.key}
          index={i}
          stage={s}
          soak={lastIsSoak && i === stages.length - 1}
          bad={bad}
          onChange={(patch) => change(i, patch)}
          onRemove={
            stages.length > 1 ? () => setStages((list) => list.filter((_, j) => j !== i)) : null
          }
        />
      ))}
      <button
        type="button"
        className="button"
        onClick={() => setStages((l) => [...l, blankStage()])}
      >
        Add a stage
      </button>
      <div className="field">
        <button
          type="button"
          role="switch"
          aria-checked={lastIsSoak}
          className={lastIsSoak ? 'check on' : 'check'}
          onClick={() => setLastIsSoak((v) => !v)}
        >
          The last stage is the soak at casting temperature: {lastIsSoak ? 'yes' : 'no'}
        </button>
        <small className="hint">
          In the soak the kiln is set to the flask temperature chosen when the burnout starts; its
          °C above is the most that may be set.
        </small>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {added && (
        <p className="ok" role="status">
          {added}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        Add program
      </button>
    </form>
  );
}

function StageFields({
  index,
  stage,
  soak,
  bad,
  onChange,
  onRemove,
}: {
  index: number;
  stage: StageDraft;
  soak: boolean;
  bad: ReadonlySet<string>;
  onChange: (patch: Partial<StageDraft>) => void;
  onRemove: (() => void) | null;
}) {
  const baseId = useId();
  const at = `stages.${index}`;
  const temp = parseDecimal(stage.temp);
  const minutes = parseDecimal(stage.minutes);
  return (
    <fieldset className="cs-stage">
      <legend>
        Stage {index + 1}
        {soak ? ' (soak)' : ''}
      </legend>
      <div className="field">
        <label htmlFor={`${baseId}-label`}>Stage {index + 1} name</label>
        <input
          id={`${baseId}-label`}
          value={stage.label}
          maxLength={60}
          placeholder={soak ? 'Soak' : 'Wax out'}
          aria-invalid={bad.has(`${at}.label`)}
          onChange={(e) => onChange({ label: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${baseId}-temp`}>Stage {index + 1} °C</label>
        <input
          id={`${baseId}-temp`}
          inputMode="numeric"
          autoComplete="off"
          value={stage.temp}
          aria-invalid={bad.has(`${at}.tempC`)}
          onChange={(e) => onChange({ temp: e.target.value })}
        />
        {temp !== undefined && <small className="hint">{cToF(temp)} °F</small>}
      </div>
      <div className="field">
        <label htmlFor={`${baseId}-minutes`}>Stage {index + 1} minutes</label>
        <input
          id={`${baseId}-minutes`}
          inputMode="numeric"
          autoComplete="off"
          value={stage.minutes}
          aria-invalid={bad.has(`${at}.minutes`)}
          onChange={(e) => onChange({ minutes: e.target.value })}
        />
        {minutes !== undefined && Number.isInteger(minutes) && minutes > 0 && (
          <small className="hint">{stageLength(minutes)}</small>
        )}
      </div>
      {onRemove && (
        <button type="button" className="button" onClick={onRemove}>
          Remove stage {index + 1}
        </button>
      )}
    </fieldset>
  );
}
