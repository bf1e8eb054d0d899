// One way to act on a scan, whether it came from the camera, a wedge scanner or the keyboard.
//
// The shell listens for a wedge scanner on every screen, the first one included: reading and
// looking up a code is fetched with the first scan, and so is the beep, so neither is on the first
// screen's path.
import { useCallback, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { db } from '../../db/db';
import type { ScanOutcome } from '../../scan/resolveScan';

export type ScanSource = 'camera' | 'wedge' | 'typed';

export interface ScanHandler {
  /** What the last scan found when it did not lead straight to a page; null otherwise. */
  outcome: ScanOutcome | null;
  handle: (text: string, source: ScanSource) => Promise<ScanOutcome>;
  clear: () => void;
}

export function useScanHandler(): ScanHandler {
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<ScanOutcome | null>(null);
  // Each scan supersedes the one before: an older look-up finishing late must not win.
  const latest = useRef(0);

  const handle = useCallback(
    async (text: string, source: ScanSource) => {
      const ticket = ++latest.current;
      // The beep comes first: the person hears the read before the job is even looked up.
      if (source !== 'typed') void import('../../scan/feedback').then((f) => f.signalScanHit());
      const [{ classifyScan }, { resolveScan }] = await Promise.all([
        import('../../scan/payload'),
        import('../../scan/resolveScan'),
      ]);
      const result = await resolveScan(db, classifyScan(text, window.location.origin));
      if (ticket === latest.current) {
        if (result.kind === 'open') {
          setOutcome(null);
          void navigate(result.to);
        } else {
          setOutcome(result);
        }
      }
      return result;
    },
    [navigate],
  );

  const clear = useCallback(() => {
    latest.current++;
    setOutcome(null);
  }, []);

  return { outcome, handle, clear };
}
