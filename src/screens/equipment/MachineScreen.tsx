// One machine (/equipment/:equipmentId): what it is, its maintenance plan and log, hours, malfunctions, calibration checks.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Sheet } from '../../components/Sheet';
import { SignInPanel } from '../../components/staff/SignInPanel';
import { useCurrentStaff } from '../../components/staff/useCurrentStaff';
import { db, useShop, useStaff } from '../../db';
import { updateMachine } from '../../db/equipmentOperations';
import { useMachine, useWallClock } from '../../db/equipmentQueries';
import { isOutOfService } from '../../domain/equipment/board';
import { localDay } from '../../domain/dates';
import { ErrorLine } from '../../components/ErrorLine';
import { useStaffNames } from '../jobs/job/useStaffNames';
import { useSubmit } from '../jobs/job/useSubmit';
import { whenText } from '../jobs/job/format';
import { hoursText, kindLabel } from './equipmentText';
import { MachineForm } from './MachineForm';
import { CalibrationCard } from './machine/CalibrationCard';
import { HoursCard } from './machine/HoursCard';
import { LogCard } from './machine/LogCard';
import { MalfunctionsCard } from './machine/MalfunctionsCard';
import type { MachineProps } from './machine/machineProps';
import { PlanCard } from './machine/PlanCard';
import '../casting/tree/tree.css';
import './equipment.css';

export function MachineScreen() {
  const { equipmentId = '' } = useParams();
  const machine = useMachine(equipmentId);
  const actor = useCurrentStaff();
  const shop = useShop();
  const people = useStaff();
  const nameOf = useStaffNames(people ?? []);
  const nowMs = useWallClock();
  const today = localDay(new Date(nowMs));

  if (machine === undefined || actor === undefined || shop === undefined) {
    return <p className="tp-loading">Reading the machine…</p>;
  }
  if (machine === null || machine.fields === null) {
    return (
      <section className="eq">
        <p className="eq-back">
          <Link to="/equipment?tab=machines">← Machines</Link>
        </p>
        <p>This tablet has no such machine. It may not have synced here yet.</p>
      </section>
    );
  }
  const props: MachineProps = { machine, actor, nameOf, today, nowMs, shop };
  return (
    <section className="eq">
      <p className="eq-back">
        <Link to="/equipment?tab=machines">← Machines</Link>
      </p>
      <Header {...props} />
      {actor === null && (
        <section className="tp-card eq-sign-in">
          <p>
            <strong>Sign in to log maintenance, hours or a malfunction.</strong>
          </p>
          <SignInPanel />
        </section>
      )}
      <div className="eq-columns">
        <div className="eq-col">
          <MalfunctionsCard {...props} />
          <PlanCard {...props} />
          {machine.fields.kind === 'scale' && <CalibrationCard {...props} />}
        </div>
        <div className="eq-col">
          <LogCard {...props} />
          <HoursCard {...props} />
        </div>
      </div>
    </section>
  );
}

function Header(props: MachineProps) {
  const { machine, actor, nameOf } = props;
  const f = machine.fields;
  const [editing, setEditing] = useState(false);
  if (!f) return null;
  const stopped = isOutOfService(machine);
  const details = [
    ['Kind', kindLabel(f.kind)],
    ['Maker', f.maker],
    ['Model', f.model],
    ['Serial number', f.serial],
    ['Where it stands', f.location],
    ['Hours of use', hoursText(machine.hours)],
  ] as const;
  return (
    <section className="tp-card eq-header" aria-labelledby="eq-machine-name">
      <div className="eq-title">
        <h2 id="eq-machine-name">{f.name}</h2>
        {stopped && <span className="eq-badge eq-badge-stop">Out of service</span>}
        {f.retired && <span className="eq-badge">Retired</span>}
      </div>
      {stopped && (
        <p className="eq-stop-banner" role="status">
          Do not use this machine: a malfunction reported puts it out of service until it is
          resolved.
        </p>
      )}
      <dl className="tp-facts">
        {details.map(([label, value]) =>
          value ? (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ) : null,
        )}
      </dl>
      {machine.added && (
        <p className="eq-who">
          Added by {nameOf(machine.added.by)} · {whenText(machine.added.at)}
        </p>
      )}
      {actor?.role === 'manager' && (
        <div className="tp-actions">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Change details…
          </button>
          <RetireButton {...props} />
        </div>
      )}
      {editing && actor && (
        <Sheet label="Change the machine" onClose={() => setEditing(false)}>
          <h3>Change {f.name}</h3>
          <MachineForm
            machine={machine}
            scales={props.shop.scales}
            actor={actor}
            onDone={() => setEditing(false)}
          />
          <button type="button" className="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </Sheet>
      )}
    </section>
  );
}

/** Retiring keeps the machine and its history, off the board; it can be brought back. */
function RetireButton({ machine, actor }: MachineProps) {
  const submit = useSubmit();
  const retired = machine.fields?.retired === true;
  if (!actor) return null;
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={submit.busy}
        onClick={() =>
          void submit.run(() => updateMachine(db, machine.id, { retired: !retired }, actor.id))
        }
      >
        {retired ? 'Bring it back into use' : 'Retire this machine'}
      </button>
      <ErrorLine error={submit.error} />
    </>
  );
}
