// Settings: the staff list, adding people, and taking someone off the list (never deleting them).
import { db, setStaffActive, useStaff } from '../../db';
import { STAFF_ROLE_LABELS } from '../../domain/staff';
import { AddStaffForm } from '../../components/staff/AddStaffForm';
import { useCurrentStaff } from '../../components/staff/useCurrentStaff';

export function StaffSection() {
  const staff = useStaff();
  const me = useCurrentStaff();
  if (staff === undefined || me === undefined) return null;

  return (
    <section className="settings-section" aria-labelledby="staff-heading">
      <h3 id="staff-heading">Staff</h3>
      {staff.length === 0 && <p>Nobody yet. The first person to sign in adds themselves.</p>}
      <ul className="staff-list">
        {staff.map((s) => (
          <li key={s.id}>
            <span>
              <strong>{s.name}</strong> · {STAFF_ROLE_LABELS[s.role]}
              {!s.active && ' · no longer on the staff'}
            </span>
            {me && s.id !== me.id && (
              <button
                type="button"
                className="button"
                onClick={() => void setStaffActive(db, s.id, !s.active, me.id)}
              >
                {s.active ? `Take ${s.name} off` : `Put ${s.name} back`}
              </button>
            )}
          </li>
        ))}
      </ul>
      {me ? (
        <>
          <h4>Add a person</h4>
          <AddStaffForm addedBy={me.id} onAdded={() => undefined} />
        </>
      ) : (
        staff.length > 0 && <p>Sign in (top right) to add or change staff.</p>
      )}
    </section>
  );
}
