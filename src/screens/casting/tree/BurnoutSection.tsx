// The burnout: pick a program and the flask temperature, start it, and follow the kiln — stage, what
// to set, time left, ready at — with pause, resume and change of program, each recorded and listed.
import { useState, type SyntheticEvent } from 'react';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { changeBurnout, db, pauseBurnout, resumeBurnout, startBurnout } from '../../../db';
import {
  BURNOUT_MAX_TEMP_C,
  burnoutStatus,
  checkSoakTemp,
  formatDuration,
  soakStage,
  type BurnoutStatus,
} from '../../../domain/casting/burnout';
import { flaskTempRuleOfThumb } from '../../../domain/casting/castingMath';
import type { BurnoutRecord, TreeState } from '../../../domain/casting/tree';
import type { StaffMember } from '../../../domain/staff';
import type { BurnoutProgramData } from '../../../protocol/casting';
import { whenText } from '../../jobs/job/format';
import { useSubmit } from '../../jobs/job/useSubmit';
import { ChoiceButtons, ErrorLine, NumberField, ReasonField } from './controls';
import { degrees, INVESTMENT_LABELS, msText, stageLength } from './treeText';
import { useBurnoutPrograms } from './useBurnoutPrograms';
import { useNow } from '../../../components/useNow';

interface SectionProps {
  tree: TreeState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}

export function BurnoutSection({ tree, actor, nameOf }: SectionProps) {
  return (
    <>
      {tree.stage === 'building' && (
        <p className="muted">Invest the flask first: the burnout starts once it has set.</p>
      )}
      {tree.stage === 'invested' &&
        (actor ? <StartForm tree={tree} actor={actor} /> : <p className="muted">Not started.</p>)}
      {tree.stage === 'kiln' && <KilnNow tree={tree} actor={actor} />}
      {tree.burnout.length > 0 && <BurnoutRecords tree={tree} nameOf={nameOf} />}
    </>
  );
}

/** "2 h 149 °C · 1 h 371 °C · 2 h 732 °C · 1 h soak": a program at a glance. */
function programStages(program: BurnoutProgramData): string {
  return program.stages
    .map((s) => `${stageLength(s.minutes)} ${s.soak ? 'soak' : `${s.tempC} °C`}`)
    .join(' · ');
}

/**
 * The flask temperature a run soaks at by default: the alloy's rule of thumb, never above what the
 * program's soak allows (482 °C with stones in place). Null for an alloy gypsum will not take.
 */
function defaultSoakC(tree: TreeState, program: BurnoutProgramData | undefined): number | null {
  const rule = flaskTempRuleOfThumb(tree.alloyId).flaskTempC;
  if (rule === null) return null;
  const ceiling = program ? (soakStage(program)?.tempC ?? BURNOUT_MAX_TEMP_C) : BURNOUT_MAX_TEMP_C;
  return Math.min(rule, ceiling);
}

function SoakAdvice({ tree }: { tree: TreeState }) {
  const advice = flaskTempRuleOfThumb(tree.alloyId);
  return (
    <p
      className={advice.gypsumOk ? 'hint' : 'tp-warn'}
      role={advice.gypsumOk ? undefined : 'alert'}
    >
      {advice.gypsumOk ? advice.note : `Gypsum will not do. ${advice.note}`}
    </p>
  );
}

/** The program picker of a start or a change: big buttons, the ones for this flask first. */
function ProgramPicker({
  programs,
  value,
  onChange,
}: {
  programs: readonly BurnoutProgramData[];
  value: string | null;
  onChange: (id: string) => void;
}) {
  return (
    <ChoiceButtons
      label="Program"
      value={value}
      onChange={onChange}
      choices={programs.map((p) => ({
        value: p.id,
        label: p.name,
        detail: programStages(p),
      }))}
    />
  );
}

/** The soak temperature as typed, checked against the program the way the kiln will run it. */
function checkedSoak(program: BurnoutProgramData, text: string): number | string {
  const c = parseDecimal(text);
  if (c === undefined) return 'Enter the flask temperature for the soak, in whole °C.';
  if (!Number.isInteger(c)) return 'Enter the soak temperature in whole degrees.';
  const check = checkSoakTemp(program, c);
  return check.ok ? check.soakTempC : check.message;
}

function StartForm({ tree, actor }: { tree: TreeState; actor: StaffMember }) {
  const programs = useBurnoutPrograms(tree.invested?.flaskSize);
  const [chosen, setChosen] = useState<string | null>(null);
  const [soak, setSoak] = useState<string | null>(null);
  const submit = useSubmit();
  if (programs === undefined) return null;
  const program = programs.find((p) => p.id === chosen) ?? programs[0];
  const fallback = defaultSoakC(tree, program);
  const soakText = soak ?? (fallback === null ? '' : String(fallback));
  const investment = tree.invested?.investment;

  const start = (e: SyntheticEvent) => {
    e.preventDefault();
    if (!program) return;
    const soakTempC = checkedSoak(program, soakText);
    if (typeof soakTempC === 'string') {
      submit.setError(soakTempC);
      return;
    }
    void submit.run(() =>
      startBurnout(
        db,
        { treeId: tree.id, programId: program.id, soakTempC, atMs: Date.now() },
        actor.id,
      ),
    );
  };

  return (
    <form className="tp-form" aria-label="Start the burnout" onSubmit={start} noValidate>
      <ProgramPicker
        programs={programs}
        value={program?.id ?? null}
        onChange={(id) => {
          setChosen(id);
          // A new program may allow a lower soak only: its default follows unless one was typed.
          setSoak(null);
        }}
      />
      {program && investment && program.investment !== investment && (
        <p className="tp-warn">
          {program.name} is for {INVESTMENT_LABELS[program.investment].toLowerCase()} investment;
          this flask is {INVESTMENT_LABELS[investment].toLowerCase()}.
        </p>
      )}
      <NumberField
        label="Flask temperature for the soak"
        unit="°C"
        value={soakText}
        onChange={setSoak}
        decimals={false}
      />
      <SoakAdvice tree={tree} />
      <button type="submit" className="button button-primary tp-big" disabled={submit.busy}>
        Start burnout
      </button>
      <ErrorLine error={submit.error} />
    </form>
  );
}

const STATE_WORDS = { running: 'Running', paused: 'Paused', ready: 'Ready to cast' } as const;

/** The kiln now, worked out for this second from the recorded run. */
function KilnNow({ tree, actor }: { tree: TreeState; actor: StaffMember | null }) {
  const now = useNow(1000);
  // A pause or change just recorded counts at once, not at the next tick of the clock (nor when
  // this tablet's clock, a little behind another tablet's, catches up with it).
  const latest = tree.burnout.reduce((at, r) => Math.max(at, r.atMs), 0);
  const status = burnoutStatus(tree.burnout, Math.max(now, latest));
  if (!status) return <p className="muted">The burnout has not started by this tablet’s clock.</p>;
  return (
    <>
      <KilnStatus status={status} />
      {actor && <KilnActions tree={tree} actor={actor} status={status} />}
    </>
  );
}

export function KilnStatus({ status }: { status: BurnoutStatus }) {
  const { program, stage, stageIndex } = status;
  return (
    <div className={`tp-kiln tp-kiln-${status.state}`} aria-label="Kiln now">
      <p className="tp-kiln-state">
        <strong>{STATE_WORDS[status.state]}</strong> · {program.name}
      </p>
      <dl className="tp-figures">
        <div>
          <dt>
            Stage {stageIndex + 1} of {program.stages.length}
          </dt>
          <dd>{stage.label}</dd>
        </div>
        <div className="tp-total">
          <dt>Set the kiln to</dt>
          <dd>{degrees(status.setTempC)}</dd>
        </div>
        {status.state !== 'ready' && (
          <div>
            <dt>Left in this stage</dt>
            <dd>{formatDuration(status.msLeftInStage)}</dd>
          </div>
        )}
        <div>
          <dt>{status.state === 'ready' ? 'Ready since' : 'Ready at'}</dt>
          <dd>{status.readyAtMs === null ? 'waits while paused' : msText(status.readyAtMs)}</dd>
        </div>
      </dl>
      {status.nextStage && status.state !== 'ready' && (
        <p className="hint">
          Next: {status.nextStage.label}
          {status.nextStage.soak
            ? ` at ${status.soakTempC} °C`
            : ` at ${status.nextStage.tempC} °C`}
          {status.stageEndsAtMs !== null ? `, at ${msText(status.stageEndsAtMs)}` : ''}.
        </p>
      )}
      {status.pausedSinceMs !== null && (
        <p className="tp-warn">
          Paused since {msText(status.pausedSinceMs)}: the stage clock waits.
        </p>
      )}
    </div>
  );
}

function KilnActions({
  tree,
  actor,
  status,
}: {
  tree: TreeState;
  actor: StaffMember;
  status: BurnoutStatus;
}) {
  const [reason, setReason] = useState('');
  const [changing, setChanging] = useState(false);
  const submit = useSubmit();
  const paused = status.state === 'paused';

  const pauseOrResume = (e: SyntheticEvent) => {
    e.preventDefault();
    const atMs = Date.now();
    void submit
      .run(() =>
        paused
          ? resumeBurnout(db, { treeId: tree.id, atMs }, actor.id)
          : pauseBurnout(db, { treeId: tree.id, atMs, reason }, actor.id),
      )
      .then((ok) => {
        if (ok) setReason('');
      });
  };

  return (
    <>
      <form
        className="tp-form"
        aria-label={paused ? 'Resume the burnout' : 'Pause the burnout'}
        onSubmit={pauseOrResume}
        noValidate
      >
        {!paused && (
          <ReasonField
            label="Why pause?"
            value={reason}
            placeholder="Power cut, kiln door, thermocouple…"
            onChange={setReason}
          />
        )}
        <div className="tp-actions">
          <button type="submit" className="button button-primary tp-big" disabled={submit.busy}>
            {paused ? 'Resume burnout' : 'Pause burnout'}
          </button>
          <button
            type="button"
            className="button tp-big"
            aria-expanded={changing}
            onClick={() => setChanging((c) => !c)}
          >
            Change program…
          </button>
        </div>
        <ErrorLine error={submit.error} />
      </form>
      {changing && (
        <ChangeForm tree={tree} actor={actor} status={status} onDone={() => setChanging(false)} />
      )}
    </>
  );
}

/** Run another program (or this one) from one of its stages, from now on: a reason is part of the record. */
function ChangeForm({
  tree,
  actor,
  status,
  onDone,
}: {
  tree: TreeState;
  actor: StaffMember;
  status: BurnoutStatus;
  onDone: () => void;
}) {
  const programs = useBurnoutPrograms(tree.invested?.flaskSize);
  const [programId, setProgramId] = useState(status.program.id);
  const [stageIndex, setStageIndex] = useState(status.stageIndex);
  const [soak, setSoak] = useState(String(status.soakTempC));
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  if (programs === undefined) return null;
  const program = programs.find((p) => p.id === programId) ?? status.program;
  const stage = Math.min(stageIndex, program.stages.length - 1);

  const change = (e: SyntheticEvent) => {
    e.preventDefault();
    const soakTempC = checkedSoak(program, soak);
    if (typeof soakTempC === 'string') {
      submit.setError(soakTempC);
      return;
    }
    void submit
      .run(() =>
        changeBurnout(
          db,
          {
            treeId: tree.id,
            programId: program.id,
            stageIndex: stage,
            soakTempC,
            atMs: Date.now(),
            reason,
          },
          actor.id,
        ),
      )
      .then((ok) => {
        if (ok) onDone();
      });
  };

  return (
    <form
      className="tp-form tp-subform"
      aria-label="Change the burnout program"
      onSubmit={change}
      noValidate
    >
      <ProgramPicker programs={programs} value={program.id} onChange={setProgramId} />
      <ChoiceButtons
        label="From stage"
        value={stage}
        onChange={setStageIndex}
        choices={program.stages.map((s, i) => ({
          value: i,
          label: `${i + 1}. ${s.label}`,
          detail: `${stageLength(s.minutes)} at ${s.soak ? 'the soak temperature' : `${s.tempC} °C`}`,
        }))}
      />
      <NumberField
        label="Flask temperature for the soak"
        unit="°C"
        value={soak}
        onChange={setSoak}
        decimals={false}
      />
      <ReasonField
        label="Why change?"
        value={reason}
        placeholder="Kiln went cold, bigger flask than planned…"
        onChange={setReason}
      />
      <div className="tp-actions">
        <button type="submit" className="button button-primary tp-big" disabled={submit.busy}>
          Change program
        </button>
        <button type="button" className="button tp-big" onClick={onDone}>
          Keep the program
        </button>
      </div>
      <ErrorLine error={submit.error} />
    </form>
  );
}

function recordWords(r: BurnoutRecord): string {
  switch (r.kind) {
    case 'started':
      return `Started ${r.program.name}, soak at ${r.soakTempC} °C`;
    case 'paused':
      return `Paused${r.reason ? `: ${r.reason}` : ''}`;
    case 'resumed':
      return 'Resumed';
    case 'changed': {
      const stage = r.program.stages[r.stageIndex];
      return `Changed to ${r.program.name} from stage ${r.stageIndex + 1}${stage ? ` (${stage.label})` : ''}, soak at ${r.soakTempC} °C${r.reason ? `: ${r.reason}` : ''}`;
    }
  }
}

/** Every start, pause, resume and change: the kiln's own log, with who recorded it. */
function BurnoutRecords({
  tree,
  nameOf,
}: {
  tree: TreeState;
  nameOf: (staffId: string) => string;
}) {
  return (
    <ol className="tp-list" aria-label="Burnout record">
      {tree.burnout.map((r) => (
        <li key={r.eventId}>
          <span>
            <strong>{msText(r.atMs)}</strong> {recordWords(r)} · {nameOf(r.by)}
          </span>
          <span className="tp-when">recorded {whenText(r.at)}</span>
        </li>
      ))}
    </ol>
  );
}
