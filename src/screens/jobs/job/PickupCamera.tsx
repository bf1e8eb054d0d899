// The pick-up photo, taken at the counter with the tablet's camera (or its camera app): prepared and
// stored on this tablet by its hash; collectJob files it under the job with the collection.
import { useState, type ChangeEvent } from 'react';
import { useInPageCamera } from '../../../components/photos/useInPageCamera';
import { db, putPhoto } from '../../../db';
import { processPhoto } from '../../../photos/process';
import { withStorageRetry } from '../../../photos/storageErrors';

/**
 * Prepares the picture (downscaled, compressed, hashed, with its thumbnail) and keeps its bytes
 * here, with no event yet: the pick-up records it, so a pick-up not finished files no photo.
 */
async function storePickupPhoto(jobId: string, source: Blob | ImageBitmap): Promise<string> {
  const photo = await processPhoto(source);
  await withStorageRetry(() =>
    putPhoto(db, {
      sha256: photo.sha256,
      jobId,
      blob: photo.blob,
      thumbnail: photo.thumbnail,
      mimeType: photo.mimeType,
      bytes: photo.bytes,
      width: photo.width,
      height: photo.height,
      uploaded: 0,
      createdAt: Date.now(),
    }),
  );
  return photo.sha256;
}

function failure(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return `The pick-up photo was not saved: ${message}`;
}

export interface PickupCameraProps {
  jobId: string;
  /** A photo was taken again: the button says "Retake". */
  retake: boolean;
  onStored: (sha256: string) => void;
}

export function PickupCamera({ jobId, retake, onStored }: PickupCameraProps) {
  // The camera runs only while its preview shows: the light goes off once the photo is taken.
  const camera = useInPageCamera();
  const { setMessage } = camera;
  const [busy, setBusy] = useState(false);

  const store = async (source: Blob | ImageBitmap) => {
    setBusy(true);
    setMessage(null);
    try {
      onStored(await storePickupPhoto(jobId, source));
      camera.close();
    } catch (err) {
      setMessage(failure(err));
    } finally {
      setBusy(false);
    }
  };

  const shutter = () => {
    const v = camera.video.current;
    if (!v || v.videoWidth === 0) return;
    createImageBitmap(v).then(
      (frame) => store(frame).finally(() => frame.close()),
      (err: unknown) => {
        setMessage(failure(err));
      },
    );
  };

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void store(file);
  };

  return (
    <div className="collect-camera">
      {camera.cameraOn && (
        <div className="collect-camera-live">
          <video {...camera.previewProps} className="collect-preview" />
          <div className="collect-camera-actions">
            <button
              type="button"
              className="photo-shutter"
              onClick={shutter}
              disabled={!camera.live || busy}
              aria-label="Take pick-up photo now"
            />
            <button type="button" className="button" onClick={camera.close}>
              Close camera
            </button>
          </div>
        </div>
      )}
      <div className="collect-camera-actions">
        {!camera.cameraOn && (
          <button
            type="button"
            className={retake ? 'button' : 'button button-primary'}
            disabled={busy}
            onClick={camera.open}
          >
            {retake ? 'Retake pick-up photo' : 'Take pick-up photo'}
          </button>
        )}
        {/* Only the camera: a photo picked from the tablet's gallery could be any day's. */}
        <label className="button photo-file-button">
          Camera app
          <input
            className="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            disabled={busy}
            onChange={onFile}
          />
        </label>
      </div>
      {busy && <p role="status">Saving the pick-up photo…</p>}
      {camera.message && (
        <p className="error" role="alert">
          {camera.message}
        </p>
      )}
    </div>
  );
}
