// Hand on: scan the envelopes (camera, a wedge scanner, or typed), then the receiver's badge or a tap
// on who or where gets them. A person then confirms on this tablet with their PIN or badge; a place
// needs no confirmation; a trade shop opens the job's send form.
import { useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { RequireStaff } from '../../components/staff/RequireStaff';
import { db, useShop } from '../../db';
import { handOn, useAwaitingConfirmations } from '../../db/handoffOperations';
import { BADGE_PLACES, isOpenJob, lastWhere, type AwaitingMove } from '../../domain/handoffs';
import type { CustodyTarget, JobState } from '../../domain/job';
import type { StaffMember } from '../../domain/staff';
import type { TradeShopData } from '../../protocol/handoffs';
import { badgeName, type BadgeHolder } from '../../scan/badgeLink';
import { classifyScan } from '../../scan/payload';
import { jobPath, readPieceScan, sendToTradePath } from '../../scan/resolveScan';
import { errorMessage } from '../jobs/job/useSubmit';
import type { ScannerParts } from '../scan/CameraScanner';
import { badgeRefusal } from '../scan/badgeText';
import { ConfirmReceipt, envelopesText, type MoveToConfirm } from './ConfirmReceipt';
import { PieceScanner } from './PieceScanner';
import { DeskNoticeLine, useDeskNotice, WhichJob } from './ScanDeskParts';
import './handoff.css';

export function HandOnTab({ parts }: { parts?: ScannerParts }) {
  return <RequireStaff>{(staff) => <HandOnDesk actor={staff} parts={parts} />}</RequireStaff>;
}

interface Pending {
  receiver: StaffMember;
  moves: MoveToConfirm[];
}

function HandOnDesk({ actor, parts }: { actor: StaffMember; parts?: ScannerParts }) {
  const shop = useShop();
  const navigate = useNavigate();
  const [pieces, setPieces] = useState<JobState[]>([]);
  const [choices, setChoices] = useState<JobState[]>([]);
  const [notice, say] = useDeskNotice();
  const [pending, setPending] = useState<Pending | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const badgeRef = useRef<((text: string) => void) | null>(null);
  const noteId = useId();

  const staff = shop?.staff ?? [];
  const nameOf = (id: string) => staff.find((s) => s.id === id)?.name;
  const people = staff.filter((s) => s.active);
  const tradeShops = (shop?.tradeShops ?? []).filter((t) => t.active);

  const addPiece = (job: JobState) => {
    setChoices([]);
    if (!isOpenJob(job)) {
      say(
        'error',
        job.voided
          ? `Envelope ${job.envelopeNumber} is voided (${job.voided.reason}): it is not handed on. Nothing was recorded.`
          : `Envelope ${job.envelopeNumber} was collected: the piece went home with the customer. Nothing was recorded.`,
      );
      return;
    }
    if (pieces.some((p) => p.id === job.id)) {
      say('error', `Envelope ${job.envelopeNumber} is on the list already.`);
      return;
    }
    setPieces((list) => [...list, job]);
    say('ok', `Envelope ${job.envelopeNumber} added. Scan the next, or the receiver’s badge.`);
  };

  const give = async (to: CustodyTarget) => {
    if (pieces.length === 0) {
      say('error', `Scan the envelopes first, then ${to.label}’s badge.`);
      return;
    }
    setBusy(true);
    try {
      const trimmed = note.trim();
      const events = await handOn(
        db,
        { jobIds: pieces.map((p) => p.id), to, ...(trimmed === '' ? {} : { note: trimmed }) },
        actor.id,
      );
      const numbers = envelopesText(pieces.map((p) => p.envelopeNumber));
      const receiver = to.kind === 'staff' ? staff.find((s) => s.id === to.id) : undefined;
      setPieces([]);
      setNote('');
      if (receiver === undefined) {
        say('ok', `Handed ${numbers} to ${to.label}. A place needs no confirmation.`);
      } else if (receiver.id === actor.id) {
        say('ok', `You took ${numbers}. Your own hand-off needs no confirmation.`);
      } else {
        const moves = events.map((e) => ({
          jobId: e.jobId,
          moveEventId: e.id,
          envelopeNumber: pieces.find((p) => p.id === e.jobId)?.envelopeNumber ?? e.jobId,
        }));
        say('ok', `Handed ${numbers} to ${receiver.name}. Now ${receiver.name} confirms receipt.`);
        setPending({ receiver, moves });
      }
    } catch (err) {
      say('error', errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const sendToTrade = (tradeShop: TradeShopData) => {
    const only = pieces[0];
    if (only === undefined) {
      say('error', `Scan the envelope first, then ${tradeShop.name}’s badge.`);
      return;
    }
    if (pieces.length > 1) {
      say(
        'error',
        `Send one envelope at a time to ${tradeShop.name}: its form records the work and the insurance value of each. Remove the others first.`,
      );
      return;
    }
    void navigate(sendToTradePath(only.id, tradeShop.tradeShopId));
  };

  const badgeScanned = async (holder: BadgeHolder) => {
    const refusal = badgeRefusal(holder);
    if (refusal !== null) {
      say('error', `${refusal} Nothing was handed on.`);
      return;
    }
    switch (holder.kind) {
      case 'staff':
        await give({ kind: 'staff', id: holder.id, label: holder.name });
        return;
      case 'place':
        await give(holder.target);
        return;
      case 'tradeShop':
        sendToTrade(holder.tradeShop);
        return;
      case 'unknown':
        say('error', `That badge names ${badgeName(holder)}. Nothing was handed on.`);
    }
  };

  const handle = async (text: string) => {
    if (pending !== null) {
      // The receiver's turn: their badge confirms; anything else waits until they have.
      badgeRef.current?.(text);
      return;
    }
    const read = await readPieceScan(db, classifyScan(text, window.location.origin));
    if (read.kind === 'refused') say('error', read.message);
    else if (read.kind === 'badge') await badgeScanned(read.holder);
    else if (read.jobs.length === 1 && read.jobs[0]) addPiece(read.jobs[0]);
    else {
      setChoices(read.jobs);
      say('ok', 'Several jobs answer to that envelope: tap the one in your hand.');
    }
  };

  const target = (t: CustodyTarget) => (
    <button
      key={`${t.kind}-${t.id}`}
      type="button"
      className="ho-target"
      disabled={busy || pieces.length === 0}
      onClick={() => void give(t)}
    >
      {t.label}
    </button>
  );

  return (
    <div className="ho">
      <div className="ho-scan">
        <h3>Scan the envelopes, then the badge</h3>
        <p className="muted">
          A scanner works from anywhere on this screen. A person signs for what they receive; a
          place (the safe, a bench) needs no confirmation.
        </p>
        <PieceScanner
          parts={parts}
          onCode={handle}
          hint="Hold an envelope’s QR code, or a badge, inside the frame."
          label="Envelope number"
        />
        <DeskNoticeLine notice={notice} />
        <WhichJob choices={choices} onPick={addPiece} />
        {pending === null && (
          <section aria-label="Pieces to hand on">
            <h3>Pieces to hand on ({pieces.length})</h3>
            {pieces.length === 0 ? (
              <p className="muted">None yet: scan an envelope.</p>
            ) : (
              <ul className="ho-pieces">
                {pieces.map((job) => (
                  <li key={job.id}>
                    <span>
                      <strong>{job.envelopeNumber}</strong> {job.item.description}
                      <small className="muted"> · now with {lastWhere(job, nameOf)}</small>
                    </span>
                    <button
                      type="button"
                      className="button"
                      aria-label={`Remove ${job.envelopeNumber}`}
                      onClick={() => setPieces((list) => list.filter((p) => p.id !== job.id))}
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </div>

      <div className="ho-side">
        {pending ? (
          <>
            <ConfirmReceipt
              receiver={pending.receiver}
              moves={pending.moves}
              badgeRef={badgeRef}
              onConfirmed={(method) => {
                say(
                  'ok',
                  `${pending.receiver.name} confirmed receipt of ${envelopesText(
                    pending.moves.map((m) => m.envelopeNumber),
                  )} ${method === 'pin' ? 'with their PIN' : 'by scanning their badge'}.`,
                );
                setPending(null);
              }}
              onLater={() => {
                say(
                  'ok',
                  `${envelopesText(pending.moves.map((m) => m.envelopeNumber))} awaits ${pending.receiver.name}’s confirmation: they confirm it on the job’s page (Confirm receipt).`,
                );
                setPending(null);
              }}
            />
          </>
        ) : (
          <>
            <section aria-label="Hand them to">
              <h3>Hand them to</h3>
              <p className="muted">Scan the receiver’s badge, or tap who or where.</p>
              <div className="field">
                <label htmlFor={noteId}>Note — optional</label>
                <input
                  id={noteId}
                  value={note}
                  maxLength={500}
                  placeholder="Tray 4, a courier’s name…"
                  onChange={(e) => setNote(e.target.value)}
                />
              </div>
              <h4>People</h4>
              <div className="ho-targets" role="group" aria-label="People">
                {people.map((p) => target({ kind: 'staff', id: p.id, label: p.name }))}
              </div>
              <h4>Places</h4>
              <div className="ho-targets" role="group" aria-label="Places">
                {BADGE_PLACES.map(target)}
              </div>
              {tradeShops.length > 0 && (
                <>
                  <h4>Trade shops</h4>
                  <div className="ho-targets" role="group" aria-label="Trade shops">
                    {tradeShops.map((t) => (
                      <button
                        key={t.tradeShopId}
                        type="button"
                        className="ho-target"
                        disabled={busy || pieces.length !== 1}
                        onClick={() => sendToTrade(t)}
                      >
                        {t.name}
                      </button>
                    ))}
                  </div>
                  <p className="muted">One envelope at a time: its send form opens on the job.</p>
                </>
              )}
            </section>
          </>
        )}
        <AwaitingList />
      </div>
    </div>
  );
}

/** The pieces whose receiver has not confirmed yet, each a link to its job (Confirm receipt). */
function AwaitingList() {
  const awaiting = useAwaitingConfirmations();
  const shop = useShop();
  if (awaiting === undefined || awaiting.length === 0) return null;
  const nameOf = (id: string, label: string) => shop?.staff.find((s) => s.id === id)?.name ?? label;
  return (
    <section aria-label="Awaiting confirmation" className="ho-awaiting">
      <h3>Awaiting confirmation</h3>
      <ul className="ho-pieces">
        {awaiting.map(({ job, move }: AwaitingMove) => (
          <li key={move.eventId}>
            <span>
              <strong>{job.envelopeNumber}</strong> awaits {nameOf(move.to.id, move.to.label)}’s
              confirmation
            </span>
            <Link to={jobPath(job.id)} className="button">
              Open the job
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
