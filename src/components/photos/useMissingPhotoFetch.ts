// Asks the sync engine for the bytes of a gallery's photos that were taken on other tablets: on
// showing, and again after every sync (the photo may have reached the server meanwhile). The
// fetching runs in the background; the gallery shows each thumbnail as it is stored.
import { useEffect } from 'react';
import type { PhotoRow } from '../../db';
import type { PhotoEntry } from '../../domain/job';
import { useSyncStatus } from '../../stores/syncStore';
import { fetchMissingPhotos, photoAddress, type PhotoAddress } from '../../sync';

/** Photos of `photos` whose bytes are not here (null) or only as a thumbnail, fetched lazily. */
export function useMissingPhotoFetch(
  jobId: string,
  photos: readonly PhotoEntry[],
  rows: ReadonlyMap<string, Pick<PhotoRow, 'thumbnailOnly'> | null> | undefined,
): void {
  const lastSyncedAt = useSyncStatus((s) => s.lastSyncedAt);
  const missing =
    rows === undefined
      ? []
      : photos.filter((p) => {
          const row = rows.get(p.sha256);
          return row === null || row?.thumbnailOnly === true;
        });
  // By value: the live queries hand out new arrays on every change of the tables.
  const wanted = JSON.stringify(missing.map((p) => photoAddress(jobId, p)));
  useEffect(() => {
    const addresses = JSON.parse(wanted) as PhotoAddress[];
    if (addresses.length > 0) fetchMissingPhotos(addresses);
  }, [wanted, lastSyncedAt]);
}
