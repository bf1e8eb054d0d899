// The header's quick switch: shows who is at the bench; tap to hand the tablet to someone else.
import { useState } from 'react';
import { useSession } from '../../stores/sessionStore';
import { Sheet } from '../Sheet';
import { SignInPanel } from './SignInPanel';
import { useCurrentStaff } from './useCurrentStaff';

export function StaffSwitcher() {
  const staff = useCurrentStaff();
  const signOut = useSession((s) => s.signOut);
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);

  return (
    <>
      <button type="button" className="staff-switch" onClick={() => setOpen(true)}>
        {staff ? staff.name : 'Who’s at the bench?'}
      </button>
      {open && (
        <Sheet label="Who’s at the bench?" onClose={close}>
          <SignInPanel onSignedIn={close} />
          <div className="sheet-actions">
            {staff && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  signOut();
                  close();
                }}
              >
                Sign out {staff.name}
              </button>
            )}
            <button type="button" className="button" onClick={close}>
              Close
            </button>
          </div>
        </Sheet>
      )}
    </>
  );
}
