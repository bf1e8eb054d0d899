// Taking photos of the customer's piece: the tablet's camera in the page (preview and shutter), the
// camera app through a file input, or photos picked from the tablet; each tagged, several in a row.
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { db } from '../../db';
import type { StaffMember } from '../../domain/staff';
import { NOTE_MAX, savePhoto, type SavedPhoto } from '../../photos/savePhoto';
import { PhotoStorageError } from '../../photos/storageErrors';
import { PHOTO_TAGS, PHOTO_TAG_LABELS, type PhotoTag } from '../../photos/tags';
import { RequireStaff } from '../staff/RequireStaff';
import { useInPageCamera } from './useInPageCamera';
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
  const camera = useInPageCamera(startCamera);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const queue = useRef<QueuedPhoto[]>([]);
  const batch = useRef<Progress>({ done: 0, total: 0, saved: 0, working: false });
  const latestOnSaved = useRef(onSaved);
  useEffect(() => {
    latestOnSaved.current = onSaved;
  }, [onSaved]);

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
    const v = camera.video.current;
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

      {camera.cameraOn && (
        <div className="photo-camera">
          <video {...camera.previewProps} className="photo-preview" />
          <div className="photo-camera-actions">
            <button
              type="button"
              className="photo-shutter"
              onClick={shutter}
              disabled={!camera.live}
              aria-label="Take photo"
            />
            <button type="button" className="button" onClick={camera.close}>
              Close camera
            </button>
          </div>
        </div>
      )}
      {camera.message && (
        <p className="error" role="alert">
          {camera.message}
        </p>
      )}

      <div className="photo-capture-actions">
        {!camera.cameraOn && (
          <button type="button" className="button button-primary" onClick={camera.open}>
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
