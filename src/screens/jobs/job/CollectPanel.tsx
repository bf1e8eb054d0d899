// Pick-up: the piece is weighed back and the customer signs before it is marked collected.
// DOMAIN.md ("Take-in"): a piece marked collected without a signature has cost shops in court.
import { useId, useState } from 'react';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { SignaturePad } from '../../../components/SignaturePad';
import { db, recordEvents } from '../../../db';
import type { JobState } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';
import { canMoveTo } from '../../../domain/workflow';
import { storePickedPhoto } from '../../../photos/storePickedPhoto';
import { gramsSchema } from '../../../protocol/events';
import { grams, signedGrams } from './format';
import { useSubmit } from './useSubmit';

export const NO_RETURN_WEIGHT = 'Weigh the piece and enter the return weight in grams.';
export const NO_SIGNATURE = 'The customer signs for the piece before it is marked collected.';

export function CollectPanel({ job, actor }: { job: JobState; actor: StaffMember }) {
  const [text, setText] = useState('');
  const [signature, setSignature] = useState<Blob | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const submit = useSubmit();
  const weightId = useId();
  const returned = parseDecimal(text);

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
    const verdict = canMoveTo(job, 'collected');
    if (!verdict.ok) {
      submit.setError(verdict.message);
      return;
    }
    void submit.run(async () => {
      const signatureSha256 = await storePickedPhoto(job.id, signature);
      // One call, one transaction: the return weight and the collection are recorded together or not at all.
      await recordEvents(
        db,
        [
          { jobId: job.id, type: 'weight.logged', data: { kind: 'return', grams: returned } },
          {
            jobId: job.id,
            type: 'status.changed',
            data: { status: 'collected', signatureSha256 },
          },
        ],
        actor.id,
      );
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
      {returned !== undefined && (
        <p className="jp-balance">
          Intake {grams(job.intakeWeightG)} → return {grams(returned)}:{' '}
          <strong>{signedGrams(returned - job.intakeWeightG)}</strong>
        </p>
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
