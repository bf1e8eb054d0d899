// The end-of-day safe count: start, scan every envelope into the safe (each recorded at once), finish,
// and see the open jobs not scanned with where each was last; the work out at trade shops apart.
// The count in progress is kept in the database, so a reload or a sleeping tablet loses none of it.
import { useState } from 'react';
import { Link } from 'react-router';
import { RequireStaff } from '../../components/staff/RequireStaff';
import { db, useShop } from '../../db';
import {
  cancelSafeCount,
  countIntoSafe,
  finishSafeCount,
  startSafeCount,
  useOpenJobCount,
  useSafeCountInProgress,
  type FinishedCount,
  type SafeCountInProgress,
} from '../../db/handoffOperations';
import { dayText } from '../../domain/dates';
import { isOpenJob } from '../../domain/handoffs';
import type { JobState } from '../../domain/job';
import type { StaffMember } from '../../domain/staff';
import { classifyScan } from '../../scan/payload';
import { jobPath, readPieceScan } from '../../scan/resolveScan';
import { whenText } from '../jobs/job/format';
import { errorMessage } from '../jobs/job/useSubmit';
import type { ScannerParts } from '../scan/CameraScanner';
import { PieceScanner } from './PieceScanner';
import { DeskNoticeLine, useDeskNotice, WhichJob } from './ScanDeskParts';
import './handoff.css';

export function SafeCountTab({ parts }: { parts?: ScannerParts }) {
  return <RequireStaff>{(staff) => <SafeCountDesk actor={staff} parts={parts} />}</RequireStaff>;
}

/** A wall-clock time as the job page shows a stamp: "17:40", or "23 Nov 17:40" on another day. */
function msText(ms: number): string {
  return whenText(new Date(ms).toISOString());
}

function SafeCountDesk({ actor, parts }: { actor: StaffMember; parts?: ScannerParts }) {
  const draft = useSafeCountInProgress();
  const [finished, setFinished] = useState<FinishedCount | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (draft === undefined) return null;
  if (finished) {
    return (
      <div className="ho-side">
        <CountResult result={finished} />
        <div className="ho-actions">
          <button type="button" className="button button-primary" onClick={() => setFinished(null)}>
            Done
          </button>
        </div>
      </div>
    );
  }
  if (draft) {
    return <Counting draft={draft} actor={actor} parts={parts} onFinished={setFinished} />;
  }
  return (
    <div className="ho-side">
      <section aria-label="Start a count">
        <h3>End-of-day safe count</h3>
        <p>
          Scan every envelope as it goes into the safe. Each one is recorded in the safe at once;
          when you finish, the tablet lists the open jobs not scanned and where each was last.
        </p>
        <div className="ho-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setError(null);
              startSafeCount(db, actor.id).catch((err: unknown) => setError(errorMessage(err)));
            }}
          >
            Start count
          </button>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </section>
      <PastCounts />
    </div>
  );
}

function Counting({
  draft,
  actor,
  parts,
  onFinished,
}: {
  draft: SafeCountInProgress;
  actor: StaffMember;
  parts?: ScannerParts;
  onFinished: (result: FinishedCount) => void;
}) {
  const shop = useShop();
  const openCount = useOpenJobCount();
  const [notice, say] = useDeskNotice();
  const [choices, setChoices] = useState<JobState[]>([]);
  const [recent, setRecent] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const starter = shop?.staff.find((s) => s.id === draft.by)?.name;

  const count = async (job: JobState) => {
    setChoices([]);
    if (!isOpenJob(job)) {
      say(
        'error',
        job.voided
          ? `Envelope ${job.envelopeNumber} is voided (${job.voided.reason}): it is not counted. Take it out of the safe.`
          : `Envelope ${job.envelopeNumber} was collected: the piece went home. It is not counted.`,
      );
      return;
    }
    try {
      const result = await countIntoSafe(db, { jobId: job.id }, actor.id);
      if (result.duplicate) {
        say('ok', `Envelope ${job.envelopeNumber} was scanned already: it counts once.`);
        return;
      }
      setRecent((list) => [job.envelopeNumber, ...list].slice(0, 8));
      say(
        'ok',
        result.moved
          ? `Envelope ${job.envelopeNumber} is in the safe.`
          : `Envelope ${job.envelopeNumber} is in the safe (it was recorded there already).`,
      );
    } catch (err) {
      say('error', errorMessage(err));
    }
  };

  const handle = async (text: string) => {
    const read = await readPieceScan(db, classifyScan(text, window.location.origin));
    if (read.kind === 'refused') say('error', read.message);
    else if (read.kind === 'badge') {
      say('error', 'That is a badge: scan the envelopes going into the safe. Nothing was counted.');
    } else if (read.jobs.length === 1 && read.jobs[0]) await count(read.jobs[0]);
    else {
      setChoices(read.jobs);
      say('ok', 'Several jobs answer to that envelope: tap the one in your hand.');
    }
  };

  const finish = () => {
    setBusy(true);
    finishSafeCount(db, { startedAtMs: draft.startedAtMs, scanned: draft.scanned }, actor.id)
      .then(onFinished, (err: unknown) => say('error', errorMessage(err)))
      .finally(() => setBusy(false));
  };

  return (
    <div className="ho">
      <div className="ho-scan">
        <h3>Scan every envelope into the safe</h3>
        <p className="muted">
          Counting since {msText(draft.startedAtMs)}
          {starter ? `, started by ${starter}` : ''}.
        </p>
        <PieceScanner
          parts={parts}
          onCode={handle}
          hint="Hold each envelope’s QR code inside the frame."
          label="Envelope number"
        />
        <DeskNoticeLine notice={notice} />
        <WhichJob choices={choices} onPick={(job) => void count(job)} />
      </div>
      <div className="ho-side">
        <section aria-label="Count so far">
          <p>
            <span className="ho-count" data-testid="safe-count-scanned">
              {draft.scanned.length}
            </span>{' '}
            scanned
            {openCount !== undefined && ` of ${openCount} open ${openCount === 1 ? 'job' : 'jobs'}`}
          </p>
          {recent.length > 0 && <p className="muted">Last scanned: {recent.join(', ')}</p>}
          <div className="ho-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={finish}
            >
              Finish count
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void cancelSafeCount(db)}
            >
              Cancel count
            </button>
          </div>
          <p className="muted">
            Cancel keeps the envelopes recorded in the safe; only this count is dropped.
          </p>
        </section>
      </div>
    </div>
  );
}

function CountResult({ result }: { result: FinishedCount }) {
  const { missing, outAtTrade, scanned } = result;
  return (
    <>
      <section aria-label="Not in the safe">
        <h3>
          {missing.length === 0
            ? `Every open job is accounted for: ${scanned.length} in the safe`
            : `${missing.length} open ${missing.length === 1 ? 'job' : 'jobs'} not in the safe`}
        </h3>
        {missing.length > 0 && (
          <>
            <p>Not scanned tonight, with where each was last:</p>
            <ul className="ho-pieces">
              {missing.map((m) => (
                <li key={m.jobId}>
                  <span>
                    <Link to={jobPath(m.jobId)}>{m.envelopeNumber}</Link> — last with{' '}
                    <strong>{m.lastWhere}</strong>
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
        <p className="muted">{scanned.length} scanned into the safe.</p>
      </section>
      {outAtTrade.length > 0 && (
        <section aria-label="Out at trade shops">
          <h3>Out at trade shops ({outAtTrade.length})</h3>
          <p className="muted">Sent out and not back yet: not missing, not in the safe.</p>
          <ul className="ho-pieces">
            {outAtTrade.map((o) => (
              <li key={o.jobId}>
                <span>
                  <Link to={jobPath(o.jobId)}>{o.envelopeNumber}</Link> — at{' '}
                  <strong>{o.tradeShopName}</strong> since {dayText(o.sentDate, { year: false })},
                  due back {dayText(o.expectedBack, { year: false })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

const PAST_SHOWN = 10;

function PastCounts() {
  const shop = useShop();
  if (shop === undefined) return null;
  const counts = shop.safeCounts.slice().reverse().slice(0, PAST_SHOWN);
  const nameOf = (id: string) => shop.staff.find((s) => s.id === id)?.name ?? 'someone not listed';
  return (
    <section aria-label="Past counts">
      <h3>Past counts</h3>
      {counts.length === 0 ? (
        <p className="muted">No count yet.</p>
      ) : (
        <ul className="ho-pieces">
          {counts.map((c) => (
            <li key={c.eventId}>
              <span>
                <strong>{msText(c.finishedAtMs)}</strong> · {nameOf(c.by)} · {c.scanned.length}{' '}
                scanned · {c.missing.length === 0 ? 'none missing' : `${c.missing.length} missing`}
                {c.missing.length > 0 && (
                  <small className="muted">
                    {' '}
                    ({c.missing.map((m) => `${m.envelopeNumber}: ${m.lastWhere}`).join('; ')})
                  </small>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
