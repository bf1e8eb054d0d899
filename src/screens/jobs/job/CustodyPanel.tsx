// Who has had the piece: "Hand to …" a person or a place, and the trail of every hand-off.
import { useId, useState } from 'react';
import { Sheet } from '../../../components/Sheet';
import { db, recordEvent, useStaff } from '../../../db';
import type { CustodyTarget, JobState } from '../../../domain/job';
import { currentHolder } from '../../../domain/projection';
import type { StaffMember } from '../../../domain/staff';
import { whenText } from './format';
import { PLACES } from './places';
import { useSubmit } from './useSubmit';

interface CustodyPanelProps {
  job: JobState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}

export function CustodyPanel({ job, actor, nameOf }: CustodyPanelProps) {
  const headingId = useId();
  const [open, setOpen] = useState(false);
  return (
    <section className="jp-card" aria-labelledby={headingId}>
      <div className="jp-card-head">
        <h3 id={headingId}>Custody</h3>
        {actor && (
          <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
            Hand to…
          </button>
        )}
      </div>
      {job.custody.length === 0 ? (
        <p className="muted">Not handed on since intake.</p>
      ) : (
        <ol className="jp-list">
          {job.custody.map((c) => (
            <li key={c.eventId}>
              <span>
                {nameOf(c.by)} handed it to{' '}
                <strong>{c.to.kind === 'staff' ? nameOf(c.to.id) : c.to.label}</strong>
                {c.note ? ` (${c.note})` : ''}
              </span>
              <span className="jp-when">{whenText(c.at)}</span>
            </li>
          ))}
        </ol>
      )}
      {open && actor && <HandOnSheet job={job} actor={actor} onClose={() => setOpen(false)} />}
    </section>
  );
}

function HandOnSheet({
  job,
  actor,
  onClose,
}: {
  job: JobState;
  actor: StaffMember;
  onClose: () => void;
}) {
  const staff = useStaff();
  const [note, setNote] = useState('');
  const submit = useSubmit();
  const noteId = useId();
  const holder = currentHolder(job);
  const people: CustodyTarget[] = (staff ?? [])
    .filter((s) => s.active)
    .map((s) => ({ kind: 'staff', id: s.id, label: s.name }));

  const handTo = (to: CustodyTarget) => {
    const trimmed = note.trim();
    void submit
      .run(() =>
        recordEvent(
          db,
          {
            jobId: job.id,
            type: 'custody.moved',
            data: { to, ...(trimmed === '' ? {} : { note: trimmed }) },
          },
          actor.id,
        ),
      )
      .then((ok) => {
        if (ok) onClose();
      });
  };

  const target = (t: CustodyTarget) => {
    const hasIt = holder?.kind === t.kind && holder.id === t.id;
    return (
      <button
        key={`${t.kind}-${t.id}`}
        type="button"
        className="jp-target"
        disabled={submit.busy || hasIt}
        onClick={() => handTo(t)}
      >
        {t.label}
        {hasIt && <small> (has it now)</small>}
      </button>
    );
  };

  return (
    <Sheet label="Hand to…" onClose={onClose}>
      <h3>Hand {job.envelopeNumber} to…</h3>
      <div className="field">
        <label htmlFor={noteId}>Note — optional</label>
        <input
          id={noteId}
          value={note}
          maxLength={500}
          placeholder="Who took it, a tracking number…"
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <h4>People</h4>
      <div className="jp-targets" role="group" aria-label="People">
        {people.map(target)}
      </div>
      <h4>Places</h4>
      <div className="jp-targets" role="group" aria-label="Places">
        {PLACES.map(target)}
      </div>
      {submit.error && (
        <p className="error" role="alert">
          {submit.error}
        </p>
      )}
      <div className="sheet-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Sheet>
  );
}
