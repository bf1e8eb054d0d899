// Code fetched the first time a component needs it and kept for the page's life: the first screen
// does not carry it, and once here every later use has it at once (no flash of an empty state).
import { useEffect, useState } from 'react';

export interface Loadable<T> {
  /** What was loaded, or null until then. */
  readonly current: T | null;
  /** Loads it (once; a failure, e.g. offline before the app was cached, lets the next ask retry). */
  load(): Promise<T>;
}

export function loadable<T>(fetch: () => Promise<T>): Loadable<T> {
  let current: T | null = null;
  let loading: Promise<T> | null = null;
  return {
    get current() {
      return current;
    },
    load() {
      loading ??= fetch().then(
        (value) => (current = value),
        (error: unknown) => {
          loading = null;
          throw error;
        },
      );
      return loading;
    },
  };
}

/** `source`'s value, or null until it is here; fetched once `wanted` (at once by default). */
export function useLoaded<T>(source: Loadable<T>, wanted = true): T | null {
  // Held as () => value: what is loaded is often a function (a component, an encoder).
  const [loaded, setLoaded] = useState<T | null>(() => source.current);
  const needed = wanted && loaded === null;
  useEffect(() => {
    if (!needed) return;
    let current = true;
    source.load().then(
      (value) => {
        if (current) setLoaded(() => value);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [needed, source]);
  return loaded;
}
