// What runs behind the screens, started once the first screen is up: events an older version
// skipped folded in, then the sync scheduler. Loaded with import() so that neither it nor the zod
// schemas sync validates with are on the first screen's path.
import { db, ensureProjectionsCurrent } from './db';
import { startSync } from './sync';

export function startBackgroundWork(): void {
  // Events an older version skipped are folded in once this version knows them.
  void ensureProjectionsCurrent(db);
  startSync();
}
