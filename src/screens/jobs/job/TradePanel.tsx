// The job's trips to trade shops and outside setters: each sent and brought back, days out, overdue;
// "Send to trade shop" and "Back from …" as sheets. `?send=<tradeShopId>` (a trade shop's badge
// scanned with the envelope) opens the send sheet with that shop chosen.
import { ErrorLine } from '../../../components/ErrorLine';
import { useId, useState, type SyntheticEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { SheetActions } from '../../../components/fields/SheetActions';
import { UsualWords } from '../../../components/fields/UsualWords';
import { Sheet } from '../../../components/Sheet';
import { db, useShop } from '../../../db';
import { returnFromTradeShop, sendToTradeShop } from '../../../db/tradeOperations';
import { dayText } from '../../../domain/dates';
import type { JobState } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';
import {
  defaultInsuranceCents,
  isOpen,
  isOverdue,
  openVisits,
  tradeVisits,
  type OpenVisit,
  type TradeVisit,
} from '../../../domain/trade';
import type { TradeShopData } from '../../../protocol/handoffs';
import { addDays, parseMoney } from '../../intake/intakeForm';
import { moneyText } from '../../metal/metalText';
import { useToday } from '../list/useToday';
import { grams, whenText } from './format';
import { insuredText, standingText, TRADE_SHOP_KIND_LABELS } from './tradeText';
import { useSubmit } from './useSubmit';
import './trade.css';

interface TradePanelProps {
  job: JobState;
  actor: StaffMember | null;
  nameOf: (staffId: string) => string;
}

/** The address parameter a trade shop's badge hand-off opens the job page with. */
export const SEND_PARAM = 'send';

/** Why this job cannot go out now, in words; null when it can. */
function cannotSend(job: JobState, out: readonly OpenVisit[]): string | null {
  if (job.voided) return 'This job was voided: nothing more goes out on it.';
  if (job.status === 'collected') return 'This job was collected: the piece went home.';
  const last = out.at(-1);
  if (last) {
    return `Already out at ${last.sent.tradeShopName}: record it back before sending it again.`;
  }
  return null;
}

export function TradePanel({ job, actor, nameOf }: TradePanelProps) {
  const headingId = useId();
  const today = useToday();
  const [params, setParams] = useSearchParams();
  const [sending, setSending] = useState(false);
  const [receiving, setReceiving] = useState<OpenVisit | null>(null);
  // Read here, not in the sheet: the sheet opens with the shops already there.
  const tradeShops = useShop()?.tradeShops;
  const visits = tradeVisits(job);
  const out = openVisits(job);
  const refusal = cannotSend(job, out);
  // The badge hand-off's shop: opens the sheet once someone is signed in and the job can go out.
  // The sheet also waits for the trade shops, so the badge's shop is there to be chosen.
  const asked = params.get(SEND_PARAM);
  const wanted = actor !== null && refusal === null && (sending || asked !== null);

  const forgetAsked = () => {
    if (asked === null) return;
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.delete(SEND_PARAM);
        return next;
      },
      // The opened sheet is not a place to go Back to.
      { replace: true },
    );
  };
  const closeSend = () => {
    setSending(false);
    forgetAsked();
  };

  return (
    <section className="jp-card trade" aria-labelledby={headingId}>
      <div className="jp-card-head">
        <h3 id={headingId}>Trade shops</h3>
        {actor && refusal === null && (
          <button type="button" className="button button-primary" onClick={() => setSending(true)}>
            Send to trade shop…
          </button>
        )}
      </div>
      {asked !== null && !wanted && (
        <div className="trade-asked" role="alert">
          <p>
            {actor === null
              ? 'Sign in to send this piece to the trade shop whose badge was scanned.'
              : `Not sent: ${refusal ?? ''}`}
          </p>
          {actor !== null && (
            <button type="button" className="button" onClick={forgetAsked}>
              Dismiss
            </button>
          )}
        </div>
      )}
      {visits.length === 0 ? (
        <p className="muted">Never sent out.</p>
      ) : (
        <ol className="trade-visits" aria-label="Trips to trade shops">
          {visits.map((v) => (
            <VisitRow
              key={v.sentEventId}
              visit={v}
              today={today}
              nameOf={nameOf}
              onBack={actor && isOpen(v) ? () => setReceiving(v) : null}
            />
          ))}
        </ol>
      )}
      {wanted && tradeShops && (
        <SendSheet
          job={job}
          actor={actor}
          tradeShops={tradeShops}
          startShopId={asked}
          today={today}
          onClose={closeSend}
        />
      )}
      {receiving && actor && (
        <BackSheet
          job={job}
          visit={receiving}
          actor={actor}
          today={today}
          onClose={() => setReceiving(null)}
        />
      )}
    </section>
  );
}

function VisitRow({
  visit,
  today,
  nameOf,
  onBack,
}: {
  visit: TradeVisit;
  today: string;
  nameOf: (staffId: string) => string;
  onBack: (() => void) | null;
}) {
  const { sent, returned } = visit;
  const overdue = isOverdue(visit, today);
  const name = sent?.tradeShopName ?? 'A trade shop';
  const state = returned ? 'back' : overdue ? 'overdue' : 'out';
  return (
    <li
      className={`trade-visit trade-${state}`}
      aria-label={`${name}: ${standingText(visit, today)}`}
    >
      <p className="trade-visit-head">
        <strong>{name}</strong>
        {sent && <span> — {sent.work}</span>}
      </p>
      <p className={`trade-standing trade-standing-${state}`}>{standingText(visit, today)}</p>
      {sent && (
        <p>
          Sent {dayText(sent.sentDate)} by {nameOf(sent.by)} · taken by {sent.takenBy} · expected
          back {dayText(sent.expectedBack)} · {insuredText(sent.insuranceValueCents)}
          {sent.note ? ` · ${sent.note}` : ''}
        </p>
      )}
      {returned && (
        <p>
          Received back by {nameOf(returned.by)}: <strong>{returned.condition}</strong>
          {returned.weightG !== undefined ? ` · weighed ${grams(returned.weightG)}` : ''}
          {returned.note ? ` · ${returned.note}` : ''}
        </p>
      )}
      {/* Two tablets offline each recorded it back: every record kept, the first one counts. */}
      {visit.alsoReturned.map((r) => (
        <p key={r.eventId}>
          Also recorded back by {nameOf(r.by)} ({dayText(r.returnedDate)}, {whenText(r.at, today)}
          ): {r.condition}
          {r.weightG !== undefined ? ` · weighed ${grams(r.weightG)}` : ''}
        </p>
      ))}
      {onBack && (
        <button type="button" className="button button-primary" onClick={onBack}>
          Back from {name}…
        </button>
      )}
    </li>
  );
}

function SendSheet({
  job,
  actor,
  tradeShops,
  startShopId,
  today,
  onClose,
}: {
  job: JobState;
  actor: StaffMember;
  tradeShops: readonly TradeShopData[];
  startShopId: string | null;
  today: string;
  onClose: () => void;
}) {
  const active = tradeShops.filter((t) => t.active);
  const [shopId, setShopId] = useState<string | null>(startShopId);
  const [work, setWork] = useState('');
  const [takenBy, setTakenBy] = useState('');
  const [sentDate, setSentDate] = useState(today);
  const [expectedBack, setExpectedBack] = useState(() => addDays(today, 7));
  const [insurance, setInsurance] = useState(() => {
    const cents = defaultInsuranceCents(job);
    return cents === null ? '' : moneyText(cents);
  });
  const [note, setNote] = useState('');
  const submit = useSubmit();
  const groupId = useId();
  const workId = useId();
  const takenId = useId();
  const sentId = useId();
  const backId = useId();
  const insuranceId = useId();
  const noteId = useId();
  const chosen: TradeShopData | undefined = active.find((t) => t.tradeShopId === shopId);
  // A badge naming a shop this tablet lacks, or one retired since: said, never silently ignored.
  const askedUnknown = startShopId !== null && shopId === startShopId && chosen === undefined;

  const send = (e: SyntheticEvent) => {
    e.preventDefault();
    if (!chosen) {
      submit.setError('Choose the trade shop it goes to.');
      return;
    }
    const typed = insurance.trim();
    const cents = typed === '' ? undefined : parseMoney(typed);
    if (typed !== '' && cents === undefined) {
      submit.setError('Enter the insurance value as an amount, like 1500 or 1500.00.');
      return;
    }
    void submit
      .run(() =>
        sendToTradeShop(
          db,
          {
            jobId: job.id,
            tradeShopId: chosen.tradeShopId,
            work,
            takenBy,
            sentDate,
            expectedBack,
            ...(cents === undefined ? {} : { insuranceValueCents: cents }),
            note,
          },
          actor.id,
        ),
      )
      .then((ok) => {
        if (ok) onClose();
      });
  };

  return (
    <Sheet label="Send to trade shop" onClose={onClose}>
      <form
        className="jp-form trade-form"
        aria-label="Send to trade shop"
        onSubmit={send}
        noValidate
      >
        <h3>Send {job.envelopeNumber} to a trade shop</h3>
        {askedUnknown && (
          <p className="error" role="alert">
            The scanned badge names a trade shop this tablet does not have, or one retired: choose
            one below.
          </p>
        )}
        <div className="field">
          <span id={groupId}>Trade shop</span>
          {active.length === 0 ? (
            <p>
              No trade shops yet: add them in <Link to="/settings">Settings → Trade shops</Link>.
            </p>
          ) : (
            <div className="jp-targets" role="radiogroup" aria-labelledby={groupId}>
              {active.map((t) => (
                <button
                  key={t.tradeShopId}
                  type="button"
                  role="radio"
                  aria-checked={t.tradeShopId === shopId}
                  className={t.tradeShopId === shopId ? 'jp-target selected' : 'jp-target'}
                  onClick={() => setShopId(t.tradeShopId)}
                >
                  {t.name}
                  <small>{TRADE_SHOP_KIND_LABELS[t.kind]}</small>
                </button>
              ))}
            </div>
          )}
        </div>
        <div className="field">
          <label htmlFor={workId}>Work to do</label>
          <input
            id={workId}
            value={work}
            maxLength={200}
            placeholder="Set the centre stone, engrave inside the band…"
            onChange={(e) => setWork(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={takenId}>Taken by</label>
          <input
            id={takenId}
            value={takenBy}
            maxLength={60}
            placeholder="The setter, a courier"
            onChange={(e) => setTakenBy(e.target.value)}
          />
        </div>
        <div className="trade-dates">
          <div className="field">
            <label htmlFor={sentId}>Sent on</label>
            <input
              id={sentId}
              type="date"
              value={sentDate}
              max={today}
              onChange={(e) => setSentDate(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={backId}>Expected back</label>
            <input
              id={backId}
              type="date"
              value={expectedBack}
              min={sentDate}
              onChange={(e) => setExpectedBack(e.target.value)}
            />
          </div>
        </div>
        <div className="choice-group" role="group" aria-label="Expected back in">
          {RETURN_IN.map(({ label, days }) => {
            const day = addDays(sentDate, days);
            return (
              <button
                key={label}
                type="button"
                className={expectedBack === day ? 'choice selected' : 'choice'}
                aria-pressed={expectedBack === day}
                onClick={() => setExpectedBack(day)}
              >
                {label}
              </button>
            );
          })}
        </div>
        <div className="field">
          <label htmlFor={insuranceId}>Insurance value</label>
          <input
            id={insuranceId}
            inputMode="decimal"
            autoComplete="off"
            value={insurance}
            onChange={(e) => setInsurance(e.target.value)}
          />
          <span className="hint">
            The job’s insurance value unless the trade shop insures another.
          </span>
        </div>
        <div className="field">
          <label htmlFor={noteId}>Note — optional</label>
          <input
            id={noteId}
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        <ErrorLine error={submit.error} />
        <SheetActions
          onCancel={onClose}
          busy={submit.busy}
          submitLabel={chosen ? `Send to ${chosen.name}` : 'Send'}
        />
      </form>
    </Sheet>
  );
}

/** The usual turnarounds, counted from the day it is sent: a tap instead of a date picker. */
const RETURN_IN = [
  { label: '+3 days', days: 3 },
  { label: '+1 week', days: 7 },
  { label: '+2 weeks', days: 14 },
  { label: '+4 weeks', days: 28 },
] as const;

/** Quick words for the usual returns: a gloved tap, then add to them if needed. */
const CONDITION_PHRASES = ['Work done, no damage', 'Not done: back as sent'] as const;

function BackSheet({
  job,
  visit,
  actor,
  today,
  onClose,
}: {
  job: JobState;
  visit: OpenVisit;
  actor: StaffMember;
  today: string;
  onClose: () => void;
}) {
  const [returnedDate, setReturnedDate] = useState(today);
  const [condition, setCondition] = useState('');
  const [weight, setWeight] = useState('');
  const [note, setNote] = useState('');
  const submit = useSubmit();
  const dateId = useId();
  const conditionId = useId();
  const weightId = useId();
  const noteId = useId();
  const name = visit.sent.tradeShopName;

  const receive = (e: SyntheticEvent) => {
    e.preventDefault();
    const typed = weight.trim();
    const weightG = typed === '' ? undefined : parseDecimal(typed);
    if (typed !== '' && weightG === undefined) {
      submit.setError('Enter the weight as a number, like 3.42, or leave it blank.');
      return;
    }
    void submit
      .run(() =>
        returnFromTradeShop(
          db,
          {
            jobId: job.id,
            sentEventId: visit.sentEventId,
            returnedDate,
            condition,
            ...(weightG === undefined ? {} : { weightG }),
            note,
          },
          actor.id,
        ),
      )
      .then((ok) => {
        if (ok) onClose();
      });
  };

  return (
    <Sheet label={`Back from ${name}`} onClose={onClose}>
      <form
        className="jp-form trade-form"
        aria-label={`Back from ${name}`}
        onSubmit={receive}
        noValidate
      >
        <h3>
          {job.envelopeNumber} back from {name}
        </h3>
        <p className="hint">
          Sent {dayText(visit.sent.sentDate)} for: {visit.sent.work}. You sign for it as{' '}
          {actor.name}.
        </p>
        <div className="field">
          <label htmlFor={dateId}>Came back on</label>
          <input
            id={dateId}
            type="date"
            value={returnedDate}
            min={visit.sent.sentDate}
            max={today}
            onChange={(e) => setReturnedDate(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={conditionId}>Condition it came back in</label>
          <UsualWords
            label="Usual words"
            words={CONDITION_PHRASES}
            value={condition}
            onPick={setCondition}
          />
          <textarea
            id={conditionId}
            value={condition}
            maxLength={500}
            rows={2}
            placeholder="Stone set, prongs even, no marks"
            onChange={(e) => setCondition(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={weightId}>Weight back (g) — optional</label>
          <input
            id={weightId}
            inputMode="decimal"
            autoComplete="off"
            value={weight}
            placeholder="0.00"
            onChange={(e) => setWeight(e.target.value)}
          />
          <span className="hint">
            Taken in at {grams(job.intakeWeightG)}: logged as a check weighing.
          </span>
        </div>
        <div className="field">
          <label htmlFor={noteId}>Note — optional</label>
          <input
            id={noteId}
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        <ErrorLine error={submit.error} />
        <SheetActions onCancel={onClose} busy={submit.busy} submitLabel="Record it back" />
      </form>
    </Sheet>
  );
}
