// Full-screen viewer of a job's photos: swipe between them, pinch or double-tap to zoom, arrow keys
// and Escape, and what each shows, who took it and when.
import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';
import { createPortal } from 'react-dom';
import { usePhoto, useStaff } from '../../db';
import type { PhotoEntry } from '../../domain/job';
import {
  clampPan,
  distance,
  IDENTITY,
  isDoubleTap,
  isTap,
  midpoint,
  pinch,
  swipeStep,
  toggleZoom,
  type Point,
  type Tap,
  type ViewTransform,
} from '../../photos/gestures';
import { usePhotoFetchStatus } from '../../stores/photoFetchStore';
import { fetchMissingPhotos, photoAddress, type PhotoAddress } from '../../sync';
import { BlobImage } from './BlobImage';
import { MissingPhoto } from './MissingPhoto';
import { tagLabel, THUMBNAIL_ONLY, whenTaken, whoTook } from './photoText';
import './photos.css';

export interface PhotoViewerProps {
  /** The photos' job: with it, a photo taken on another tablet is fetched first, full size. */
  jobId?: string;
  photos: readonly PhotoEntry[];
  startIndex: number;
  onClose: () => void;
}

type Gesture =
  | { kind: 'none' }
  | { kind: 'one'; start: Point; startedAt: number; view: ViewTransform; moved: boolean }
  | { kind: 'pinch'; view: ViewTransform; distance: number; mid: Point };

export function PhotoViewer({ jobId, photos, startIndex, onClose }: PhotoViewerProps) {
  const count = photos.length;
  const [index, setIndex] = useState(() => Math.min(Math.max(startIndex, 0), count - 1));
  const [view, setView] = useState<ViewTransform>(IDENTITY);
  const stage = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const pointers = useRef(new Map<number, Point>());
  const gesture = useRef<Gesture>({ kind: 'none' });
  const lastTap = useRef<Tap | null>(null);

  const go = useCallback(
    (step: number) => {
      setIndex((i) => Math.min(Math.max(i + step, 0), count - 1));
      setView(IDENTITY);
    },
    [count],
  );

  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      else if (e.key === 'ArrowLeft') go(-1);
      else if (e.key === 'ArrowRight') go(1);
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, [go, onClose]);

  /** A pointer's position relative to the centre of the stage (the transform's origin). */
  const local = (e: PointerEvent): Point => {
    const box = stage.current?.getBoundingClientRect();
    if (!box) return { x: e.clientX, y: e.clientY };
    return { x: e.clientX - box.left - box.width / 2, y: e.clientY - box.top - box.height / 2 };
  };
  const stageSize = () => {
    const box = stage.current?.getBoundingClientRect();
    return { w: box?.width ?? 0, h: box?.height ?? 0 };
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    pointers.current.set(e.pointerId, local(e));
    const [a, b] = [...pointers.current.values()];
    if (a && b) {
      gesture.current = { kind: 'pinch', view, distance: distance(a, b), mid: midpoint(a, b) };
    } else if (a) {
      gesture.current = { kind: 'one', start: a, startedAt: e.timeStamp, view, moved: false };
    }
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!pointers.current.has(e.pointerId)) return;
    pointers.current.set(e.pointerId, local(e));
    const g = gesture.current;
    const { w, h } = stageSize();
    if (g.kind === 'pinch') {
      const [a, b] = [...pointers.current.values()];
      if (!a || !b) return;
      setView(clampPan(pinch(g.view, g.distance, distance(a, b), g.mid, midpoint(a, b)), w, h));
    } else if (g.kind === 'one') {
      const p = pointers.current.get(e.pointerId);
      if (!p) return;
      const dx = p.x - g.start.x;
      const dy = p.y - g.start.y;
      if (Math.hypot(dx, dy) > 10) g.moved = true;
      // Zoomed in, one finger pans; at full view it is a swipe, decided when the finger lifts.
      if (g.view.scale > 1) {
        setView(clampPan({ ...g.view, x: g.view.x + dx, y: g.view.y + dy }, w, h));
      }
    }
  };

  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const p = pointers.current.get(e.pointerId);
    pointers.current.delete(e.pointerId);
    const g = gesture.current;
    if (g.kind === 'pinch') {
      // The finger left on the glass carries on as a pan from here, never as a swipe.
      const [rest] = [...pointers.current.values()];
      gesture.current = rest
        ? { kind: 'one', start: rest, startedAt: e.timeStamp, view, moved: true }
        : { kind: 'none' };
      return;
    }
    gesture.current = { kind: 'none' };
    if (g.kind !== 'one' || !p || e.type === 'pointercancel') return;
    const dx = p.x - g.start.x;
    const dy = p.y - g.start.y;
    if (isTap(dx, dy, e.timeStamp - g.startedAt)) {
      const tap: Tap = { ...p, t: e.timeStamp };
      if (isDoubleTap(lastTap.current, tap)) {
        const { w, h } = stageSize();
        setView(clampPan(toggleZoom(view, p), w, h));
        lastTap.current = null;
      } else {
        lastTap.current = tap;
      }
      return;
    }
    if (g.view.scale === 1 && g.moved) {
      const step = swipeStep(dx, dy);
      if (step !== 0) go(step);
    }
  };

  const entry = photos[index];
  if (!entry) return null;
  // On document.body: a card with a transform or overflow around the gallery cannot clip it.
  return createPortal(
    <div
      className="photo-viewer"
      role="dialog"
      aria-modal="true"
      aria-label={`${tagLabel(entry.tag)} photo, ${index + 1} of ${count}`}
    >
      <div
        ref={stage}
        className="photo-viewer-stage"
        data-testid="photo-viewer-stage"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        {/* Keyed by photo: the previous photo must never show under the next one's label. */}
        <ViewerImage key={entry.sha256} jobId={jobId} entry={entry} view={view} />
      </div>
      <div className="photo-viewer-bar">
        <button
          type="button"
          className="photo-viewer-button"
          onClick={() => {
            go(-1);
          }}
          disabled={index === 0}
          aria-label="Previous photo"
        >
          ‹
        </button>
        <PhotoDetails entry={entry} position={`${index + 1} of ${count}`} />
        <button
          type="button"
          className="photo-viewer-button"
          onClick={() => {
            go(1);
          }}
          disabled={index === count - 1}
          aria-label="Next photo"
        >
          ›
        </button>
      </div>
      <button
        ref={closeButton}
        type="button"
        className="photo-viewer-button photo-viewer-close"
        onClick={onClose}
        aria-label="Close photo"
      >
        ×
      </button>
    </div>,
    document.body,
  );
}

function ViewerImage({
  jobId,
  entry,
  view,
}: {
  jobId: string | undefined;
  entry: PhotoEntry;
  view: ViewTransform;
}) {
  const row = usePhoto(entry.sha256);
  const fetch = usePhotoFetchStatus((s) => s.photos[entry.sha256]);
  // Another tablet's photo, not here or only as its thumbnail: fetched now, ahead of the rest.
  const wanted =
    jobId !== undefined && (row === null || row?.thumbnailOnly === true)
      ? JSON.stringify(photoAddress(jobId, entry))
      : null;
  useEffect(() => {
    if (wanted !== null) fetchMissingPhotos([JSON.parse(wanted) as PhotoAddress], { urgent: true });
  }, [wanted]);
  if (row === undefined) return null;
  if (row === null) {
    return <MissingPhoto fetch={fetch} className="photo-missing photo-viewer-missing" />;
  }
  return (
    <>
      {row.thumbnailOnly && (
        <p className="photo-viewer-partial" role="status">
          {THUMBNAIL_ONLY}
        </p>
      )}
      <ViewerBlob row={row} entry={entry} view={view} />
    </>
  );
}

function ViewerBlob({
  row,
  entry,
  view,
}: {
  row: { blob: Blob };
  entry: PhotoEntry;
  view: ViewTransform;
}) {
  return (
    <BlobImage
      blob={row.blob}
      alt={entry.note ? `${tagLabel(entry.tag)}: ${entry.note}` : `${tagLabel(entry.tag)} photo`}
      className="photo-viewer-image"
      data-testid="photo-viewer-image"
      style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
    />
  );
}

function PhotoDetails({ entry, position }: { entry: PhotoEntry; position: string }) {
  const staff = useStaff();
  return (
    <div className="photo-viewer-details">
      <p>
        <span className="photo-tag">{tagLabel(entry.tag)}</span> <span>{position}</span>
      </p>
      {entry.note && <p className="photo-viewer-note">{entry.note}</p>}
      <p className="photo-viewer-meta">
        {whoTook(entry.by, staff)} · {whenTaken(entry.at)}
      </p>
    </div>
  );
}
