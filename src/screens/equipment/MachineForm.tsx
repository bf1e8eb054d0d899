// The form of a machine's description, to add one to the registry or change one: what it is, where,
// and for a scale the shop scale it is, how often it is checked and its test weight.
import { useState } from 'react';
import { parseDecimal } from '../../components/fields/FieldInput';
import { db } from '../../db';
import { addMachine, updateMachine, type MachineInput } from '../../db/equipmentOperations';
import type { EquipmentState } from '../../domain/equipment/equipmentState';
import { activeScales } from '../../domain/ledger/scales';
import type { StaffMember } from '../../domain/staff';
import { EQUIPMENT_KINDS, type EquipmentKind } from '../../protocol/equipment';
import type { ScaleData } from '../../protocol/ledger';
import { ChoiceButtons, NumberField } from '../casting/tree/controls';
import { useSubmit } from '../jobs/job/useSubmit';
import { LedgerForm, TextField } from '../metal/fields';
import { toleranceText } from '../metal/metalText';
import { KIND_LABELS } from './equipmentText';

interface Draft {
  name: string;
  kind: EquipmentKind | null;
  maker: string;
  model: string;
  serial: string;
  location: string;
  scaleId: string;
  everyDays: string;
  testWeight: string;
}

function draftOf(machine: EquipmentState | null): Draft {
  const f = machine?.fields;
  return {
    name: f?.name ?? '',
    kind: f?.kind ?? null,
    maker: f?.maker ?? '',
    model: f?.model ?? '',
    serial: f?.serial ?? '',
    location: f?.location ?? '',
    scaleId: f?.scaleId ?? '',
    everyDays: f?.calibrationEveryDays === undefined ? '' : String(f.calibrationEveryDays),
    testWeight: f?.testWeightG === undefined ? '' : String(f.testWeightG),
  };
}

/** The draft as the operation takes it, or the words saying what to fix. */
function readDraft(d: Draft): MachineInput | string {
  if (d.kind === null) return 'Choose what kind of machine it is.';
  const scale = d.kind === 'scale';
  const every = d.everyDays.trim() === '' ? undefined : parseDecimal(d.everyDays);
  if (scale && d.everyDays.trim() !== '' && every === undefined) {
    return 'Enter how often it is checked as a number of days, like 30.';
  }
  const weight = d.testWeight.trim() === '' ? undefined : parseDecimal(d.testWeight);
  if (scale && d.testWeight.trim() !== '' && weight === undefined) {
    return 'Enter the test weight in grams, like 10 or 100.';
  }
  return {
    name: d.name,
    kind: d.kind,
    maker: d.maker,
    model: d.model,
    serial: d.serial,
    location: d.location,
    ...(scale && d.scaleId !== '' ? { scaleId: d.scaleId } : {}),
    ...(scale && every !== undefined ? { calibrationEveryDays: every } : {}),
    ...(scale && weight !== undefined ? { testWeightG: weight } : {}),
  };
}

export function MachineForm({
  machine,
  scales,
  actor,
  onDone,
}: {
  /** Null to add a new machine. */
  machine: EquipmentState | null;
  /** Every scale the shop has set (retired ones too). */
  scales: readonly ScaleData[];
  actor: StaffMember;
  onDone: (equipmentId: string) => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(machine));
  const submit = useSubmit();
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const offered: ScaleData[] = activeScales(scales);

  const save = () => {
    const input = readDraft(draft);
    if (typeof input === 'string') {
      submit.setError(input);
      return;
    }
    void submit.run(async () => {
      if (machine) {
        await updateMachine(db, machine.id, input, actor.id);
        onDone(machine.id);
      } else {
        onDone(await addMachine(db, input, actor.id));
      }
    });
  };

  return (
    <LedgerForm
      label={machine ? 'Change the machine' : 'Add a machine'}
      submitLabel={machine ? 'Save changes' : 'Add machine'}
      disabled={submit.busy}
      error={submit.error}
      onSubmit={save}
    >
      <TextField
        label="Name"
        value={draft.name}
        onChange={(name) => set({ name })}
        maxLength={60}
        placeholder="Ultrasonic 1"
      />
      <ChoiceButtons
        label="Kind"
        value={draft.kind}
        onChange={(kind) => set({ kind })}
        choices={EQUIPMENT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
      />
      <div className="eq-pair">
        <TextField
          label="Maker — optional"
          value={draft.maker}
          onChange={(maker) => set({ maker })}
          maxLength={60}
        />
        <TextField
          label="Model — optional"
          value={draft.model}
          onChange={(model) => set({ model })}
          maxLength={60}
        />
      </div>
      <div className="eq-pair">
        <TextField
          label="Serial number — optional"
          value={draft.serial}
          onChange={(serial) => set({ serial })}
          maxLength={60}
        />
        <TextField
          label="Where it stands — optional"
          value={draft.location}
          onChange={(location) => set({ location })}
          maxLength={60}
        />
      </div>
      {draft.kind === 'scale' && (
        <fieldset className="eq-fieldset">
          <legend>Calibration</legend>
          <ChoiceButtons
            label="Which of the shop’s scales is it?"
            value={draft.scaleId === '' ? null : draft.scaleId}
            onChange={(scaleId) => set({ scaleId })}
            choices={offered.map((s) => ({
              value: s.scaleId,
              label: s.name,
              detail: toleranceText(s.toleranceG),
            }))}
          />
          <NumberField
            label="Checked every"
            unit="days"
            decimals={false}
            value={draft.everyDays}
            onChange={(everyDays) => set({ everyDays })}
            hint="Past this without a passing check, weighings on it are flagged."
          />
          <NumberField
            label="Test weight"
            unit="g"
            value={draft.testWeight}
            onChange={(testWeight) => set({ testWeight })}
            hint="The certified weight it is checked with."
          />
        </fieldset>
      )}
    </LedgerForm>
  );
}
