// Photo bytes by SHA-256: stored once, whatever number of steps or jobs refer to them.
import { useLiveQuery } from 'dexie-react-hooks';
import { db as appDb } from './db';
import type { LoupeDB, PhotoRow } from './LoupeDB';

/** Stores a photo unless this tablet already has those exact bytes. */
export async function putPhoto(db: LoupeDB, row: PhotoRow): Promise<void> {
  await db.transaction('rw', db.photos, async () => {
    if (!(await db.photos.get(row.sha256))) await db.photos.add(row);
  });
}

export function usePhoto(sha256: string | undefined): PhotoRow | null | undefined {
  return useLiveQuery(
    async () => (sha256 ? ((await appDb.photos.get(sha256)) ?? null) : null),
    [sha256],
  );
}
