// One recording action of the job page: busy while it writes, its error in words when it fails.
import { useCallback, useRef, useState } from 'react';
import { BenchInputError } from '../../../db';
import { EventValidationError } from '../../../protocol/events';

/** What went wrong, in the words the bench reads: the field messages, never a stack trace. */
export function errorMessage(err: unknown): string {
  if (err instanceof EventValidationError) {
    return [...new Set(err.issues.map((i) => i.message))].join(' ');
  }
  if (err instanceof BenchInputError) return err.message;
  return `That was not saved: ${err instanceof Error ? err.message : String(err)}`;
}

export interface Submit {
  busy: boolean;
  error: string | null;
  setError: (message: string | null) => void;
  /** Runs `work` once at a time; true when it succeeded. A failure's message lands in `error`. */
  run: (work: () => Promise<unknown>) => Promise<boolean>;
}

export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A gloved double tap lands twice before the button re-renders disabled: record it once.
  const running = useRef(false);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
