// Today's local day, kept current: a tablet left on the bench overnight rolls over to the new day.
import { useEffect, useState } from 'react';
import { localDay } from '../../../domain/dates';

const CHECK_EVERY_MS = 60_000;

export function useToday(): string {
  const [today, setToday] = useState(() => localDay());
  useEffect(() => {
    // Setting the same string again does not re-render, so checking often costs nothing.
    const check = () => {
      setToday(localDay());
    };
    const timer = setInterval(check, CHECK_EVERY_MS);
    document.addEventListener('visibilitychange', check);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, []);
  return today;
}
