// A photo for a machine's log or malfunction report: taken or picked with the same big buttons as a
// checklist step's, stored on this tablet by its hash (it syncs like every photo), and shown back;
// another tablet's photo is fetched from the shop server when it is shown.
import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { BlobImage } from '../../components/photos/BlobImage';
import { usePhoto } from '../../db';
import { storePickedPhoto } from '../../photos/storePickedPhoto';
import { useSyncStatus } from '../../stores/syncStore';
import { fetchMissingPhotos } from '../../sync';
import '../../components/photos/photos.css';

/** "Take photo" / "Choose a photo"; calls `onChange` with the stored photo's hash. */
export function PhotoPick({
  equipmentId,
  value,
  onChange,
}: {
  equipmentId: string;
  value: string | undefined;
  onChange: (sha256: string | undefined) => void;
}) {
  const id = useId();
  const [status, setStatus] = useState<string | null>(null);
  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // The same photo picked again must still fire a change.
    e.target.value = '';
    if (!file) return;
    setStatus('Saving photo…');
    storePickedPhoto(equipmentId, file)
      .then((sha) => {
        onChange(sha);
        setStatus(null);
      })
      .catch((err: unknown) => {
        setStatus(`The photo was not saved: ${err instanceof Error ? err.message : String(err)}`);
      });
  };
  return (
    <div className="tp-field eq-photo-pick">
      <span className="tp-label" id={`${id}-label`}>
        Photo — optional
      </span>
      <div className="photo-capture-actions">
        <label className="button photo-file-button">
          <span id={`${id}-take`}>{value ? 'Take it again' : 'Take photo'}</span>
          <input
            aria-labelledby={`${id}-label ${id}-take`}
            className="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            onChange={pick}
          />
        </label>
        <label className="button photo-file-button">
          <span id={`${id}-choose`}>Choose a photo</span>
          <input
            aria-labelledby={`${id}-label ${id}-choose`}
            className="visually-hidden"
            type="file"
            accept="image/*"
            onChange={pick}
          />
        </label>
        {value && (
          <button type="button" className="button" onClick={() => onChange(undefined)}>
            Leave the photo out
          </button>
        )}
      </div>
      {value && <StoredPhoto equipmentId={equipmentId} sha256={value} alt="The photo taken" />}
      {status && <small role="status">{status}</small>}
    </div>
  );
}

/** A machine's photo by hash: its thumbnail, or words while it is fetched from the shop server. */
export function StoredPhoto({
  equipmentId,
  sha256,
  alt,
}: {
  equipmentId: string;
  sha256: string;
  alt: string;
}) {
  const row = usePhoto(sha256);
  const lastSyncedAt = useSyncStatus((s) => s.lastSyncedAt);
  const missing = row === null || row?.thumbnailOnly === true;
  // Taken on another tablet: asked for on showing, and again after each sync (it may have arrived).
  useEffect(() => {
    if (missing) fetchMissingPhotos([{ jobId: equipmentId, sha256 }]);
  }, [missing, equipmentId, sha256, lastSyncedAt]);
  if (row === undefined) return null;
  if (row === null) {
    return <span className="eq-photo-missing">Photo not on this tablet yet (it syncs in).</span>;
  }
  return <BlobImage className="eq-photo" blob={row.thumbnail} alt={alt} />;
}
