// Keeps the tablet's screen on while the kiln board shows a flask in the kiln (Screen Wake Lock API).
import { useEffect, useState } from 'react';

export type WakeLockState =
  /** Nothing in the kiln: no lock wanted. */
  | { kind: 'idle' }
  | { kind: 'unsupported' }
  | { kind: 'asking' }
  | { kind: 'on' }
  /** Refused (battery saver, not visible) or released by the browser; asked again on the next wake. */
  | { kind: 'off'; reason: string };

interface WakeLockSentinelLike {
  readonly released: boolean;
  release: () => Promise<void>;
  addEventListener: (type: 'release', listener: () => void) => void;
}

interface WakeLockLike {
  request: (type: 'screen') => Promise<WakeLockSentinelLike>;
}

function wakeLockApi(): WakeLockLike | null {
  if (typeof navigator === 'undefined' || !('wakeLock' in navigator)) return null;
  // Read as unknown: the DOM types say it is always there, and on older tablets it is not.
  const api = (navigator as unknown as { wakeLock?: Partial<WakeLockLike> | null }).wakeLock;
  return api && typeof api.request === 'function' ? (api as WakeLockLike) : null;
}

function reasonOf(err: unknown): string {
  if (err instanceof Error && err.name === 'NotAllowedError') {
    return 'the browser did not allow it (battery saver may be on)';
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * While `wanted`, holds a screen wake lock. The browser drops the lock whenever the page is hidden, so
 * it is asked for again each time the page becomes visible; it is released when no longer wanted and
 * on unmount.
 */
export function useWakeLock(wanted: boolean): WakeLockState {
  const [state, setState] = useState<WakeLockState>({ kind: 'asking' });
  const api = wakeLockApi();
  const supported = api !== null;

  useEffect(() => {
    const lockApi = wakeLockApi();
    if (!wanted || !lockApi) return;
    let sentinel: WakeLockSentinelLike | null = null;
    let done = false;

    const request = async () => {
      if (document.visibilityState !== 'visible') return;
      if (sentinel && !sentinel.released) return;
      try {
        const got = await lockApi.request('screen');
        if (done) {
          void got.release().catch(() => undefined);
          return;
        }
        sentinel = got;
        setState({ kind: 'on' });
        got.addEventListener('release', () => {
          if (!done)
            setState({ kind: 'off', reason: 'the screen was turned off or Loupe was hidden' });
        });
      } catch (err) {
        if (!done) setState({ kind: 'off', reason: reasonOf(err) });
      }
    };

    const onVisibility = () => {
      if (document.visibilityState === 'visible') void request();
    };
    void request();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      done = true;
      document.removeEventListener('visibilitychange', onVisibility);
      if (sentinel && !sentinel.released) void sentinel.release().catch(() => undefined);
    };
  }, [wanted]);

  if (!wanted) return { kind: 'idle' };
  if (!supported) return { kind: 'unsupported' };
  return state;
}
