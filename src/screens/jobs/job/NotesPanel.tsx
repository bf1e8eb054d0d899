// Notes on the job, who wrote them and when, and a box to add one.
import { ErrorLine } from '../../../components/ErrorLine';
import { useId, useState, type SyntheticEvent } from 'react';
import { db, recordEvent } from '../../../db';
import type { JobState } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';
import { whenText } from './format';
import { useSubmit } from './useSubmit';

interface NotesPanelProps {
  job: JobState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}

export function NotesPanel({ job, actor, nameOf }: NotesPanelProps) {
  const headingId = useId();
  return (
    <section className="jp-card" aria-labelledby={headingId}>
      <h3 id={headingId}>Notes</h3>
      {job.notes.length === 0 ? (
        <p className="muted">No notes yet.</p>
      ) : (
        <ol className="jp-list">
          {job.notes.map((n) => (
            <li key={n.eventId}>
              <span className="jp-note-text">{n.text}</span>
              <span className="jp-when">
                {nameOf(n.by)} · {whenText(n.at)}
              </span>
            </li>
          ))}
        </ol>
      )}
      {actor && <NoteForm job={job} actor={actor} />}
    </section>
  );
}

function NoteForm({ job, actor }: { job: JobState; actor: StaffMember }) {
  const [text, setText] = useState('');
  const submit = useSubmit();
  const id = useId();

  const add = (e: SyntheticEvent) => {
    e.preventDefault();
    if (text.trim() === '') {
      submit.setError('Enter the note.');
      return;
    }
    void submit
      .run(() =>
        recordEvent(
          db,
          { jobId: job.id, type: 'note.added', data: { text: text.trim() } },
          actor.id,
        ),
      )
      .then((ok) => {
        if (ok) setText('');
      });
  };

  return (
    <form className="jp-form" aria-label="Add a note" onSubmit={add} noValidate>
      <div className="field">
        <label htmlFor={id}>New note</label>
        <textarea id={id} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} />
      </div>
      <ErrorLine error={submit.error} />
      <button type="submit" className="button button-primary" disabled={submit.busy}>
        Add note
      </button>
    </form>
  );
}
