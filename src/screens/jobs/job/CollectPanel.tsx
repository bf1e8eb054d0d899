// Pick-up: the piece is weighed back and the customer signs before it is marked collected.
// DOMAIN.md ("Take-in"): a piece marked collected without a signature has cost shops in court.
import { useId, useState } from 'react';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { SignaturePad } from '../../../components/SignaturePad';
import { collectJob, db } from '../../../db';
import type { JobState } from '../../../domain/job';
import { returnCheck } from '../../../domain/ledger/jobMetal';
import type { StaffMember } from '../../../domain/staff';
import { canMoveTo, NO_RETURN_WEIGHT, NO_SIGNATURE } from '../../../domain/workflow';
import { storePickedPhoto } from '../../../photos/storePickedPhoto';
import { gramsSchema } from '../../../protocol/events';
import { useSubmit } from './useSubmit';
import { useScaleToleranceG } from './weights';
import { ReturnCheckNote } from './WeightsPanel';

export function CollectPanel({ job, actor }: { job: JobState; actor: StaffMember }) {
  const [text, setText] = useState('');
  const [signature, setSignature] = useState<Blob | null>(null);
  const [asked, setMissing] = useState<string[]>([]);
  const submit = useSubmit();
  const weightId = useId();
  const returned = parseDecimal(text);
  // What was missing when "Mark collected" was tapped, less what has been given since: a weight
  // typed, the customer's signature. An answered problem does not stay red.
  const weightOk = returned !== undefined && gramsSchema.safeParse(returned).success;
  const missing = asked.filter((m) => (m === NO_SIGNATURE ? signature === null : !weightOk));
  const toleranceG = useScaleToleranceG();

  const collect = () => {
    // Checked before the signature is stored, so a typo leaves nothing behind.
    const weight = returned === undefined ? null : gramsSchema.safeParse(returned);
    const problems = [
      ...(weight === null ? [NO_RETURN_WEIGHT] : []),
      ...(weight && !weight.success ? weight.error.issues.map((i) => i.message) : []),
      ...(signature === null ? [NO_SIGNATURE] : []),
    ];
    setMissing(problems);
    if (problems.length > 0 || returned === undefined || signature === null) return;
    // Checked here too, before the signature is stored; collectJob checks again as it records.
    const verdict = canMoveTo(job, 'collected');
    if (!verdict.ok) {
      submit.setError(verdict.message);
      return;
    }
    void submit.run(async () => {
      const signatureSha256 = await storePickedPhoto(job.id, signature);
      // The return weight and the collection are recorded together or not at all.
      await collectJob(db, { jobId: job.id, returnWeightG: returned, signatureSha256 }, actor.id);
    });
  };

  return (
    <div className="jp-collect" role="group" aria-label="Pick-up">
      <div className="field">
        <label htmlFor={weightId}>Return weight (g)</label>
        <input
          id={weightId}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          placeholder="0.00"
          aria-invalid={missing.some((m) => m !== NO_SIGNATURE)}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {/* Against intake + added − removed, not intake alone: sizing stock is no missing metal. */}
      {returned !== undefined && (
        <ReturnCheckNote check={returnCheck(job, returned, toleranceG)} weighedAs="returned" />
      )}
      <SignaturePad label="Customer’s signature" onChange={setSignature} />
      {missing.map((m) => (
        <p key={m} className="error" role="alert">
          {m}
        </p>
      ))}
      {submit.error && (
        <p className="error" role="alert">
          {submit.error}
        </p>
      )}
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
