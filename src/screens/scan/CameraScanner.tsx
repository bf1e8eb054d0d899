// The tablet's camera as a QR reader: a live view with an aiming frame, the torch, and what to say
// when the camera is refused. The Scan screen, Hand on and the safe count all read codes with it.
import {
  useEffect,
  useEffectEvent,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import {
  cameraProblem,
  hasTorch,
  openRearCamera,
  setTorch,
  stopStream,
  type CameraProblem,
} from '../../scan/camera';
import { sharedCodeReader, type CodeReader, type ReadCode } from '../../scan/codeReader';
import {
  startScanLoop,
  videoFrameGrabber,
  videoFrameScheduler,
  type ScanLoopDeps,
} from '../../scan/scanLoop';
import './scan.css';

/** A code still in view is not acted on again until it has been out of view this long. */
const REPEAT_AFTER_MS = 2500;

type CameraState =
  | { kind: 'starting' }
  | { kind: 'scanning'; torch: boolean }
  | { kind: 'problem'; problem: CameraProblem };

/** What a screen scans with; tests give fakes (jsdom has no camera, canvas or video frames). */
export interface ScannerParts {
  openCamera: () => Promise<MediaStream>;
  createReader: () => Promise<CodeReader>;
  /** How frames are taken from the playing video, and when. */
  frames: (video: HTMLVideoElement) => Pick<ScanLoopDeps, 'grab' | 'nextFrame'>;
}

export const DEVICE_SCANNER: ScannerParts = {
  openCamera: openRearCamera,
  createReader: sharedCodeReader,
  frames: (video) => ({ grab: videoFrameGrabber(video), nextFrame: videoFrameScheduler(video) }),
};

export interface CameraScannerProps {
  parts?: ScannerParts;
  /**
   * A code read. The next read waits until this settles; the same code held in view is not read
   * again until it has left the view for a moment.
   */
  onCode: (text: string) => Promise<unknown>;
  /** What to hold in the frame, shown while scanning. */
  hint: ReactNode;
}

export function CameraScanner({ parts = DEVICE_SCANNER, onCode, hint }: CameraScannerProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const trackRef = useRef<MediaStreamTrack | null>(null);
  const [camera, setCamera] = useState<CameraState>({ kind: 'starting' });
  const [attempt, setAttempt] = useState(0);
  const [torchOn, setTorchOn] = useState(false);
  const visible = usePageVisible();

  const lastRead = useRef<{ text: string; at: number } | null>(null);
  const resolving = useRef(false);
  const onRead = useEffectEvent((code: ReadCode) => {
    const now = performance.now();
    const last = lastRead.current;
    if (last !== null && last.text === code.text && now - last.at < REPEAT_AFTER_MS) {
      // The same code is still in front of the camera: its result is already on screen.
      last.at = now;
      return;
    }
    if (resolving.current) return;
    lastRead.current = { text: code.text, at: now };
    resolving.current = true;
    void onCode(code.text).finally(() => {
      resolving.current = false;
    });
  });

  // The camera runs only while this is shown and the tablet is awake: leaving the screen, or the
  // tablet sleeping, stops every track (the camera light goes off).
  useEffect(() => {
    if (!visible) return;
    let cancelled = false;
    // Read through a function: TypeScript would otherwise keep `cancelled` narrowed across awaits.
    const gone = () => cancelled;
    let stream: MediaStream | null = null;
    let stopLoop: (() => void) | null = null;
    const video = videoRef.current;

    const start = async () => {
      try {
        stream = await parts.openCamera();
      } catch (err) {
        if (!gone()) setCamera({ kind: 'problem', problem: cameraProblem(err) });
        return;
      }
      if (gone() || video === null) {
        stopStream(stream);
        return;
      }
      video.srcObject = stream;
      // Muted and inline, so no browser needs a tap to play it; the frames come either way.
      video.play().catch(() => undefined);

      let reader: CodeReader;
      try {
        reader = await parts.createReader();
      } catch (err) {
        // No reader, no use for the camera: turn it off rather than film the bench for nothing.
        stopStream(stream);
        if (!gone()) setCamera({ kind: 'problem', problem: readerProblem(err) });
        return;
      }
      if (gone()) return;
      const track = stream.getVideoTracks()[0] ?? null;
      trackRef.current = track;
      setCamera({ kind: 'scanning', torch: hasTorch(track ?? undefined) });
      stopLoop = startScanLoop({
        ...parts.frames(video),
        read: (frame) => reader.read(frame),
        onRead,
        onError: (err) => {
          stopStream(stream);
          if (!gone()) setCamera({ kind: 'problem', problem: readerProblem(err) });
        },
      }).stop;
    };
    void start();

    return () => {
      cancelled = true;
      stopLoop?.();
      stopStream(stream);
      trackRef.current = null;
      if (video !== null) video.srcObject = null;
    };
  }, [visible, attempt, parts]);

  const tryAgain = () => {
    setCamera({ kind: 'starting' });
    setTorchOn(false);
    setAttempt((n) => n + 1);
  };

  const toggleTorch = () => {
    const track = trackRef.current;
    if (track === null) return;
    const next = !torchOn;
    setTorch(track, next).then(
      () => {
        setTorchOn(next);
      },
      () => {
        setCamera({ kind: 'scanning', torch: false });
      },
    );
  };

  return (
    <>
      <div className="scan-viewfinder" hidden={camera.kind === 'problem'}>
        <video
          ref={videoRef}
          className="scan-video"
          playsInline
          muted
          autoPlay
          aria-label="Camera view"
        />
        <div className="scan-aim" aria-hidden="true" />
        {camera.kind === 'scanning' && camera.torch && (
          <button
            type="button"
            className="button scan-torch"
            aria-pressed={torchOn}
            onClick={toggleTorch}
          >
            {torchOn ? 'Light off' : 'Light on'}
          </button>
        )}
      </div>
      {camera.kind === 'starting' && <p className="muted">Starting the camera…</p>}
      {camera.kind === 'scanning' && <p className="muted">{hint}</p>}
      {camera.kind === 'problem' && (
        <div className="scan-problem" role="alert">
          <h3>{camera.problem.title}</h3>
          <p>{camera.problem.message}</p>
          {camera.problem.retry && (
            <button type="button" className="button" onClick={tryAgain}>
              Try again
            </button>
          )}
        </div>
      )}
    </>
  );
}

function readerProblem(err: unknown): CameraProblem {
  const detail = err instanceof Error && err.message !== '' ? ` (${err.message})` : '';
  return {
    kind: 'other',
    title: 'The scanner did not load',
    message:
      `Loupe could not start its code reader${detail}. Tap Try again; if it keeps failing, ` +
      'reload the app, and type the envelope number below meanwhile.',
    retry: true,
  };
}

function subscribeVisibility(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => {
    document.removeEventListener('visibilitychange', onChange);
  };
}

function usePageVisible(): boolean {
  return useSyncExternalStore(
    subscribeVisibility,
    () => document.visibilityState !== 'hidden',
    () => true,
  );
}
