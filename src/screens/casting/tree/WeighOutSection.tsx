// The weigh-out after cut-off: each job's casting, the button and the sprues and where they went, then
// the metal loss against what was issued, flagged over the shop's threshold.
import { useState, type SyntheticEvent } from 'react';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { db, useShop, weighOut } from '../../../db';
import { DEFAULT_LOSS_THRESHOLD_PCT, metalLoss } from '../../../domain/casting/castingMath';
import { metalIssuedG, type TreeState } from '../../../domain/casting/tree';
import type { StaffMember } from '../../../domain/staff';
import { whenText } from '../../jobs/job/format';
import { useSubmit } from '../../jobs/job/useSubmit';
import { ChoiceButtons, ErrorLine, NumberField } from './controls';
import { alloyName, DESTINATION_LABELS, grams, liveJobs } from './treeText';

interface SectionProps {
  tree: TreeState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}

type Destination = keyof typeof DESTINATION_LABELS;

export function WeighOutSection({ tree, actor, nameOf }: SectionProps) {
  const [correcting, setCorrecting] = useState(false);
  if (tree.stage !== 'cast' && tree.stage !== 'done') {
    return <p className="muted">Weigh out after the cast and cut-off.</p>;
  }
  const out = tree.weighedOut;
  return (
    <>
      {out && <WeighedOut tree={tree} nameOf={nameOf} />}
      {actor && (!out || correcting) && (
        <WeighOutForm tree={tree} actor={actor} onDone={() => setCorrecting(false)} />
      )}
      {actor && out && !correcting && (
        <button type="button" className="button" onClick={() => setCorrecting(true)}>
          Correct the weigh-out…
        </button>
      )}
    </>
  );
}

/** The loss threshold the shop set, else the built-in 1 %. */
export function useLossThresholdPct(): number {
  return useShop()?.lossThresholdPct ?? DEFAULT_LOSS_THRESHOLD_PCT;
}

/** The loss of a weighed-out tree; null when no metal was issued (there is nothing to lose). */
export function treeLoss(tree: TreeState, thresholdPct: number) {
  const out = tree.weighedOut;
  const issuedG = metalIssuedG(tree).totalG;
  if (!out || issuedG <= 0) return null;
  const castingsG = out.castings.reduce((sum, c) => sum + c.grams, 0);
  return {
    issuedG,
    castingsG,
    ...metalLoss({ issuedG, castingsG, buttonG: out.buttonG, spruesG: out.spruesG }, thresholdPct),
  };
}

function WeighedOut({ tree, nameOf }: { tree: TreeState; nameOf: (staffId: string) => string }) {
  const threshold = useLossThresholdPct();
  const out = tree.weighedOut;
  if (!out) return null;
  const loss = treeLoss(tree, threshold);
  const envelope = (jobId: string) =>
    tree.jobs.find((j) => j.jobId === jobId)?.envelopeNumber ?? jobId;
  return (
    <>
      <ul className="tp-list" aria-label="Castings weighed out">
        {out.castings.map((c) => (
          <li key={c.jobId}>
            <span>
              <strong>{envelope(c.jobId)}</strong> casting
            </span>
            <span className="tp-num-inline">{grams(c.grams)}</span>
          </li>
        ))}
        <li>
          <span>Button → {DESTINATION_LABELS[out.buttonTo].toLowerCase()}</span>
          <span className="tp-num-inline">{grams(out.buttonG)}</span>
        </li>
        <li>
          <span>Sprues → {DESTINATION_LABELS[out.spruesTo].toLowerCase()}</span>
          <span className="tp-num-inline">{grams(out.spruesG)}</span>
        </li>
      </ul>
      <p className="tp-who">
        Weighed out by {nameOf(out.by)} · {whenText(out.at)}
      </p>
      {loss && (
        <div
          className={loss.flagged ? 'tp-loss flagged' : 'tp-loss'}
          role={loss.flagged ? 'alert' : 'status'}
          aria-label="Metal loss"
        >
          <p>
            Issued {grams(loss.issuedG)} − back {grams(loss.castingsG + out.buttonG + out.spruesG)}{' '}
            = loss <span className="tp-big-num">{grams(loss.lossG)}</span>{' '}
            <span className="tp-big-num">({Number(loss.lossPct.toFixed(2))} %)</span>
          </p>
          {loss.flagged ? (
            <p>
              <strong>Check this cast.</strong> {loss.reason}
            </p>
          ) : (
            <p>Within the {threshold} % the shop allows.</p>
          )}
        </div>
      )}
      {(out.buttonTo === 'scrap' || out.spruesTo === 'scrap') && (
        <p className="hint">
          Scrap goes to the {alloyName(tree.alloyId)} scrap pot, apart from other karats.
        </p>
      )}
    </>
  );
}

function WeighOutForm({
  tree,
  actor,
  onDone,
}: {
  tree: TreeState;
  actor: StaffMember;
  onDone: () => void;
}) {
  const jobs = liveJobs(tree);
  const out = tree.weighedOut;
  const [castings, setCastings] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      jobs.map((j) => {
        const g = out?.castings.find((c) => c.jobId === j.jobId)?.grams;
        return [j.jobId, g === undefined ? '' : String(g)];
      }),
    ),
  );
  const [button, setButton] = useState(out ? String(out.buttonG) : '');
  const [sprues, setSprues] = useState(out ? String(out.spruesG) : '');
  const [buttonTo, setButtonTo] = useState<Destination>(out?.buttonTo ?? 'stock');
  const [spruesTo, setSpruesTo] = useState<Destination>(out?.spruesTo ?? 'stock');
  const submit = useSubmit();
  const destinations = [
    { value: 'stock' as const, label: DESTINATION_LABELS.stock },
    { value: 'scrap' as const, label: `${alloyName(tree.alloyId)} scrap pot` },
  ];

  const save = (e: SyntheticEvent) => {
    e.preventDefault();
    const weighed: { jobId: string; grams: number }[] = [];
    for (const j of jobs) {
      const g = parseDecimal(castings[j.jobId] ?? '');
      if (g === undefined) {
        submit.setError(`Enter the casting of ${j.envelopeNumber} in grams (0 if it failed).`);
        return;
      }
      weighed.push({ jobId: j.jobId, grams: g });
    }
    const buttonG = parseDecimal(button);
    const spruesG = parseDecimal(sprues);
    if (buttonG === undefined || spruesG === undefined) {
      submit.setError(
        'Enter the button and the sprues in grams (0 if weighed together with the other).',
      );
      return;
    }
    void submit
      .run(() =>
        weighOut(
          db,
          { treeId: tree.id, castings: weighed, buttonG, spruesG, buttonTo, spruesTo },
          actor.id,
        ),
      )
      .then((ok) => {
        if (ok) onDone();
      });
  };

  return (
    <form className="tp-form" aria-label="Weigh out" onSubmit={save} noValidate>
      <div className="tp-pair">
        {jobs.map((j) => (
          <NumberField
            key={j.jobId}
            label={`${j.envelopeNumber} casting`}
            unit="g"
            value={castings[j.jobId] ?? ''}
            onChange={(text) => setCastings((c) => ({ ...c, [j.jobId]: text }))}
          />
        ))}
      </div>
      <div className="tp-pair">
        <div>
          <NumberField label="Button" unit="g" value={button} onChange={setButton} />
          <ChoiceButtons
            label="Button goes"
            value={buttonTo}
            onChange={setButtonTo}
            choices={destinations}
          />
        </div>
        <div>
          <NumberField label="Sprues" unit="g" value={sprues} onChange={setSprues} />
          <ChoiceButtons
            label="Sprues go"
            value={spruesTo}
            onChange={setSpruesTo}
            choices={destinations}
          />
        </div>
      </div>
      <button type="submit" className="button button-primary tp-big" disabled={submit.busy}>
        {out ? 'Save the corrected weigh-out' : 'Save the weigh-out'}
      </button>
      <ErrorLine error={submit.error} />
    </form>
  );
}
