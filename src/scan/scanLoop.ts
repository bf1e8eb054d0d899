// The continuous camera decode: one frame at a time, one decode in flight, paced by the video's frames.
//
// Decoding runs on the main thread (about 5 ms a frame at 640×480 with ZXing, see
// docs/PERFORMANCE.md). The next frame is asked for only once the last decode finished, so a
// slow decode drops frames instead of queueing them, and the page keeps answering taps.
import type { CodeReader, ReadCode } from './codeReader';

/** Frames wider than this are scaled down before decoding: a label needs no more, and it halves the work. */
export const MAX_DECODE_WIDTH = 1280;

export interface ScanLoopDeps {
  /** The current frame, or null while the video has none yet. */
  grab(): ImageData | null;
  read: CodeReader['read'];
  /** Called on every frame with a code in it; the caller decides what a repeat means. */
  onRead(code: ReadCode): void;
  /** The reader failed: the loop has stopped. */
  onError(err: unknown): void;
  /** Calls `run` at the next video frame (or animation frame); returns a cancel function. */
  nextFrame(run: () => void): () => void;
}

export interface ScanLoop {
  stop: () => void;
}

export function startScanLoop(deps: ScanLoopDeps): ScanLoop {
  let stopped = false;
  let cancel: (() => void) | null = null;

  const schedule = () => {
    if (!stopped) cancel = deps.nextFrame(tick);
  };

  const tick = () => {
    cancel = null;
    if (stopped) return;
    let frame: ImageData | null;
    try {
      frame = deps.grab();
    } catch (err) {
      fail(err);
      return;
    }
    if (frame === null) {
      schedule();
      return;
    }
    deps.read(frame).then(
      (code) => {
        if (stopped) return;
        if (code !== null) deps.onRead(code);
        schedule();
      },
      (err: unknown) => {
        fail(err);
      },
    );
  };

  const fail = (err: unknown) => {
    if (stopped) return;
    stopped = true;
    deps.onError(err);
  };

  schedule();
  return {
    stop: () => {
      stopped = true;
      cancel?.();
      cancel = null;
    },
  };
}

/** The size a video frame is decoded at: its own, or scaled down to `maxWidth` keeping its shape. */
export function decodeSize(
  videoWidth: number,
  videoHeight: number,
  maxWidth: number = MAX_DECODE_WIDTH,
): { width: number; height: number } {
  if (videoWidth <= 0 || videoHeight <= 0) return { width: 0, height: 0 };
  const scale = Math.min(1, maxWidth / videoWidth);
  return {
    width: Math.max(1, Math.round(videoWidth * scale)),
    height: Math.max(1, Math.round(videoHeight * scale)),
  };
}

/** Draws the video's current frame into a canvas kept for the purpose and reads its pixels. */
export function videoFrameGrabber(
  video: HTMLVideoElement,
  maxWidth: number = MAX_DECODE_WIDTH,
): () => ImageData | null {
  let canvas: OffscreenCanvas | HTMLCanvasElement | null = null;
  let context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null = null;
  return () => {
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return null;
    const { width, height } = decodeSize(video.videoWidth, video.videoHeight, maxWidth);
    if (width === 0) return null;
    if (canvas === null || canvas.width !== width || canvas.height !== height) {
      // Read back every frame: ask for a canvas kept in memory rather than on the GPU. Each kind
      // is asked on its own, with the options written in the call, so its own '2d' overload types
      // the answer: the union's call was typed differently in different type-checked programs.
      if (typeof OffscreenCanvas === 'function') {
        const offscreen = new OffscreenCanvas(width, height);
        canvas = offscreen;
        context = offscreen.getContext('2d', { willReadFrequently: true });
      } else {
        const element = Object.assign(document.createElement('canvas'), { width, height });
        canvas = element;
        context = element.getContext('2d', { willReadFrequently: true });
      }
    }
    if (context === null) throw new Error('This browser gives no 2D canvas to read the camera.');
    context.drawImage(video, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  };
}

/** The video's next frame where the browser tells us (requestVideoFrameCallback), else the next paint. */
export function videoFrameScheduler(video: HTMLVideoElement): ScanLoopDeps['nextFrame'] {
  return (run) => {
    if ('requestVideoFrameCallback' in video) {
      const handle = video.requestVideoFrameCallback(() => {
        run();
      });
      return () => {
        video.cancelVideoFrameCallback(handle);
      };
    }
    const handle = requestAnimationFrame(() => {
      run();
    });
    return () => {
      cancelAnimationFrame(handle);
    };
  };
}
