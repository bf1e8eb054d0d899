// A scale's calibration: the shop scale it is, its status now (passed, overdue, failed) in words,
// a check with its test weight (passed or failed against the scale's tolerance, decided by the
// operation), and every check made.
import { useState } from 'react';
import { parseDecimal } from '../../../components/fields/FieldInput';
import { db } from '../../../db';
import { recordCalibrationCheck } from '../../../db/equipmentOperations';
import { calibrationAt, momentFor } from '../../../domain/equipment/calibration';
import { activeScales } from '../../../domain/ledger/scales';
import { NumberField } from '../../casting/tree/controls';
import { whenText } from '../../jobs/job/format';
import { useSubmit } from '../../jobs/job/useSubmit';
import { LedgerForm, NoteField } from '../../metal/fields';
import { toleranceText } from '../../metal/metalText';
import { calibrationText, readingText } from '../equipmentText';
import type { MachineProps } from './machineProps';

export function CalibrationCard({ machine, actor, nameOf, today, nowMs, shop }: MachineProps) {
  const f = machine.fields;
  const [weight, setWeight] = useState(f?.testWeightG === undefined ? '' : String(f.testWeightG));
  const [read, setRead] = useState('');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const submit = useSubmit();
  if (!f) return null;
  const scale = activeScales(shop.scales).find((s) => s.scaleId === f.scaleId);
  const status = calibrationAt(machine, momentFor(machine, nowMs));
  const checks = machine.calibration.slice().reverse();

  const check = () => {
    const testWeightG = parseDecimal(weight);
    const readG = parseDecimal(read);
    if (testWeightG === undefined) {
      submit.setError('Enter the test weight in grams.');
      return;
    }
    if (readG === undefined) {
      submit.setError('Enter what the scale read, like 10.01.');
      return;
    }
    setResult(null);
    void submit.run(async () => {
      const { passed, toleranceG } = await recordCalibrationCheck(
        db,
        { equipmentId: machine.id, testWeightG, readG, note },
        actor?.id ?? '',
      );
      const reading = readingText({ readG, testWeightG, toleranceG });
      setResult(
        passed
          ? `Passed: ${reading}.`
          : `Failed: ${reading}. Weighings on it are flagged until it passes.`,
      );
      setRead('');
      setNote('');
    });
  };

  return (
    <section
      className={status.state === 'failed' ? 'tp-card eq-alarm' : 'tp-card'}
      aria-labelledby="eq-calibration-h"
    >
      <h3 id="eq-calibration-h">Calibration</h3>
      {f.scaleId === undefined ? (
        <p className="muted">
          Not linked to one of the shop’s scales: a manager links it (Change details) so weighings
          on it can be judged.
        </p>
      ) : (
        <p className="eq-who">
          {scale ? `${scale.name}, ${toleranceText(scale.toleranceG)}` : f.scaleId}
          {f.calibrationEveryDays !== undefined &&
            ` · checked every ${f.calibrationEveryDays} days`}
        </p>
      )}
      <p
        className={`eq-calibration eq-calibration-${status.state}`}
        role="status"
        aria-label="Calibration now"
      >
        {calibrationText(status, today)}
      </p>
      {actor && f.scaleId !== undefined && !f.retired && (
        <LedgerForm
          label="Check the scale"
          submitLabel="Record the check"
          disabled={submit.busy}
          error={submit.error}
          onSubmit={check}
          done={
            result && (
              <p className="eq-check-result" role="status">
                {result}
              </p>
            )
          }
        >
          <div className="eq-pair">
            <NumberField label="Test weight" unit="g" value={weight} onChange={setWeight} />
            <NumberField label="The scale read" unit="g" value={read} onChange={setRead} />
          </div>
          <NoteField value={note} onChange={setNote} />
        </LedgerForm>
      )}
      {checks.length > 0 && (
        <ol className="eq-list eq-compact" aria-label="Checks made">
          {checks.map((c) => (
            <li key={c.eventId}>
              <strong>{c.passed ? 'Passed' : 'Failed'}</strong> · {readingText(c)} · {nameOf(c.by)}{' '}
              · {whenText(c.at)}
              {c.note ? ` (${c.note})` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
