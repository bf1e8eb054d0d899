// The workshop's alerts above the jobs list, fetched once the list is up: they read the machines,
// the stock and the ledger, which the first screen's list itself does not need.
import { later } from './later';

/** Nothing until then: the alerts appear a moment after the list, as their reads always made them. */
export const WorkshopAlerts = later(
  async () => (await import('./workshop/WorkshopAlerts')).WorkshopAlerts,
);
