// Messages between the page and the photo worker.
import type { ProcessedPhoto, ProcessingFailure } from './pixels';

export interface PhotoWorkerRequest {
  id: number;
  source: Blob | ImageBitmap;
}

export type PhotoWorkerResponse =
  | { id: number; ok: true; photo: ProcessedPhoto }
  | { id: number; ok: false; reason: ProcessingFailure | 'failed'; message: string };
