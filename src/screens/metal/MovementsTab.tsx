// The Movements tab: every ledger record, newest first, in words. Nothing is deleted: a corrected
// movement stays, struck through, beside the correction that reversed it.
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { correctMovement, db, useJob, useLatestLedgerEvents } from '../../db';
import { correctedMovement, type Movement } from '../../domain/ledger/legs';
import { scaleById, toleranceFlag } from '../../domain/ledger/scales';
import type { StaffMember } from '../../domain/staff';
import { readStoredEvent, type LoupeEvent, type StoredEvent } from '../../protocol/events';
import { CORRECTABLE_TYPES, type HolderData } from '../../protocol/ledger';
import { ErrorLine, ReasonField } from '../casting/tree/controls';
import { whenText } from '../jobs/job/format';
import { useSubmit } from '../jobs/job/useSubmit';
import type { LedgerScreenProps } from './ledgerProps';
import {
  alloyName,
  FORM_LABELS,
  gramsText,
  holderText,
  lotCode,
  moneyText,
  placeText,
  potLabel,
  scrapKindLabel,
  SESSION_LABELS,
  weighInText,
} from './metalText';

/** Enough for a month of a busy bench on one screen; older ones a tap away. */
const PAGE = 200;

export function MovementsTab({ ledger, nameOf, allScales, actor }: LedgerScreenProps) {
  const [limit, setLimit] = useState(PAGE);
  const page = useLatestLedgerEvents(limit);
  if (page === undefined) return <p className="tp-loading">Reading the movements…</p>;
  if (page.total === 0) {
    return (
      <section className="tp-card">
        <p className="muted">No movements yet.</p>
      </section>
    );
  }
  // A correction is newer than what it corrects: the newest page holds the correction of each
  // movement it shows.
  const byId = new Map(page.events.map((e) => [e.id, e]));
  const shown = page.events;
  const older = page.total - shown.length;
  const ctx: LineContext = { nameOf, scaleName: (id) => scaleById(allScales, id).name };

  return (
    <section className="metal-moves" aria-label="Movements">
      <p className="muted">
        Newest first. A wrong movement is corrected, never deleted: correct it, then record the
        right one on the Stock or Scrap tab.
      </p>
      <ol className="metal-move-list" aria-label="Movements, newest first">
        {shown.map((e) => {
          const correctionId = ledger.corrected[e.id];
          return (
            <MovementRow
              key={e.id}
              event={e}
              ctx={ctx}
              correction={correctionId ? (byId.get(correctionId) ?? null) : null}
              corrected={correctionId !== undefined}
              actor={actor}
            />
          );
        })}
      </ol>
      {older > 0 && (
        <button type="button" className="button tp-big" onClick={() => setLimit((n) => n + PAGE)}>
          Show {Math.min(PAGE, older)} more (of {older} older)
        </button>
      )}
    </section>
  );
}

interface LineContext {
  nameOf: (staffId: string) => string;
  scaleName: (scaleId: string | undefined) => string;
}

function MovementRow({
  event,
  ctx,
  correction,
  corrected,
  actor,
}: {
  event: StoredEvent;
  ctx: LineContext;
  /** The correction that reversed this movement, when this tablet has it. */
  correction: StoredEvent | null;
  corrected: boolean;
  actor: StaffMember | null;
}) {
  const [asking, setAsking] = useState(false);
  const read = readStoredEvent(event);
  const correctable =
    read.known && (CORRECTABLE_TYPES as readonly string[]).includes(event.type) && !corrected;
  const scaleId = typeof event.data.scaleId === 'string' ? event.data.scaleId : undefined;
  const note = typeof event.data.note === 'string' ? event.data.note : undefined;
  const reason =
    correction && typeof correction.data.reason === 'string' ? correction.data.reason : '';

  return (
    <li className={corrected ? 'metal-move corrected' : 'metal-move'}>
      <div className={corrected ? 'metal-struck' : undefined}>
        {read.known ? (
          <EventWords event={read.event} ctx={ctx} />
        ) : (
          <p>
            <strong>A record this version does not know</strong> ({event.type}): update the app to
            read it.
          </p>
        )}
        <p className="tp-who">
          by {ctx.nameOf(event.actor)} · {whenText(event.at)}
          {scaleId !== undefined ? ` · ${ctx.scaleName(scaleId)}` : ''}
          {note ? ` · “${note}”` : ''}
        </p>
      </div>
      {corrected && (
        <p className="metal-corrected-note">
          <strong>Corrected</strong>
          {correction
            ? ` by ${ctx.nameOf(correction.actor)} ${whenText(correction.at)}: ${reason}`
            : ' (the correction has not reached this list yet)'}
        </p>
      )}
      {correctable && actor && !asking && (
        <button type="button" className="button" onClick={() => setAsking(true)}>
          Correct…
        </button>
      )}
      {correctable && actor && asking && (
        <CorrectForm eventId={event.id} actor={actor} onClose={() => setAsking(false)} />
      )}
    </li>
  );
}

function CorrectForm({
  eventId,
  actor,
  onClose,
}: {
  eventId: string;
  actor: StaffMember;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const save = () => {
    if (reason.trim() === '') {
      submit.setError('Say what was wrong with it.');
      return;
    }
    void submit
      .run(() => correctMovement(db, { eventId, reason: reason.trim() }, actor.id))
      .then((ok) => ok && onClose());
  };
  return (
    <form
      className="tp-inline-form metal-correct"
      aria-label="Correct this movement"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      noValidate
    >
      <ReasonField
        label="What was wrong with it?"
        value={reason}
        placeholder="Wrong alloy: it was 18k"
        onChange={setReason}
      />
      <p className="hint">
        This reverses the movement; both stay in the list. Then record the right one with the forms.
      </p>
      <div className="tp-actions">
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          Correct this movement
        </button>
        <button type="button" className="button" onClick={onClose}>
          Keep it
        </button>
      </div>
      <ErrorLine error={submit.error} />
    </form>
  );
}

function Holder({ holder, ctx }: { holder: HolderData; ctx: LineContext }) {
  if (holder.kind === 'tree') {
    return (
      <Link to={`/casting/trees/${holder.id}`} className="metal-link">
        {holderText(holder, ctx.nameOf)}
      </Link>
    );
  }
  return <>{holderText(holder, ctx.nameOf)}</>;
}

function JobRef({ jobId }: { jobId: string }) {
  const job = useJob(jobId);
  if (!job) return <>a job not on this tablet</>;
  return (
    <Link to={`/jobs/${jobId}`} className="metal-link">
      job {job.envelopeNumber}
    </Link>
  );
}

function Line({ title, children }: { title: string; children: ReactNode }) {
  return (
    <p className="metal-move-line">
      <strong>{title}</strong> · {children}
    </p>
  );
}

function EventWords({ event, ctx }: { event: LoupeEvent; ctx: LineContext }) {
  switch (event.type) {
    case 'metal.received':
    case 'metal.issued':
    case 'metal.returned':
    case 'metal.used':
    case 'metal.weighed_in':
    case 'scrap.deposited':
      return (
        <MovementWords movement={{ type: event.type, data: event.data } as Movement} ctx={ctx} />
      );
    case 'metal.corrected': {
      const original = correctedMovement(event.data);
      return (
        <div>
          <Line title="Correction">reverses this movement, for “{event.data.reason}”:</Line>
          <div className="metal-reversed">
            {original ? (
              <MovementWords movement={original} ctx={ctx} />
            ) : (
              <p>a {event.data.original.type} record this version cannot read</p>
            )}
          </div>
        </div>
      );
    }
    case 'lot.sealed': {
      const g = event.data.contents.reduce((t, c) => t + c.grams, 0);
      const pots = [...new Set(event.data.contents.map((c) => potLabel(c.potId)))];
      return (
        <Line title="Lot sealed">
          {lotCode(event.data.lotId)}: {gramsText(g)} from {pots.join(', ')}
          {event.data.sealNumber ? ` · seal ${event.data.sealNumber}` : ''}
        </Line>
      );
    }
    case 'lot.sent':
      return (
        <Line title="Lot sent">
          {lotCode(event.data.lotId)} to {event.data.refiner} on {event.data.sentOn}, taken by{' '}
          {event.data.takenBy} · gross {gramsText(event.data.grossG)} · seal {event.data.sealNumber}
        </Line>
      );
    case 'lot.settled':
      return (
        <Line title="Lot settled">
          {lotCode(event.data.lotId)} on {event.data.settledOn}
          {event.data.assayPermille !== undefined ? ` · assay ${event.data.assayPermille} ‰` : ''} ·
          credited {gramsText(event.data.fineCreditedG)} fine · fees{' '}
          {moneyText(event.data.feesCents)}
        </Line>
      );
    default:
      return <Line title={event.type}>not a ledger record</Line>;
  }
}

function MovementWords({ movement, ctx }: { movement: Movement; ctx: LineContext }) {
  const m = movement;
  switch (m.type) {
    case 'metal.received':
      return (
        <Line title="Received">
          {gramsText(m.data.grams)} {alloyName(m.data.alloyId)} (
          {FORM_LABELS[m.data.form].toLowerCase()}) · {m.data.supplier}
          {m.data.supplierLot ? `, lot ${m.data.supplierLot}` : ''} → the safe
        </Line>
      );
    case 'metal.issued':
      return (
        <Line title="Issued">
          {gramsText(m.data.grams)} {alloyName(m.data.alloyId)} · the safe →{' '}
          <Holder holder={m.data.to} ctx={ctx} />
        </Line>
      );
    case 'metal.returned':
      return (
        <Line title="Returned">
          {gramsText(m.data.grams)} {alloyName(m.data.alloyId)} ·{' '}
          <Holder holder={m.data.from} ctx={ctx} /> → the safe
        </Line>
      );
    case 'metal.used':
      return (
        <Line title="Used on a job">
          {gramsText(m.data.grams)} {alloyName(m.data.alloyId)} ·{' '}
          <Holder holder={m.data.from} ctx={ctx} /> → <JobRef jobId={m.data.jobId} />
        </Line>
      );
    case 'metal.weighed_in': {
      const { bookG, weighedG, toleranceG, place } = m.data;
      const flag = toleranceFlag(weighedG, bookG, toleranceG);
      return (
        <Line title={`Weigh-in, ${SESSION_LABELS[m.data.session].toLowerCase()}`}>
          {place.kind === 'stock' ? (
            placeText(place, ctx.nameOf)
          ) : (
            <Holder holder={place} ctx={ctx} />
          )}{' '}
          · {alloyName(m.data.alloyId)}: {flag !== 'within' && <strong>⚠ Flagged: </strong>}
          {weighInText(bookG, weighedG, toleranceG, flag)}
        </Line>
      );
    }
    case 'scrap.deposited':
      return (
        <Line title="Scrap deposited">
          {gramsText(m.data.grams)} {alloyName(m.data.alloyId)},{' '}
          {scrapKindLabel(m.data.kind).toLowerCase()} ·{' '}
          {m.data.from ? <Holder holder={m.data.from} ctx={ctx} /> : 'the shop'} →{' '}
          {potLabel(m.data.potId)}
          {m.data.jobId && (
            <>
              {' '}
              · from <JobRef jobId={m.data.jobId} />
            </>
          )}
          {m.data.treeId && (
            <>
              {' '}
              · from <Holder holder={{ kind: 'tree', id: m.data.treeId }} ctx={ctx} />
            </>
          )}
        </Line>
      );
  }
}
