// The intake route: opening a new job envelope at the front counter, with the customer there.
import { RequireStaff } from '../../components/staff/RequireStaff';
import { IntakeDesk } from './IntakeDesk';
import './intake.css';

export function IntakeScreen() {
  return (
    <section className="screen intake-screen" aria-labelledby="intake-title">
      <h1 id="intake-title">Take in a piece</h1>
      {/* Nothing is recorded with nobody signed in: the counter person is the job's first actor. */}
      <RequireStaff>{(staff) => <IntakeDesk staff={staff} />}</RequireStaff>
    </section>
  );
}
