// Logging maintenance done: a planned task (its words already there) or other work, with notes and
// an optional photo; who did it and when are the event's own.
import { useId, useState } from 'react';
import { db } from '../../../db';
import { logMaintenance } from '../../../db/equipmentOperations';
import type { MaintenanceTask } from '../../../domain/equipment/equipmentState';
import type { StaffMember } from '../../../domain/staff';
import { useSubmit } from '../../jobs/job/useSubmit';
import { LedgerForm, TextField } from '../../metal/fields';
import { PhotoPick } from '../PhotoPick';

export function LogDoneForm({
  equipmentId,
  task,
  actor,
  onDone,
}: {
  equipmentId: string;
  /** The planned task done; null for work outside the plan. */
  task: MaintenanceTask | null;
  actor: StaffMember;
  onDone: () => void;
}) {
  const [what, setWhat] = useState('');
  const [notes, setNotes] = useState('');
  const [photo, setPhoto] = useState<string | undefined>(undefined);
  const submit = useSubmit();
  const notesId = useId();
  const save = () => {
    void submit
      .run(() =>
        logMaintenance(
          db,
          {
            equipmentId,
            ...(task ? { taskId: task.taskId } : {}),
            what,
            notes,
            ...(photo ? { photoSha256: photo } : {}),
          },
          actor.id,
        ),
      )
      .then((ok) => {
        if (ok) onDone();
      });
  };
  return (
    <LedgerForm
      label={task ? `Log done: ${task.what}` : 'Log other work'}
      submitLabel="Log it done"
      disabled={submit.busy}
      error={submit.error}
      onSubmit={save}
    >
      {task ? (
        <p className="eq-form-what">
          <strong>{task.what}</strong>, done by {actor.name} now.
        </p>
      ) : (
        <TextField
          label="What was done"
          value={what}
          onChange={setWhat}
          maxLength={120}
          placeholder="Replaced the drive belt"
        />
      )}
      <div className="tp-field">
        <label htmlFor={notesId} className="tp-label">
          Notes — optional
        </label>
        <textarea
          id={notesId}
          value={notes}
          maxLength={1000}
          placeholder="What you found, parts used"
          onChange={(e) => setNotes(e.target.value)}
        />
      </div>
      <PhotoPick equipmentId={equipmentId} value={photo} onChange={setPhoto} />
    </LedgerForm>
  );
}
