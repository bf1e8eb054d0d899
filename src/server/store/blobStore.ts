// Photos and signatures on disk, addressed by the SHA-256 of their bytes: DATA_DIR/blobs/ab/abcd….
// Kept apart from the Store so that a PostgreSQL store can keep its blobs on disk just the same.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';

/** Changing this folder name strands every shop's photos: it needs a migration. */
export const BLOBS_DIR_NAME = 'blobs';
/** Uploads in progress; on the same file system as the blobs, so the final rename is atomic. */
const TEMP_DIR_NAME = 'incoming';

export type PutBlobResult =
  | { outcome: 'stored'; size: number }
  | { outcome: 'exists' }
  | { outcome: 'mismatch'; actual: string; size: number }
  | { outcome: 'too_large' };

export interface BlobStore {
  /** The blob's size in bytes, or null when the store does not have it. */
  sizeOf(sha256: string): Promise<number | null>;
  /**
   * Receives a blob's bytes, hashing them as they arrive, and keeps them only if they hash to
   * `sha256` (`exists` when they do and the disk had them already). Stops reading, and keeps
   * nothing, past `maxBytes`.
   */
  put(
    sha256: string,
    body: ReadableStream<Uint8Array> | null,
    maxBytes: number,
  ): Promise<PutBlobResult>;
  read(sha256: string): Promise<{ size: number; body: ReadableStream<Uint8Array> } | null>;
}

export function openDiskBlobStore(dataDir: string): BlobStore {
  const root = join(dataDir, BLOBS_DIR_NAME);
  const tempDir = join(root, TEMP_DIR_NAME);
  mkdirSync(tempDir, { recursive: true });
  // Leftovers of uploads cut off by a crash or a restart: never under a blob's real name.
  for (const name of readdirSync(tempDir)) rmSync(join(tempDir, name), { force: true });

  const dirOf = (sha256: string) => join(root, sha256.slice(0, 2));
  const pathOf = (sha256: string) => join(dirOf(sha256), sha256);

  async function sizeOf(sha256: string): Promise<number | null> {
    try {
      return (await stat(pathOf(sha256))).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  return {
    sizeOf,

    async put(sha256, body, maxBytes) {
      // Read and hashed even when the bytes are here already: blobs are shared by every shop on
      // this disk, and a shop that has not held this one must show it has the very bytes.
      const temp = join(tempDir, `${sha256}.${randomUUID()}`);
      const file = await open(temp, 'wx');
      let closed = false;
      let kept = false;
      try {
        const hash = createHash('sha256');
        let size = 0;
        if (body) {
          const reader = body.getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            size += value.byteLength;
            if (size > maxBytes) {
              await reader.cancel();
              return { outcome: 'too_large' };
            }
            hash.update(value);
            await file.write(value);
          }
        }
        const actual = hash.digest('hex');
        if (actual !== sha256) return { outcome: 'mismatch', actual, size };
        // On disk before it gets its name: a power cut after the rename never leaves an empty
        // or partial file that claims to be this blob.
        await file.sync();
        await file.close();
        closed = true;
        if ((await sizeOf(sha256)) !== null) return { outcome: 'exists' }; // a parallel upload won
        await mkdir(dirOf(sha256), { recursive: true });
        await rename(temp, pathOf(sha256));
        kept = true;
        await syncDir(dirOf(sha256));
        return { outcome: 'stored', size };
      } finally {
        if (!closed) await file.close();
        if (!kept) await rm(temp, { force: true });
      }
    },

    async read(sha256) {
      const size = await sizeOf(sha256);
      if (size === null) return null;
      const stream = createReadStream(pathOf(sha256));
      return { size, body: Readable.toWeb(stream) as ReadableStream<Uint8Array> };
    },
  };
}

/** Makes a rename durable: the directory entry itself is flushed to disk. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
