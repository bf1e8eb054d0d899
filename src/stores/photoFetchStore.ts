// Other tablets' photos being fetched from the shop server: the gallery shows "fetching" or why one
// could not be, and the sync sheet how many are on their way. Keyed by the photo's SHA-256.
import { create } from 'zustand';

export type PhotoFetchState =
  { state: 'queued' } | { state: 'fetching' } | { state: 'failed'; message: string };

export interface PhotoFetchStatus {
  photos: Readonly<Record<string, PhotoFetchState>>;
}

export const usePhotoFetchStatus = create<PhotoFetchStatus>(() => ({ photos: {} }));

/** Sets (or, with null, forgets) what is happening to one photo. */
export function setPhotoFetchState(sha256: string, state: PhotoFetchState | null): void {
  usePhotoFetchStatus.setState(({ photos }) => {
    if (state === null) {
      if (!(sha256 in photos)) return {};
      const { [sha256]: _gone, ...rest } = photos;
      return { photos: rest };
    }
    return { photos: { ...photos, [sha256]: state } };
  });
}

/** Photos queued or being fetched now. */
export function countFetching(photos: PhotoFetchStatus['photos']): number {
  return Object.values(photos).filter((p) => p.state !== 'failed').length;
}
