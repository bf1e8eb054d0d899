// Taking photos of the customer's piece: the tablet's camera in the page (preview and shutter), the
// camera app through a file input, or photos picked from the tablet; each tagged, several in a row.
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { db } from '../../db';
import type { StaffMember } from '../../domain/staff';
import { cameraErrorMessage, CAMERA_MESSAGES } from '../../photos/cameraErrors';
import { NOTE_MAX, savePhoto, type SavedPhoto } from '../../photos/savePhoto';
import { PhotoStorageError } from '../../photos/storageErrors';
import { PHOTO_TAGS, PHOTO_TAG_LABELS, type PhotoTag } from '../../photos/tags';
import { RequireStaff } from '../staff/RequireStaff';
import './photos.css';

export interface PhotoCaptureProps {
  jobId: string;
  /** The service the photos belong to (a step's before/after), if any. */
  serviceId?: string;
  /** The tag photos start with until the person picks one; it may change while the camera is open. */
  defaultTag: PhotoTag;
  onSaved?: (photo: SavedPhoto) => void;
  /** Open the camera at once (a capture sheet); otherwise it waits for "Open camera". */
  startCamera?: boolean;
}

/** The constraints the brief asks for: the back camera, about 1920 px wide when it can. */
export const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  video: { facingMode: 'environment', width: { ideal: 1920 } },
  audio: false,
};

export function PhotoCapture(props: PhotoCaptureProps) {
  return <RequireStaff>{(staff) => <Capture {...props} staff={staff} />}</RequireStaff>;
}

interface QueuedPhoto {
  file: Blob | ImageBitmap;
  tag: PhotoTag;
  note: string;
  actor: string;
}

interface Progress {
  done: number;
  total: number;
  saved: number;
  working: boolean;
}

/** False outside a secure context (plain http on the LAN), where navigator.mediaDevices is missing. */
function cameraSupported(): boolean {
  if (typeof navigator === 'undefined') return false;
  const devices = (navigator as { mediaDevices?: MediaDevices }).mediaDevices;
  return typeof devices?.getUserMedia === 'function';
}

function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** The frame the preview shows now, as a bitmap (no re-encoding) or, failing that, a JPEG. */
async function grabFrame(video: HTMLVideoElement): Promise<Blob | ImageBitmap> {
  if (typeof createImageBitmap === 'function') return createImageBitmap(video);
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot take a frame from the camera.');
  ctx.drawImage(video, 0, 0);
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => {
        if (blob) resolve(blob);
        else reject(new Error('This browser cannot take a frame from the camera.'));
      },
      'image/jpeg',
      0.95,
    );
  });
}

function errorText(err: unknown): string {
  if (err instanceof PhotoStorageError) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return `The photo was not saved: ${message}`;
}

function Capture({
  jobId,
  serviceId,
  defaultTag,
  onSaved,
  startCamera = false,
  staff,
}: PhotoCaptureProps & { staff: StaffMember }) {
  // The default follows the job (a step ticked while the camera is open makes it an "after") until
  // the person picks a tag themselves.
  const [picked, setPicked] = useState<PhotoTag | null>(null);
  const tag = picked ?? defaultTag;
  const [note, setNote] = useState('');
  const [cameraOn, setCameraOn] = useState(startCamera && cameraSupported());
  const [cameraLive, setCameraLive] = useState(false);
  const [cameraMessage, setCameraMessage] = useState<string | null>(
    startCamera && !cameraSupported() ? CAMERA_MESSAGES.unsupported : null,
  );
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const queue = useRef<QueuedPhoto[]>([]);
  const batch = useRef<Progress>({ done: 0, total: 0, saved: 0, working: false });
  const latestOnSaved = useRef(onSaved);
  useEffect(() => {
    latestOnSaved.current = onSaved;
  }, [onSaved]);

  // The camera runs only while it is open, and its tracks stop when it closes or this unmounts,
  // so the tablet's camera light goes off when the bench moves on.
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
        setCameraMessage(cameraErrorMessage(err));
        setCameraOn(false);
      },
    );
    const element = video.current;
    return () => {
      cancelled = true;
      stopStream(stream);
      if (element) element.srcObject = null;
    };
  }, [cameraOn]);

  const publish = () => {
    setProgress({ ...batch.current });
  };

  /** Saves queued photos one at a time (a 12-MP photo takes a moment), reporting "2 of 5". */
  const drain = async () => {
    if (batch.current.working) return;
    batch.current.working = true;
    publish();
    for (let next = queue.current.shift(); next; next = queue.current.shift()) {
      try {
        const saved = await savePhoto(
          db,
          {
            jobId,
            file: next.file,
            tag: next.tag,
            ...(next.note ? { note: next.note } : {}),
            ...(serviceId ? { serviceId } : {}),
          },
          next.actor,
        );
        batch.current.saved += 1;
        latestOnSaved.current?.(saved);
      } catch (err) {
        setError(errorText(err));
        if (err instanceof PhotoStorageError) {
          // A full tablet fails every photo after this one too: stop and say so once.
          batch.current.done += queue.current.length;
          queue.current = [];
        }
      } finally {
        if (!(next.file instanceof Blob)) next.file.close();
        batch.current.done += 1;
        publish();
      }
    }
    batch.current.working = false;
    publish();
  };

  const enqueue = (files: (Blob | ImageBitmap)[]) => {
    if (files.length === 0) return;
    if (!batch.current.working) batch.current = { done: 0, total: 0, saved: 0, working: false };
    setError(null);
    for (const file of files) {
      queue.current.push({ file, tag, note: note.trim(), actor: staff.id });
    }
    batch.current.total += files.length;
    // A note describes one photo (or one pick of several): the next photo starts without it.
    setNote('');
    void drain();
  };

  const onFiles = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    enqueue(files);
  };

  const shutter = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    grabFrame(v).then(
      (frame) => {
        enqueue([frame]);
      },
      (err: unknown) => {
        setError(errorText(err));
      },
    );
  };

  const status = progress ? progressText(progress) : null;
  return (
    <section className="photo-capture" aria-label="Take photos">
      <div className="photo-tags" role="radiogroup" aria-label="What the photo shows">
        {PHOTO_TAGS.map((t) => (
          <button
            key={t}
            type="button"
            role="radio"
            aria-checked={tag === t}
            className={tag === t ? 'photo-tag-button selected' : 'photo-tag-button'}
            onClick={() => {
              setPicked(t);
            }}
          >
            {PHOTO_TAG_LABELS[t]}
          </button>
        ))}
      </div>
      <label className="field photo-note">
        Note for the next photo — optional
        <input
          value={note}
          maxLength={NOTE_MAX}
          onChange={(e) => {
            setNote(e.target.value);
          }}
          placeholder="e.g. chipped prong at 3 o’clock"
        />
      </label>

      {cameraOn && (
        <div className="photo-camera">
          <video
            ref={video}
            className="photo-preview"
            aria-label="Camera preview"
            autoPlay
            muted
            playsInline
            onPlaying={() => {
              setCameraLive(true);
            }}
          />
          <div className="photo-camera-actions">
            <button
              type="button"
              className="photo-shutter"
              onClick={shutter}
              disabled={!cameraLive}
              aria-label="Take photo"
            />
            <button
              type="button"
              className="button"
              onClick={() => {
                setCameraOn(false);
                setCameraLive(false);
              }}
            >
              Close camera
            </button>
          </div>
        </div>
      )}
      {cameraMessage && (
        <p className="error" role="alert">
          {cameraMessage}
        </p>
      )}

      <div className="photo-capture-actions">
        {!cameraOn && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setCameraMessage(null);
              if (cameraSupported()) setCameraOn(true);
              else setCameraMessage(CAMERA_MESSAGES.unsupported);
            }}
          >
            Open camera
          </button>
        )}
        <label className="button photo-file-button">
          Camera app
          <input
            className="visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            onChange={onFiles}
          />
        </label>
        <label className="button photo-file-button">
          Pick existing photos
          <input
            className="visually-hidden"
            type="file"
            accept="image/*"
            multiple
            onChange={onFiles}
          />
        </label>
      </div>
      {status && (
        <p role="status" className={progress?.working ? 'photo-progress' : 'ok photo-progress'}>
          {status}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

export function progressText({ done, total, saved, working }: Progress): string {
  if (working && total > 0) return `Saving ${Math.min(done + 1, total)} of ${total}…`;
  if (saved === 0) return '';
  return saved === 1 ? 'Photo saved on this tablet.' : `${saved} photos saved on this tablet.`;
}
