// Which screen a keyboard-wedge scan belongs to: the app-wide scanner opens what a code names, unless
// a screen has claimed the scans (the tree page adds a scanned envelope's wax to its tree instead).
import { useLayoutEffect, useRef } from 'react';
import { create } from 'zustand';

type ScanHandler = (text: string) => void;

interface ScanClaims {
  /** Newest last: the screen that claimed last gets the scan, as the one shown on top. */
  handlers: readonly ScanHandler[];
}

const useScanClaims = create<ScanClaims>(() => ({ handlers: [] }));

/** Sends every wedge scan to `handler` until the returned release is called (on unmount). */
export function claimScans(handler: ScanHandler): () => void {
  useScanClaims.setState(({ handlers }) => ({ handlers: [...handlers, handler] }));
  return () => {
    useScanClaims.setState(({ handlers }) => ({ handlers: handlers.filter((h) => h !== handler) }));
  };
}

/** The handler a scan goes to now, or null when the app-wide scanner handles it. */
export function scanClaimant(): ScanHandler | null {
  return useScanClaims.getState().handlers.at(-1) ?? null;
}

/**
 * Claims the wedge scans while the calling component is mounted, for the handler it last rendered
 * with. Claimed as the component commits (a layout effect, not a passive one that runs some time
 * later): once its screen shows, no scan can slip past it to the app-wide scanner.
 */
export function useScanClaim(handler: ScanHandler): void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(
    () =>
      claimScans((text) => {
        latest.current(text);
      }),
    [],
  );
}
