// The Stock tab: metal in the safe by alloy and its fine weight per metal family, who holds metal
// now, and the forms that move it: receive, issue, return, weigh in, used on a job.
import { useState } from 'react';
import { Link } from 'react-router';
import {
  db,
  issueMetalFromStock,
  receiveMetal,
  recordMetalUsed,
  returnMetal,
  weighIn,
  type WeighInResult,
} from '../../db';
import { holderAccount, placeAccount, STOCK } from '../../domain/ledger/accounts';
import { toleranceFlag } from '../../domain/ledger/scales';
import {
  balanceOf,
  fineByFamily,
  holderBalances,
  stockBalances,
  type AlloyBalance,
  type HolderBalance,
} from '../../domain/ledger/views';
import type { AlloyId, MetalFamily } from '../../domain/metals';
import type { StaffMember } from '../../domain/staff';
import {
  METAL_FORMS,
  type HolderData,
  type MetalForm,
  type WeighPlaceData,
} from '../../protocol/ledger';
import { ChoiceButtons, NumberField } from '../casting/tree/controls';
import { useSubmit } from '../jobs/job/useSubmit';
import {
  AlloySelect,
  HolderChoice,
  holderChoice,
  JobByEnvelope,
  LedgerForm,
  NoteField,
  peopleAndBenches,
  readGrams,
  ScaleChoice,
  TextField,
  useJobPick,
  useScalePick,
} from './fields';
import type { LedgerScreenProps } from './ledgerProps';
import {
  alloyName,
  BENCHES,
  FAMILY_NAMES,
  FORM_LABELS,
  gramsText,
  holderFromKey,
  holderKey,
  holderText,
  SESSION_LABELS,
  weighInText,
} from './metalText';

const ACTIONS = [
  { id: 'receive', label: 'Receive' },
  { id: 'issue', label: 'Issue' },
  { id: 'return', label: 'Return' },
  { id: 'weigh', label: 'Weigh in' },
  { id: 'used', label: 'Used on a job' },
] as const;
type ActionId = (typeof ACTIONS)[number]['id'];

export function StockTab(props: LedgerScreenProps) {
  const { ledger, nameOf } = props;
  const stock = stockBalances(ledger);
  const holders = holderBalances(ledger);
  const [action, setAction] = useState<ActionId | null>(null);

  return (
    <div className="metal-columns">
      <div className="metal-col">
        <section className="tp-card" aria-labelledby="metal-stock-h">
          <h3 id="metal-stock-h">In the safe</h3>
          {stock.length === 0 ? (
            <p className="muted">Nothing in stock by the book. Receive metal to start.</p>
          ) : (
            <>
              <BalanceTable label="Stock in the safe" balances={stock} />
              <FineTotals balances={stock} />
            </>
          )}
        </section>
        <section className="tp-card" aria-labelledby="metal-holders-h">
          <h3 id="metal-holders-h">Who holds metal</h3>
          {holders.length === 0 ? (
            <p className="muted">Nobody holds metal issued from stock.</p>
          ) : (
            <ul className="metal-holders" aria-label="Who holds metal">
              {holders.map((h) => (
                <li key={holderKey(h.holder)}>
                  <HolderName holder={h.holder} nameOf={nameOf} />
                  <span className="metal-holder-lines">
                    {h.balances.map((b) => (
                      <span key={b.alloyId}>
                        {alloyName(b.alloyId)}{' '}
                        <strong className="metal-num">{gramsText(b.grams)}</strong>
                      </span>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <div className="metal-col">
        <section className="tp-card" aria-labelledby="metal-record-h">
          <h3 id="metal-record-h">Record</h3>
          {props.actor === null ? (
            <p className="muted">Sign in (above) to receive, issue or weigh metal.</p>
          ) : (
            <>
              <div className="metal-actions" role="group" aria-label="What to record">
                {ACTIONS.map((a) => (
                  <button
                    key={a.id}
                    type="button"
                    aria-pressed={action === a.id}
                    className={action === a.id ? 'tp-choice selected' : 'tp-choice'}
                    onClick={() => setAction(action === a.id ? null : a.id)}
                  >
                    {a.label}
                  </button>
                ))}
              </div>
              {action === 'receive' && <ReceiveForm {...props} actor={props.actor} />}
              {action === 'issue' && <IssueForm {...props} actor={props.actor} />}
              {action === 'return' && (
                <ReturnForm {...props} actor={props.actor} holders={holders} />
              )}
              {action === 'weigh' && (
                <WeighInForm {...props} actor={props.actor} holders={holders} />
              )}
              {action === 'used' && <UsedForm {...props} actor={props.actor} holders={holders} />}
              {action === null && (
                <p className="muted">
                  Trees are issued metal from the tree’s page in the casting room.
                </p>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}

/** A holder's name; a tree's links to its page. */
export function HolderName({
  holder,
  nameOf,
}: {
  holder: HolderData;
  nameOf: (staffId: string) => string;
}) {
  if (holder.kind === 'tree') {
    return (
      <Link to={`/casting/trees/${holder.id}`} className="metal-link">
        {holderText(holder, nameOf)}
      </Link>
    );
  }
  return <strong>{holderText(holder, nameOf)}</strong>;
}

export function BalanceTable({
  label,
  balances,
}: {
  label: string;
  balances: readonly AlloyBalance[];
}) {
  return (
    <table className="metal-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Alloy</th>
          <th scope="col" className="metal-num">
            Grams
          </th>
          <th scope="col" className="metal-num">
            Fine
          </th>
        </tr>
      </thead>
      <tbody>
        {balances.map((b) => (
          <tr key={b.alloyId}>
            <th scope="row">{alloyName(b.alloyId)}</th>
            <td className="metal-num">{gramsText(b.grams)}</td>
            <td className="metal-num">{gramsText(b.fineG)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FineTotals({ balances }: { balances: readonly AlloyBalance[] }) {
  const totals = Object.entries(fineByFamily(balances)) as [MetalFamily, number][];
  return (
    <ul className="metal-fine" aria-label="Fine weight by metal">
      {totals.map(([family, g]) => (
        <li key={family}>
          {FAMILY_NAMES[family]} <strong className="metal-num">{gramsText(g)}</strong>
        </li>
      ))}
    </ul>
  );
}

type FormProps = LedgerScreenProps & { actor: StaffMember };
type HolderFormProps = FormProps & { holders: readonly HolderBalance[] };

function Done({ text }: { text: string | null }) {
  if (text === null) return null;
  return (
    <p className="ok metal-done" role="status">
      {text}
    </p>
  );
}

function ReceiveForm({ actor, scales }: FormProps) {
  const [alloy, setAlloy] = useState<AlloyId | ''>('');
  const [gramsTyped, setGrams] = useState('');
  const [form, setForm] = useState<MetalForm>('grain');
  const [supplier, setSupplier] = useState('');
  const [lot, setLot] = useState('');
  const [scaleId, setScaleId] = useScalePick(scales);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = useSubmit();

  const save = () => {
    setDone(null);
    if (alloy === '') {
      submit.setError('Choose the alloy.');
      return;
    }
    const grams = readGrams(gramsTyped);
    if (typeof grams === 'string') {
      submit.setError(grams);
      return;
    }
    void submit
      .run(() =>
        receiveMetal(
          db,
          { alloyId: alloy, grams, form, supplier, supplierLot: lot, scaleId, note },
          actor.id,
        ),
      )
      .then((ok) => {
        if (!ok) return;
        setDone(`Received ${gramsText(grams)} of ${alloyName(alloy)} into the safe.`);
        setGrams('');
        setLot('');
        setNote('');
      });
  };

  return (
    <LedgerForm
      label="Receive metal"
      submitLabel="Receive into stock"
      disabled={submit.busy}
      error={submit.error}
      onSubmit={save}
      done={<Done text={done} />}
    >
      <AlloySelect value={alloy} onChange={setAlloy} />
      <NumberField label="Grams received" unit="g" value={gramsTyped} onChange={setGrams} />
      <ChoiceButtons
        label="Form"
        value={form}
        onChange={setForm}
        choices={METAL_FORMS.map((f) => ({ value: f, label: FORM_LABELS[f] }))}
      />
      <div className="tp-pair">
        <TextField label="Supplier" value={supplier} onChange={setSupplier} maxLength={80} />
        <TextField
          label="Supplier’s lot or invoice — optional"
          value={lot}
          onChange={setLot}
          maxLength={60}
        />
      </div>
      <ScaleChoice scales={scales} value={scaleId} onChange={setScaleId} />
      <NoteField value={note} onChange={setNote} />
    </LedgerForm>
  );
}

function IssueForm({ actor, scales, ledger, people }: FormProps) {
  const [alloy, setAlloy] = useState<AlloyId | ''>('');
  const [gramsTyped, setGrams] = useState('');
  const [to, setTo] = useState('');
  const [scaleId, setScaleId] = useScalePick(scales);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = useSubmit();
  const targets = peopleAndBenches(people);

  const save = () => {
    setDone(null);
    if (alloy === '') {
      submit.setError('Choose the alloy.');
      return;
    }
    const grams = readGrams(gramsTyped);
    if (typeof grams === 'string') {
      submit.setError(grams);
      return;
    }
    const holder = holderFromKey(to);
    if (!holder) {
      submit.setError('Choose who the metal goes to.');
      return;
    }
    void submit
      .run(() =>
        issueMetalFromStock(db, { alloyId: alloy, grams, to: holder, scaleId, note }, actor.id),
      )
      .then((ok) => {
        if (!ok) return;
        setDone(
          `Issued ${gramsText(grams)} of ${alloyName(alloy)} to ${targets.find((t) => holderKey(t.holder) === to)?.label ?? 'them'}.`,
        );
        setGrams('');
        setNote('');
      });
  };

  return (
    <LedgerForm
      label="Issue metal"
      submitLabel="Issue from stock"
      disabled={submit.busy}
      error={submit.error}
      onSubmit={save}
      done={<Done text={done} />}
    >
      <AlloySelect
        value={alloy}
        onChange={setAlloy}
        detail={(a) => {
          const g = balanceOf(ledger, STOCK, a);
          return g === 0 ? null : `${gramsText(g)} in stock`;
        }}
      />
      <NumberField label="Grams issued" unit="g" value={gramsTyped} onChange={setGrams} />
      <HolderChoice
        label="To"
        value={to}
        onChange={setTo}
        choices={targets.map((t) => holderChoice(t.holder, t.label))}
      />
      <p className="hint">Trees are issued metal from the tree’s page, not here.</p>
      <ScaleChoice scales={scales} value={scaleId} onChange={setScaleId} />
      <NoteField value={note} onChange={setNote} />
    </LedgerForm>
  );
}

/** What a holder holds, for the line under their name: "14k yellow gold 10.00 g". */
function heldText(h: HolderBalance | undefined): string | undefined {
  if (!h) return undefined;
  return h.balances.map((b) => `${alloyName(b.alloyId)} ${gramsText(b.grams)}`).join(', ');
}

/** The alloy a form starts on for a holder holding only one: the one they hold. */
function onlyAlloy(h: HolderBalance | undefined): AlloyId | '' {
  return h?.balances.length === 1 ? (h.balances[0]?.alloyId ?? '') : '';
}

/** Who brings metal back or used it, and which of their alloys: the forms that take from a holder. */
function useHolderMetal(holders: readonly HolderBalance[]) {
  const [from, setFrom] = useState('');
  const [alloyChosen, setAlloy] = useState<AlloyId | ''>('');
  const holder = holderFromKey(from);
  const held = holders.find((h) => holderKey(h.holder) === from);
  const alloy = alloyChosen === '' ? onlyAlloy(held) : alloyChosen;
  return { from, setFrom, setAlloy, holder, alloy };
}

type HolderMetal = ReturnType<typeof useHolderMetal>;

function HolderMetalFields({
  pick,
  ledger,
  nameOf,
  holders,
}: { pick: HolderMetal } & Pick<HolderFormProps, 'ledger' | 'nameOf' | 'holders'>) {
  const { holder } = pick;
  return (
    <>
      <HolderChoice
        label="From"
        value={pick.from}
        onChange={pick.setFrom}
        choices={holders.map((h) =>
          holderChoice(h.holder, holderText(h.holder, nameOf), heldText(h)),
        )}
      />
      <AlloySelect
        value={pick.alloy}
        onChange={pick.setAlloy}
        detail={(a) => {
          if (!holder) return null;
          const g = balanceOf(ledger, holderAccount(holder), a);
          return g === 0 ? null : `${gramsText(g)} with them`;
        }}
      />
    </>
  );
}

function ReturnForm({ actor, scales, ledger, nameOf, holders }: HolderFormProps) {
  const pick = useHolderMetal(holders);
  const { holder, alloy } = pick;
  const [gramsTyped, setGrams] = useState('');
  const [scaleId, setScaleId] = useScalePick(scales);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = useSubmit();

  const save = () => {
    setDone(null);
    if (!holder) {
      submit.setError('Choose who brings the metal back.');
      return;
    }
    if (alloy === '') {
      submit.setError('Choose the alloy.');
      return;
    }
    const grams = readGrams(gramsTyped);
    if (typeof grams === 'string') {
      submit.setError(grams);
      return;
    }
    void submit
      .run(() => returnMetal(db, { alloyId: alloy, grams, from: holder, scaleId, note }, actor.id))
      .then((ok) => {
        if (!ok) return;
        setDone(
          `${holderText(holder, nameOf)} returned ${gramsText(grams)} of ${alloyName(alloy)} to the safe.`,
        );
        setGrams('');
        setNote('');
      });
  };

  return (
    <LedgerForm
      label="Return metal"
      submitLabel="Return to stock"
      disabled={submit.busy}
      error={submit.error}
      onSubmit={save}
      done={<Done text={done} />}
    >
      <HolderMetalFields pick={pick} ledger={ledger} nameOf={nameOf} holders={holders} />
      <NumberField label="Grams returned" unit="g" value={gramsTyped} onChange={setGrams} />
      <ScaleChoice scales={scales} value={scaleId} onChange={setScaleId} />
      <NoteField value={note} onChange={setNote} />
    </LedgerForm>
  );
}

/** The places a weigh-in can be of: the safe, every bench, everyone on the staff, trees holding metal. */
function weighPlaces(
  people: readonly StaffMember[],
  holders: readonly HolderBalance[],
  nameOf: (id: string) => string,
): { key: string; place: WeighPlaceData; label: string; detail?: string }[] {
  const list: { key: string; place: WeighPlaceData; label: string; detail?: string }[] = [
    { key: 'stock', place: { kind: 'stock' }, label: 'The safe (stock)' },
  ];
  const seen = new Set<string>();
  const add = (holder: HolderData, label: string) => {
    const key = holderKey(holder);
    if (seen.has(key)) return;
    seen.add(key);
    const detail = heldText(holders.find((h) => holderKey(h.holder) === key));
    list.push(
      detail === undefined ? { key, place: holder, label } : { key, place: holder, label, detail },
    );
  };
  for (const b of BENCHES) add({ kind: 'bench', id: b.id }, b.label);
  for (const p of people.filter((s) => s.active)) add({ kind: 'person', id: p.id }, p.name);
  for (const h of holders) add(h.holder, holderText(h.holder, nameOf));
  return list;
}

function WeighInForm({ actor, scales, ledger, people, nameOf, holders }: HolderFormProps) {
  const [placeKey, setPlace] = useState('');
  const [alloyChosen, setAlloy] = useState<AlloyId | ''>('');
  const [session, setSession] = useState<keyof typeof SESSION_LABELS>('opening');
  const [gramsTyped, setGrams] = useState('');
  const [scaleId, setScaleId] = useScalePick(scales);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<WeighInResult | null>(null);
  const submit = useSubmit();
  const places = weighPlaces(people, holders, nameOf);
  const chosen = places.find((p) => p.key === placeKey);
  const held = holders.find((h) => holderKey(h.holder) === placeKey);
  const alloy = alloyChosen === '' ? (placeKey === 'stock' ? '' : onlyAlloy(held)) : alloyChosen;
  const scale = scales.find((s) => s.scaleId === scaleId) ?? scales[0];
  const typed = readGrams(gramsTyped);

  // What the scale says against the book, before saving: a flagged one needs a note.
  const preview =
    chosen && alloy !== '' && typeof typed === 'number' && scale
      ? (() => {
          const bookG = balanceOf(ledger, placeAccount(chosen.place), alloy);
          const flag = toleranceFlag(typed, bookG, scale.toleranceG);
          return { flag, text: weighInText(bookG, typed, scale.toleranceG, flag) };
        })()
      : null;

  const save = () => {
    setDone(null);
    if (!chosen) {
      submit.setError('Choose the place weighed: the safe, a bench or a person.');
      return;
    }
    if (alloy === '') {
      submit.setError('Choose the alloy.');
      return;
    }
    if (typeof typed === 'string') {
      submit.setError(typed);
      return;
    }
    void submit
      .run(async () => {
        setDone(
          await weighIn(
            db,
            { place: chosen.place, alloyId: alloy, session, weighedG: typed, scaleId, note },
            actor.id,
          ),
        );
      })
      .then((ok) => {
        if (!ok) return;
        setGrams('');
        setNote('');
      });
  };

  return (
    <LedgerForm
      label="Weigh in"
      submitLabel="Save the weigh-in"
      disabled={submit.busy}
      error={submit.error}
      onSubmit={save}
      done={
        done && (
          <WeighInCheck
            label="Weigh-in saved"
            flag={done.flag}
            text={`Saved: ${weighInText(done.bookG, done.weighedG, done.toleranceG, done.flag)}`}
          />
        )
      }
    >
      <ChoiceButtons
        label="Place weighed"
        value={placeKey === '' ? null : placeKey}
        onChange={setPlace}
        choices={places.map((p) =>
          p.detail === undefined
            ? { value: p.key, label: p.label }
            : { value: p.key, label: p.label, detail: p.detail },
        )}
      />
      <AlloySelect
        value={alloy}
        onChange={setAlloy}
        detail={(a) => {
          if (!chosen) return null;
          const g = balanceOf(ledger, placeAccount(chosen.place), a);
          return g === 0 ? null : `book ${gramsText(g)}`;
        }}
      />
      <ChoiceButtons
        label="Weigh-in"
        value={session}
        onChange={setSession}
        choices={(Object.keys(SESSION_LABELS) as (keyof typeof SESSION_LABELS)[]).map((s) => ({
          value: s,
          label: SESSION_LABELS[s],
        }))}
      />
      <NumberField label="Weighed" unit="g" value={gramsTyped} onChange={setGrams} />
      <ScaleChoice scales={scales} value={scaleId} onChange={setScaleId} />
      {preview && <WeighInCheck label="Weigh-in check" flag={preview.flag} text={preview.text} />}
      {preview && preview.flag !== 'within' && (
        <p className="hint">Beyond the scale: weigh again, or say in the note what happened.</p>
      )}
      <NoteField value={note} onChange={setNote} />
    </LedgerForm>
  );
}

/** A weighing against the book; flagged ones carry a mark and the words "short" or "over". */
export function WeighInCheck({
  label,
  flag,
  text,
}: {
  label: string;
  flag: 'within' | 'over' | 'short';
  text: string;
}) {
  return (
    <p role="status" aria-label={label} className={`metal-check flag-${flag}`}>
      <span className="metal-check-mark" aria-hidden="true">
        {flag === 'within' ? '✓' : '⚠'}
      </span>{' '}
      {flag !== 'within' && <strong>Flagged: </strong>}
      {text}
    </p>
  );
}

function UsedForm({ actor, scales, ledger, nameOf, holders }: HolderFormProps) {
  const pick = useHolderMetal(holders);
  const { holder, alloy } = pick;
  const [gramsTyped, setGrams] = useState('');
  const [scaleId, setScaleId] = useScalePick(scales);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = useSubmit();
  const job = useJobPick();

  const save = () => {
    setDone(null);
    if (!holder) {
      submit.setError('Choose whose metal went into the piece.');
      return;
    }
    if (alloy === '') {
      submit.setError('Choose the alloy.');
      return;
    }
    const grams = readGrams(gramsTyped);
    if (typeof grams === 'string') {
      submit.setError(grams);
      return;
    }
    const picked = job.job;
    if (!picked) {
      submit.setError('Enter the envelope number of the job the metal went into.');
      return;
    }
    void submit
      .run(() =>
        recordMetalUsed(
          db,
          { alloyId: alloy, grams, from: holder, jobId: picked.id, scaleId, note },
          actor.id,
        ),
      )
      .then((ok) => {
        if (!ok) return;
        setDone(
          `${gramsText(grams)} of ${alloyName(alloy)} from ${holderText(holder, nameOf)} went into job ${picked.envelopeNumber}.`,
        );
        setGrams('');
        setNote('');
      });
  };

  return (
    <LedgerForm
      label="Used on a job"
      submitLabel="Record metal used"
      disabled={submit.busy}
      error={submit.error}
      onSubmit={save}
      done={<Done text={done} />}
    >
      <HolderMetalFields pick={pick} ledger={ledger} nameOf={nameOf} holders={holders} />
      <NumberField label="Grams used" unit="g" value={gramsTyped} onChange={setGrams} />
      <JobByEnvelope pick={job} label="Job’s envelope number" />
      <ScaleChoice scales={scales} value={scaleId} onChange={setScaleId} />
      <NoteField value={note} onChange={setNote} />
    </LedgerForm>
  );
}
