// The machines board: malfunctions still open first (they are the manager's to act on, and a machine
// out of service must not be used), then maintenance overdue, due and due soon, then scales overdue
// for their check or failed. Read at arm's length: each line says its state in words.
import { Link } from 'react-router';
import { useStaff } from '../../db';
import { useEquipmentBoard } from '../../db/equipmentQueries';
import type { BoardMalfunction, BoardScale, BoardTask } from '../../domain/equipment/board';
import { useStaffNames } from '../jobs/job/useStaffNames';
import { whenText } from '../jobs/job/format';
import { calibrationText, dueText, DUE_LABELS, everyText } from './equipmentText';

export function BoardTab() {
  const board = useEquipmentBoard();
  const people = useStaff();
  const nameOf = useStaffNames(people ?? []);
  if (board === undefined) return <p className="tp-loading">Reading the machines…</p>;
  const { today } = board;
  const clear =
    board.malfunctions.length === 0 && board.tasks.length === 0 && board.scales.length === 0;
  return (
    <div className="eq-board">
      {clear && (
        <p className="eq-all-clear" role="status">
          Nothing due, nothing reported: every machine is in order.
        </p>
      )}
      {board.malfunctions.length > 0 && (
        <section className="tp-card eq-alarm" aria-labelledby="eq-board-malfunctions">
          <h3 id="eq-board-malfunctions">Malfunctions reported ({board.malfunctions.length})</h3>
          <ul className="eq-list">
            {board.malfunctions.map((m) => (
              <MalfunctionLine key={m.report.reportId} line={m} nameOf={nameOf} />
            ))}
          </ul>
        </section>
      )}
      <section className="tp-card" aria-labelledby="eq-board-maintenance">
        <h3 id="eq-board-maintenance">Maintenance due</h3>
        {board.tasks.length === 0 ? (
          <p className="muted">No maintenance is due in the next days.</p>
        ) : (
          <ul className="eq-list">
            {board.tasks.map((t) => (
              <TaskLine key={`${t.machine.id}-${t.due.task.taskId}`} line={t} today={today} />
            ))}
          </ul>
        )}
      </section>
      {board.scales.length > 0 && (
        <section className="tp-card" aria-labelledby="eq-board-scales">
          <h3 id="eq-board-scales">Scales to check</h3>
          <ul className="eq-list">
            {board.scales.map((s) => (
              <ScaleLine key={s.machine.id} line={s} today={today} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function MachineLink({ id, name }: { id: string; name: string }) {
  return (
    <Link to={`/equipment/${id}`} className="eq-machine-link">
      {name}
    </Link>
  );
}

function MalfunctionLine({
  line,
  nameOf,
}: {
  line: BoardMalfunction;
  nameOf: (staffId: string) => string;
}) {
  const name = line.machine.fields?.name ?? '';
  return (
    <li
      className={line.report.outOfService ? 'eq-line eq-line-stop' : 'eq-line eq-line-fault'}
      aria-label={name}
    >
      <span className="eq-line-head">
        <MachineLink id={line.machine.id} name={name} />
        {line.report.outOfService ? (
          <span className="eq-badge eq-badge-stop">Out of service</span>
        ) : (
          <span className="eq-badge eq-badge-fault">Malfunction</span>
        )}
      </span>
      <span className="eq-line-text">{line.report.what}</span>
      <span className="eq-who">
        Reported by {nameOf(line.report.by)} · {whenText(line.report.at)}
      </span>
    </li>
  );
}

function TaskLine({ line, today }: { line: BoardTask; today: string }) {
  const { due } = line;
  const name = line.machine.fields?.name ?? '';
  return (
    <li className={`eq-line eq-due-${due.state}`} aria-label={`${name}: ${due.task.what}`}>
      <span className="eq-line-head">
        <MachineLink id={line.machine.id} name={name} />
        <span className={`eq-badge eq-badge-${due.state}`}>{DUE_LABELS[due.state]}</span>
      </span>
      <span className="eq-line-text">
        <strong>{due.task.what}</strong> — {dueText(due, today)}
      </span>
      <span className="eq-who">{everyText(due.task)}</span>
    </li>
  );
}

function ScaleLine({ line, today }: { line: BoardScale; today: string }) {
  const name = line.machine.fields?.name ?? '';
  const failed = line.status.state === 'failed';
  return (
    <li className={failed ? 'eq-line eq-line-stop' : 'eq-line eq-due-overdue'} aria-label={name}>
      <span className="eq-line-head">
        <MachineLink id={line.machine.id} name={name} />
        <span className={failed ? 'eq-badge eq-badge-stop' : 'eq-badge eq-badge-overdue'}>
          {failed ? 'Failed its check' : 'Check overdue'}
        </span>
      </span>
      <span className="eq-line-text">{calibrationText(line.status, today)}</span>
    </li>
  );
}
