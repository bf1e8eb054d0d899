// The tablet's rear camera for scanning: opening it, the torch, and what to tell a person when it fails.

export type CameraProblemKind =
  'insecure' | 'unsupported' | 'denied' | 'missing' | 'busy' | 'other';

export interface CameraProblem {
  kind: CameraProblemKind;
  title: string;
  message: string;
  /** Whether trying again can help without changing a setting first. */
  retry: boolean;
}

/** Thrown by openRearCamera when the browser cannot give a camera; carries what to show. */
export class CameraError extends Error {
  constructor(readonly problem: CameraProblem) {
    super(problem.message);
    this.name = 'CameraError';
  }
}

const PROBLEMS: Record<Exclude<CameraProblemKind, 'other'>, CameraProblem> = {
  insecure: {
    kind: 'insecure',
    title: 'The camera needs a secure connection',
    message:
      'Browsers only allow the camera on an https:// address (or at http://127.0.0.1 on the ' +
      'server machine itself). Open Loupe at the shop server’s https:// address — whoever set up ' +
      'the server has it. Until then, type the envelope number below.',
    retry: false,
  },
  unsupported: {
    kind: 'unsupported',
    title: 'This browser cannot use the camera',
    message:
      'This browser offers no camera to web apps. Use a current Chrome, Edge or Safari, or type ' +
      'the envelope number below. A USB or Bluetooth scanner works on any screen.',
    retry: false,
  },
  denied: {
    kind: 'denied',
    title: 'Loupe may not use the camera',
    message:
      'The camera was refused for this site. Allow it in the browser’s site settings: in Chrome ' +
      'tap the icon left of the address, then Permissions → Camera → Allow (or Settings → Site ' +
      'settings → Camera); on an iPad open Settings → Safari → Camera → Allow. Then tap Try again. ' +
      'Meanwhile, type the envelope number below.',
    retry: true,
  },
  missing: {
    kind: 'missing',
    title: 'No camera found',
    message:
      'This device has no camera Loupe can use. Type the envelope number below, or plug in a USB ' +
      'or Bluetooth scanner: it works on any screen.',
    retry: true,
  },
  busy: {
    kind: 'busy',
    title: 'The camera is in use',
    message:
      'Another app or browser tab is using the camera. Close it (or the video call), then tap ' +
      'Try again.',
    retry: true,
  },
};

/** What to tell a person about an error from getUserMedia (or from openRearCamera). */
export function cameraProblem(err: unknown): CameraProblem {
  if (err instanceof CameraError) return err.problem;
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return PROBLEMS.denied;
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return PROBLEMS.missing;
    case 'NotReadableError':
    case 'TrackStartError':
      return PROBLEMS.busy;
    default: {
      const detail = err instanceof Error && err.message !== '' ? ` (${err.message})` : '';
      return {
        kind: 'other',
        title: 'The camera did not start',
        message: `The camera could not be started${detail}. Tap Try again, or type the envelope number below.`,
        retry: true,
      };
    }
  }
}

/**
 * Opens the rear camera. `facingMode` is a preference, not a demand: a laptop or a tablet with only
 * a front camera still gets a picture. 1280×720 is asked for because a label held at arm's length
 * needs the pixels; the scanner downscales anything larger.
 */
export async function openRearCamera(): Promise<MediaStream> {
  if (!window.isSecureContext) throw new CameraError(PROBLEMS.insecure);
  if (!('mediaDevices' in navigator) || !('getUserMedia' in navigator.mediaDevices)) {
    throw new CameraError(PROBLEMS.unsupported);
  }
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
  });
}

/** Stops every track, so the camera light goes off and another app may use it. */
export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

// The torch is not in TypeScript's DOM types yet (Image Capture spec, Chrome on Android).
interface TorchCapabilities extends MediaTrackCapabilities {
  torch?: boolean;
}

/** Whether this camera has a light Loupe may switch (Chrome on Android; not iPad Safari). */
export function hasTorch(track: MediaStreamTrack | undefined): boolean {
  if (track === undefined || !('getCapabilities' in track)) return false;
  const capabilities: TorchCapabilities = track.getCapabilities();
  return capabilities.torch === true;
}

export async function setTorch(track: MediaStreamTrack, on: boolean): Promise<void> {
  await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
}
