// The Lots tab: refining lots not settled first (at the refiner, then sealed), then settled ones; each
// with its frozen contents and estimate, sent with its seal and gross weight, settled with its yield.
import { useState } from 'react';
import { parseDecimal } from '../../components/fields/FieldInput';
import { db, sendLot, settleLot } from '../../db';
import { localDay } from '../../domain/dates';
import { lotViews, type LotView } from '../../domain/ledger/views';
import type { StaffMember } from '../../domain/staff';
import type { EventData } from '../../protocol/events';
import { NumberField } from '../casting/tree/controls';
import { parseMoney } from '../intake/intakeForm';
import { whenText } from '../jobs/job/format';
import { useSubmit } from '../jobs/job/useSubmit';
import { LedgerForm, NoteField, readGrams, ScaleChoice, TextField, useScalePick } from './fields';
import type { LedgerScreenProps } from './ledgerProps';
import { alloyName, gramsText, lotCode, moneyText, potLabel, yieldText } from './metalText';

const STATUS_LABELS: Record<LotView['status'], string> = {
  sealed: 'Sealed, not sent yet',
  at_refiner: 'At the refiner',
  settled: 'Settled',
};

export function LotsTab(props: LedgerScreenProps) {
  const lots = lotViews(props.ledger);
  const open = lots.filter((l) => l.status !== 'settled');
  const settled = lots.filter((l) => l.status === 'settled');
  if (lots.length === 0) {
    return (
      <section className="tp-card">
        <h3>Refining lots</h3>
        <p className="muted">No lots yet. Seal one from the Scrap tab.</p>
      </section>
    );
  }
  return (
    <div className="metal-lots">
      <section aria-labelledby="metal-open-lots-h">
        <h3 id="metal-open-lots-h" className="tp-group">
          Not settled yet
        </h3>
        {open.length === 0 ? (
          <p className="muted">Every lot is settled.</p>
        ) : (
          <ul className="metal-lot-list" aria-label="Lots not settled">
            {open.map((l) => (
              <LotCard key={l.lot.lotId} view={l} {...props} />
            ))}
          </ul>
        )}
      </section>
      {settled.length > 0 && (
        <section aria-labelledby="metal-settled-lots-h">
          <h3 id="metal-settled-lots-h" className="tp-group">
            Settled
          </h3>
          <ul className="metal-lot-list" aria-label="Settled lots">
            {settled.map((l) => (
              <LotCard key={l.lot.lotId} view={l} {...props} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** What a lot took from each pot, frozen when it was sealed. */
export function LotContents({ contents }: { contents: EventData<'lot.sealed'>['contents'] }) {
  return (
    <ul className="metal-lines" aria-label="Contents">
      {contents.map((c) => (
        <li key={`${c.potId}/${c.alloyId}`}>
          {potLabel(c.potId)}: {alloyName(c.alloyId)}{' '}
          <strong className="metal-num">{gramsText(c.grams)}</strong> · estimated fine{' '}
          {gramsText(c.estimatedFineG)}
        </li>
      ))}
    </ul>
  );
}

function LotCard({ view, actor, nameOf, scales }: LedgerScreenProps & { view: LotView }) {
  const { lot, status } = view;
  const [action, setAction] = useState<'send' | 'settle' | null>(null);
  if (!lot.sealed) return null;
  const code = lotCode(lot.lotId);
  return (
    <li className={`tp-card metal-lot metal-lot-${status}`} aria-label={`Lot ${code}`}>
      <div className="metal-lot-head">
        <h4>Lot {code}</h4>
        <span className={`metal-status metal-status-${status}`}>{STATUS_LABELS[status]}</span>
      </div>
      <LotContents contents={lot.sealed.contents} />
      <p>
        <strong className="metal-num">{gramsText(view.grams)}</strong> sealed · estimated fine{' '}
        <strong className="metal-num">{gramsText(view.estimatedFineG)}</strong>
      </p>
      <p className="tp-who">
        Sealed by {nameOf(lot.sealed.by)} · {whenText(lot.sealed.at)}
        {lot.sealed.sealNumber ? ` · seal ${lot.sealed.sealNumber}` : ''}
        {lot.sealed.note ? ` · ${lot.sealed.note}` : ''}
      </p>
      {lot.sent && (
        <p>
          Sent {lot.sent.sentOn} to <strong>{lot.sent.refiner}</strong>, taken by {lot.sent.takenBy}{' '}
          · gross {gramsText(lot.sent.grossG)} · seal {lot.sent.sealNumber}
          {lot.sent.note ? ` · ${lot.sent.note}` : ''}
          <span className="tp-who">
            {' '}
            (recorded by {nameOf(lot.sent.by)} · {whenText(lot.sent.at)})
          </span>
        </p>
      )}
      {lot.settled && (
        <>
          <p>
            Settled {lot.settled.settledOn}
            {lot.settled.assayPermille !== undefined
              ? ` · assay ${lot.settled.assayPermille} ‰`
              : ''}{' '}
            · fees {moneyText(lot.settled.feesCents)}
            {lot.settled.note ? ` · ${lot.settled.note}` : ''}
            <span className="tp-who">
              {' '}
              (recorded by {nameOf(lot.settled.by)} · {whenText(lot.settled.at)})
            </span>
          </p>
          <p className="metal-yield" aria-label="Yield">
            Yield:{' '}
            {yieldText(
              lot.settled.fineCreditedG,
              view.estimatedFineG,
              view.yieldRatio,
              view.yieldDifferenceG,
            )}
          </p>
        </>
      )}
      {actor && status === 'sealed' && (
        <ActionToggle
          label={`Send lot ${code}`}
          open={action === 'send'}
          onToggle={() => setAction(action === 'send' ? null : 'send')}
        />
      )}
      {actor && status === 'at_refiner' && (
        <ActionToggle
          label={`Settle lot ${code}`}
          open={action === 'settle'}
          onToggle={() => setAction(action === 'settle' ? null : 'settle')}
        />
      )}
      {actor && action === 'send' && status === 'sealed' && (
        <SendForm view={view} actor={actor} scales={scales} onDone={() => setAction(null)} />
      )}
      {actor && action === 'settle' && status === 'at_refiner' && (
        <SettleForm view={view} actor={actor} onDone={() => setAction(null)} />
      )}
    </li>
  );
}

function ActionToggle({
  label,
  open,
  onToggle,
}: {
  label: string;
  open: boolean;
  onToggle: () => void;
}) {
  return (
    <button type="button" className="button tp-big" aria-expanded={open} onClick={onToggle}>
      {open ? 'Close' : label}
    </button>
  );
}

function SendForm({
  view,
  actor,
  scales,
  onDone,
}: {
  view: LotView;
  actor: StaffMember;
  scales: LedgerScreenProps['scales'];
  onDone: () => void;
}) {
  const lotId = view.lot.lotId;
  const [sentOn, setSentOn] = useState(localDay());
  const [refiner, setRefiner] = useState('');
  const [takenBy, setTakenBy] = useState('');
  const [grossTyped, setGross] = useState('');
  const [sealNumber, setSealNumber] = useState(view.lot.sealed?.sealNumber ?? '');
  const [scaleId, setScaleId] = useScalePick(scales);
  const [note, setNote] = useState('');
  const submit = useSubmit();

  const save = () => {
    const grossG = readGrams(grossTyped, 'the gross weight of the sealed lot');
    if (typeof grossG === 'string') {
      submit.setError(grossG);
      return;
    }
    void submit
      .run(() =>
        sendLot(
          db,
          { lotId, sentOn, refiner, takenBy, grossG, sealNumber, scaleId, note },
          actor.id,
        ),
      )
      .then((ok) => ok && onDone());
  };

  return (
    <LedgerForm
      label={`Send lot ${lotCode(lotId)}`}
      submitLabel="Record as sent"
      disabled={submit.busy}
      error={submit.error}
      onSubmit={save}
    >
      <div className="tp-pair">
        <TextField label="Sent on" type="date" value={sentOn} onChange={setSentOn} />
        <TextField label="Refiner" value={refiner} onChange={setRefiner} maxLength={80} />
        <TextField
          label="Taken by"
          value={takenBy}
          onChange={setTakenBy}
          maxLength={80}
          placeholder="Courier or person"
        />
        <TextField label="Seal number" value={sealNumber} onChange={setSealNumber} maxLength={40} />
      </div>
      <NumberField
        label="Gross weight"
        unit="g"
        value={grossTyped}
        onChange={setGross}
        hint={`Sealed in: ${gramsText(view.grams)} of scrap, before the bag and seal.`}
      />
      <ScaleChoice scales={scales} value={scaleId} onChange={setScaleId} />
      <NoteField value={note} onChange={setNote} />
    </LedgerForm>
  );
}

function SettleForm({
  view,
  actor,
  onDone,
}: {
  view: LotView;
  actor: StaffMember;
  onDone: () => void;
}) {
  const lotId = view.lot.lotId;
  const [settledOn, setSettledOn] = useState(localDay());
  const [assayTyped, setAssay] = useState('');
  const [fineTyped, setFine] = useState('');
  const [feesTyped, setFees] = useState('');
  const [note, setNote] = useState('');
  const submit = useSubmit();

  const save = () => {
    const fineCreditedG = readGrams(fineTyped, 'the fine grams the refiner credited');
    if (typeof fineCreditedG === 'string') {
      submit.setError(fineCreditedG);
      return;
    }
    let assayPermille: number | undefined;
    if (assayTyped.trim() !== '') {
      assayPermille = parseDecimal(assayTyped);
      if (assayPermille === undefined) {
        submit.setError('Enter the assay in ‰ as a number, like 580, or leave it blank.');
        return;
      }
    }
    const feesCents = feesTyped.trim() === '' ? 0 : parseMoney(feesTyped);
    if (feesCents === undefined) {
      submit.setError('Enter the fees as money, like 25.00.');
      return;
    }
    void submit
      .run(() =>
        settleLot(
          db,
          {
            lotId,
            settledOn,
            ...(assayPermille === undefined ? {} : { assayPermille }),
            fineCreditedG,
            feesCents,
            note,
          },
          actor.id,
        ),
      )
      .then((ok) => ok && onDone());
  };

  return (
    <LedgerForm
      label={`Settle lot ${lotCode(lotId)}`}
      submitLabel="Record the settlement"
      disabled={submit.busy}
      error={submit.error}
      onSubmit={save}
    >
      <div className="tp-pair">
        <TextField label="Settled on" type="date" value={settledOn} onChange={setSettledOn} />
        <NumberField label="Assay — optional" unit="‰" value={assayTyped} onChange={setAssay} />
      </div>
      <NumberField
        label="Fine credited"
        unit="g"
        value={fineTyped}
        onChange={setFine}
        hint={`Estimated: ${gramsText(view.estimatedFineG)} fine.`}
      />
      <NumberField
        label="Refiner’s fees"
        unit=""
        value={feesTyped}
        onChange={setFees}
        hint="In the shop’s money, like 25.00; blank if none."
      />
      <NoteField value={note} onChange={setNote} />
    </LedgerForm>
  );
}
