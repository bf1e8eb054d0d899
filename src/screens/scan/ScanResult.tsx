// What a scan found when it could not open a job by itself: a choice, an offer, whose badge it is,
// or a kind "no".
import { Link } from 'react-router';
import { HAND_ON_PATH, jobPath, type ScanOutcome } from '../../scan/resolveScan';
import { badgeRefusal, badgeRole, badgeTitle } from './badgeText';

/** Longest stretch of a foreign code shown: a QR can carry a page of text. */
const SHOWN_CHARS = 80;

export function ScanResult({
  outcome,
  onPick,
}: {
  outcome: Exclude<ScanOutcome, { kind: 'open' }>;
  /** Called when the person follows a link out of the result (to close a sheet around it). */
  onPick?: () => void;
}) {
  switch (outcome.kind) {
    case 'choose':
      return (
        <div className="scan-result" role="status">
          <h3>
            Envelope {outcome.number}: {outcome.jobs.length} jobs
          </h3>
          <p>More than one job answers to this envelope. Open the one in your hand:</p>
          <ul className="scan-choices">
            {outcome.jobs.map((job) => (
              <li key={job.id}>
                <Link to={jobPath(job.id)} className="button scan-choice" onClick={onPick}>
                  <strong>
                    {job.envelopeNumber}
                    {job.part ? ` (part ${job.part.index} of ${job.part.of})` : ''}
                  </strong>
                  <span>
                    {job.customer.name} · {job.item.description}
                  </span>
                  <span className="muted">
                    promised {job.promisedDate}
                    {job.voided ? ' · voided' : ''}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      );
    case 'unknownEnvelope': {
      const offer = outcome.newJobHref !== null && (
        <p>
          <Link
            to={outcome.newJobHref}
            className={outcome.tabletShaped ? 'button' : 'button button-primary'}
            onClick={onPick}
          >
            Open a new job on envelope {outcome.number}
          </Link>
        </p>
      );
      return (
        <div className="scan-result" role="status">
          <h3>No job on envelope {outcome.number}</h3>
          {outcome.tabletShaped ? (
            <>
              <p>
                This tablet has no job on envelope {outcome.number} yet. If another tablet opened
                it, it appears once both have synced with the shop server.
              </p>
              {offer !== false && <p>If it is a new pre-printed envelope:</p>}
              {offer}
            </>
          ) : (
            <>
              <p>This tablet has no job on envelope {outcome.number}.</p>
              {offer}
            </>
          )}
        </div>
      );
    }
    case 'badge': {
      const { holder } = outcome;
      const refusal = badgeRefusal(holder);
      return (
        <div className="scan-result" role="status">
          <h3>{badgeTitle(holder)}</h3>
          <p>{badgeRole(holder)}</p>
          {refusal === null ? (
            <>
              <p>
                A badge says who or where a piece goes to. To hand a piece on, scan its envelope on
                Hand on, then this badge.
              </p>
              <p>
                <Link to={HAND_ON_PATH} className="button button-primary" onClick={onPick}>
                  Hand on
                </Link>
              </p>
            </>
          ) : (
            <p>{refusal}</p>
          )}
        </div>
      );
    }
    case 'foreign':
      return (
        <div className="scan-result" role="status">
          <h3>This is not a Loupe code</h3>
          <p>
            It is not a job label or an envelope number. Scan the QR code on the job envelope, or
            type the envelope number.
          </p>
          {outcome.text !== '' && (
            <p className="muted scan-foreign-text">
              It reads: “
              {outcome.text.length > SHOWN_CHARS
                ? `${outcome.text.slice(0, SHOWN_CHARS)}…`
                : outcome.text}
              ”
            </p>
          )}
        </div>
      );
  }
}
