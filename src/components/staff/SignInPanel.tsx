// "Who's at the bench?": tap your name, enter your PIN. With no staff yet, add the first person.
import { useCallback, useState } from 'react';
import { checkStaffPin, db, useStaff } from '../../db';
import type { StaffMember } from '../../domain/staff';
import { useSession } from '../../stores/sessionStore';
import { AddStaffForm } from './AddStaffForm';
import { PinPad } from './PinPad';
import './signIn.css';

export function SignInPanel({ onSignedIn }: { onSignedIn?: () => void }) {
  const staff = useStaff();
  const signIn = useSession((s) => s.signIn);
  const [chosen, setChosen] = useState<StaffMember | null>(null);
  const [error, setError] = useState<string | null>(null);

  const tryPin = useCallback(
    (pin: string) => {
      if (!chosen) return;
      void checkStaffPin(db, chosen.id, pin).then((ok) => {
        if (!ok) {
          setError(`That is not ${chosen.name}’s PIN. Try again.`);
          return;
        }
        signIn(chosen.id);
        onSignedIn?.();
      });
    },
    [chosen, signIn, onSignedIn],
  );

  if (staff === undefined) return null;
  const active = staff.filter((s) => s.active);

  if (active.length === 0) {
    return (
      <section className="sign-in">
        <h2>Who’s at the bench?</h2>
        <p>Nobody is on the staff list yet. Add the first person; they can add the others.</p>
        <AddStaffForm
          addedBy={null}
          onAdded={(person) => {
            signIn(person.id);
            onSignedIn?.();
          }}
        />
      </section>
    );
  }

  if (chosen) {
    return (
      <section className="sign-in">
        <h2>{chosen.name}</h2>
        <PinPad label={`PIN for ${chosen.name}`} error={error} onComplete={tryPin} />
        <button
          type="button"
          className="button"
          onClick={() => {
            setChosen(null);
            setError(null);
          }}
        >
          Not {chosen.name}
        </button>
      </section>
    );
  }

  return (
    <section className="sign-in">
      <h2>Who’s at the bench?</h2>
      <div className="staff-buttons">
        {active.map((s) => (
          <button key={s.id} type="button" className="staff-button" onClick={() => setChosen(s)}>
            {s.name}
          </button>
        ))}
      </div>
    </section>
  );
}
