// How much of the tablet's storage Loupe uses, and whether the browser promised to keep it.
import { db } from './db';

export interface StorageReport {
  usedBytes: number | null;
  quotaBytes: number | null;
  persisted: boolean | null;
  jobs: number;
  events: number;
  photos: number;
  waitingForServer: number;
}

export async function storageReport(): Promise<StorageReport> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  const estimate = storage?.estimate ? await storage.estimate() : undefined;
  const persisted = storage?.persisted ? await storage.persisted() : null;
  const [jobs, events, photos, waitingForServer] = await Promise.all([
    db.jobs.count(),
    db.events.count(),
    db.photos.count(),
    db.outbox.count(),
  ]);
  return {
    usedBytes: estimate?.usage ?? null,
    quotaBytes: estimate?.quota ?? null,
    persisted,
    jobs,
    events,
    photos,
    waitingForServer,
  };
}

/** Asks the browser not to evict Loupe's data under storage pressure (Safari evicts after a week). */
export async function askPersistentStorage(): Promise<boolean> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) return false;
  return storage.persist();
}
