// The chemical waste tab of /equipment: what went, how much, where, who; newest first, and an entry
// marked wrong stays in the list, struck through, with what was wrong.
import { useId, useState, type SyntheticEvent } from 'react';
import { ErrorLine } from '../../../components/ErrorLine';
import { SheetActions } from '../../../components/fields/SheetActions';
import { Sheet } from '../../../components/Sheet';
import { useCurrentStaff } from '../../../components/staff/useCurrentStaff';
import { db, useStaff } from '../../../db';
import { correctWaste, logWaste } from '../../../db/chemicalOperations';
import { useWasteLog } from '../../../db/chemicalQueries';
import { wasteLines, type WasteLine } from '../../../domain/chemicals/wasteLog';
import type { WasteState } from '../../../domain/chemicals/wasteState';
import type { StaffMember } from '../../../domain/staff';
import { WASTE_UNITS, type WasteUnit } from '../../../protocol/chemicals';
import { ChoiceButtons, NumberField } from '../../casting/tree/controls';
import { whenText } from '../../jobs/job/format';
import { useSubmit } from '../../jobs/job/useSubmit';
import { useStaffNames } from '../../jobs/job/useStaffNames';
import { NoteField, TextField } from '../../metal/fields';
import { readNumber } from './BathSheets';
import { amountText } from './bathText';
import './chemicals.css';

const UNIT_LABELS: Record<WasteUnit, string> = { ml: 'ml', l: 'litres', g: 'g', kg: 'kg' };

export function WasteTab() {
  const headingId = useId();
  const actor = useCurrentStaff() ?? null;
  const log = useWasteLog();
  const people = useStaff();
  const nameOf = useStaffNames(people ?? []);
  const [correcting, setCorrecting] = useState<WasteLine | null>(null);

  return (
    <section className="chem" aria-labelledby={headingId}>
      <div className="chem-head">
        <h3 id={headingId}>Chemical waste</h3>
      </div>
      {actor ? (
        <section className="tp-card" aria-labelledby="chem-waste-form-h">
          <h4 id="chem-waste-form-h">Log waste</h4>
          <WasteForm actor={actor} log={log} />
        </section>
      ) : (
        <p className="muted">Sign in to log waste or mark an entry wrong.</p>
      )}
      {log === undefined ? (
        <p className="tp-loading">Reading the waste log…</p>
      ) : log.entries.length === 0 ? (
        <p className="muted">Nothing in the waste log yet.</p>
      ) : (
        <ol className="chem-log" aria-label="Waste log">
          {wasteLines(log).map((line) => (
            <WasteRow
              key={line.entry.entryId}
              line={line}
              nameOf={nameOf}
              onCorrect={actor && !line.correction ? () => setCorrecting(line) : null}
            />
          ))}
        </ol>
      )}
      {correcting && actor && (
        <CorrectSheet line={correcting} actor={actor} onClose={() => setCorrecting(null)} />
      )}
    </section>
  );
}

function WasteRow({
  line,
  nameOf,
  onCorrect,
}: {
  line: WasteLine;
  nameOf: (staffId: string) => string;
  onCorrect: (() => void) | null;
}) {
  const { entry, correction } = line;
  const what = `${entry.what}, ${amountText(entry.amount, entry.unit)}`;
  return (
    <li
      className={correction ? 'chem-struck' : undefined}
      aria-label={correction ? `${what} (marked wrong)` : what}
    >
      <p className="chem-entry-what">
        <span className="chem-kind">{entry.what}</span> · {amountText(entry.amount, entry.unit)} →{' '}
        {entry.where}
        {entry.note ? ` · ${entry.note}` : ''}
      </p>
      <p className="muted">
        {nameOf(entry.by)} · {whenText(entry.at)}
      </p>
      {correction && (
        <p className="chem-correction">
          Marked wrong by {nameOf(correction.by)} · {whenText(correction.at)}: {correction.reason}
        </p>
      )}
      {onCorrect && (
        <button
          type="button"
          className="button"
          aria-label={`Mark wrong: ${what}`}
          onClick={onCorrect}
        >
          Mark wrong…
        </button>
      )}
    </li>
  );
}

/** What was logged before, for the boxes' suggestions: the shop writes the same few things. */
function usedBefore(log: WasteState | undefined, pick: (l: WasteLine) => string): string[] {
  if (!log) return [];
  return [...new Set(wasteLines(log).map(pick))].slice(0, 20);
}

function WasteForm({ actor, log }: { actor: StaffMember; log: WasteState | undefined }) {
  const [what, setWhat] = useState('');
  const [amount, setAmount] = useState('');
  const [unit, setUnit] = useState<WasteUnit | null>(null);
  const [where, setWhere] = useState('');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = useSubmit();
  const whatList = useId();
  const whereList = useId();

  const save = (e: SyntheticEvent) => {
    e.preventDefault();
    setDone(null);
    const n = readNumber(amount, 'how much', '2.5');
    if (typeof n === 'string') {
      submit.setError(n);
      return;
    }
    if (unit === null) {
      submit.setError('Choose the unit: ml, litres, g or kg.');
      return;
    }
    void submit
      .run(() => logWaste(db, { what, amount: n, unit, where, note }, actor.id))
      .then((ok) => {
        if (!ok) return;
        setDone(`Logged: ${what.trim()}, ${amountText(n, unit)} → ${where.trim()}.`);
        setWhat('');
        setAmount('');
        setWhere('');
        setNote('');
      });
  };

  return (
    <form className="tp-form" aria-label="Log waste" onSubmit={save} noValidate>
      <label className="tp-field">
        <span className="tp-label">What</span>
        <input
          value={what}
          maxLength={120}
          list={whatList}
          autoComplete="off"
          placeholder="Spent rhodium solution, old pickle, electrocleaner…"
          onChange={(e) => setWhat(e.target.value)}
        />
      </label>
      <datalist id={whatList}>
        {usedBefore(log, (l) => l.entry.what).map((w) => (
          <option key={w} value={w} />
        ))}
      </datalist>
      <NumberField label="How much" unit={unit ?? ''} value={amount} onChange={setAmount} />
      <ChoiceButtons
        label="Unit"
        value={unit}
        onChange={setUnit}
        choices={WASTE_UNITS.map((u) => ({ value: u, label: UNIT_LABELS[u] }))}
      />
      <label className="tp-field">
        <span className="tp-label">Where it went</span>
        <input
          value={where}
          maxLength={120}
          list={whereList}
          autoComplete="off"
          placeholder="Waste drum, collector, neutralised and drained…"
          onChange={(e) => setWhere(e.target.value)}
        />
      </label>
      <datalist id={whereList}>
        {usedBefore(log, (l) => l.entry.where).map((w) => (
          <option key={w} value={w} />
        ))}
      </datalist>
      <NoteField value={note} onChange={setNote} />
      <button type="submit" className="button button-primary tp-big" disabled={submit.busy}>
        Log the waste
      </button>
      <ErrorLine error={submit.error} />
      {done && (
        <p className="ok" role="status">
          {done}
        </p>
      )}
    </form>
  );
}

function CorrectSheet({
  line,
  actor,
  onClose,
}: {
  line: WasteLine;
  actor: StaffMember;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const { entry } = line;
  const save = (e: SyntheticEvent) => {
    e.preventDefault();
    void submit
      .run(() => correctWaste(db, { entryId: entry.entryId, reason }, actor.id))
      .then((ok) => {
        if (ok) onClose();
      });
  };
  return (
    <Sheet label="Mark the entry wrong" onClose={onClose}>
      <form
        className="tp-form chem-sheet-form"
        aria-label="Mark the entry wrong"
        onSubmit={save}
        noValidate
      >
        <h3>
          Mark wrong: {entry.what}, {amountText(entry.amount, entry.unit)}
        </h3>
        <p>It stays in the log, struck through, with what was wrong. Log the right one after.</p>
        <TextField
          label="What was wrong"
          value={reason}
          onChange={setReason}
          maxLength={300}
          placeholder="Logged twice, wrong amount…"
        />
        <ErrorLine error={submit.error} />
        <SheetActions onCancel={onClose} busy={submit.busy} submitLabel="Mark it wrong" />
      </form>
    </Sheet>
  );
}
