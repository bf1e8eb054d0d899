// In place of a photo whose bytes are not on this tablet: being fetched from the shop server, not
// fetched (the reason in its title), or still only on the tablet that took it.
import type { PhotoFetchState } from '../../stores/photoFetchStore';
import { FETCH_FAILED, FETCHING, NOT_HERE_YET } from './photoText';

export function MissingPhoto({
  fetch,
  className = 'photo-missing',
}: {
  fetch: PhotoFetchState | undefined;
  className?: string;
}) {
  if (fetch?.state === 'failed') {
    return (
      <span className={`${className} photo-fetch-failed`} title={fetch.message}>
        {FETCH_FAILED}
      </span>
    );
  }
  if (fetch) {
    return (
      <span className={`${className} photo-fetching`} aria-busy="true">
        {FETCHING}
      </span>
    );
  }
  return <span className={className}>{NOT_HERE_YET}</span>;
}
