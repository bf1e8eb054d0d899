// A stopped timer's time set by hand, with the reason: the person's own, or anyone's for a manager.
import { useId, useState, type SyntheticEvent } from 'react';
import { ErrorLine } from '../../../../components/ErrorLine';
import { SheetActions } from '../../../../components/fields/SheetActions';
import { UsualWords } from '../../../../components/fields/UsualWords';
import { Sheet } from '../../../../components/Sheet';
import { db } from '../../../../db';
import { correctTimer } from '../../../../db/timeOperations';
import type { JobState } from '../../../../domain/job';
import type { StaffMember } from '../../../../domain/staff';
import { durationText, parseHoursMinutes } from '../../../../domain/time/format';
import { measuredMs, workedMs, type Timer } from '../../../../domain/time/timers';
import { useSubmit } from '../useSubmit';
import { targetName } from './timeText';

/** Quick reasons for the usual corrections: a gloved tap, then add to them if needed. */
const REASONS = ['Left running over lunch', 'Forgot to stop it', 'Timed on paper'] as const;

export function CorrectTimerSheet({
  job,
  timer,
  actor,
  nameOf,
  nowMs,
  onClose,
}: {
  job: JobState;
  timer: Timer;
  actor: StaffMember;
  nameOf: (staffId: string) => string;
  nowMs: number;
  onClose: () => void;
}) {
  const worked = workedMs(timer, nowMs);
  const [hours, setHours] = useState(() => String(Math.floor(worked / 3_600_000)));
  const [minutes, setMinutes] = useState(() => String(Math.floor(worked / 60_000) % 60));
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const hoursId = useId();
  const minutesId = useId();
  const reasonId = useId();
  const label = `Correct ${nameOf(timer.staffId)}’s time`;

  const save = (e: SyntheticEvent) => {
    e.preventDefault();
    const parsed = parseHoursMinutes(hours, minutes);
    if (!parsed.ok) {
      submit.setError(parsed.message);
      return;
    }
    void submit
      .run(() =>
        correctTimer(
          db,
          { jobId: job.id, timerId: timer.timerId, workedMs: parsed.ms, reason },
          actor.id,
        ),
      )
      .then((ok) => {
        if (ok) onClose();
      });
  };

  return (
    <Sheet label={label} onClose={onClose}>
      <form className="jp-form time-form" aria-label={label} onSubmit={save} noValidate>
        <h3>{label}</h3>
        <p className="hint">
          {targetName(job, timer.serviceId)} on {job.envelopeNumber}: the clock measured{' '}
          {durationText(measuredMs(timer, nowMs))}. The marks stay in the history.
        </p>
        <div className="time-hm">
          <div className="field">
            <label htmlFor={hoursId}>Hours</label>
            <input
              id={hoursId}
              inputMode="numeric"
              autoComplete="off"
              value={hours}
              onChange={(e) => setHours(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={minutesId}>Minutes</label>
            <input
              id={minutesId}
              inputMode="numeric"
              autoComplete="off"
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor={reasonId}>Reason</label>
          <UsualWords label="Usual reasons" words={REASONS} value={reason} onPick={setReason} />
          <textarea
            id={reasonId}
            value={reason}
            maxLength={300}
            rows={2}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <ErrorLine error={submit.error} />
        <SheetActions onCancel={onClose} busy={submit.busy} submitLabel="Save the correction" />
      </form>
    </Sheet>
  );
}
