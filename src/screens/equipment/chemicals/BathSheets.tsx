// The bath log's sheets: make a bath, replenish one, retire one. Each says a refusal in the
// operation's own words and stores nothing then.
import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { ErrorLine } from '../../../components/ErrorLine';
import { SheetActions } from '../../../components/fields/SheetActions';
import { Sheet } from '../../../components/Sheet';
import { db } from '../../../db';
import { makeBath, replenishBath, retireBath } from '../../../db/chemicalOperations';
import { usePlatingMachines } from '../../../db/chemicalQueries';
import type { MadeBath } from '../../../domain/chemicals/bathUse';
import type { StaffMember } from '../../../domain/staff';
import { ChoiceButtons, NumberField } from '../../casting/tree/controls';
import { useToday } from '../../jobs/list/useToday';
import { useSubmit, type Submit } from '../../jobs/job/useSubmit';
import { NoteField, TextField } from '../../metal/fields';

/** A number typed on the pad, or the words saying what is wrong with it. */
export function readNumber(typed: string, what: string, example: string): number | string {
  if (typed.trim() === '') return `Enter ${what}.`;
  const n = parseDecimal(typed);
  if (n === undefined) return `Enter ${what} as a number, like ${example}.`;
  return n;
}

/** An optional number: undefined when left blank. */
function readOptional(typed: string, what: string, example: string): number | undefined | string {
  return typed.trim() === '' ? undefined : readNumber(typed, what, example);
}

function SheetForm({
  label,
  title,
  submitLabel,
  submit,
  onSubmit,
  onClose,
  children,
}: {
  label: string;
  title: ReactNode;
  submitLabel: string;
  submit: Submit;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const send = (e: SyntheticEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Sheet label={label} onClose={onClose}>
      <form className="tp-form chem-sheet-form" aria-label={label} onSubmit={send} noValidate>
        <h3>{title}</h3>
        {children}
        <ErrorLine error={submit.error} />
        <SheetActions onCancel={onClose} busy={submit.busy} submitLabel={submitLabel} />
      </form>
    </Sheet>
  );
}

export function MakeBathSheet({
  actor,
  suggestedName,
  onClose,
}: {
  actor: StaffMember;
  suggestedName: string;
  onClose: () => void;
}) {
  const today = useToday();
  const machines = usePlatingMachines() ?? [];
  const [name, setName] = useState(suggestedName);
  const [madeDate, setMadeDate] = useState(today);
  const [rhodium, setRhodium] = useState('');
  const [volume, setVolume] = useState('');
  const [machineId, setMachineId] = useState('none');
  const [note, setNote] = useState('');
  const submit = useSubmit();

  const save = () => {
    const rhodiumG = readNumber(rhodium, 'the grams of rhodium', '2 or 0.5');
    if (typeof rhodiumG === 'string') {
      submit.setError(rhodiumG);
      return;
    }
    const volumeMl = readNumber(volume, 'the volume in millilitres', '1000');
    if (typeof volumeMl === 'string') {
      submit.setError(volumeMl);
      return;
    }
    const equipmentId = machines.some((m) => m.id === machineId) ? machineId : undefined;
    void submit
      .run(() =>
        makeBath(
          db,
          {
            name,
            madeDate,
            rhodiumG,
            volumeMl,
            ...(equipmentId === undefined ? {} : { equipmentId }),
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
    <SheetForm
      label="Make a bath"
      title="Make a rhodium bath"
      submitLabel="Make the bath"
      submit={submit}
      onSubmit={save}
      onClose={onClose}
    >
      <TextField label="Name of the bath" value={name} onChange={setName} maxLength={60} />
      <TextField label="Made on" type="date" value={madeDate} onChange={setMadeDate} />
      <NumberField label="Rhodium" unit="g" value={rhodium} onChange={setRhodium} />
      <NumberField label="Volume" unit="ml" value={volume} onChange={setVolume} decimals={false} />
      {machines.length > 0 && (
        <ChoiceButtons
          label="Runs in"
          value={machineId}
          onChange={setMachineId}
          choices={[
            { value: 'none', label: 'Not said' },
            ...machines.map((m) => ({ value: m.id, label: m.fields?.name ?? m.id })),
          ]}
        />
      )}
      <NoteField value={note} onChange={setNote} />
    </SheetForm>
  );
}

export function ReplenishSheet({
  actor,
  bath,
  onClose,
}: {
  actor: StaffMember;
  bath: MadeBath;
  onClose: () => void;
}) {
  const [rhodium, setRhodium] = useState('');
  const [volume, setVolume] = useState('');
  const [note, setNote] = useState('');
  const submit = useSubmit();

  const save = () => {
    const rhodiumG = readNumber(rhodium, 'the grams of rhodium added', '0.5');
    if (typeof rhodiumG === 'string') {
      submit.setError(rhodiumG);
      return;
    }
    const volumeMl = readOptional(volume, 'the solution added in millilitres', '200');
    if (typeof volumeMl === 'string') {
      submit.setError(volumeMl);
      return;
    }
    void submit
      .run(() =>
        replenishBath(
          db,
          {
            bathId: bath.id,
            rhodiumG,
            ...(volumeMl === undefined ? {} : { volumeMl }),
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
    <SheetForm
      label={`Replenish ${bath.made.name}`}
      title={`Replenish ${bath.made.name}`}
      submitLabel="Record the replenishment"
      submit={submit}
      onSubmit={save}
      onClose={onClose}
    >
      <NumberField label="Rhodium added" unit="g" value={rhodium} onChange={setRhodium} />
      <NumberField
        label="Solution added — optional"
        unit="ml"
        value={volume}
        onChange={setVolume}
        decimals={false}
      />
      <NoteField value={note} onChange={setNote} />
    </SheetForm>
  );
}

export function RetireSheet({
  actor,
  bath,
  onClose,
}: {
  actor: StaffMember;
  bath: MadeBath;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const save = () => {
    void submit
      .run(() => retireBath(db, { bathId: bath.id, reason }, actor.id))
      .then((ok) => {
        if (ok) onClose();
      });
  };
  return (
    <SheetForm
      label={`Retire ${bath.made.name}`}
      title={`Retire ${bath.made.name}`}
      submitLabel="Retire the bath"
      submit={submit}
      onSubmit={save}
      onClose={onClose}
    >
      <p>It stays in the log with every plating it did; no more platings go in it.</p>
      <TextField
        label="Why it is retired"
        value={reason}
        onChange={setReason}
        maxLength={300}
        placeholder="Spent, contaminated, sent for recovery…"
      />
    </SheetForm>
  );
}
