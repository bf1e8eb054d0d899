// Fetches other tablets' photos in the background, one at a time, never blocking the page: the
// thumbnails of every photo asked for first, then the full photos; a photo opened in the viewer
// goes ahead of the rest. Only while paired and online; what could not be fetched is asked for
// again after the next sync (the gallery asks whenever a sync ends).
import { getPairing, type LoupeDB } from '../db';
import { setPhotoFetchState } from '../stores/photoFetchStore';
import { createApiClient, type ApiClient } from './apiClient';
import { fetchPhotoBytes, PhotoFetchError, type PhotoAddress } from './photoFetch';

/** Bytes that failed their hash check are not asked for again before this. */
export const MISMATCH_RETRY_MS = 10 * 60_000;

interface Task {
  photo: PhotoAddress;
  urgent: boolean;
  stage: 'thumbnail' | 'full';
}

export interface PhotoQueueOptions {
  makeApi?: (serverUrl: string, token: string) => ApiClient;
  now?: () => number;
}

function offline(): boolean {
  // Node has a navigator without onLine: there, undefined is not offline.
  if (typeof navigator === 'undefined') return false;
  return (navigator as { onLine?: boolean }).onLine === false;
}

export class PhotoFetchQueue {
  /** By photo hash, in the order asked; a task stays here while it is being fetched. */
  private readonly tasks = new Map<string, Task>();
  private readonly notBefore = new Map<string, number>();
  private draining: Promise<void> | null = null;
  /** A run is going with a pairing and a network: what is asked for now is really on its way. */
  private fetching = false;
  private readonly makeApi: (serverUrl: string, token: string) => ApiClient;
  private readonly now: () => number;

  constructor(
    private readonly db: LoupeDB,
    options: PhotoQueueOptions = {},
  ) {
    this.makeApi = options.makeApi ?? ((serverUrl, token) => createApiClient({ serverUrl, token }));
    this.now = options.now ?? Date.now;
  }

  /** Asks for these photos' bytes; `urgent` (the viewer) puts them ahead, full photo and all. */
  request(photos: readonly PhotoAddress[], { urgent = false }: { urgent?: boolean } = {}): void {
    const now = this.now();
    for (const photo of photos) {
      if ((this.notBefore.get(photo.sha256) ?? 0) > now) continue;
      const task = this.tasks.get(photo.sha256);
      if (task) {
        task.urgent ||= urgent;
        continue;
      }
      this.tasks.set(photo.sha256, { photo, urgent, stage: 'thumbnail' });
      // Shown as on its way only when it is: unpaired or offline, the gallery says "next sync".
      if (this.fetching) setPhotoFetchState(photo.sha256, { state: 'queued' });
    }
    if (this.tasks.size > 0) void this.drain();
  }

  /** Resolves once nothing is queued (tests, and anything that must wait for the bytes). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private drain(): Promise<void> {
    this.draining ??= this.work().finally(() => {
      this.draining = null;
      // Asked for between the last task and here: start again.
      if (this.tasks.size > 0) void this.drain();
    });
    return this.draining;
  }

  private next(): Task | undefined {
    let first: Task | undefined;
    let thumbnail: Task | undefined;
    for (const task of this.tasks.values()) {
      if (task.urgent) return task;
      first ??= task;
      if (task.stage === 'thumbnail') thumbnail ??= task;
    }
    return thumbnail ?? first;
  }

  private dropAll(): void {
    for (const sha256 of this.tasks.keys()) setPhotoFetchState(sha256, null);
    this.tasks.clear();
  }

  private async work(): Promise<void> {
    try {
      const pairing = await getPairing(this.db);
      if (!pairing || offline()) {
        this.dropAll();
        return;
      }
      this.fetching = true;
      for (const sha256 of this.tasks.keys()) setPhotoFetchState(sha256, { state: 'queued' });
      await this.fetchAll(this.makeApi(pairing.serverUrl, pairing.token));
    } finally {
      this.fetching = false;
    }
  }

  private async fetchAll(api: ApiClient): Promise<void> {
    for (let task = this.next(); task; task = this.next()) {
      if (offline()) {
        this.dropAll();
        return;
      }
      const { sha256 } = task.photo;
      setPhotoFetchState(sha256, { state: 'fetching' });
      try {
        const thumbnailOnly = !task.urgent && task.stage === 'thumbnail';
        const here = await fetchPhotoBytes(this.db, api, task.photo, { thumbnailOnly });
        this.tasks.delete(sha256);
        if (here === 'thumbnail') {
          // To the back of the line: the other thumbnails come before any full photo.
          this.tasks.set(sha256, { ...task, stage: 'full' });
          setPhotoFetchState(sha256, { state: 'queued' });
        } else {
          setPhotoFetchState(sha256, null);
        }
      } catch (err) {
        this.tasks.delete(sha256);
        if (err instanceof PhotoFetchError && err.reason === 'request') {
          // The server is unreachable or failing: the next sync says so, and asks again.
          setPhotoFetchState(sha256, null);
          this.dropAll();
          return;
        }
        if (err instanceof PhotoFetchError && err.reason === 'not_on_server') {
          setPhotoFetchState(sha256, null);
          continue;
        }
        if (err instanceof PhotoFetchError && err.reason === 'mismatch') {
          this.notBefore.set(sha256, this.now() + MISMATCH_RETRY_MS);
        }
        console.warn(`Could not fetch photo ${sha256}`, err);
        setPhotoFetchState(sha256, {
          state: 'failed',
          message: err instanceof Error ? err.message : String(err),
        });
      }
    }
  }
}
