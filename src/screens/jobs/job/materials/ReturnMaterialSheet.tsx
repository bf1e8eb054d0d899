// Putting a job's material back on the shelf unused, with the reason: it leaves the job's cost and
// goes back into the item's stock (both recorded together).
import { useState, type SyntheticEvent } from 'react';
import { SheetActions } from '../../../../components/fields/SheetActions';
import { UsualWords } from '../../../../components/fields/UsualWords';
import { Sheet } from '../../../../components/Sheet';
import { db } from '../../../../db';
import { returnMaterial } from '../../../../db/inventoryOperations';
import { quantityText } from '../../../../domain/inventory/stock';
import type { JobState, MaterialUseEntry } from '../../../../domain/job';
import type { StaffMember } from '../../../../domain/staff';
import { ErrorLine, ReasonField } from '../../../casting/tree/controls';
import { useSubmit } from '../useSubmit';

/** The usual reasons: a gloved tap, then add to them if needed. */
const REASONS = ['Not needed after all', 'Wrong size', 'Recorded by mistake'] as const;

export function ReturnMaterialSheet({
  job,
  use,
  actor,
  onClose,
}: {
  job: JobState;
  use: MaterialUseEntry;
  actor: StaffMember;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const title = `Put back ${use.itemName}`;

  const save = (e: SyntheticEvent) => {
    e.preventDefault();
    if (reason.trim() === '') {
      submit.setError('Say why it went back.');
      return;
    }
    void submit
      .run(() => returnMaterial(db, { jobId: job.id, usageId: use.usageId, reason }, actor.id))
      .then((ok) => {
        if (ok) onClose();
      });
  };

  return (
    <Sheet label={title} onClose={onClose}>
      <form className="tp-form materials-form" aria-label={title} onSubmit={save} noValidate>
        <h3>{title}</h3>
        <p className="hint">
          All {quantityText(use.quantity, use.unit)} go back on the shelf and leave job{' '}
          {job.envelopeNumber}’s cost.
        </p>
        <UsualWords label="Usual reasons" words={REASONS} value={reason} onPick={setReason} />
        <ReasonField
          label="Why it went back"
          value={reason}
          placeholder="Not needed after all"
          onChange={setReason}
        />
        <ErrorLine error={submit.error} />
        <SheetActions onCancel={onClose} busy={submit.busy} submitLabel="Put it back" />
      </form>
    </Sheet>
  );
}
