// The piece as it came in beside the piece as it goes home: the intake photos and the pick-up photo
// side by side and large, for the customer to compare at the counter; tap one to see it full screen.
import { useState } from 'react';
import { BlobImage } from '../../../components/photos/BlobImage';
import { MissingPhoto } from '../../../components/photos/MissingPhoto';
import { PhotoViewer } from '../../../components/photos/PhotoViewer';
import { tagLabel } from '../../../components/photos/photoText';
import { useMissingPhotoFetch } from '../../../components/photos/useMissingPhotoFetch';
import { usePhoto, usePhotoRows, type PhotoRow } from '../../../db';
import { formatStamp } from '../../../domain/clock';
import type { JobState, PhotoEntry } from '../../../domain/job';
import { isIntakePhotoTag } from '../../../domain/workflow';
import { usePhotoFetchStatus } from '../../../stores/photoFetchStore';
import { PickupCamera } from './PickupCamera';

export interface PickupComparisonProps {
  job: JobState;
  /** Who is at the counter: the pick-up photo is theirs. */
  actorId: string;
  /** The pick-up photo taken and stored on this tablet, not yet filed (its hash), or null. */
  pickup: { sha256: string; takenAt: number } | null;
  onTaken: (sha256: string) => void;
  /** The pick-up was tried without the photo it needs: its column says so. */
  invalid: boolean;
}

/** The pick-up photo as the viewer reads a photo: filed with the collection, so no event of its own yet. */
function pickupEntry(row: PhotoRow, actorId: string, takenAt: number): PhotoEntry {
  return {
    sha256: row.sha256,
    tag: 'pickup',
    mimeType: row.mimeType,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    by: actorId,
    at: formatStamp({ ms: takenAt, counter: 0, device: '0000000000000000' }),
    eventId: '',
  };
}

export function PickupComparison({
  job,
  actorId,
  pickup,
  onTaken,
  invalid,
}: PickupComparisonProps) {
  const intake = job.photos.filter((p) => isIntakePhotoTag(p.tag));
  const rows = usePhotoRows(intake.map((p) => p.sha256));
  // Taken on another tablet at the counter: fetched now, so the comparison has both sides.
  useMissingPhotoFetch(job.id, intake, rows);
  const fetching = usePhotoFetchStatus((s) => s.photos);
  const pickupRow = usePhoto(pickup?.sha256);
  const [open, setOpen] = useState<number | null>(null);

  const taken = pickup && pickupRow ? pickupEntry(pickupRow, actorId, pickup.takenAt) : null;
  const viewed = taken ? [...intake, taken] : intake;

  return (
    <section className="collect-compare" aria-label="Intake and pick-up photos">
      <figure className="collect-side" aria-label="At intake">
        <figcaption>At intake</figcaption>
        {intake.length === 0 ? (
          <p className="muted collect-none">
            No intake photo was taken of this piece: a pick-up photo is still worth keeping.
          </p>
        ) : (
          <ul className="collect-photos">
            {intake.map((p, i) => {
              const row = rows?.get(p.sha256);
              return (
                <li key={p.sha256}>
                  <button
                    type="button"
                    className="collect-photo"
                    aria-label={`${tagLabel(p.tag)} photo ${i + 1} of ${intake.length}${p.note ? `: ${p.note}` : ''} — tap to enlarge`}
                    onClick={() => setOpen(i)}
                  >
                    {row ? (
                      <BlobImage blob={row.blob} alt="" className="collect-photo-image" />
                    ) : row === null ? (
                      <MissingPhoto fetch={fetching[p.sha256]} />
                    ) : null}
                    <span className="photo-tag">{tagLabel(p.tag)}</span>
                  </button>
                  {p.note && <p className="collect-photo-note">{p.note}</p>}
                </li>
              );
            })}
          </ul>
        )}
      </figure>
      <figure
        className={invalid ? 'collect-side collect-side-invalid' : 'collect-side'}
        aria-label="Now, at pick-up"
      >
        <figcaption>Now, at pick-up</figcaption>
        {taken && pickupRow ? (
          <button
            type="button"
            className="collect-photo"
            aria-label="Pick-up photo — tap to enlarge"
            onClick={() => setOpen(viewed.length - 1)}
          >
            <BlobImage blob={pickupRow.blob} alt="" className="collect-photo-image" />
            <span className="photo-tag">{tagLabel('pickup')}</span>
          </button>
        ) : (
          <p className="collect-none">
            Photograph the piece on the counter, the way the intake photo shows it, with the
            customer watching.
          </p>
        )}
        <PickupCamera jobId={job.id} retake={taken !== null} onStored={onTaken} />
      </figure>
      {open !== null && viewed.length > 0 && (
        <PhotoViewer
          jobId={job.id}
          photos={viewed}
          startIndex={open}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
