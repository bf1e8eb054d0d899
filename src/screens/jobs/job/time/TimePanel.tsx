// The job page's time panel: start, pause and stop a timer on the job or a service; time per service and per job.
// Everything shown is worked out from the wall-clock marks in the job's row at the moment it is drawn
// (useNow), so a timer is right after a reload, the tablet sleeping or the app restarting offline.
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ErrorLine } from '../../../../components/ErrorLine';
import { useNow } from '../../../../components/useNow';
import { db } from '../../../../db';
import { startTimer } from '../../../../db/timeOperations';
import { useRunningTimers, type RunningTimer } from '../../../../db/timeQueries';
import type { JobState } from '../../../../domain/job';
import type { StaffMember } from '../../../../domain/staff';
import { durationText, stopwatchText } from '../../../../domain/time/format';
import { measuredMs, timersOf, workedMs, type Timer } from '../../../../domain/time/timers';
import {
  countUntil,
  openTimerOn,
  openTimers,
  timeTotals,
  WHOLE_JOB,
} from '../../../../domain/time/totals';
import { useToday } from '../../list/useToday';
import type { JobPanelProps } from '../panelProps';
import { useSubmit, type Submit } from '../useSubmit';
import { CorrectTimerSheet } from './CorrectTimerSheet';
import { mayHandle, TimerActions } from './TimerActions';
import { momentText, phaseText, targetName, WHOLE_JOB_LABEL } from './timeText';
import './time.css';

/** A second is what the face of a running timer shows. */
const TICK_MS = 1000;

export function TimePanel({ job, actor, nameOf }: JobPanelProps) {
  const headingId = useId();
  const now = useNow(TICK_MS);
  const today = useToday();
  const submit = useSubmit();
  const [keepOthers, setKeepOthers] = useState(false);
  const [correcting, setCorrecting] = useState<Timer | null>(null);
  const timers = useMemo(() => timersOf(job.timerMarks), [job.timerMarks]);
  const until = countUntil(job, now);
  const totals = timeTotals(timers, until);
  const open = openTimers(timers);
  const stopped = timers.filter((t) => t.phase === 'stopped');
  const collected = job.status === 'collected';

  return (
    <section className="jp-card time" aria-labelledby={headingId}>
      <div className="jp-card-head">
        <h3 id={headingId}>Time</h3>
        <p className="time-sum" aria-label="Time on this job">
          {durationText(totals.totalMs)} in all
        </p>
      </div>
      <ErrorLine error={submit.error} />
      {open.length > 0 && (
        <ul className="time-open" aria-label="Timers running or paused">
          {open.map((t) => (
            <li
              key={t.timerId}
              className={`time-timer time-${t.phase}`}
              aria-label={`${nameOf(t.staffId)} · ${targetName(job, t.serviceId)}`}
            >
              <p className="time-who">
                <strong>{nameOf(t.staffId)}</strong> · {targetName(job, t.serviceId)}
              </p>
              <p className="time-face">
                <span className="time-live">{stopwatchText(workedMs(t, until))}</span>{' '}
                <span className="time-phase">{phaseText(t)}</span>
              </p>
              <p className="muted">Started {momentText(t.startedMs, today)}</p>
              <TimerActions
                jobId={job.id}
                timer={t}
                actor={actor}
                collected={collected}
                keepOthersRunning={keepOthers}
                submit={submit}
              />
            </li>
          ))}
        </ul>
      )}
      {actor && (
        <StartControls
          job={job}
          actor={actor}
          timers={timers}
          keepOthers={keepOthers}
          setKeepOthers={setKeepOthers}
          submit={submit}
        />
      )}
      {timers.length === 0 ? (
        <p className="muted">No time recorded on this job yet.</p>
      ) : (
        <Totals job={job} totals={totals} nameOf={nameOf} />
      )}
      {stopped.length > 0 && (
        <details className="time-stopped">
          <summary>Stopped timers ({stopped.length})</summary>
          <ul className="jp-list" aria-label="Stopped timers">
            {stopped.map((t) => (
              <li
                key={t.timerId}
                aria-label={`${nameOf(t.staffId)} · ${targetName(job, t.serviceId)}`}
              >
                <span>
                  <strong>{nameOf(t.staffId)}</strong> · {targetName(job, t.serviceId)} ·{' '}
                  {momentText(t.startedMs, today)} ·{' '}
                  <strong>{durationText(workedMs(t, until))}</strong>
                  {t.corrected && (
                    <span className="time-corrected">
                      {' '}
                      (corrected from {durationText(measuredMs(t, until))} by{' '}
                      {nameOf(t.corrected.by)}: {t.corrected.reason})
                    </span>
                  )}
                </span>
                {mayHandle(actor, t) && (
                  <button type="button" className="button" onClick={() => setCorrecting(t)}>
                    Correct…
                  </button>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      {correcting && actor && (
        <CorrectTimerSheet
          job={job}
          timer={correcting}
          actor={actor}
          nameOf={nameOf}
          nowMs={until}
          onClose={() => setCorrecting(null)}
        />
      )}
    </section>
  );
}

/** The targets a timer can be started on: the whole job, then each service not cancelled. */
function startTargets(job: JobState): { serviceId: string | null; label: string }[] {
  return [
    { serviceId: null, label: WHOLE_JOB_LABEL },
    ...job.services
      .filter((s) => !s.cancelled)
      .map((s) => ({ serviceId: s.id, label: targetName(job, s.id) })),
  ];
}

function StartControls({
  job,
  actor,
  timers,
  keepOthers,
  setKeepOthers,
  submit,
}: {
  job: JobState;
  actor: StaffMember;
  timers: readonly Timer[];
  keepOthers: boolean;
  setKeepOthers: (keep: boolean) => void;
  submit: Submit;
}) {
  const running = useRunningTimers(actor.id);
  if (job.status === 'collected') {
    return (
      <p className="muted">
        Collected: the piece went home, so no new timer starts. A timer left open can still be
        stopped.
      </p>
    );
  }
  // Targets the person already has an open timer on are paused or resumed in the list below.
  const free = startTargets(job).filter(
    (t) => openTimerOn(timers, actor.id, t.serviceId) === undefined,
  );
  const others = running ?? [];
  return (
    <div className="time-start">
      {others.length > 0 && (
        <div className="time-others">
          <p>
            {others.length === 1 ? 'Your timer on ' : 'Your timers on '}
            {others.map((r, i) => (
              <span key={r.timer.timerId}>
                {i > 0 && ', '}
                <RunningWhere running={r} here={job.id} />
              </span>
            ))}{' '}
            {others.length === 1 ? 'is' : 'are'} running: starting or resuming another pauses{' '}
            {others.length === 1 ? 'it' : 'them'}.
          </p>
          <button
            type="button"
            role="switch"
            aria-checked={keepOthers}
            className={keepOthers ? 'check on' : 'check'}
            onClick={() => setKeepOthers(!keepOthers)}
          >
            Keep the other running: {keepOthers ? 'yes' : 'no'}
          </button>
        </div>
      )}
      {free.length > 0 && (
        <div className="time-targets" role="group" aria-label={`Start a timer as ${actor.name}`}>
          {free.map((t) => (
            <button
              key={t.serviceId ?? WHOLE_JOB}
              type="button"
              className="button button-primary"
              disabled={submit.busy}
              onClick={() =>
                void submit.run(() =>
                  startTimer(
                    db,
                    {
                      jobId: job.id,
                      ...(t.serviceId === null ? {} : { serviceId: t.serviceId }),
                      keepOthersRunning: keepOthers,
                    },
                    actor.id,
                  ),
                )
              }
            >
              Start: {t.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** "K7-0041 · Polishing" (a link to that job), or "this job · Whole job". */
function RunningWhere({ running, here }: { running: RunningTimer; here: string }) {
  const target = targetName(running.job, running.timer.serviceId);
  if (running.job.id === here) return <strong>this job · {target}</strong>;
  return (
    <Link to={`/jobs/${running.job.id}`}>
      {running.job.envelopeNumber} · {target}
    </Link>
  );
}

function Totals({
  job,
  totals,
  nameOf,
}: {
  job: JobState;
  totals: ReturnType<typeof timeTotals>;
  nameOf: (staffId: string) => string;
}) {
  // The whole job's own timers, then every service with time or still to be done, in job order.
  const targets = [
    { key: WHOLE_JOB, label: WHOLE_JOB_LABEL },
    ...job.services.map((s) => ({ key: s.id, label: targetName(job, s.id) })),
  ].filter((t) => (totals.byTarget[t.key] ?? 0) > 0);
  const people = Object.entries(totals.byPerson).sort(([, a], [, b]) => b - a);
  return (
    <div className="time-totals">
      <table className="time-table" aria-label="Time per service">
        <thead>
          <tr>
            <th scope="col">On</th>
            <th scope="col" className="time-num">
              Time
            </th>
          </tr>
        </thead>
        <tbody>
          {targets.map((t) => (
            <tr key={t.key}>
              <th scope="row">{t.label}</th>
              <td className="time-num">{durationText(totals.byTarget[t.key] ?? 0)}</td>
            </tr>
          ))}
          <tr className="time-table-sum">
            <th scope="row">The job in all</th>
            <td className="time-num">{durationText(totals.totalMs)}</td>
          </tr>
        </tbody>
      </table>
      <table className="time-table" aria-label="Time per person">
        <thead>
          <tr>
            <th scope="col">Who</th>
            <th scope="col" className="time-num">
              Time
            </th>
          </tr>
        </thead>
        <tbody>
          {people.map(([staffId, ms]) => (
            <tr key={staffId}>
              <th scope="row">{nameOf(staffId)}</th>
              <td className="time-num">{durationText(ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
