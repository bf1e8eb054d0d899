// The registry: every machine of the workshop, in use first, each marked when out of service or
// retired; a manager adds a machine here.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useShop } from '../../db';
import { useMachines } from '../../db/equipmentQueries';
import { isOutOfService } from '../../domain/equipment/board';
import type { EquipmentState } from '../../domain/equipment/equipmentState';
import type { StaffMember } from '../../domain/staff';
import { hoursText, kindLabel } from './equipmentText';
import { MachineForm } from './MachineForm';

export function MachinesTab({ actor }: { actor: StaffMember | null }) {
  const machines = useMachines();
  const shop = useShop();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  if (machines === undefined || shop === undefined) {
    return <p className="tp-loading">Reading the machines…</p>;
  }
  const inUse = machines.filter((m) => !m.fields?.retired);
  const retired = machines.filter((m) => m.fields?.retired);
  return (
    <div className="eq-columns">
      <section className="tp-card" aria-labelledby="eq-registry-h">
        <h3 id="eq-registry-h">The workshop’s machines</h3>
        {machines.length === 0 ? (
          <p className="muted">No machines in the registry yet.</p>
        ) : (
          <ul className="eq-list" aria-label="Machines in use">
            {inUse.map((m) => (
              <RegistryLine key={m.id} machine={m} />
            ))}
          </ul>
        )}
        {retired.length > 0 && (
          <>
            <h4>Retired</h4>
            <ul className="eq-list" aria-label="Retired machines">
              {retired.map((m) => (
                <RegistryLine key={m.id} machine={m} />
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="tp-card" aria-labelledby="eq-add-h">
        <h3 id="eq-add-h">Add a machine</h3>
        {actor?.role !== 'manager' ? (
          <p className="muted">
            A manager adds machines and plans their maintenance: sign in as one.
          </p>
        ) : adding ? (
          <MachineForm
            machine={null}
            scales={shop.scales}
            actor={actor}
            onDone={(id) => void navigate(`/equipment/${id}`)}
          />
        ) : (
          <button
            type="button"
            className="button button-primary tp-big"
            onClick={() => setAdding(true)}
          >
            Add a machine…
          </button>
        )}
      </section>
    </div>
  );
}

function RegistryLine({ machine }: { machine: EquipmentState }) {
  const f = machine.fields;
  if (!f) return null;
  const stopped = isOutOfService(machine);
  return (
    <li className={stopped ? 'eq-line eq-line-stop' : 'eq-line'} aria-label={f.name}>
      <span className="eq-line-head">
        <Link to={`/equipment/${machine.id}`} className="eq-machine-link">
          {f.name}
        </Link>
        {stopped && <span className="eq-badge eq-badge-stop">Out of service</span>}
        {f.retired && <span className="eq-badge">Retired</span>}
      </span>
      <span className="eq-line-text">
        {[kindLabel(f.kind), f.maker, f.model, f.location].filter((t) => t).join(' · ')}
        {machine.hours > 0 && ` · ${hoursText(machine.hours)} of use`}
      </span>
    </li>
  );
}
