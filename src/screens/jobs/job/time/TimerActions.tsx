// Pause, resume and stop of one open timer, as the job page and the day screen show them: the
// person's own timer, or anyone's for a manager (resume is the person's own only).
import { db } from '../../../../db';
import { pauseTimer, resumeTimer, stopTimer } from '../../../../db/timeOperations';
import type { StaffMember } from '../../../../domain/staff';
import type { Timer } from '../../../../domain/time/timers';
import type { Submit } from '../useSubmit';

/** The person's own timer, or anyone's for a manager: who may pause, stop or correct it. */
export function mayHandle(actor: StaffMember | null, timer: Timer): actor is StaffMember {
  return actor !== null && (actor.id === timer.staffId || actor.role === 'manager');
}

export function TimerActions({
  jobId,
  timer,
  actor,
  collected,
  keepOthersRunning,
  submit,
}: {
  jobId: string;
  timer: Timer;
  actor: StaffMember | null;
  /** A collected job's paused timer is stopped, never resumed: no more work is done on it. */
  collected: boolean;
  keepOthersRunning: boolean;
  submit: Submit;
}) {
  if (!mayHandle(actor, timer)) return null;
  const input = { jobId, timerId: timer.timerId };
  const canResume = timer.phase === 'paused' && actor.id === timer.staffId && !collected;
  return (
    <div className="time-actions">
      {timer.phase === 'running' && (
        <button
          type="button"
          className="button"
          disabled={submit.busy}
          onClick={() => void submit.run(() => pauseTimer(db, input, actor.id))}
        >
          Pause
        </button>
      )}
      {canResume && (
        <button
          type="button"
          className="button button-primary"
          disabled={submit.busy}
          onClick={() =>
            void submit.run(() => resumeTimer(db, { ...input, keepOthersRunning }, actor.id))
          }
        >
          Resume
        </button>
      )}
      <button
        type="button"
        className="button"
        disabled={submit.busy}
        onClick={() => void submit.run(() => stopTimer(db, input, actor.id))}
      >
        Stop
      </button>
    </div>
  );
}
