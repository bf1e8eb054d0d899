// The customer signs the take-in (DOMAIN.md: a piece without signatures has cost shops in court).
import { SignaturePad } from '../../components/SignaturePad';
import { FIELD } from './intakeForm';
import { ProblemText } from './controls';

export function SignatureSection({
  jobId,
  signed,
  restored,
  problem,
  onChange,
}: {
  /** A new job (a new form) gets a blank pad. */
  jobId: string;
  signed: boolean;
  /** The form came back from a draft: its signature did not. */
  restored: boolean;
  problem: string | undefined;
  onChange: (signature: Blob | null) => void;
}) {
  return (
    <section className="intake-section" aria-labelledby="intake-signature">
      <h2 id="intake-signature">Customer's signature</h2>
      <p className="hint">
        The customer signs for the piece as described above: hand them the tablet.
      </p>
      {restored && !signed && (
        <p className="intake-notice" role="status">
          A signature is never kept in a draft: ask the customer to sign again.
        </p>
      )}
      <div data-field={FIELD.signature} tabIndex={-1} className="intake-group">
        <SignaturePad key={jobId} label="Customer signs here" onChange={onChange} />
        {signed && <p className="ok">Signed.</p>}
        <ProblemText problem={problem} />
      </div>
    </section>
  );
}
