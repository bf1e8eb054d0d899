// The header's quick switch: shows who is at the bench; tap to hand the tablet to someone else.
import { useState } from 'react';
import { useSession } from '../../stores/sessionStore';
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
        <div className="sheet-backdrop" onClick={close}>
          <div
            className="sheet"
            role="dialog"
            aria-modal="true"
            aria-label="Who’s at the bench?"
            onClick={(e) => e.stopPropagation()}
          >
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
          </div>
        </div>
      )}
    </>
  );
}
