// Prepares a picture for storage: in the photo worker when the browser can draw there, else here.
// Returns the stored bytes (≤ 2048 px, WebP or JPEG), a ≤ 320 px thumbnail and their SHA-256.
import {
  PhotoProcessingError,
  processOnThisThread,
  UNREADABLE_MESSAGE,
  type ProcessedPhoto,
} from './pixels';
import type { PhotoWorkerRequest, PhotoWorkerResponse } from './workerProtocol';

export { PhotoProcessingError, type ProcessedPhoto } from './pixels';
export { MAX_EDGE, THUMBNAIL_EDGE, targetSize } from './sizing';
export { acceptEncoded, ENCODE_QUALITY } from './encoding';

/** A worker that stops answering (a crash, a tab thrown out of memory) is given up on after this. */
const WORKER_TIMEOUT_MS = 60_000;
/** Several photos in a row reuse one worker; it is closed once the bench stops taking photos. */
const WORKER_IDLE_MS = 30_000;

class WorkerUnavailable extends Error {}

interface Pending {
  resolve(photo: ProcessedPhoto): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

let worker: Worker | null = null;
let workerBroken = false;
let nextId = 1;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
const pending = new Map<number, Pending>();

/** True where a module worker can decode and draw: Worker plus OffscreenCanvas (Safari ≥ 16.4). */
export function workerCanProcess(): boolean {
  return !workerBroken && typeof Worker === 'function' && typeof OffscreenCanvas === 'function';
}

function giveUpOnWorker(reason: string): void {
  workerBroken = true;
  worker?.terminate();
  worker = null;
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    pending.delete(id);
    p.reject(new WorkerUnavailable(reason));
  }
}

function settle(response: PhotoWorkerResponse): void {
  const p = pending.get(response.id);
  if (!p) return;
  clearTimeout(p.timer);
  pending.delete(response.id);
  if (response.ok) p.resolve(response.photo);
  else if (response.reason === 'unreadable') {
    p.reject(new PhotoProcessingError(UNREADABLE_MESSAGE, 'unreadable'));
  } else {
    // The worker could not draw or encode (an older browser): the main thread may still manage.
    workerBroken = true;
    p.reject(new WorkerUnavailable(response.message));
  }
  if (pending.size === 0) {
    idleTimer = setTimeout(() => {
      if (pending.size === 0) {
        worker?.terminate();
        worker = null;
      }
    }, WORKER_IDLE_MS);
  }
}

function photoWorker(): Worker {
  if (worker) return worker;
  // This exact form lets Vite bundle the worker with its imports and precache it for offline use.
  const w = new Worker(new URL('./photoWorker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (event: MessageEvent<PhotoWorkerResponse>) => {
    settle(event.data);
  };
  w.onerror = (event) => {
    event.preventDefault();
    giveUpOnWorker(event.message || 'The photo worker could not start.');
  };
  w.onmessageerror = () => {
    giveUpOnWorker('The photo worker sent something unreadable.');
  };
  worker = w;
  return w;
}

function inWorker(source: Blob | ImageBitmap): Promise<ProcessedPhoto> {
  clearTimeout(idleTimer);
  const id = nextId++;
  return new Promise<ProcessedPhoto>((resolve, reject) => {
    const timer = setTimeout(() => {
      giveUpOnWorker('The photo worker did not answer.');
    }, WORKER_TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    const request: PhotoWorkerRequest = { id, source };
    // Cloned, not transferred: if the worker fails, the main thread still has the frame.
    photoWorker().postMessage(request);
  });
}

/**
 * A file picked or taken (or a camera frame) as a photo ready to store. Throws PhotoProcessingError
 * with a message for the person when the picture cannot be read or this browser cannot encode.
 */
export async function processPhoto(source: Blob | ImageBitmap): Promise<ProcessedPhoto> {
  if (workerCanProcess()) {
    try {
      return await inWorker(source);
    } catch (err) {
      if (!(err instanceof WorkerUnavailable)) throw err;
      console.warn(`Preparing photos on the main thread: ${err.message}`);
    }
  }
  return processOnThisThread(source);
}
