// The pictures on a receipt, from this tablet's photos table by hash: the piece at intake beside the
// piece at pick-up, and the customer's signatures. A photo another tablet took is fetched for it.
import { BlobImage } from '../../components/photos/BlobImage';
import { MissingPhoto } from '../../components/photos/MissingPhoto';
import { tagLabel } from '../../components/photos/photoText';
import { useMissingPhotoFetch } from '../../components/photos/useMissingPhotoFetch';
import { usePhoto, usePhotoRows } from '../../db';
import type { JobState, PhotoEntry } from '../../domain/job';
import { isIntakePhotoTag } from '../../domain/workflow';
import { usePhotoFetchStatus } from '../../stores/photoFetchStore';

function PhotoList({ photos, jobId }: { photos: readonly PhotoEntry[]; jobId: string }) {
  const rows = usePhotoRows(photos.map((p) => p.sha256));
  useMissingPhotoFetch(jobId, photos, rows);
  const fetching = usePhotoFetchStatus((s) => s.photos);
  return (
    <ul className="receipt-photo-list">
      {photos.map((p, i) => {
        const row = rows?.get(p.sha256);
        const label = `${tagLabel(p.tag)} photo${photos.length > 1 ? ` ${i + 1}` : ''}`;
        return (
          <li key={p.sha256}>
            <div className="receipt-photo">
              {row ? (
                <BlobImage
                  blob={row.blob}
                  alt={p.note ? `${label}: ${p.note}` : label}
                  className="receipt-photo-image"
                />
              ) : row === null ? (
                <MissingPhoto fetch={fetching[p.sha256]} className="receipt-missing" />
              ) : null}
            </div>
            {p.note && <p className="receipt-photo-note">{p.note}</p>}
          </li>
        );
      })}
    </ul>
  );
}

/** The intake photos on the left, the pick-up photo on the right: the same piece, side by side. */
export function ReceiptPhotos({ job }: { job: JobState }) {
  const intake = job.photos.filter((p) => isIntakePhotoTag(p.tag));
  const pickup = job.photos.filter((p) => p.tag === 'pickup');
  return (
    <div className="receipt-photos">
      <figure className="receipt-side" aria-label="Photo at intake">
        <figcaption>At intake</figcaption>
        {intake.length > 0 ? (
          <PhotoList photos={intake} jobId={job.id} />
        ) : (
          <p className="receipt-none">No intake photo was taken.</p>
        )}
      </figure>
      <figure className="receipt-side" aria-label="Photo at pick-up">
        <figcaption>At pick-up</figcaption>
        {pickup.length > 0 ? (
          <PhotoList photos={pickup} jobId={job.id} />
        ) : (
          <p className="receipt-none">
            {job.status === 'collected' ? 'No pick-up photo was taken.' : 'Not collected yet.'}
          </p>
        )}
      </figure>
    </div>
  );
}

/** A customer's signature, kept as a picture by its hash; said in words when it is not here. */
export function ReceiptSignature({ sha256, label }: { sha256: string | undefined; label: string }) {
  const row = usePhoto(sha256);
  return (
    <figure className="receipt-signature" aria-label={label}>
      <div className="receipt-signature-box">
        {sha256 === undefined ? (
          <span className="receipt-none">Not signed</span>
        ) : row ? (
          <BlobImage blob={row.blob} alt={label} className="receipt-signature-image" />
        ) : row === null ? (
          <span className="receipt-none">
            Signed on another tablet: the signature arrives with the next sync.
          </span>
        ) : null}
      </div>
      <figcaption>{label}</figcaption>
    </figure>
  );
}
