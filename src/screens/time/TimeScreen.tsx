// A person's day (/time): their timers running and paused, the time per job, and for a manager anyone's day.
// The day and, for a manager, the person are in the address (?day=YYYY-MM-DD&staff=<id>), so a
// reload or Back opens the same day. Jobs are read by the timedDays and runningTimers indexes.
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorLine } from '../../components/ErrorLine';
import { SignInPanel } from '../../components/staff/SignInPanel';
import { useCurrentStaff } from '../../components/staff/useCurrentStaff';
import { useNow } from '../../components/useNow';
import { useStaff } from '../../db';
import { useJobsTimedOn, useRunningTimers } from '../../db/timeQueries';
import { dayNumber, dayText } from '../../domain/dates';
import type { JobState } from '../../domain/job';
import type { StaffMember } from '../../domain/staff';
import { durationText, stopwatchText } from '../../domain/time/format';
import { localDayBounds, personDay, type DayTimer } from '../../domain/time/personDay';
import { workedMs } from '../../domain/time/timers';
import { addDays } from '../intake/intakeForm';
import { useToday } from '../jobs/list/useToday';
import { TimerActions } from '../jobs/job/time/TimerActions';
import { phaseText, spanText, targetName } from '../jobs/job/time/timeText';
import { useStaffNames } from '../jobs/job/useStaffNames';
import { useSubmit, type Submit } from '../jobs/job/useSubmit';
import '../jobs/job/time/time.css';
import './timeScreen.css';

const TICK_MS = 1000;

export function TimeScreen() {
  const actor = useCurrentStaff();
  const people = useStaff();
  const today = useToday();
  const [params, setParams] = useSearchParams();
  const asked = params.get('day');
  const day = asked !== null && dayNumber(asked) !== null ? asked : today;
  const askedStaff = params.get('staff');

  if (actor === undefined || people === undefined) return <p className="muted">Reading…</p>;
  if (actor === null) {
    return (
      <section className="tday">
        <h2>My day</h2>
        <section className="jp-card">
          <p>
            <strong>Sign in to see your day.</strong>
          </p>
          <SignInPanel />
        </section>
      </section>
    );
  }
  // Only a manager sees another person's day; anyone else's address falls back to their own.
  const manager = actor.role === 'manager';
  const staffId =
    manager && askedStaff !== null && people.some((p) => p.id === askedStaff)
      ? askedStaff
      : actor.id;

  const go = (next: { day?: string; staff?: string }) => {
    setParams(
      (p) => {
        const out = new URLSearchParams(p);
        if (next.day !== undefined) {
          if (next.day === today) out.delete('day');
          else out.set('day', next.day);
        }
        if (next.staff !== undefined) {
          if (next.staff === actor.id) out.delete('staff');
          else out.set('staff', next.staff);
        }
        return out;
      },
      { replace: true },
    );
  };

  return (
    <DayView
      actor={actor}
      people={people}
      staffId={staffId}
      day={day}
      today={today}
      manager={manager}
      go={go}
    />
  );
}

function DayView({
  actor,
  people,
  staffId,
  day,
  today,
  manager,
  go,
}: {
  actor: StaffMember;
  people: readonly StaffMember[];
  staffId: string;
  day: string;
  today: string;
  manager: boolean;
  go: (next: { day?: string; staff?: string }) => void;
}) {
  const nameOf = useStaffNames(people);
  const now = useNow(TICK_MS);
  const submit = useSubmit();
  const running = useRunningTimers(staffId);
  const jobs = useJobsTimedOn(staffId, day);
  const dayId = useId();
  const whoId = useId();
  const own = staffId === actor.id;
  const title = own ? 'My day' : `${nameOf(staffId)}’s day`;
  const dayWords = day === today ? 'today' : `on ${dayText(day)}`;
  const worked = jobs === undefined ? null : personDay(jobs, staffId, localDayBounds(day), now);

  return (
    <section className="tday" aria-label={title}>
      <div className="tday-head">
        <h2>{title}</h2>
        <p className="tday-total" aria-label="Total time">
          {worked === null ? '…' : `${durationText(worked.totalMs)} ${dayWords}`}
        </p>
      </div>

      <div className="tday-controls">
        <div className="tday-days" role="group" aria-label="Day">
          <button type="button" className="button" onClick={() => go({ day: addDays(day, -1) })}>
            ← Previous day
          </button>
          <label htmlFor={dayId} className="tday-visually-hidden">
            Day shown
          </label>
          <input
            id={dayId}
            type="date"
            value={day}
            max={today}
            onChange={(e) => {
              if (dayNumber(e.target.value) !== null) go({ day: e.target.value });
            }}
          />
          <button
            type="button"
            className="button"
            disabled={day >= today}
            onClick={() => go({ day: addDays(day, 1) })}
          >
            Next day →
          </button>
          {day !== today && (
            <button type="button" className="button" onClick={() => go({ day: today })}>
              Today
            </button>
          )}
        </div>
        {manager && (
          <div className="field tday-who">
            <label htmlFor={whoId}>Whose day</label>
            <select id={whoId} value={staffId} onChange={(e) => go({ staff: e.target.value })}>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.active ? '' : ' (no longer on the staff)'}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>

      <ErrorLine error={submit.error} />

      {running !== undefined && running.length > 0 && (
        <section className="jp-card tday-running" aria-label="Running now">
          <h3>Running now</h3>
          <ul className="time-open">
            {running.map(({ job, timer }) => (
              <li
                key={timer.timerId}
                className="time-timer time-running"
                aria-label={`${job.envelopeNumber} · ${targetName(job, timer.serviceId)}`}
              >
                <p className="time-who">
                  <Link to={`/jobs/${job.id}`}>
                    <strong>{job.envelopeNumber}</strong>
                  </Link>{' '}
                  · {targetName(job, timer.serviceId)} · {job.customer.name}
                </p>
                <p className="time-face">
                  <span className="time-live">{stopwatchText(workedMs(timer, now))}</span>{' '}
                  <span className="time-phase">{phaseText(timer)}</span>
                </p>
                <TimerActions
                  jobId={job.id}
                  timer={timer}
                  actor={actor}
                  collected={job.status === 'collected'}
                  keepOthersRunning={false}
                  submit={submit}
                />
              </li>
            ))}
          </ul>
        </section>
      )}

      {worked === null ? (
        <p className="muted">Reading the day…</p>
      ) : worked.jobs.length === 0 ? (
        <p className="muted tday-empty">No time recorded {dayWords}.</p>
      ) : (
        <ul className="tday-jobs" aria-label="Time per job">
          {worked.jobs.map(({ job, ms, timers }) => (
            <li key={job.id} className="jp-card tday-job" aria-label={job.envelopeNumber}>
              <div className="tday-job-head">
                <p>
                  <Link to={`/jobs/${job.id}`}>
                    <strong>{job.envelopeNumber}</strong>
                  </Link>{' '}
                  · {job.customer.name} · {job.item.description}
                  {job.voided ? ' · voided' : ''}
                </p>
                <p className="time-num tday-job-ms">{durationText(ms)}</p>
              </div>
              <ul className="jp-list">
                {timers.map((t) => (
                  <DayTimerRow
                    key={t.timer.timerId}
                    entry={t}
                    actor={actor}
                    nameOf={nameOf}
                    nowMs={now}
                    submit={submit}
                  />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DayTimerRow({
  entry,
  actor,
  nameOf,
  nowMs,
  submit,
}: {
  entry: DayTimer<JobState>;
  actor: StaffMember;
  nameOf: (staffId: string) => string;
  nowMs: number;
  submit: Submit;
}) {
  const { job, timer, pieces, ms } = entry;
  // A stretch still running today ends at now; on a past day it ends at midnight, as clipped.
  const toNow = (endMs: number) => timer.phase === 'running' && !job.voided && endMs >= nowMs;
  const spans = pieces.map((p) => spanText(p.startMs, toNow(p.endMs) ? null : p.endMs)).join(', ');
  return (
    <li aria-label={targetName(job, timer.serviceId)}>
      <span>
        <strong>{targetName(job, timer.serviceId)}</strong> · {spans || 'no time measured'} ·{' '}
        {phaseText(timer)}
        {timer.corrected && (
          <span className="time-corrected">
            {' '}
            · corrected by {nameOf(timer.corrected.by)}: {timer.corrected.reason}
          </span>
        )}
      </span>
      <span className="time-num">
        <strong>{durationText(ms)}</strong>
      </span>
      {timer.phase === 'paused' && (
        <TimerActions
          jobId={job.id}
          timer={timer}
          actor={actor}
          collected={job.status === 'collected'}
          keepOthersRunning={false}
          submit={submit}
        />
      )}
    </li>
  );
}
