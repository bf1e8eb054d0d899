// The workshop's alerts above the jobs list, fetched once the list is up: they read the machines,
// the stock and the ledger, which the first screen's list itself does not need.
import { lazy, Suspense } from 'react';
import { useFirstScreenUp } from '../firstScreen';

const Alerts = lazy(async () => ({
  default: (await import('./workshop/WorkshopAlerts')).WorkshopAlerts,
}));

/** Nothing until then: the alerts appear a moment after the list, as their reads always made them. */
export function WorkshopAlerts() {
  const up = useFirstScreenUp();
  if (!up) return null;
  return (
    <Suspense fallback={null}>
      <Alerts />
    </Suspense>
  );
}
