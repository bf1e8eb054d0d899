// The tree's notes and its whole history: every record of its stream in stamp order, with who and when.
import { useId, useState, type SyntheticEvent } from 'react';
import { addTreeNote, db, useJobEvents } from '../../../db';
import type { TreeState } from '../../../domain/casting/tree';
import type { StaffMember } from '../../../domain/staff';
import { stampDate, whenText } from '../../jobs/job/format';
import { useSubmit } from '../../jobs/job/useSubmit';
import { ErrorLine } from './controls';
import { treeEventWords } from './treeHistoryText';

interface PanelProps {
  tree: TreeState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}

export function NotesPanel({ tree, actor, nameOf }: PanelProps) {
  const headingId = useId();
  const fieldId = useId();
  const [text, setText] = useState('');
  const submit = useSubmit();

  const add = (e: SyntheticEvent) => {
    e.preventDefault();
    if (!actor) return;
    void submit
      .run(() => addTreeNote(db, { treeId: tree.id, text }, actor.id))
      .then((ok) => {
        if (ok) setText('');
      });
  };

  return (
    <section className="tp-card" aria-labelledby={headingId}>
      <h3 id={headingId}>Notes</h3>
      {tree.notes.length === 0 ? (
        <p className="muted">No notes.</p>
      ) : (
        <ol className="tp-list">
          {tree.notes.map((n) => (
            <li key={n.eventId}>
              <span className="tp-note-text">{n.text}</span>
              <span className="tp-when">
                {nameOf(n.by)} · {whenText(n.at)}
              </span>
            </li>
          ))}
        </ol>
      )}
      {actor && (
        <form className="tp-form" aria-label="Add a note" onSubmit={add} noValidate>
          <label htmlFor={fieldId} className="tp-label">
            Note
          </label>
          <textarea
            id={fieldId}
            value={text}
            maxLength={2000}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="button" disabled={submit.busy}>
            Add note
          </button>
          <ErrorLine error={submit.error} />
        </form>
      )}
    </section>
  );
}

/**
 * The tree's stream as stored: a re-weighing, a second tick, a corrected weigh-out are all here,
 * where the page above shows only the latest of each.
 */
export function TreeHistory({ tree, nameOf }: Omit<PanelProps, 'actor'>) {
  const headingId = useId();
  const events = useJobEvents(tree.id);
  const envelopeOf = (jobId: string) =>
    tree.jobs.find((j) => j.jobId === jobId)?.envelopeNumber ?? 'a job';
  return (
    <section className="tp-card" aria-labelledby={headingId}>
      <h3 id={headingId}>History</h3>
      {tree.skipped.count > 0 && (
        <p className="tp-warn" role="status">
          {tree.skipped.count} record{tree.skipped.count === 1 ? '' : 's'} of a newer Loupe or a
          broken clock are kept but not shown above: update this tablet.
        </p>
      )}
      {events && (
        <ol className="tp-list tp-history">
          {events.map((e) => (
            <li key={e.id}>
              <time className="tp-when" dateTime={stampDate(e.at)?.toISOString()}>
                {whenText(e.at)}
              </time>
              <span>
                {nameOf(e.actor)} {treeEventWords(e, envelopeOf)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
