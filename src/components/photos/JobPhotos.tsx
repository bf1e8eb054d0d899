// The photos of a job as a grid of thumbnails with their tags; tap one to see it full screen.
import { useState } from 'react';
import { useJobPhotos, usePhotoRows } from '../../db';
import type { PhotoEntry } from '../../domain/job';
import type { PhotoTag } from '../../protocol/events';
import { usePhotoFetchStatus, type PhotoFetchState } from '../../stores/photoFetchStore';
import { BlobImage } from './BlobImage';
import { MissingPhoto } from './MissingPhoto';
import { tagLabel } from './photoText';
import { PhotoViewer } from './PhotoViewer';
import { useMissingPhotoFetch } from './useMissingPhotoFetch';
import './photos.css';

export interface JobPhotosProps {
  jobId: string;
  /** Only the photos of one service (a step's before/after), when given. */
  serviceId?: string;
  /** Only photos with these tags, when given. */
  tags?: readonly PhotoTag[];
  /** The heading over the grid; none when the page already has one. */
  title?: string;
}

export function JobPhotos({ jobId, serviceId, tags, title = 'Photos' }: JobPhotosProps) {
  const all = useJobPhotos(jobId);
  const photos = (all ?? []).filter(
    (p) =>
      (serviceId === undefined || p.serviceId === serviceId) &&
      (tags === undefined || tags.includes(p.tag)),
  );
  const rows = usePhotoRows(photos.map((p) => p.sha256));
  // Photos taken on other tablets: fetched in the background, thumbnails first.
  useMissingPhotoFetch(jobId, photos, rows);
  const fetching = usePhotoFetchStatus((s) => s.photos);
  const [open, setOpen] = useState<number | null>(null);
  const headingId = `photos-${jobId}-${serviceId ?? 'all'}`;

  if (all === undefined) return null;
  return (
    <section
      className="job-photos"
      aria-labelledby={title ? headingId : undefined}
      aria-label={title ? undefined : 'Photos'}
    >
      {title && <h3 id={headingId}>{title}</h3>}
      {photos.length === 0 ? (
        <p className="muted">No photos yet.</p>
      ) : (
        <ul className="photo-grid">
          {photos.map((p, i) => (
            <li key={p.sha256}>
              <Thumb
                entry={p}
                label={`${tagLabel(p.tag)} photo ${i + 1} of ${photos.length}`}
                row={rows?.get(p.sha256)}
                fetch={fetching[p.sha256]}
                onOpen={() => {
                  setOpen(i);
                }}
              />
            </li>
          ))}
        </ul>
      )}
      {open !== null && photos.length > 0 && (
        <PhotoViewer
          jobId={jobId}
          photos={photos}
          startIndex={open}
          onClose={() => {
            setOpen(null);
          }}
        />
      )}
    </section>
  );
}

function Thumb({
  entry,
  label,
  row,
  fetch,
  onOpen,
}: {
  entry: PhotoEntry;
  label: string;
  row: { thumbnail: Blob } | null | undefined;
  fetch: PhotoFetchState | undefined;
  onOpen: () => void;
}) {
  return (
    <button
      type="button"
      className="photo-thumb"
      onClick={onOpen}
      aria-label={entry.note ? `${label}: ${entry.note}` : label}
    >
      {row ? (
        <BlobImage blob={row.thumbnail} alt="" className="photo-thumb-image" decoding="async" />
      ) : row === null ? (
        <MissingPhoto fetch={fetch} />
      ) : (
        <span className="photo-thumb-loading" />
      )}
      <span className="photo-tag">{tagLabel(entry.tag)}</span>
    </button>
  );
}
