// The app's one sync scheduler, started once from main.tsx; screens ask it to sync or pair.
import { db, savePairing } from '../db';
import { createApiClient } from './apiClient';
import { SyncScheduler } from './scheduler';

let scheduler: SyncScheduler | null = null;

export function startSync(): void {
  if (scheduler) return;
  scheduler = new SyncScheduler(db);
  scheduler.start();
}

export function syncNow(): void {
  void scheduler?.syncNow();
}

/** Pairs this tablet with the shop server using the one-time code `npm run pair` printed. */
export async function pairWithServer(serverUrl: string, code: string): Promise<void> {
  const cleaned = code.trim().toUpperCase().replace(/[\s-]/g, '');
  if (cleaned === '') throw new Error('Type the pairing code the shop server printed.');
  const { deviceId, token } = await createApiClient({ serverUrl }).pair(cleaned);
  await savePairing(db, { serverUrl, token, serverDeviceId: deviceId, pairedAt: Date.now() });
  syncNow();
}

export { SyncRequestError } from './apiClient';
