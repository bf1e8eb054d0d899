// The job is open: its envelope number, big, and what to do next (print the label, next piece).
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { JobPart } from './intakeForm';

export interface SavedJob {
  jobId: string;
  envelopeNumber: string;
  preprinted: boolean;
  customerName: string;
  part: JobPart | null;
}

export function SavedPanel({
  saved,
  onNextPiece,
  onNewIntake,
}: {
  saved: SavedJob;
  /** Given when this visit has more pieces to take in. */
  onNextPiece: (() => void) | null;
  onNewIntake: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [saved.jobId]);
  const { part } = saved;
  return (
    <section className="intake-saved" aria-labelledby="intake-saved-title">
      <h2 id="intake-saved-title" ref={heading} tabIndex={-1}>
        Job opened for {saved.customerName}
      </h2>
      <p className="intake-saved-caption">
        {saved.preprinted ? 'Pre-printed envelope' : 'Envelope number'}
      </p>
      <p className="intake-envelope-number" data-testid="envelope-number">
        {saved.envelopeNumber}
      </p>
      {part && (
        <p className="intake-saved-part">
          Job {part.index} of {part.of}
        </p>
      )}
      <p className="hint">
        {saved.preprinted
          ? 'Put the piece in this envelope.'
          : 'Print the label for the envelope, or write this number on it.'}{' '}
        Envelopes go in the safe overnight.
      </p>
      <div className="intake-saved-actions">
        <Link to={`/jobs/${saved.jobId}/label`} className="button button-primary">
          Print envelope label
        </Link>
        <Link to={`/jobs/${saved.jobId}`} className="button">
          Open job
        </Link>
        {onNextPiece && part && (
          <button type="button" className="button" onClick={onNextPiece}>
            Next piece: job {part.index + 1} of {part.of}
          </button>
        )}
        <button type="button" className="button" onClick={onNewIntake}>
          New intake
        </button>
      </div>
    </section>
  );
}
