// A machine's maintenance log, newest first: what was done, by whom and when, the hours of use then,
// notes and photo; and logging work outside the plan.
import { useState } from 'react';
import { whenText } from '../../jobs/job/format';
import { hoursText } from '../equipmentText';
import { StoredPhoto } from '../PhotoPick';
import { LogDoneForm } from './LogDoneForm';
import type { MachineProps } from './machineProps';

export function LogCard({ machine, actor, nameOf }: MachineProps) {
  const [logging, setLogging] = useState(false);
  const log = machine.log.slice().reverse();
  const retired = machine.fields?.retired === true;
  return (
    <section className="tp-card" aria-labelledby="eq-log-h">
      <h3 id="eq-log-h">Maintenance log</h3>
      {log.length === 0 ? (
        <p className="muted">Nothing logged yet.</p>
      ) : (
        <ol className="eq-list" aria-label="Maintenance done">
          {log.map((entry) => (
            <li key={entry.eventId} className="eq-line">
              <span className="eq-line-head">
                <strong>{entry.what}</strong>
                {entry.taskId === undefined && <span className="eq-badge">Outside the plan</span>}
              </span>
              <span className="eq-who">
                {nameOf(entry.by)} · {whenText(entry.at)} · at {hoursText(entry.hoursCounted)} of
                use
              </span>
              {entry.notes && <span className="eq-line-text">{entry.notes}</span>}
              {entry.photoSha256 && (
                <StoredPhoto
                  equipmentId={machine.id}
                  sha256={entry.photoSha256}
                  alt={`Photo of the maintenance: ${entry.what}`}
                />
              )}
            </li>
          ))}
        </ol>
      )}
      {actor && !retired && !logging && (
        <button type="button" className="button" onClick={() => setLogging(true)}>
          Log other work…
        </button>
      )}
      {actor && logging && (
        <>
          <LogDoneForm
            equipmentId={machine.id}
            task={null}
            actor={actor}
            onDone={() => setLogging(false)}
          />
          <button type="button" className="button" onClick={() => setLogging(false)}>
            Cancel
          </button>
        </>
      )}
    </section>
  );
}
