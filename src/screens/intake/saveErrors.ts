// What openJob's refusals mean for the form: its messages, placed at the field they are about.
import { BenchInputError } from '../../db';
import { EventValidationError } from '../../protocol/events';
import { FIELD, type IntakeForm, type IntakeProblem } from './intakeForm';

/** Where fields of job.opened sit on the intake form (paths as EventValidationError names them). */
const EVENT_FIELDS: Readonly<Record<string, { field: string; label: string }>> = {
  'envelope.number': { field: FIELD.envelopeCode, label: 'Envelope code' },
  'envelope.part': { field: FIELD.part, label: 'Job N of M' },
  'customer.name': { field: FIELD.customerName, label: "Customer's name" },
  'customer.phone': { field: FIELD.customerPhone, label: 'Phone' },
  'item.kind': { field: FIELD.itemKind, label: 'Item kind' },
  'item.description': { field: FIELD.description, label: 'Item description' },
  'item.stamps': { field: FIELD.stamps, label: 'Stamps' },
  'item.alloyId': { field: FIELD.alloy, label: 'Metal' },
  'condition.other': { field: FIELD.conditionOther, label: 'Other condition notes' },
  services: { field: FIELD.services, label: 'Services' },
  promisedDate: { field: FIELD.promisedDate, label: 'Promised date' },
  intakeWeightG: { field: FIELD.weight, label: 'Intake weight' },
  insuranceValueCents: { field: FIELD.insurance, label: 'Insurance value' },
  statedValueCents: { field: FIELD.stated, label: "Customer's stated value" },
  estimateCents: { field: FIELD.estimate, label: 'Estimate' },
  notes: { field: FIELD.notes, label: 'Notes' },
  signatureSha256: { field: FIELD.signature, label: 'Signature' },
};

function eventFieldOf(
  path: string,
  form: IntakeForm,
): { field: string; label: string } | undefined {
  const inData = path.replace(/^event\.data\./, '').replace(/\[(\d+)\]/g, '.$1');
  const stone = /^item\.stones\.(\d+)\.(count|kind|sizeMm)$/.exec(inData);
  if (stone) {
    const index = Number(stone[1]);
    const row = form.item.stones[index];
    const part = stone[2] as 'count' | 'kind' | 'sizeMm';
    if (row) return { field: FIELD.stone(row.key, part), label: `Stone row ${index + 1}` };
  }
  const known = Object.keys(EVENT_FIELDS)
    .filter((k) => inData === k || inData.startsWith(`${k}.`))
    .sort((a, b) => b.length - a.length)[0];
  return known === undefined ? undefined : EVENT_FIELDS[known];
}

/**
 * The problems to show when openJob refused the job. Nothing was stored then, and the form keeps
 * everything typed, so the person fixes the field and taps Save again.
 */
export function saveProblems(err: unknown, form: IntakeForm): IntakeProblem[] {
  if (err instanceof BenchInputError) {
    if (err.problems.length === 0) return [{ field: '', message: err.message }];
    return err.problems.map((p) => ({
      field: p.key === 'envelope' ? FIELD.envelopeCode : FIELD.services,
      message: p.message,
    }));
  }
  if (err instanceof EventValidationError) {
    return err.issues.map((issue) => {
      const where = eventFieldOf(issue.path, form);
      return where === undefined
        ? { field: '', message: `${issue.path}: ${issue.message}` }
        : { field: where.field, message: `${where.label}: ${issue.message}` };
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return [{ field: '', message: `The job was not saved: ${message}` }];
}
