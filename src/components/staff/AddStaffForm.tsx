// Adds a person to the staff list: name, role and a 4-digit PIN typed twice.
import { useState, type SyntheticEvent } from 'react';
import { addStaff, db } from '../../db';
import { STAFF_ROLE_LABELS, type StaffMember } from '../../domain/staff';
import { STAFF_ROLES, type StaffRole } from '../../protocol/roles';

interface AddStaffFormProps {
  /** Who is adding; null only for the very first person. */
  addedBy: string | null;
  onAdded: (person: StaffMember) => void;
}

export function AddStaffForm({ addedBy, onAdded }: AddStaffFormProps) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('assistant');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (pin !== again) {
      setError('The two PINs are not the same.');
      return;
    }
    setSaving(true);
    try {
      const person = await addStaff(db, { name, role, pin }, addedBy);
      setName('');
      setPin('');
      setAgain('');
      setError(null);
      onAdded(person);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Add a person">
      <label className="field">
        <span>Name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </label>
      <fieldset className="choice-group">
        <legend>Role</legend>
        {STAFF_ROLES.map((r) => (
          <button
            key={r}
            type="button"
            className={r === role ? 'choice selected' : 'choice'}
            aria-pressed={r === role}
            onClick={() => setRole(r)}
          >
            {STAFF_ROLE_LABELS[r]}
          </button>
        ))}
      </fieldset>
      <label className="field">
        <span>PIN (4 digits)</span>
        <input
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          maxLength={4}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
        />
      </label>
      <label className="field">
        <span>PIN again</span>
        <input
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          maxLength={4}
          value={again}
          onChange={(e) => setAgain(e.target.value.replace(/\D/g, ''))}
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={saving}>
        Add person
      </button>
    </form>
  );
}
