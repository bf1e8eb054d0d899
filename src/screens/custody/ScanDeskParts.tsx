// What the scanning desks (hand on, safe count) show alike: the line saying what the last scan did,
// and the pick among several jobs that answer to one envelope number.
import { useState } from 'react';
import type { JobState } from '../../domain/job';

export type NoticeTone = 'ok' | 'error';
export type DeskNotice = { tone: NoticeTone; text: string } | null;

/** The desk's notice and the way to set it: a scan's outcome replaces the one before. */
export function useDeskNotice(): [DeskNotice, (tone: NoticeTone, text: string) => void] {
  const [notice, setNotice] = useState<DeskNotice>(null);
  return [notice, (tone, text) => setNotice({ tone, text })];
}

/** An outcome read out (status) or a refusal announced (alert); a mark as well as the colour. */
export function DeskNoticeLine({ notice }: { notice: DeskNotice }) {
  if (notice === null) return null;
  return (
    <p
      className={notice.tone === 'ok' ? 'ho-notice ho-notice-ok' : 'ho-notice ho-notice-error'}
      role={notice.tone === 'ok' ? 'status' : 'alert'}
    >
      <span aria-hidden="true">{notice.tone === 'ok' ? '✓ ' : '! '}</span>
      {notice.text}
    </p>
  );
}

/** Several jobs share the envelope scanned (parts of one, or a number reused): tap the one in hand. */
export function WhichJob({
  choices,
  onPick,
}: {
  choices: JobState[];
  onPick: (job: JobState) => void;
}) {
  if (choices.length <= 1) return null;
  return (
    <div className="ho-choices" role="group" aria-label="Which job?">
      {choices.map((job) => (
        <button key={job.id} type="button" className="ho-choice" onClick={() => onPick(job)}>
          <strong>
            {job.envelopeNumber}
            {job.part ? ` (part ${job.part.index} of ${job.part.of})` : ''}
          </strong>
          <span>
            {job.customer.name} · {job.item.description}
          </span>
        </button>
      ))}
    </div>
  );
}
