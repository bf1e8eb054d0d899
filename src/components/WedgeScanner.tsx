// Listens, on every screen, for a USB or Bluetooth scanner "typing" a code, and opens what it names.
//
// Mounted once in the app shell. Keys aimed at a text field are left alone (a scan into the
// search box searches); elsewhere a fast burst ended by Enter or Tab opens the job, or shows a
// small sheet when it needs a choice or is not a Loupe code, unless a screen claimed the scans.
import { useEffect, useEffectEvent } from 'react';
import { loadable, useLoaded } from './loadable';
import { DEFAULT_WEDGE_OPTIONS, WedgeDetector, type WedgeOptions } from '../scan/wedge';
import { scanClaimant } from '../stores/scanClaimStore';
import type { ScanSheet as ScanSheetView } from '../screens/scan/ScanSheet';
import { useScanHandler } from '../screens/scan/useScanHandler';

// What a scan found is shown only after a scan, so its sheet is not on the first screen's path:
// fetched with the first scan that needs it, and it opens once it is here, whole.
const scanSheet = loadable<typeof ScanSheetView>(
  async () => (await import('../screens/scan/ScanSheet')).ScanSheet,
);

/** The sheet once it is here (WedgeScanner draws it only then). */
function LoadedSheet(props: Parameters<typeof ScanSheetView>[0]) {
  const Sheet = scanSheet.current;
  return Sheet ? <Sheet {...props} /> : null;
}

export interface WedgeScannerProps extends Partial<WedgeOptions> {
  /** A steady clock in milliseconds; tests pass a fake one. */
  now?: () => number;
}

const steadyNow = () => performance.now();

export function WedgeScanner({
  now = steadyNow,
  maxGapMs = DEFAULT_WEDGE_OPTIONS.maxGapMs,
  minLength = DEFAULT_WEDGE_OPTIONS.minLength,
  stutterMs = DEFAULT_WEDGE_OPTIONS.stutterMs,
}: WedgeScannerProps) {
  const { outcome, handle, clear } = useScanHandler();
  const sheetHere = useLoaded(scanSheet, outcome !== null && outcome.kind !== 'open') !== null;

  const onKeyDown = useEffectEvent((event: KeyboardEvent, detector: WedgeDetector) => {
    const verdict = detector.handle({
      key: event.key,
      at: now(),
      inTextField: event.isComposing || isTextEntry(event.target),
      modified:
        !event.getModifierState('AltGraph') && (event.ctrlKey || event.altKey || event.metaKey),
      repeat: event.repeat,
    });
    if (verdict.action === 'pass') return;
    // No person types this fast: keep the burst (and its Enter) from pressing a focused button.
    event.preventDefault();
    if (verdict.action !== 'scan') return;
    // A screen that claimed the scans (the tree page) gets the code instead of being left.
    const claimant = scanClaimant();
    if (claimant) claimant(verdict.text);
    else void handle(verdict.text, 'wedge');
  });

  useEffect(() => {
    const detector = new WedgeDetector({ maxGapMs, minLength, stutterMs });
    const listener = (event: KeyboardEvent) => {
      onKeyDown(event, detector);
    };
    // Capture phase: seen before any screen's own key handling.
    window.addEventListener('keydown', listener, true);
    return () => {
      window.removeEventListener('keydown', listener, true);
    };
  }, [maxGapMs, minLength, stutterMs]);

  if (outcome === null || outcome.kind === 'open' || !sheetHere) return null;
  return <LoadedSheet outcome={outcome} onClose={clear} />;
}

/** Where typed keys become text: a scan there belongs to that field. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  // jsdom has no isContentEditable; the attribute says the same.
  return target.closest('[contenteditable]:not([contenteditable="false"])') !== null;
}

/** Inputs a key does not type into: a scan while one of these has focus is still a scan. */
const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);
