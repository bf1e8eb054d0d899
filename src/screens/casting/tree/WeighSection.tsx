// Weighing the wax tree on its rubber base, and the metal it needs worked out as the weights are typed.
import { useState, type SyntheticEvent } from 'react';
import { db, weighTree } from '../../../db';
import { BUTTON_SHARE, metalForTree } from '../../../domain/casting/castingMath';
import type { TreeState } from '../../../domain/casting/tree';
import type { StaffMember } from '../../../domain/staff';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { whenText } from '../../jobs/job/format';
import { useSubmit } from '../../jobs/job/useSubmit';
import { ErrorLine, NumberField } from './controls';
import { alloyName, grams } from './treeText';

interface SectionProps {
  tree: TreeState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}

export function WeighSection({ tree, actor, nameOf }: SectionProps) {
  const weighed = tree.weighed;
  const [gross, setGross] = useState(weighed ? String(weighed.grossG) : '');
  const [base, setBase] = useState(weighed ? String(weighed.baseG) : '');
  const submit = useSubmit();
  const open = tree.stage === 'building' || tree.stage === 'invested';
  const grossG = parseDecimal(gross);
  const baseG = parseDecimal(base);

  const save = (e: SyntheticEvent) => {
    e.preventDefault();
    if (!actor) return;
    if (grossG === undefined || baseG === undefined) {
      submit.setError('Enter both weights in grams: the tree on its base, then the base alone.');
      return;
    }
    void submit.run(() => weighTree(db, { treeId: tree.id, grossG, baseG }, actor.id));
  };

  return (
    <>
      {weighed && (
        <p className="tp-who">
          Weighed by {nameOf(weighed.by)} · {whenText(weighed.at)}: {grams(weighed.grossG)} on a{' '}
          {grams(weighed.baseG)} base.
        </p>
      )}
      {actor && open ? (
        <form className="tp-form" aria-label="Weigh the tree" onSubmit={save} noValidate>
          <div className="tp-pair">
            <NumberField
              label="Tree on its base"
              unit="g"
              value={gross}
              onChange={setGross}
              hint="Gross: the wax tree on its rubber base."
            />
            <NumberField
              label="Base alone"
              unit="g"
              value={base}
              onChange={setBase}
              hint="0 if the tree was weighed off its base."
            />
          </div>
          <MetalNeeded tree={tree} grossG={grossG} baseG={baseG} />
          <button type="submit" className="button button-primary tp-big" disabled={submit.busy}>
            {weighed ? 'Save the new weighing' : 'Save the weighing'}
          </button>
          <ErrorLine error={submit.error} />
        </form>
      ) : (
        weighed && <MetalNeeded tree={tree} grossG={weighed.grossG} baseG={weighed.baseG} />
      )}
      {!weighed && !actor && <p className="muted">Not weighed yet.</p>}
    </>
  );
}

/**
 * Wax, metal, button and total as metalForTree gives them, to 0.01 g. Said politely while the weights
 * are still being typed; its reason once both are there and do not add up.
 */
function MetalNeeded({
  tree,
  grossG,
  baseG,
}: {
  tree: TreeState;
  grossG: number | undefined;
  baseG: number | undefined;
}) {
  if (grossG === undefined || baseG === undefined) {
    return (
      <p className="muted tp-needed-empty" aria-live="polite">
        Enter both weights to see the metal to weigh out.
      </p>
    );
  }
  const metal = metalForTree(grossG, baseG, tree.alloyId);
  if (!metal.ok) {
    return (
      <p className="tp-warn" aria-live="polite">
        {metal.message}
      </p>
    );
  }
  const r = metal.rounded;
  return (
    <dl className="tp-figures" aria-label="Metal needed" aria-live="polite">
      <div>
        <dt>Wax</dt>
        <dd>{grams(r.waxG)}</dd>
      </div>
      <div>
        <dt>
          Metal ({alloyName(tree.alloyId)} × {metal.factor})
        </dt>
        <dd>{grams(r.metalG)}</dd>
      </div>
      <div>
        <dt>Button (~{Math.round(BUTTON_SHARE * 100)} %)</dt>
        <dd>{grams(r.buttonG)}</dd>
      </div>
      <div className="tp-total">
        <dt>Total to weigh out</dt>
        <dd>{grams(r.totalG)}</dd>
      </div>
    </dl>
  );
}
