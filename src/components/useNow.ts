// The wall clock as React state: re-renders every intervalMs, and at once when the tablet wakes (the kiln board, countdowns).
import { useEffect, useState } from 'react';

/**
 * Date.now(), refreshed every `intervalMs` and whenever the page comes back into view. Timers are
 * throttled or stopped while a tablet sleeps, so the board reads the clock again on waking instead of
 * trusting that ticks were counted: everything it shows is computed from the clock, never from ticks.
 */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const onVisibility = () => {
      if (document.visibilityState === 'visible') tick();
    };
    const timer = setInterval(tick, intervalMs);
    document.addEventListener('visibilitychange', onVisibility);
    // A page restored from the back-forward cache gets pageshow, not visibilitychange.
    window.addEventListener('pageshow', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pageshow', tick);
    };
  }, [intervalMs]);
  return now;
}
