// The header's quick switch: shows who is at the bench; tap to hand the tablet to someone else.
import { lazy, Suspense, useState } from 'react';
import { useSession } from '../../stores/sessionStore';
import { ScreenLoading } from '../ScreenFrame';
import { Sheet } from '../Sheet';
import { useCurrentStaff } from './useCurrentStaff';
import './staffSwitch.css';

// Signing in (PIN hashing, adding the first person) is fetched when the sheet first opens: the
// header is on the first screen, the sheet is not.
const SignInPanel = lazy(async () => ({ default: (await import('./SignInPanel')).SignInPanel }));

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
          <Suspense fallback={<ScreenLoading />}>
            <SignInPanel onSignedIn={close} />
          </Suspense>
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
