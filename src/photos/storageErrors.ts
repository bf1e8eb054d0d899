// Telling a full tablet from other storage failures, the way each browser reports them.

/** Quota: the disk or the origin's share is full. Transient: Safari's blob hiccup, worth one retry. */
export type StorageErrorKind = 'quota' | 'transient' | 'other';

export const OUT_OF_STORAGE_MESSAGE =
  'This tablet is out of storage: the photo was not saved. Free space or sync and remove old photos.';

/** A photo that could not be stored because the tablet is full; nothing of it was kept. */
export class PhotoStorageError extends Error {
  constructor(options?: { cause?: unknown }) {
    super(OUT_OF_STORAGE_MESSAGE, options);
    this.name = 'PhotoStorageError';
  }
}

// Chromium and Safari: QuotaExceededError (legacy code 22). Firefox: NS_ERROR_DOM_QUOTA_REACHED
// (code 1014) for storage, NS_ERROR_FILE_NO_DEVICE_SPACE when the disk itself is full.
const QUOTA_NAMES = new Set([
  'QuotaExceededError',
  'NS_ERROR_DOM_QUOTA_REACHED',
  'NS_ERROR_FILE_NO_DEVICE_SPACE',
]);
const QUOTA_CODES = new Set([22, 1014]);
const QUOTA_MESSAGE = /quota|disk (is )?full|no space left|not enough (disk )?space/i;
// Safari (WebKit bug 197050 and kin) fails a put of a Blob now and then, and the next put works.
const SAFARI_BLOB_MESSAGE = /error preparing blob\/file data to be stored in object store/i;

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  inner?: unknown;
  cause?: unknown;
  error?: unknown;
  failures?: unknown;
}

/**
 * The error and what it wraps: Dexie keeps the browser's error in `inner` (an AbortError's inner is
 * the transaction's real reason), bulk operations list `failures`, IDB requests carry `error`.
 */
function* chain(err: unknown, depth = 0): Generator<ErrorLike> {
  if (depth > 6 || typeof err !== 'object' || err === null) return;
  const e = err as ErrorLike;
  yield e;
  for (const next of [e.inner, e.cause, e.error]) {
    if (next !== err) yield* chain(next, depth + 1);
  }
  if (Array.isArray(e.failures)) {
    for (const f of e.failures as unknown[]) yield* chain(f, depth + 1);
  } else if (typeof e.failures === 'object' && e.failures !== null) {
    for (const f of Object.values(e.failures)) yield* chain(f, depth + 1);
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isQuota(e: ErrorLike): boolean {
  const name = text(e.name);
  if (QUOTA_NAMES.has(name)) return true;
  if (typeof e.code === 'number' && QUOTA_CODES.has(e.code) && name !== '') return true;
  return QUOTA_MESSAGE.test(text(e.message));
}

function isTransient(e: ErrorLike): boolean {
  return text(e.name) === 'UnknownError' || SAFARI_BLOB_MESSAGE.test(text(e.message));
}

export function classifyStorageError(err: unknown): StorageErrorKind {
  const links = [...chain(err)];
  if (links.some(isQuota)) return 'quota';
  if (links.some(isTransient)) return 'transient';
  return 'other';
}

/** One retry for a transient failure; a full disk or anything else is reported at once. */
export function shouldRetryStorage(kind: StorageErrorKind, attempt: number): boolean {
  return kind === 'transient' && attempt === 0;
}

/** Runs a write, retrying a transient failure once and turning a full tablet into PhotoStorageError. */
export async function withStorageRetry<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      const kind = classifyStorageError(err);
      if (kind === 'quota') throw new PhotoStorageError({ cause: err });
      if (!shouldRetryStorage(kind, attempt)) throw err;
    }
  }
}
