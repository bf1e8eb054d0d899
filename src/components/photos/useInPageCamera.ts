// The tablet's camera in the page: opening it, its live preview, and stopping its tracks again.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { cameraErrorMessage, CAMERA_MESSAGES } from '../../photos/cameraErrors';

/** The constraints the brief asks for: the back camera, about 1920 px wide when it can. */
const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  video: { facingMode: 'environment', width: { ideal: 1920 } },
  audio: false,
};

/** False outside a secure context (plain http on the LAN), where navigator.mediaDevices is missing. */
function cameraSupported(): boolean {
  if (typeof navigator === 'undefined') return false;
  const devices = (navigator as { mediaDevices?: MediaDevices }).mediaDevices;
  return typeof devices?.getUserMedia === 'function';
}

function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

export interface InPageCamera {
  /** The preview element: spread `previewProps` on the <video> shown while `cameraOn`. */
  video: RefObject<HTMLVideoElement | null>;
  previewProps: {
    ref: RefObject<HTMLVideoElement | null>;
    'aria-label': string;
    autoPlay: true;
    muted: true;
    playsInline: true;
    onPlaying: () => void;
  };
  cameraOn: boolean;
  /** The preview shows frames: the shutter may take one. */
  live: boolean;
  /** Why the camera did not open, or what the caller last said; null when all is well. */
  message: string | null;
  setMessage: (message: string | null) => void;
  /** Opens the camera, or says it cannot here. */
  open: () => void;
  close: () => void;
}

/**
 * The camera runs only while it is open, and its tracks stop when it closes or the caller unmounts,
 * so the tablet's camera light goes off when the bench moves on. `openAtOnce` opens it with the
 * first render (a capture sheet) where the browser has a camera, and otherwise says why not.
 */
export function useInPageCamera(openAtOnce = false): InPageCamera {
  const [cameraOn, setCameraOn] = useState(() => openAtOnce && cameraSupported());
  const [live, setLive] = useState(false);
  const [message, setMessage] = useState<string | null>(() =>
    openAtOnce && !cameraSupported() ? CAMERA_MESSAGES.unsupported : null,
  );
  const video = useRef<HTMLVideoElement>(null);

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

  const open = () => {
    setMessage(null);
    if (cameraSupported()) setCameraOn(true);
    else setMessage(CAMERA_MESSAGES.unsupported);
  };

  return {
    video,
    previewProps: {
      ref: video,
      'aria-label': 'Camera preview',
      autoPlay: true,
      muted: true,
      playsInline: true,
      onPlaying: () => {
        setLive(true);
      },
    },
    cameraOn,
    live,
    message,
    setMessage,
    open,
    close: () => {
      setCameraOn(false);
    },
  };
}
