// Puts a job on the tablet as if it had synced in from the front counter: its job.opened event and
// the projection folded from it, written into the app's IndexedDB in one transaction.
//
// The app has no test hook, and the intake screen (which would make the job through the UI) is
// still being built; when it lands, `seedJobOnTablet` can drive it instead and the tests keep working.
import type { Page } from '@playwright/test';
import { DATABASE_NAME } from '../../../src/db/LoupeDB';
import { foldJob } from '../../../src/domain/projection';
import { withListFields } from '../../../src/domain/jobList';
import { parseEvent, type StoredEvent } from '../../../src/protocol/events';

export async function seedJobOnTablet(page: Page, opened: StoredEvent): Promise<void> {
  // The same validation and fold the app applies to a pulled event.
  const event = parseEvent(opened);
  const folded = foldJob([event]);
  // Stored as the app's registry writes it: with the list's index fields.
  const job = folded && withListFields(folded);
  if (job === null) throw new Error('The seeded event opened no job.');
  // Wait for the app to have made its database (Dexie opens it on the first query).
  await page.waitForFunction(
    async (name) => (await indexedDB.databases()).some((d) => d.name === name),
    DATABASE_NAME,
  );
  await page.evaluate(
    ({ name, event, job }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => {
          reject(request.error ?? new Error('IndexedDB did not open'));
        };
        request.onsuccess = () => {
          const idb = request.result;
          if (!idb.objectStoreNames.contains('jobs') || !idb.objectStoreNames.contains('events')) {
            idb.close();
            reject(new Error('The app has not created its jobs and events tables yet.'));
            return;
          }
          const tx = idb.transaction(['events', 'jobs'], 'readwrite');
          tx.objectStore('events').put(event);
          tx.objectStore('jobs').put(job);
          tx.oncomplete = () => {
            idb.close();
            resolve();
          };
          tx.onerror = () => {
            idb.close();
            reject(tx.error ?? new Error('The seed transaction failed'));
          };
        };
      }),
    { name: DATABASE_NAME, event, job },
  );
}
