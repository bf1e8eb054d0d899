// Pick-up that proves it is the same piece: the pick-up photo beside the intake photos, the stones
// counted with the customer, the piece weighed back, and the customer's signature, before it is
// marked collected. DOMAIN.md ("Take-in"): a piece marked collected without a signature has cost
// shops in court; collectJob (db/) checks all of it again as it records.
import { ErrorLine } from '../../../components/ErrorLine';
import { useId, useState } from 'react';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { SignaturePad } from '../../../components/SignaturePad';
import { collectJob, db } from '../../../db';
import type { JobState } from '../../../domain/job';
import { returnCheck } from '../../../domain/ledger/jobMetal';
import type { StaffMember } from '../../../domain/staff';
import {
  canMoveTo,
  intakeStoneCount,
  needsPickupPhoto,
  NO_PICKUP_PHOTO,
  NO_RETURN_WEIGHT,
  NO_SIGNATURE,
  STONE_REASON_MAX,
  stoneCountProblem,
  stoneDifferenceText,
  stonesText,
} from '../../../domain/workflow';
import { storePickedPhoto } from '../../../photos/storePickedPhoto';
import { gramsSchema } from '../../../protocol/events';
import { PickupComparison } from './PickupComparison';
import { useSubmit } from './useSubmit';
import { useScaleChoice, useScaleToleranceG, useWeighingScales } from './weights';
import { ReturnCheckNote, ScalePicker } from './WeightsPanel';
import './collect.css';

type ProblemKey = 'pickupPhoto' | 'stoneCount' | 'stoneReason' | 'returnWeightG' | 'signature';
interface Problem {
  key: ProblemKey;
  message: string;
}

/** The count as typed: undefined when empty, NaN when it is not a whole number (said as such). */
function parseCount(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** "2 white stone, 1 red stone (3 mm)": the intake's rows, as the envelope noted them. */
function stoneRowsText(job: JobState): string {
  return job.item.stones
    .map((s) => `${s.count} ${s.kind}${s.sizeMm === undefined ? '' : ` (${s.sizeMm} mm)`}`)
    .join(', ');
}

export function CollectPanel({ job, actor }: { job: JobState; actor: StaffMember }) {
  const [text, setText] = useState('');
  const [countText, setCountText] = useState('');
  const [reason, setReason] = useState('');
  const [pickup, setPickup] = useState<{ sha256: string; takenAt: number } | null>(null);
  const [signature, setSignature] = useState<Blob | null>(null);
  const [asked, setAsked] = useState<ReadonlySet<ProblemKey>>(new Set());
  const submit = useSubmit();
  const weightId = useId();
  const countId = useId();
  const reasonId = useId();
  const countHintId = useId();
  const toleranceG = useScaleToleranceG();
  // The return weight names its scale, so a weighing on a scale out of calibration is flagged.
  const weighing = useWeighingScales();
  const [scaleId, setScaleId] = useScaleChoice(job, weighing?.scales ?? []);

  const returned = parseDecimal(text);
  const count = parseCount(countText);
  const atIntake = intakeStoneCount(job);
  const differs = count !== undefined && Number.isInteger(count) && count !== atIntake;

  // Everything the pick-up still lacks, in the order the counter does it.
  const problems = (): Problem[] => {
    const weight = returned === undefined ? null : gramsSchema.safeParse(returned);
    const stones = stoneCountProblem(job, count, reason);
    return [
      ...(pickup === null && needsPickupPhoto(job)
        ? [{ key: 'pickupPhoto' as const, message: NO_PICKUP_PHOTO }]
        : []),
      ...(stones ? [stones] : []),
      ...(weight === null ? [{ key: 'returnWeightG' as const, message: NO_RETURN_WEIGHT }] : []),
      ...(weight && !weight.success
        ? [
            {
              key: 'returnWeightG' as const,
              message: weight.error.issues.map((i) => i.message).join(' '),
            },
          ]
        : []),
      ...(signature === null ? [{ key: 'signature' as const, message: NO_SIGNATURE }] : []),
    ];
  };
  // What was missing when "Mark collected" was tapped, less what has been given since: an answered
  // problem does not stay red, and nothing turns red before the tap.
  const shown = problems().filter((p) => asked.has(p.key));
  const flagged = (key: ProblemKey) => shown.some((p) => p.key === key);

  const stepCount = (by: number) => {
    const from = count !== undefined && Number.isInteger(count) ? count : by > 0 ? 0 : 1;
    setCountText(String(Math.max(0, from + by)));
  };

  const collect = () => {
    // Checked before the signature is stored, so a pick-up short of something leaves nothing behind.
    const now = problems();
    setAsked(new Set(now.map((p) => p.key)));
    if (now.length > 0 || returned === undefined || signature === null) return;
    const verdict = canMoveTo(job, 'collected');
    if (!verdict.ok) {
      submit.setError(verdict.message);
      return;
    }
    void submit.run(async () => {
      const signatureSha256 = await storePickedPhoto(job.id, signature);
      // The photo, the weight, the stone count (and why it differs) and the collection are
      // recorded together or not at all.
      await collectJob(
        db,
        {
          jobId: job.id,
          returnWeightG: returned,
          // While the shop's scales are read the weighing names none, as before scales.
          ...(weighing ? { scaleId } : {}),
          signatureSha256,
          ...(pickup ? { pickupPhotoSha256: pickup.sha256 } : {}),
          ...(count === undefined ? {} : { stoneCount: count }),
          ...(differs ? { stoneReason: reason } : {}),
        },
        actor.id,
      );
    });
  };

  return (
    <div className="jp-collect collect" role="group" aria-label="Pick-up">
      <p className="collect-lead">
        Show the customer it is the same piece: set it beside the intake photos
        {atIntake > 0 ? ', count the stones together' : ''}, weigh it and let them sign.
      </p>
      <PickupComparison
        job={job}
        actorId={actor.id}
        pickup={pickup}
        onTaken={(sha256) => setPickup({ sha256, takenAt: Date.now() })}
        invalid={flagged('pickupPhoto')}
      />
      {atIntake > 0 && (
        <div className="field collect-stones">
          <label htmlFor={countId}>Stones counted with the customer</label>
          <div className="collect-stepper">
            <button
              type="button"
              className="button"
              aria-label="One stone fewer"
              onClick={() => stepCount(-1)}
            >
              −
            </button>
            <input
              id={countId}
              inputMode="numeric"
              autoComplete="off"
              value={countText}
              placeholder="0"
              aria-describedby={countHintId}
              aria-invalid={flagged('stoneCount')}
              onChange={(e) => setCountText(e.target.value)}
            />
            <button
              type="button"
              className="button"
              aria-label="One stone more"
              onClick={() => stepCount(1)}
            >
              +
            </button>
          </div>
          <p id={countHintId} className="collect-hint">
            At intake: <strong>{stonesText(atIntake)}</strong> ({stoneRowsText(job)})
          </p>
          {count !== undefined && Number.isInteger(count) && (
            <p
              className={differs ? 'collect-stone-check collect-differs' : 'collect-stone-check'}
              role="status"
              aria-label="Stone count check"
            >
              {differs ? (
                <>
                  <strong>Differs:</strong> {stoneDifferenceText(count, atIntake)} Write why below.
                </>
              ) : (
                <>
                  <strong>Same as intake:</strong> {stonesText(count)}.
                </>
              )}
            </p>
          )}
        </div>
      )}
      {differs && (
        <div className="field">
          <label htmlFor={reasonId}>Why the stone count differs</label>
          <textarea
            id={reasonId}
            value={reason}
            maxLength={STONE_REASON_MAX}
            rows={2}
            placeholder="e.g. one stone was lost before intake and the envelope miscounted; the customer agrees"
            aria-invalid={flagged('stoneReason')}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      )}
      {weighing && (
        <ScalePicker
          scales={weighing.scales}
          machines={weighing.machines}
          value={scaleId}
          onChange={setScaleId}
        />
      )}
      <div className="field">
        <label htmlFor={weightId}>Return weight (g)</label>
        <input
          id={weightId}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          placeholder="0.00"
          aria-invalid={flagged('returnWeightG')}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {/* Against intake + added − removed, not intake alone: sizing stock is no missing metal. */}
      {returned !== undefined && (
        <ReturnCheckNote check={returnCheck(job, returned, toleranceG)} weighedAs="returned" />
      )}
      <SignaturePad label="Customer’s signature" onChange={setSignature} />
      {shown.map((p) => (
        <p key={p.key} className="error" role="alert">
          {p.message}
        </p>
      ))}
      <ErrorLine error={submit.error} />
      <div className="jp-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={submit.busy}
          onClick={collect}
        >
          Mark collected
        </button>
      </div>
    </div>
  );
}
