// Who has had the piece: "Hand to …" a person or a place, the trail of every hand-off with the
// receiver's word on it (confirmed, or awaiting their confirmation), and "Confirm receipt".
import { ErrorLine } from '../../../components/ErrorLine';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { Sheet } from '../../../components/Sheet';
import { db, useShop } from '../../../db';
import { handOn } from '../../../db/handoffOperations';
import { custodyTrail, holderOf, type TrailEntry } from '../../../domain/handoffs';
import type { CustodyTarget, JobState } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';
import { ConfirmReceipt, type MoveToConfirm } from '../../custody/ConfirmReceipt';
import { sendToTradePath } from '../../../scan/resolveScan';
import { whenText } from './format';
import { PLACES } from './places';
import { useSubmit } from './useSubmit';

interface CustodyPanelProps {
  job: JobState;
  /** The person signed in, or null (nobody, or a voided job: then nothing is offered). */
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}

interface Confirming {
  receiver: StaffMember;
  move: MoveToConfirm;
}

export function CustodyPanel({ job, actor, nameOf }: CustodyPanelProps) {
  const headingId = useId();
  const shop = useShop();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const trail = custodyTrail(job);
  const personOf = (id: string) => shop?.staff.find((s) => s.id === id);

  const askReceiver = (entry: TrailEntry) => {
    const receiver = personOf(entry.move.to.id);
    if (!receiver) return;
    setSaid(null);
    setConfirming({
      receiver,
      move: { jobId: job.id, moveEventId: entry.move.eventId, envelopeNumber: job.envelopeNumber },
    });
  };

  return (
    <section className="jp-card" aria-labelledby={headingId}>
      <div className="jp-card-head">
        <h3 id={headingId}>Custody</h3>
        {actor && (
          <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
            Hand to…
          </button>
        )}
      </div>
      {trail.length === 0 ? (
        <p className="muted">Not handed on since intake.</p>
      ) : (
        <ol className="jp-list">
          {trail.map((entry) => {
            const { move: c } = entry;
            const receiver = c.to.kind === 'staff' ? personOf(c.to.id) : undefined;
            return (
              <li key={c.eventId}>
                <span>
                  {entry.state.kind === 'taken' ? (
                    <>
                      <strong>{nameOf(c.by)}</strong> took it
                    </>
                  ) : (
                    <>
                      {nameOf(c.by)} handed it to{' '}
                      <strong>{c.to.kind === 'staff' ? nameOf(c.to.id) : c.to.label}</strong>
                    </>
                  )}
                  {c.note ? ` (${c.note})` : ''}
                  <StateWords entry={entry} nameOf={nameOf} />
                </span>
                <span className="jp-when">{whenText(c.at)}</span>
                {actor && entry.state.kind === 'awaiting' && receiver?.active === true && (
                  <button
                    type="button"
                    className="button"
                    aria-label={`Confirm receipt by ${receiver.name}`}
                    onClick={() => askReceiver(entry)}
                  >
                    Confirm receipt
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {said && (
        <p className="ok" role="status">
          ✓ {said}
        </p>
      )}
      {open && actor && (
        <HandOnSheet
          job={job}
          actor={actor}
          onClose={() => setOpen(false)}
          onAwaiting={(receiver, moveEventId) => {
            setOpen(false);
            setConfirming({
              receiver,
              move: { jobId: job.id, moveEventId, envelopeNumber: job.envelopeNumber },
            });
          }}
        />
      )}
      {confirming && (
        <Sheet label="Confirm receipt" onClose={() => setConfirming(null)}>
          <ConfirmReceipt
            receiver={confirming.receiver}
            moves={[confirming.move]}
            onConfirmed={(method) => {
              setSaid(
                `${confirming.receiver.name} confirmed receipt ${method === 'pin' ? 'with their PIN' : 'by scanning their badge'}.`,
              );
              setConfirming(null);
            }}
            onLater={() => setConfirming(null)}
          />
        </Sheet>
      )}
    </section>
  );
}

/** The receiver's word on a move, in words: the colour of nothing. */
function StateWords({ entry, nameOf }: { entry: TrailEntry; nameOf: (id: string) => string }) {
  const { state } = entry;
  switch (state.kind) {
    case 'confirmed': {
      // The time only when it differs from the hand-off's own, shown beside it.
      const at = whenText(state.at);
      return (
        <span className="jp-custody-state">
          {' '}
          — confirmed by {nameOf(state.by)}{' '}
          {state.method === 'pin' ? 'with their PIN' : 'by scanning their badge'}
          {at === whenText(entry.move.at) ? '' : `, ${at}`}
        </span>
      );
    }
    case 'awaiting':
      return (
        <span className="jp-custody-state">
          {' '}
          — <strong>awaiting {nameOf(state.receiverId)}’s confirmation</strong>
        </span>
      );
    case 'taken':
    case 'place':
      return null;
  }
}

function HandOnSheet({
  job,
  actor,
  onClose,
  onAwaiting,
}: {
  job: JobState;
  actor: StaffMember;
  onClose: () => void;
  /** Handed to someone else: their confirmation is asked for next. */
  onAwaiting: (receiver: StaffMember, moveEventId: string) => void;
}) {
  const shop = useShop();
  const navigate = useNavigate();
  const [note, setNote] = useState('');
  const submit = useSubmit();
  const noteId = useId();
  const holder = holderOf(job);
  const active = (shop?.staff ?? []).filter((s) => s.active);
  const people: CustodyTarget[] = active.map((s) => ({ kind: 'staff', id: s.id, label: s.name }));
  const tradeShops = (shop?.tradeShops ?? []).filter((t) => t.active);

  const handTo = (to: CustodyTarget) => {
    const trimmed = note.trim();
    let moveId: string | undefined;
    void submit
      .run(async () => {
        const [move] = await handOn(
          db,
          { jobIds: [job.id], to, ...(trimmed === '' ? {} : { note: trimmed }) },
          actor.id,
        );
        moveId = move?.id;
      })
      .then((ok) => {
        if (!ok) return;
        const receiver = to.kind === 'staff' ? active.find((s) => s.id === to.id) : undefined;
        if (receiver && receiver.id !== actor.id && moveId !== undefined) {
          onAwaiting(receiver, moveId);
        } else {
          onClose();
        }
      });
  };

  const target = (t: CustodyTarget) => {
    const hasIt = holder?.kind === t.kind && holder.id === t.id;
    return (
      <button
        key={`${t.kind}-${t.id}`}
        type="button"
        className="jp-target"
        disabled={submit.busy || hasIt}
        onClick={() => handTo(t)}
      >
        {t.label}
        {hasIt && <small> (has it now)</small>}
      </button>
    );
  };

  return (
    <Sheet label="Hand to…" onClose={onClose}>
      <h3>Hand {job.envelopeNumber} to…</h3>
      <div className="field">
        <label htmlFor={noteId}>Note — optional</label>
        <input
          id={noteId}
          value={note}
          maxLength={500}
          placeholder="Who took it, a tracking number…"
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <h4>People</h4>
      <p className="muted">The person then confirms with their PIN or badge.</p>
      <div className="jp-targets" role="group" aria-label="People">
        {people.map(target)}
      </div>
      <h4>Places</h4>
      <p className="muted">A place needs no confirmation.</p>
      <div className="jp-targets" role="group" aria-label="Places">
        {PLACES.map(target)}
      </div>
      {tradeShops.length > 0 && (
        <>
          <h4>Trade shops</h4>
          <p className="muted">Opens the send form: the work, who took it, the insurance value.</p>
          <div className="jp-targets" role="group" aria-label="Trade shops">
            {tradeShops.map((t) => (
              <button
                key={t.tradeShopId}
                type="button"
                className="jp-target"
                onClick={() => {
                  onClose();
                  void navigate(sendToTradePath(job.id, t.tradeShopId));
                }}
              >
                {t.name}
              </button>
            ))}
          </div>
        </>
      )}
      <ErrorLine error={submit.error} />
      <div className="sheet-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Sheet>
  );
}
