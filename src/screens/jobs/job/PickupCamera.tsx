// The pick-up photo, taken at the counter with the tablet's camera (or its camera app): prepared and
// stored on this tablet by its hash; collectJob files it under the job with the collection.
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { CAMERA_CONSTRAINTS } from '../../../components/photos/PhotoCapture';
import { db, putPhoto } from '../../../db';
import { cameraErrorMessage, CAMERA_MESSAGES } from '../../../photos/cameraErrors';
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

function cameraSupported(): boolean {
  const devices = (navigator as { mediaDevices?: MediaDevices }).mediaDevices;
  return typeof devices?.getUserMedia === 'function';
}

function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
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
  const [cameraOn, setCameraOn] = useState(false);
  const [live, setLive] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  // The camera runs only while its preview shows: the light goes off once the photo is taken.
  useEffect(() => {
    if (!cameraOn) return;
    let cancelled = false;
    let stream: MediaStream | null = null;
    navigator.mediaDevices.getUserMedia(CAMERA_CONSTRAINTS).then(
      (s) => {
        if (cancelled) {
          stopStream(s);
          return;
        }
        stream = s;
        if (video.current) video.current.srcObject = s;
      },
      (err: unknown) => {
        if (cancelled) return;
        setMessage(cameraErrorMessage(err));
        setCameraOn(false);
      },
    );
    const element = video.current;
    return () => {
      cancelled = true;
      stopStream(stream);
      if (element) element.srcObject = null;
      setLive(false);
    };
  }, [cameraOn]);

  const store = async (source: Blob | ImageBitmap) => {
    setBusy(true);
    setMessage(null);
    try {
      onStored(await storePickupPhoto(jobId, source));
      setCameraOn(false);
    } catch (err) {
      setMessage(failure(err));
    } finally {
      setBusy(false);
    }
  };

  const shutter = () => {
    const v = video.current;
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
      {cameraOn && (
        <div className="collect-camera-live">
          <video
            ref={video}
            className="collect-preview"
            aria-label="Camera preview"
            autoPlay
            muted
            playsInline
            onPlaying={() => setLive(true)}
          />
          <div className="collect-camera-actions">
            <button
              type="button"
              className="photo-shutter"
              onClick={shutter}
              disabled={!live || busy}
              aria-label="Take pick-up photo now"
            />
            <button type="button" className="button" onClick={() => setCameraOn(false)}>
              Close camera
            </button>
          </div>
        </div>
      )}
      <div className="collect-camera-actions">
        {!cameraOn && (
          <button
            type="button"
            className={retake ? 'button' : 'button button-primary'}
            disabled={busy}
            onClick={() => {
              setMessage(null);
              if (cameraSupported()) setCameraOn(true);
              else setMessage(CAMERA_MESSAGES.unsupported);
            }}
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
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
