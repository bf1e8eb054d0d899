// The small sheet a wedge scan opens when it needs a choice or is not a Loupe code (WedgeScanner):
// fetched with the first scan that needs it, so neither it nor what it shows is on the first screen.
import { useEffect, useRef } from 'react';
import type { ScanOutcome } from '../../scan/resolveScan';
import { ScanResult } from './ScanResult';

export function ScanSheet({
  outcome,
  onClose,
}: {
  outcome: Exclude<ScanOutcome, { kind: 'open' }>;
  onClose: () => void;
}) {
  const sheetRef = useRef<HTMLDivElement>(null);
  // Each new outcome takes the focus, so Escape and the screen reader start from it.
  useEffect(() => {
    sheetRef.current?.focus();
  }, [outcome]);
  return (
    <div className="sheet-backdrop" onClick={onClose}>
      <div
        ref={sheetRef}
        className="sheet"
        role="dialog"
        aria-modal="true"
        aria-label="Scanned code"
        tabIndex={-1}
        onClick={(e) => {
          e.stopPropagation();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <ScanResult outcome={outcome} onPick={onClose} />
        <div className="sheet-actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
