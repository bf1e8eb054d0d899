// The photo worker: decodes, downscales, encodes and hashes off the main thread, so the bench UI
// stays responsive while a 12-megapixel photo is prepared.
import { PhotoProcessingError, processOnThisThread } from './pixels';
import type { PhotoWorkerRequest, PhotoWorkerResponse } from './workerProtocol';

// The project's lib is DOM, not WebWorker: name the two members of the worker scope we use.
interface PhotoWorkerScope {
  onmessage: ((event: MessageEvent<PhotoWorkerRequest>) => void) | null;
  postMessage(message: PhotoWorkerResponse): void;
}
const scope = self as unknown as PhotoWorkerScope;

async function handle({ id, source }: PhotoWorkerRequest): Promise<PhotoWorkerResponse> {
  try {
    return { id, ok: true, photo: await processOnThisThread(source) };
  } catch (err) {
    if (err instanceof PhotoProcessingError) {
      return { id, ok: false, reason: err.reason, message: err.message };
    }
    return {
      id,
      ok: false,
      reason: 'failed',
      message: err instanceof Error ? err.message : String(err),
    };
  } finally {
    if (!(source instanceof Blob)) source.close();
  }
}

scope.onmessage = (event) => {
  void handle(event.data).then((response) => {
    scope.postMessage(response);
  });
};
