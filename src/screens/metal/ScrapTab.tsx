// The Scrap tab: every pot's running weight per alloy and estimated fine, a deposit that says which
// pot it goes in before it is saved, and sealing pots of one metal family into a refining lot.
import { useId, useState } from 'react';
import { db, depositScrap, sealLot } from '../../db';
import {
  potById,
  potIdFor,
  SCRAP_KIND_INFO,
  SWEEPS_ESTIMATED_RECOVERY,
} from '../../domain/ledger/scrap';
import { lotFamily, potViews, type PotView } from '../../domain/ledger/views';
import type { AlloyId, MetalFamily } from '../../domain/metals';
import type { StaffMember } from '../../domain/staff';
import { SCRAP_KINDS, type ScrapKind } from '../../protocol/ledger';
import { ChoiceButtons, NumberField } from '../casting/tree/controls';
import { useSubmit, type Submit } from '../jobs/job/useSubmit';
import {
  AlloySelect,
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
import { LotContents } from './LotsTab';
import { alloyName, FAMILY_NAMES, gramsText, holderFromKey, lotCode } from './metalText';

export function ScrapTab(props: LedgerScreenProps) {
  const pots = potViews(props.ledger);
  const full = pots.filter((p) => p.balances.length > 0);
  const empty = pots.filter((p) => p.balances.length === 0);
  return (
    <div className="metal-columns">
      <div className="metal-col">
        <section className="tp-card" aria-labelledby="metal-pots-h">
          <h3 id="metal-pots-h">Scrap pots</h3>
          {full.length === 0 ? (
            <p className="muted">Every pot is empty.</p>
          ) : (
            <ul className="metal-pots" aria-label="Scrap pots">
              {full.map((p) => (
                <PotCard key={p.id} pot={p} />
              ))}
            </ul>
          )}
          {empty.length > 0 && (
            <p className="muted metal-empty-pots">Empty: {empty.map((p) => p.label).join(' · ')}</p>
          )}
        </section>
      </div>
      <div className="metal-col">
        {props.actor === null ? (
          <section className="tp-card">
            <p className="muted">Sign in (above) to deposit scrap or seal a lot.</p>
          </section>
        ) : (
          <>
            <section className="tp-card" aria-labelledby="metal-deposit-h">
              <h3 id="metal-deposit-h">Deposit scrap</h3>
              <DepositForm {...props} actor={props.actor} />
            </section>
            <section className="tp-card" aria-labelledby="metal-seal-h">
              <h3 id="metal-seal-h">Seal a lot</h3>
              <SealForm {...props} actor={props.actor} pots={full} />
            </section>
          </>
        )}
      </div>
    </div>
  );
}

function PotCard({ pot }: { pot: PotView }) {
  return (
    <li className="metal-pot" aria-label={pot.label}>
      <h4>{pot.label}</h4>
      <ul className="metal-lines">
        {pot.balances.map((b) => (
          <li key={b.alloyId}>
            {alloyName(b.alloyId)} <strong className="metal-num">{gramsText(b.grams)}</strong>
          </li>
        ))}
      </ul>
      <p>
        Total <strong className="metal-num">{gramsText(pot.grams)}</strong> · estimated{' '}
        {FAMILY_NAMES[pot.family].toLowerCase()}{' '}
        <strong className="metal-num">{gramsText(pot.estimatedFineG)}</strong>
      </p>
      {pot.grade === 'sweeps' && (
        <p className="hint">
          A rough estimate: sweeps weigh with their dust and compound and assay low; taken as{' '}
          {Math.round(SWEEPS_ESTIMATED_RECOVERY * 100)} % of their fine content until a settled lot
          says otherwise.
        </p>
      )}
    </li>
  );
}

function DepositForm({ actor, scales, people }: LedgerScreenProps & { actor: StaffMember }) {
  const [alloy, setAlloy] = useState<AlloyId | ''>('');
  const [kind, setKind] = useState<ScrapKind | null>(null);
  const [gramsTyped, setGrams] = useState('');
  const [from, setFrom] = useState('none');
  const [scaleId, setScaleId] = useScalePick(scales);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = useSubmit();
  const job = useJobPick();
  const pot = alloy !== '' && kind !== null ? potById(potIdFor(alloy, kind)) : null;

  const save = () => {
    setDone(null);
    if (alloy === '') {
      submit.setError('Choose the alloy.');
      return;
    }
    if (kind === null) {
      submit.setError('Choose the kind of scrap.');
      return;
    }
    const grams = readGrams(gramsTyped);
    if (typeof grams === 'string') {
      submit.setError(grams);
      return;
    }
    if (job.text.trim() !== '' && !job.job) {
      submit.setError(
        `No job on envelope ${job.text.trim()} on this tablet: clear the box, or check the number.`,
      );
      return;
    }
    const holder = holderFromKey(from);
    const jobId = job.job?.id;
    void submit
      .run(() =>
        depositScrap(
          db,
          {
            alloyId: alloy,
            kind,
            grams,
            ...(holder ? { from: holder } : {}),
            ...(jobId ? { jobId } : {}),
            scaleId,
            note,
          },
          actor.id,
        ),
      )
      .then((ok) => {
        if (!ok) return;
        setDone(
          `${gramsText(grams)} of ${SCRAP_KIND_INFO[kind].label.toLowerCase()} went in ${pot?.label ?? 'its pot'}.`,
        );
        setGrams('');
        setNote('');
        job.setText('');
      });
  };

  return (
    <LedgerForm
      label="Deposit scrap"
      submitLabel={pot ? `Deposit in ${pot.label}` : 'Deposit scrap'}
      disabled={submit.busy}
      error={submit.error}
      onSubmit={save}
      done={
        done && (
          <p className="ok metal-done" role="status">
            {done}
          </p>
        )
      }
    >
      <AlloySelect value={alloy} onChange={setAlloy} />
      <ChoiceButtons
        label="Kind"
        value={kind}
        onChange={setKind}
        choices={SCRAP_KINDS.map((k) => ({
          value: k,
          label: SCRAP_KIND_INFO[k].label,
          detail: SCRAP_KIND_INFO[k].grade === 'sweeps' ? 'sweeps pot' : 'clean scrap',
        }))}
      />
      {pot && (
        <p className="metal-pot-target" aria-label="Goes in">
          → {pot.label}
        </p>
      )}
      <NumberField label="Grams of scrap" unit="g" value={gramsTyped} onChange={setGrams} />
      <ChoiceButtons
        label="From"
        value={from}
        onChange={setFrom}
        choices={[
          { value: 'none', label: 'No one', detail: 'the shop’s sweeps' },
          ...peopleAndBenches(people).map((t) => holderChoice(t.holder, t.label)),
        ]}
      />
      <JobByEnvelope pick={job} label="Job’s envelope number — optional" />
      <ScaleChoice scales={scales} value={scaleId} onChange={setScaleId} />
      <NoteField value={note} onChange={setNote} />
    </LedgerForm>
  );
}

function SealForm({
  actor,
  ledger,
  pots,
}: LedgerScreenProps & { actor: StaffMember; pots: readonly PotView[] }) {
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const [sealNumber, setSealNumber] = useState('');
  const [note, setNote] = useState('');
  const [sealedId, setSealedId] = useState<string | null>(null);
  const submit = useSubmit();
  // A pot emptied by another tablet's seal drops out of the choice.
  const picked = chosen.filter((id) => pots.some((p) => p.id === id));
  const family = lotFamily(picked);
  const mixed = family === 'mixed';
  const families = [...new Set(pots.filter((p) => picked.includes(p.id)).map((p) => p.family))];
  const sealed = sealedId ? ledger.lots[sealedId]?.sealed : undefined;

  const toggle = (id: string) =>
    setChosen((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));

  const save = () => {
    if (picked.length === 0) {
      submit.setError('Choose the pots that go in the lot.');
      return;
    }
    let lotId = '';
    void submit
      .run(async () => {
        lotId = await sealLot(db, { potIds: picked, sealNumber, note }, actor.id);
      })
      .then((ok) => {
        if (!ok) return;
        setSealedId(lotId);
        setChosen([]);
        setSealNumber('');
        setNote('');
      });
  };

  const sealedNote = sealedId && (
    <div className="ok metal-done" role="status" aria-label="Lot sealed">
      <p>
        <strong>Sealed lot {lotCode(sealedId)}</strong>
        {sealed?.sealNumber ? ` · seal ${sealed.sealNumber}` : ''}: its contents are frozen, the
        pots start again from nothing. Send it from the Lots tab.
      </p>
      {sealed && <LotContents contents={sealed.contents} />}
    </div>
  );
  // The note of the lot just sealed stays where it is as the form gives way to "nothing more to
  // seal", so a screen reader hears it once and the person still sees the frozen contents.
  return (
    <>
      {pots.length === 0 ? (
        <p className="muted">Nothing {sealedId ? 'more ' : ''}to seal: every pot is empty.</p>
      ) : (
        <SealFields
          pots={pots}
          picked={picked}
          toggle={toggle}
          mixed={mixed}
          families={families}
          sealNumber={sealNumber}
          setSealNumber={setSealNumber}
          note={note}
          setNote={setNote}
          submit={submit}
          save={save}
        />
      )}
      {sealedNote}
    </>
  );
}

function SealFields({
  pots,
  picked,
  toggle,
  mixed,
  families,
  sealNumber,
  setSealNumber,
  note,
  setNote,
  submit,
  save,
}: {
  pots: readonly PotView[];
  picked: readonly string[];
  toggle: (potId: string) => void;
  mixed: boolean;
  families: readonly MetalFamily[];
  sealNumber: string;
  setSealNumber: (t: string) => void;
  note: string;
  setNote: (t: string) => void;
  submit: Submit;
  save: () => void;
}) {
  const labelId = useId();
  return (
    <LedgerForm
      label="Seal a lot"
      submitLabel="Seal the lot"
      disabled={submit.busy || mixed}
      error={submit.error}
      onSubmit={save}
    >
      <div className="tp-field">
        <span className="tp-label" id={labelId}>
          Pots in the lot
        </span>
        <div className="tp-choices" role="group" aria-labelledby={labelId}>
          {pots.map((p) => (
            <button
              key={p.id}
              type="button"
              aria-pressed={picked.includes(p.id)}
              className={picked.includes(p.id) ? 'tp-choice selected' : 'tp-choice'}
              onClick={() => toggle(p.id)}
            >
              <span className="tp-choice-label">{p.label}</span>{' '}
              <span className="tp-choice-detail">{gramsText(p.grams)}</span>
            </button>
          ))}
        </div>
      </div>
      {mixed && (
        <p className="tp-warn" role="alert">
          A lot is one metal family: these pots are{' '}
          {families.map((f) => FAMILY_NAMES[f].replace('Fine ', '')).join(' and ')}. Platinum,
          palladium, gold and silver refine apart: seal them as separate lots.
        </p>
      )}
      <TextField
        label="Seal number — optional"
        value={sealNumber}
        onChange={setSealNumber}
        maxLength={40}
      />
      <NoteField value={note} onChange={setNote} />
    </LedgerForm>
  );
}
