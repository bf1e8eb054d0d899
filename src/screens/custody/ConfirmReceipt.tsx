// The receiver's side of a hand-off, on the giver's tablet: their PIN, or their own badge scanned,
// records custody.confirmed as them. Used by Hand on and by a job's custody panel.
import { useEffect, useEffectEvent, useState } from 'react';
import { PinPad } from '../../components/staff/PinPad';
import { checkStaffPin, db } from '../../db';
import { confirmCustody } from '../../db/handoffOperations';
import type { StaffMember } from '../../domain/staff';
import type { ConfirmMethod } from '../../protocol/handoffs';
import { signalScanHit } from '../../scan/feedback';
import { classifyScan } from '../../scan/payload';
import { useScanClaim } from '../../stores/scanClaimStore';
import { errorMessage } from '../jobs/job/useSubmit';
import './handoff.css';

/** One piece the receiver signs for: the job and the custody move that handed it to them. */
export interface MoveToConfirm {
  jobId: string;
  moveEventId: string;
  envelopeNumber: string;
}

export interface ConfirmReceiptProps {
  receiver: StaffMember;
  moves: readonly MoveToConfirm[];
  /** Every move was confirmed, and how. */
  onConfirmed: (method: ConfirmMethod) => void;
  /**
   * For codes the screen's own camera reads while this shows: set here to the function that tries
   * a code as the receiver's badge (wedge scans come here by themselves, through claimScans).
   */
  badgeRef?: { current: ((text: string) => void) | null };
  /** "Confirm later": the hand-off stays recorded, awaiting the receiver's confirmation. */
  onLater: () => void;
}

/** "K7-0042", "K7-0042 and K7-0043", "K7-0042, K7-0043 and K7-0044". */
export function envelopesText(numbers: readonly string[]): string {
  if (numbers.length <= 1) return numbers[0] ?? '';
  return `${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1) ?? ''}`;
}

export function ConfirmReceipt({
  receiver,
  moves,
  onConfirmed,
  badgeRef,
  onLater,
}: ConfirmReceiptProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const confirmAll = async (method: ConfirmMethod) => {
    for (const m of moves) {
      await confirmCustody(db, { jobId: m.jobId, moveEventId: m.moveEventId, method }, receiver.id);
    }
  };

  const attempt = (check: () => Promise<string | null>, method: ConfirmMethod) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    void (async () => {
      try {
        // The PIN is checked before the write, outside its transaction (handoffOperations.ts).
        const refused = await check();
        if (refused !== null) {
          setError(refused);
          return;
        }
        await confirmAll(method);
        onConfirmed(method);
      } catch (err) {
        setError(errorMessage(err));
      } finally {
        setBusy(false);
      }
    })();
  };

  const tryPin = (pin: string) => {
    attempt(async () => {
      const ok = await checkStaffPin(db, receiver.id, pin);
      return ok ? null : `That is not ${receiver.name}’s PIN. Try again.`;
    }, 'pin');
  };

  const badge = (text: string) => {
    attempt(() => Promise.resolve(badgeProblem(text, receiver)), 'badge');
  };
  const tryBadge = useEffectEvent(badge);

  // A wedge scan while this shows is the receiver's badge (or a mistake said as one).
  useScanClaim((text) => {
    signalScanHit();
    badge(text);
  });
  useEffect(() => {
    if (!badgeRef) return;
    badgeRef.current = (text) => tryBadge(text);
    return () => {
      badgeRef.current = null;
    };
  }, [badgeRef]);

  const numbers = moves.map((m) => m.envelopeNumber);
  return (
    <section className="ho-confirm" aria-label="Confirm receipt">
      <h3>
        {receiver.name}, confirm you have {envelopesText(numbers)}
      </h3>
      <p>
        Type your PIN, or scan your own badge. Until you do, the hand-off shows as awaiting your
        confirmation.
      </p>
      <div className="ho-actions ho-later">
        <button type="button" className="button" disabled={busy} onClick={onLater}>
          Confirm later
        </button>
      </div>
      <PinPad label={`PIN for ${receiver.name}`} error={error} onComplete={tryPin} />
      {busy && <p className="muted">Checking…</p>}
    </section>
  );
}

/** Why a scanned code does not confirm for `receiver`, or null when it is their badge. */
function badgeProblem(text: string, receiver: StaffMember): string | null {
  const scan = classifyScan(text, window.location.origin);
  if (scan.kind !== 'badge') {
    return `That is not a badge. ${receiver.name} scans their own badge, or types their PIN.`;
  }
  if (scan.badge !== 'staff' || scan.id !== receiver.id) {
    return `That is not ${receiver.name}’s badge: only the person who received it confirms.`;
  }
  return null;
}
