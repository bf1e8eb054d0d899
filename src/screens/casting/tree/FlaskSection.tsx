// The flask: its tag, size, investment and water ratio, the powder and water for it, "Mixed now", and
// the working time and bench set counted from that moment.
import { useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { db, investTree } from '../../../db';
import { FLASK_SIZES, formatDuration, type FlaskSizeId } from '../../../domain/casting/burnout';
import {
  DEFAULT_WORKING_MINUTES,
  INVESTMENT_WATER_RATIOS,
  investmentFor,
  setTimeLeft,
  workingTimeLeft,
} from '../../../domain/casting/castingMath';
import type { TreeState } from '../../../domain/casting/tree';
import type { StaffMember } from '../../../domain/staff';
import { INVESTMENTS } from '../../../protocol/casting';
import { classifyScan } from '../../../scan/payload';
import { whenText } from '../../jobs/job/format';
import { useSubmit } from '../../jobs/job/useSubmit';
import { ChoiceButtons, ErrorLine, NumberField, TreeTick } from './controls';
import { flaskSizeLabel, INVESTMENT_LABELS, minutesSeconds, msText } from './treeText';
import { useNow } from '../../../components/useNow';

interface SectionProps {
  tree: TreeState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}

type Investment = (typeof INVESTMENTS)[number];

/** The printable tag of a flask. */
export function flaskTagPath(flaskId: string): string {
  return `/casting/flasks/${encodeURIComponent(flaskId)}/tag`;
}

export function FlaskSection({ tree, actor, nameOf }: SectionProps) {
  const invested = tree.invested;
  if (!invested) {
    if (tree.jobIds.length === 0) {
      return (
        <p className="muted">Put the waxes on the tree first: an empty tree is not invested.</p>
      );
    }
    return actor ? (
      <InvestForm tree={tree} actor={actor} />
    ) : (
      <p className="muted">Not invested yet.</p>
    );
  }
  return (
    <>
      <dl className="tp-facts">
        <div>
          <dt>Flask</dt>
          <dd className="tp-flask-id">{invested.flaskId}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{flaskSizeLabel(invested.flaskSize)}</dd>
        </div>
        <div>
          <dt>Investment</dt>
          <dd>{INVESTMENT_LABELS[invested.investment]}</dd>
        </div>
        <div>
          <dt>Powder · water</dt>
          <dd>
            {invested.powderG} g · {invested.waterMl} ml
          </dd>
        </div>
      </dl>
      <p className="tp-who">
        Mixed at {msText(invested.mixedAtMs)} · recorded by {nameOf(invested.by)} ·{' '}
        {whenText(invested.at)}
      </p>
      {tree.stage === 'invested' && <FlaskTimers tree={tree} />}
      <div className="tp-ticks">
        <TreeTick tree={tree} stepId="vacuum" actor={actor} nameOf={nameOf} />
      </div>
      <p>
        <Link to={flaskTagPath(invested.flaskId)} className="button">
          Print flask tag
        </Link>
      </p>
    </>
  );
}

/**
 * The working time (to pour before the investment sets) and the bench set (before dewax and
 * burnout), both from the moment powder met water. The pour is not recorded apart: it happens
 * inside the working time, so the set counted from the mix errs by those few minutes at most.
 */
function FlaskTimers({ tree }: { tree: TreeState }) {
  const now = useNow(1000);
  const invested = tree.invested;
  if (!invested) return null;
  const working = workingTimeLeft(invested.mixedAtMs, invested.workingMinutes, now);
  const set = setTimeLeft(invested.mixedAtMs, now);
  return (
    <div className="tp-timers">
      <div className={working.over ? 'tp-timer over' : 'tp-timer'} aria-label="Working time left">
        <span className="tp-label">Working time</span>
        {working.over ? (
          <span className="tp-timer-text">Over at {msText(working.endsAtMs)}</span>
        ) : (
          <span className="tp-big-num" role="timer">
            {minutesSeconds(working.msLeft)}
          </span>
        )}
      </div>
      <div className={set.over ? 'tp-timer over' : 'tp-timer'} aria-label="Bench set left">
        <span className="tp-label">Bench set before burnout</span>
        {set.over ? (
          <span className="tp-timer-text">
            Set since {msText(set.endsAtMs)}: ready for the kiln
          </span>
        ) : (
          <>
            <span className="tp-big-num" role="timer">
              {formatDuration(set.msLeft)}
            </span>
            <span className="hint">left · ready at {msText(set.endsAtMs)}</span>
          </>
        )}
      </div>
    </div>
  );
}

const RATIO_CHOICES = [
  {
    value: INVESTMENT_WATER_RATIOS.large,
    label: `${INVESTMENT_WATER_RATIOS.large}`,
    detail: 'large',
  },
  {
    value: INVESTMENT_WATER_RATIOS.medium,
    label: `${INVESTMENT_WATER_RATIOS.medium}`,
    detail: 'medium',
  },
  {
    value: INVESTMENT_WATER_RATIOS.fine,
    label: `${INVESTMENT_WATER_RATIOS.fine}`,
    detail: 'fine detail',
  },
] as const;

/** What a typed or scanned flask field holds: a scanned tag's link names its flask. */
function flaskIdOf(text: string): string {
  const scan = classifyScan(text, window.location.origin);
  return scan.kind === 'flask' ? scan.flaskId : text.trim().toUpperCase();
}

function InvestForm({ tree, actor }: { tree: TreeState; actor: StaffMember }) {
  const [flaskText, setFlaskText] = useState('');
  const [size, setSize] = useState<FlaskSizeId | null>(null);
  const [investment, setInvestment] = useState<Investment>('gypsum');
  // Fine detail is most of a jewelry shop's casting, and the maker's reference mix (40 : 100).
  const [ratio, setRatio] = useState<number>(INVESTMENT_WATER_RATIOS.fine);
  const [powder, setPowder] = useState('');
  const [water, setWater] = useState('');
  const [working, setWorking] = useState(String(DEFAULT_WORKING_MINUTES));
  const submit = useSubmit();

  // Choosing a size or a ratio fills in the amounts; either can then be changed to what is on the scale.
  const fill = (nextSize: FlaskSizeId | null, nextRatio: number) => {
    if (nextSize === null) return;
    const amounts = investmentFor(nextSize, nextRatio);
    setPowder(String(amounts.powderG));
    setWater(String(amounts.waterMl));
  };
  const changePowder = (text: string) => {
    setPowder(text);
    const g = parseDecimal(text);
    // The water follows the powder at the chosen ratio, as the maker's chart reads.
    if (g !== undefined && g > 0) setWater(String(Math.round((g * ratio) / 100)));
  };

  const mixed = (e: SyntheticEvent) => {
    e.preventDefault();
    const flaskId = flaskIdOf(flaskText);
    const powderG = parseDecimal(powder);
    const waterMl = parseDecimal(water);
    const workingMinutes = parseDecimal(working);
    if (flaskId === '') {
      submit.setError('Enter the flask’s id, as its tag reads (e.g. F12).');
      return;
    }
    if (size === null) {
      submit.setError('Choose the flask size.');
      return;
    }
    if (powderG === undefined || waterMl === undefined) {
      submit.setError('Enter the powder in grams and the water in ml.');
      return;
    }
    if (workingMinutes === undefined) {
      submit.setError('Enter the working time in minutes.');
      return;
    }
    void submit.run(() =>
      investTree(
        db,
        {
          treeId: tree.id,
          flaskId,
          flaskSize: size,
          investment,
          powderG,
          waterMl,
          // The countdown starts as powder meets water: this tap is that moment.
          mixedAtMs: Date.now(),
          workingMinutes,
        },
        actor.id,
      ),
    );
  };

  return (
    <form className="tp-form" aria-label="Invest the flask" onSubmit={mixed} noValidate>
      <label className="tp-field">
        <span className="tp-label">Flask ID</span>
        <input
          className="tp-flask-input"
          value={flaskText}
          autoComplete="off"
          autoCapitalize="characters"
          placeholder="F12"
          // Upper case as it is typed: tags are printed and looked up upper case.
          onChange={(e) => setFlaskText(e.target.value.toUpperCase())}
          // A scanned tag's link becomes its flask id. Enter (a wedge scanner ends with it) only
          // does that: it must not press "Mixed now", which starts the working-time clock.
          onBlur={() => setFlaskText(flaskIdOf(flaskText))}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            setFlaskText(flaskIdOf(flaskText));
          }}
        />
      </label>
      <ChoiceButtons
        label="Flask size"
        value={size}
        onChange={(s) => {
          setSize(s);
          fill(s, ratio);
        }}
        choices={FLASK_SIZES.map((s) => ({ value: s.id, label: s.label }))}
      />
      <ChoiceButtons
        label="Investment"
        value={investment}
        onChange={setInvestment}
        choices={INVESTMENTS.map((i) => ({ value: i, label: INVESTMENT_LABELS[i] }))}
      />
      <ChoiceButtons
        label="Water to 100 powder"
        value={ratio}
        onChange={(r) => {
          setRatio(r);
          fill(size, r);
        }}
        choices={RATIO_CHOICES}
      />
      <div className="tp-pair">
        <NumberField
          label="Powder"
          unit="g"
          value={powder}
          onChange={changePowder}
          decimals={false}
        />
        <NumberField label="Water" unit="ml" value={water} onChange={setWater} decimals={false} />
      </div>
      {size === null && <p className="hint">Choose the flask size to see the powder and water.</p>}
      <NumberField
        label="Working time"
        unit="min"
        value={working}
        onChange={setWorking}
        hint="From powder into water to poured. Time your own investment: warm water shortens it."
      />
      <button type="submit" className="button button-primary tp-big" disabled={submit.busy}>
        Mixed now
      </button>
      <ErrorLine error={submit.error} />
    </form>
  );
}
