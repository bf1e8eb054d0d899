// The app's one sync scheduler, started once from main.tsx; screens ask it to sync or pair, and the
// gallery asks for other tablets' photos.
import { db } from '../db';
import { createApiClient } from './apiClient';
import { adoptPairing } from './envelopePrefix';
import type { PhotoAddress } from './photoFetch';
import { PhotoFetchQueue } from './photoQueue';
import { SyncScheduler } from './scheduler';

let scheduler: SyncScheduler | null = null;
let photoQueue: PhotoFetchQueue | null = null;

export function startSync(): void {
  if (scheduler) return;
  scheduler = new SyncScheduler(db);
  scheduler.start();
}

export function syncNow(): void {
  void scheduler?.syncNow();
}

/**
 * Fetches, in the background, the bytes of photos taken on other tablets: thumbnails first, then
 * the full photos; `urgent` (a photo opened full screen) goes ahead. Does nothing while the tablet
 * is unpaired or offline; ask again after the next sync.
 */
export function fetchMissingPhotos(
  photos: readonly PhotoAddress[],
  options: { urgent?: boolean } = {},
): void {
  photoQueue ??= new PhotoFetchQueue(db);
  photoQueue.request(photos, options);
}

/** Pairs this tablet with the shop server using the one-time code `npm run pair` printed. */
export async function pairWithServer(serverUrl: string, code: string): Promise<void> {
  const cleaned = code.trim().toUpperCase().replace(/[\s-]/g, '');
  if (cleaned === '') throw new Error('Type the pairing code the shop server printed.');
  const answer = await createApiClient({ serverUrl }).pair(cleaned);
  await adoptPairing(db, serverUrl, answer);
  syncNow();
}

export { SyncRequestError } from './apiClient';
export { adoptPairing, ensureEnvelopePrefix } from './envelopePrefix';
export { photoAddress, type PhotoAddress } from './photoFetch';
