// A machine's preventive maintenance plan: each task with when it is next due (overdue first), a
// button to log it done, and for a manager the form to plan, change or stop a task.
import { useState } from 'react';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { db } from '../../../db';
import { planMaintenance } from '../../../db/equipmentOperations';
import type { MaintenanceTask } from '../../../domain/equipment/equipmentState';
import { tasksDue, type TaskDue } from '../../../domain/equipment/maintenance';
import type { StaffMember } from '../../../domain/staff';
import { NumberField } from '../../casting/tree/controls';
import { whenText } from '../../jobs/job/format';
import { useSubmit } from '../../jobs/job/useSubmit';
import { LedgerForm, TextField } from '../../metal/fields';
import { dueText, DUE_LABELS, everyText } from '../equipmentText';
import { LogDoneForm } from './LogDoneForm';
import type { MachineProps } from './machineProps';

export function PlanCard(props: MachineProps) {
  const { machine, actor, today } = props;
  const due = tasksDue(machine, today);
  const stopped = machine.tasks.filter((t) => !t.active);
  const [planning, setPlanning] = useState(false);
  // The plan is the manager's; a retired machine has none to change until it is back in use.
  const manager = actor?.role === 'manager' && machine.fields?.retired !== true ? actor : null;
  return (
    <section className="tp-card" aria-labelledby="eq-plan-h">
      <h3 id="eq-plan-h">Maintenance plan</h3>
      {due.length === 0 ? (
        <p className="muted">No preventive maintenance planned.</p>
      ) : (
        <ul className="eq-list" aria-label="Planned maintenance">
          {due.map((d) => (
            <TaskRow key={d.task.taskId} due={d} {...props} manager={manager !== null} />
          ))}
        </ul>
      )}
      {stopped.length > 0 && (
        <p className="eq-who">Stopped: {stopped.map((t) => t.what).join(', ')}.</p>
      )}
      {manager !== null && !planning && (
        <button type="button" className="button" onClick={() => setPlanning(true)}>
          Plan a task…
        </button>
      )}
      {manager !== null && planning && (
        <PlanForm
          equipmentId={machine.id}
          task={null}
          actor={manager}
          onDone={() => setPlanning(false)}
        />
      )}
    </section>
  );
}

function TaskRow({
  due,
  machine,
  actor,
  nameOf,
  today,
  manager,
}: MachineProps & { due: TaskDue; manager: boolean }) {
  const [open, setOpen] = useState<'log' | 'change' | null>(null);
  const { task, lastDone } = due;
  const retired = machine.fields?.retired === true;
  return (
    <li className={`eq-line eq-due-${due.state}`} aria-label={task.what}>
      <span className="eq-line-head">
        <strong>{task.what}</strong>
        <span className={`eq-badge eq-badge-${due.state}`}>{DUE_LABELS[due.state]}</span>
      </span>
      <span className="eq-line-text">{dueText(due, today)}</span>
      <span className="eq-who">
        {everyText(task)} ·{' '}
        {lastDone
          ? `last done by ${nameOf(lastDone.by)} · ${whenText(lastDone.at)}`
          : `never done; planned ${whenText(task.firstPlanned.at)}`}
      </span>
      {actor && !retired && open === null && (
        <div className="tp-actions">
          <button type="button" className="button button-primary" onClick={() => setOpen('log')}>
            Log done…
          </button>
          {manager && (
            <button type="button" className="button" onClick={() => setOpen('change')}>
              Change…
            </button>
          )}
        </div>
      )}
      {actor && open === 'log' && (
        <>
          <LogDoneForm
            equipmentId={machine.id}
            task={task}
            actor={actor}
            onDone={() => setOpen(null)}
          />
          <button type="button" className="button" onClick={() => setOpen(null)}>
            Cancel
          </button>
        </>
      )}
      {actor && open === 'change' && (
        <PlanForm equipmentId={machine.id} task={task} actor={actor} onDone={() => setOpen(null)} />
      )}
    </li>
  );
}

function PlanForm({
  equipmentId,
  task,
  actor,
  onDone,
}: {
  equipmentId: string;
  /** Null to plan a new task. */
  task: MaintenanceTask | null;
  actor: StaffMember;
  onDone: () => void;
}) {
  const [what, setWhat] = useState(task?.what ?? '');
  const [days, setDays] = useState(task?.everyDays === undefined ? '' : String(task.everyDays));
  const [hours, setHours] = useState(task?.everyHours === undefined ? '' : String(task.everyHours));
  const submit = useSubmit();

  const save = (active: boolean) => {
    const everyDays = days.trim() === '' ? undefined : parseDecimal(days);
    const everyHours = hours.trim() === '' ? undefined : parseDecimal(hours);
    if (days.trim() !== '' && everyDays === undefined) {
      submit.setError('Enter the days as a whole number, like 7.');
      return;
    }
    if (hours.trim() !== '' && everyHours === undefined) {
      submit.setError('Enter the hours of use as a number, like 50.');
      return;
    }
    void submit
      .run(() =>
        planMaintenance(
          db,
          {
            equipmentId,
            ...(task ? { taskId: task.taskId } : {}),
            what,
            ...(everyDays === undefined ? {} : { everyDays }),
            ...(everyHours === undefined ? {} : { everyHours }),
            active,
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
      label={task ? `Change the task: ${task.what}` : 'Plan a task'}
      submitLabel={task ? 'Save the task' : 'Plan the task'}
      disabled={submit.busy}
      error={submit.error}
      onSubmit={() => save(true)}
      done={
        <div className="tp-actions">
          {task && (
            <button
              type="button"
              className="button"
              disabled={submit.busy}
              onClick={() => save(false)}
            >
              Stop this task
            </button>
          )}
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      }
    >
      <TextField
        label="What is done"
        value={what}
        onChange={setWhat}
        maxLength={120}
        placeholder="Change the ultrasonic fluid"
      />
      <p className="hint">
        Give days, hours of use, or both: it falls due at whichever comes first.
      </p>
      <div className="eq-pair">
        <NumberField
          label="Every so many days"
          unit="days"
          decimals={false}
          value={days}
          onChange={setDays}
        />
        <NumberField
          label="Every so many hours of use"
          unit="h"
          value={hours}
          onChange={setHours}
        />
      </div>
    </LedgerForm>
  );
}
