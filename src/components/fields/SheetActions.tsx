// The foot of a sheet's form: Cancel to close it, and the submit button, held while saving.
import type { ReactNode } from 'react';

export function SheetActions({
  onCancel,
  busy,
  submitLabel,
}: {
  onCancel: () => void;
  /** While saving: the submit button waits so one tap records once. */
  busy: boolean;
  submitLabel: ReactNode;
}) {
  return (
    <div className="sheet-actions">
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button button-primary" disabled={busy}>
        {submitLabel}
      </button>
    </div>
  );
}
