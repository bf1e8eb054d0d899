// The cast: flask and casting temperatures with the rule of thumb beside them, the machine, then
// quench, devest and cut-off.
import { useState, type SyntheticEvent } from 'react';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { db, recordCast } from '../../../db';
import {
  FLASK_BELOW_MELTING_C,
  flaskTempRuleOfThumb,
  MELTING_POINTS_C,
} from '../../../domain/casting/castingMath';
import { metalIssuedG, type TreeState } from '../../../domain/casting/tree';
import type { StaffMember } from '../../../domain/staff';
import { whenText } from '../../jobs/job/format';
import { useSubmit } from '../../jobs/job/useSubmit';
import { ErrorLine, NumberField, TreeTick } from './controls';
import { lastMachine, rememberMachine } from './lastMachine';
import { metalNeededG } from './treeSections';
import { alloyName, degrees, grams, msText } from './treeText';

interface SectionProps {
  tree: TreeState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
  /** The burnout is through its stages by the wall clock. */
  burnoutReady: boolean;
}

/**
 * The melt is poured about this much above the alloy's melting point: DOMAIN.md's casting ranges
 * (fine gold 1064 °C cast at 1160–1170, fine silver 962 at 1050–1060, 14k yellow 879 at 900–1000).
 * Only the form's starting figure: the machine and the piece decide, and the caster types it.
 */
const CAST_ABOVE_MELTING_C = 100;

/** The soak temperature of the run as last started or changed: the flask's temperature at the cast. */
function soakTempC(tree: TreeState): number | null {
  let soak: number | null = null;
  for (const r of tree.burnout)
    if (r.kind === 'started' || r.kind === 'changed') soak = r.soakTempC;
  return soak;
}

export function CastSection({ tree, actor, nameOf, burnoutReady }: SectionProps) {
  const cast = tree.cast;
  if (tree.stage === 'building' || tree.stage === 'invested') {
    return <p className="muted">The flask is cast from the kiln, once its burnout is through.</p>;
  }
  return (
    <>
      {cast ? (
        <>
          <dl className="tp-facts">
            <div>
              <dt>Cast at</dt>
              <dd>{msText(cast.atMs)}</dd>
            </div>
            <div>
              <dt>Flask</dt>
              <dd>{degrees(cast.flaskTempC)}</dd>
            </div>
            <div>
              <dt>Metal</dt>
              <dd>{degrees(cast.castingTempC)}</dd>
            </div>
            <div>
              <dt>Machine</dt>
              <dd>{cast.machine}</dd>
            </div>
          </dl>
          <p className="tp-who">
            Recorded by {nameOf(cast.by)} · {whenText(cast.at)}
          </p>
          <div className="tp-ticks">
            <TreeTick tree={tree} stepId="quench" actor={actor} nameOf={nameOf} />
            <TreeTick tree={tree} stepId="devest" actor={actor} nameOf={nameOf} />
            <TreeTick tree={tree} stepId="cut_off" actor={actor} nameOf={nameOf} />
          </div>
        </>
      ) : actor ? (
        <CastForm tree={tree} actor={actor} burnoutReady={burnoutReady} />
      ) : (
        <p className="muted">Not cast yet.</p>
      )}
    </>
  );
}

function CastForm({
  tree,
  actor,
  burnoutReady,
}: {
  tree: TreeState;
  actor: StaffMember;
  burnoutReady: boolean;
}) {
  const melting = MELTING_POINTS_C[tree.alloyId];
  const advice = flaskTempRuleOfThumb(tree.alloyId);
  const soak = soakTempC(tree);
  const [flask, setFlask] = useState(soak === null ? '' : String(soak));
  const [metal, setMetal] = useState(
    String(Math.round((melting + CAST_ABOVE_MELTING_C) / 10) * 10),
  );
  const [machine, setMachine] = useState(lastMachine);
  const submit = useSubmit();
  const issuedG = metalIssuedG(tree).totalG;
  const neededG = metalNeededG(tree);

  const record = (e: SyntheticEvent) => {
    e.preventDefault();
    const flaskTempC = parseDecimal(flask);
    const castingTempC = parseDecimal(metal);
    if (flaskTempC === undefined || castingTempC === undefined) {
      submit.setError('Enter the flask and the casting temperature in °C.');
      return;
    }
    if (!Number.isInteger(flaskTempC) || !Number.isInteger(castingTempC)) {
      submit.setError('Enter the temperatures in whole degrees.');
      return;
    }
    void submit
      .run(() =>
        recordCast(
          db,
          { treeId: tree.id, atMs: Date.now(), flaskTempC, castingTempC, machine },
          actor.id,
        ),
      )
      .then((ok) => {
        if (ok) rememberMachine(machine);
      });
  };

  return (
    <form className="tp-form" aria-label="Record the cast" onSubmit={record} noValidate>
      {!burnoutReady && tree.stage === 'kiln' && (
        <p className="tp-warn">The burnout is not through its stages yet.</p>
      )}
      {issuedG === 0 ? (
        <p className="tp-warn">No metal is issued to this tree yet: issue it first.</p>
      ) : (
        neededG !== null &&
        issuedG < neededG - 0.005 && (
          <p className="tp-warn">
            Only {grams(issuedG)} of the {grams(neededG)} the tree needs is issued.
          </p>
        )
      )}
      <div className="tp-pair">
        <NumberField
          label="Flask temperature"
          unit="°C"
          value={flask}
          onChange={setFlask}
          decimals={false}
          hint={
            advice.flaskTempC === null || advice.capped
              ? advice.note
              : `Rule of thumb: cast the flask about ${FLASK_BELOW_MELTING_C} °C below the metal’s melting point — about ${advice.flaskTempC} °C.`
          }
        />
        <NumberField
          label="Casting temperature"
          unit="°C"
          value={metal}
          onChange={setMetal}
          decimals={false}
          hint={`${alloyName(tree.alloyId)} melts at about ${melting} °C.`}
        />
      </div>
      <label className="tp-field">
        <span className="tp-label">Casting machine</span>
        <input
          value={machine}
          maxLength={60}
          placeholder="Vacuum caster, centrifuge…"
          onChange={(e) => setMachine(e.target.value)}
        />
      </label>
      <button type="submit" className="button button-primary tp-big" disabled={submit.busy}>
        Record the cast
      </button>
      <ErrorLine error={submit.error} />
    </form>
  );
}
