// The small sheet a wedge scan opens when it needs a choice or is not a Loupe code (WedgeScanner):
// fetched with the first scan that needs it, so neither it nor what it shows is on the first screen.
import { Sheet } from '../../components/Sheet';
import type { ScanOutcome } from '../../scan/resolveScan';
import { ScanResult } from './ScanResult';

export function ScanSheet({
  outcome,
  onClose,
}: {
  outcome: Exclude<ScanOutcome, { kind: 'open' }>;
  onClose: () => void;
}) {
  // Each new outcome takes the focus: nothing was tapped to open it.
  return (
    <Sheet label="Scanned code" onClose={onClose} focusKey={outcome}>
      <ScanResult outcome={outcome} onPick={onClose} />
      <div className="sheet-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Sheet>
  );
}
