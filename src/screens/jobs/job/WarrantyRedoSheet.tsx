// The warranty redo sheet: the piece is back, under warranty. Choose the covered services to do
// again, say what came back wrong, weigh it, promise a date, the customer signs: a new linked job.
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { SheetActions } from '../../../components/fields/SheetActions';
import { SignaturePad } from '../../../components/SignaturePad';
import { Sheet } from '../../../components/Sheet';
import { BenchInputError, db } from '../../../db';
import {
  NO_TAKE_IN_SIGNATURE,
  openWarrantyRedo,
  warrantyRedoProblems,
  type WarrantyRedoCheck,
} from '../../../db/warrantyOperations';
import { dayText } from '../../../domain/dates';
import { newJobId } from '../../../domain/ids';
import type { JobState } from '../../../domain/job';
import type { StaffMember } from '../../../domain/staff';
import type { ServiceWarranty } from '../../../domain/warranty';
import { storePickedPhoto } from '../../../photos/storePickedPhoto';
import { addDays, QUICK_DATES } from '../../intake/intakeForm';
import { CONDITION_LABELS } from '../../intake/labels';
import { serviceName } from '../../label/labelText';
import { grams } from './format';
import { errorMessage } from './useSubmit';

interface WarrantyRedoSheetProps {
  job: JobState;
  warranty: readonly ServiceWarranty[];
  today: string;
  actor: StaffMember;
  onClose: () => void;
}

/** "Worn prongs, thin shank" as noted at the first take-in, or null when nothing was. */
function conditionNoted(job: JobState): string | null {
  const flags = Object.entries(CONDITION_LABELS)
    .filter(([key]) => job.condition[key as keyof typeof CONDITION_LABELS])
    .map(([, label]) => label);
  if (job.condition.other) flags.push(job.condition.other);
  return flags.length > 0 ? flags.join(', ') : null;
}

export function WarrantyRedoSheet({
  job,
  warranty,
  today,
  actor,
  onClose,
}: WarrantyRedoSheetProps) {
  const navigate = useNavigate();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(
    () => new Set(warranty.filter((w) => w.covered).map((w) => w.serviceId)),
  );
  const [reason, setReason] = useState('');
  const [weight, setWeight] = useState('');
  const [promised, setPromised] = useState('');
  const [notes, setNotes] = useState('');
  const [notify, setNotify] = useState(false);
  const [signature, setSignature] = useState<Blob | null>(null);
  const [problems, setProblems] = useState<{ key: string; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  // The new job's id from the start, so its signature is filed under it (openJob's jobId).
  const [redoJobId] = useState(newJobId);
  const ids = {
    reason: useId(),
    weight: useId(),
    promised: useId(),
    notes: useId(),
    services: useId(),
  };
  const returned = job.weights.filter((w) => w.kind === 'return').at(-1);
  const condition = conditionNoted(job);
  const bad = (key: string) => problems.some((p) => p.key === key);
  // An answered problem does not stay red: a ticked service, a signature given.
  const shown = problems.filter(
    (p) =>
      !(p.key === 'signature' && signature !== null) &&
      !(p.key === 'services' && chosen.size > 0 && p.message.startsWith('Choose')),
  );

  const toggle = (serviceId: string) =>
    setChosen((set) => {
      const next = new Set(set);
      if (next.has(serviceId)) next.delete(serviceId);
      else next.add(serviceId);
      return next;
    });

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setProblems([]);
    const input: WarrantyRedoCheck = {
      originalJobId: job.id,
      serviceIds: warranty.filter((w) => chosen.has(w.serviceId)).map((w) => w.serviceId),
      reason,
      weightG: parseDecimal(weight) ?? Number.NaN,
      promisedDate: promised,
      notes,
      ...(job.customer.email ? { notifyByEmail: notify } : {}),
    };
    try {
      // Everything is checked before the signature is stored, so a refusal leaves nothing behind;
      // openWarrantyRedo checks it all again in the transaction that writes.
      const found = await warrantyRedoProblems(db, input);
      if (signature === null) found.push({ key: 'signature', message: NO_TAKE_IN_SIGNATURE });
      if (found.length > 0 || signature === null) {
        setProblems(found);
        return;
      }
      const signatureSha256 = await storePickedPhoto(redoJobId, signature);
      const opened = await openWarrantyRedo(
        db,
        { ...input, jobId: redoJobId, signatureSha256 },
        actor.id,
      );
      // The new envelope is printed first: the piece goes into it at the counter.
      void navigate(`/jobs/${opened.jobId}/label`);
    } catch (err) {
      const keyed = err instanceof BenchInputError ? err.problems : [];
      setProblems(keyed.length > 0 ? [...keyed] : [{ key: 'job', message: errorMessage(err) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet label="Warranty redo" onClose={onClose}>
      <form
        className="wr-sheet"
        aria-label={`Warranty redo of ${job.envelopeNumber}`}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <h3>Warranty redo of {job.envelopeNumber}</h3>
        <p className="hint">
          A new job and envelope for {job.customer.name}’s piece, at no charge: weigh it again, and
          the customer signs.
        </p>

        {/* Two columns on a landscape tablet: the whole take-in fits the sheet without scrolling. */}
        <div className="wr-cols">
          <div className="wr-col">
            <fieldset className="wr-fieldset">
              <legend id={ids.services}>Services to redo</legend>
              <div className="wr-choices" role="group" aria-labelledby={ids.services}>
                {warranty.map((w) => {
                  const on = chosen.has(w.serviceId);
                  const why = w.covered
                    ? `covered until ${dayText(w.until ?? '')}`
                    : w.until === null
                      ? 'no warranty'
                      : `warranty ended ${dayText(w.until)}`;
                  return (
                    <button
                      key={w.serviceId}
                      type="button"
                      role="checkbox"
                      aria-checked={on}
                      className={on ? 'check on wr-choice' : 'check wr-choice'}
                      disabled={!w.covered}
                      onClick={() => toggle(w.serviceId)}
                    >
                      <span aria-hidden="true">{on ? '☑' : '☐'}</span> {serviceName(w.kind)}{' '}
                      <small>({why})</small>
                    </button>
                  );
                })}
              </div>
            </fieldset>

            <div className="field">
              <label htmlFor={ids.reason}>What came back wrong</label>
              <textarea
                id={ids.reason}
                value={reason}
                maxLength={600}
                placeholder="e.g. shank split at the solder join"
                aria-invalid={bad('reason')}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>

            <div className="field">
              <label htmlFor={ids.weight}>Weight now (g)</label>
              <input
                id={ids.weight}
                inputMode="decimal"
                autoComplete="off"
                value={weight}
                placeholder="0.00"
                aria-invalid={bad('weight')}
                aria-describedby={`${ids.weight}-hint`}
                onChange={(e) => setWeight(e.target.value)}
              />
              <small id={`${ids.weight}-hint`} className="hint">
                Weigh it on the calibrated scale, as at every take-in
                {returned ? `: it went home at ${grams(returned.grams)}.` : '.'}
              </small>
            </div>

            <div className="field">
              <label htmlFor={ids.notes}>Notes — optional</label>
              <textarea
                id={ids.notes}
                value={notes}
                maxLength={2000}
                aria-invalid={bad('notes')}
                onChange={(e) => setNotes(e.target.value)}
              />
            </div>
          </div>
          <div className="wr-col">
            <div className="field">
              <label htmlFor={ids.promised}>Promised date</label>
              <div className="choice-group" role="group" aria-label="Quick dates">
                {QUICK_DATES.map(({ label, days }) => {
                  const day = addDays(today, days);
                  return (
                    <button
                      key={label}
                      type="button"
                      aria-pressed={promised === day}
                      className={promised === day ? 'choice selected' : 'choice'}
                      onClick={() => setPromised(day)}
                    >
                      {label}
                    </button>
                  );
                })}
              </div>
              <input
                id={ids.promised}
                type="date"
                min={today}
                value={promised}
                aria-invalid={bad('promisedDate')}
                onChange={(e) => setPromised(e.target.value)}
              />
              {promised !== '' && <small className="hint">{dayText(promised)}</small>}
            </div>

            <p className="wr-condition">
              <strong>Condition noted at the first take-in</strong> (copied to the new job, check it
              again under the loupe): {condition ?? 'nothing noted'}.
            </p>

            {job.customer.email && (
              <button
                type="button"
                role="switch"
                aria-checked={notify}
                className={notify ? 'check on' : 'check'}
                onClick={() => setNotify((v) => !v)}
              >
                Email {job.customer.email} when it is ready: {notify ? 'yes' : 'no'}
              </button>
            )}

            <SignaturePad label="Customer’s signature" onChange={setSignature} />
          </div>
        </div>

        <div className="wr-sheet-foot">
          {shown.map((p) => (
            <p key={`${p.key}:${p.message}`} className="error" role="alert">
              {p.message}
            </p>
          ))}
          <SheetActions onCancel={onClose} busy={busy} submitLabel="Open warranty redo" />
        </div>
      </form>
    </Sheet>
  );
}
