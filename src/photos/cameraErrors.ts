// What to tell a person when the camera will not open, by the error getUserMedia gave.

export type CameraProblem = 'refused' | 'missing' | 'busy' | 'unsupported' | 'failed';

const BY_NAME: Record<string, CameraProblem> = {
  NotAllowedError: 'refused',
  PermissionDeniedError: 'refused',
  SecurityError: 'refused',
  NotFoundError: 'missing',
  DevicesNotFoundError: 'missing',
  OverconstrainedError: 'missing',
  NotReadableError: 'busy',
  TrackStartError: 'busy',
  AbortError: 'busy',
  TypeError: 'unsupported',
};

export function cameraProblem(err: unknown): CameraProblem {
  const name =
    typeof err === 'object' && err !== null && 'name' in err && typeof err.name === 'string'
      ? err.name
      : '';
  return BY_NAME[name] ?? 'failed';
}

export const CAMERA_MESSAGES: Record<CameraProblem, string> = {
  refused:
    'Loupe is not allowed to use the camera. Allow the camera for this site in the browser’s settings, or use “Camera app” below.',
  missing: 'No camera was found on this tablet. Use “Pick existing photos” below.',
  busy: 'The camera is busy or not working: close other apps that use it and try again, or use “Camera app” below.',
  unsupported:
    'This browser cannot open the camera here (it needs https or the Loupe app). Use “Camera app” or “Pick existing photos” below.',
  failed: 'The camera could not be started. Use “Camera app” or “Pick existing photos” below.',
};

export function cameraErrorMessage(err: unknown): string {
  return CAMERA_MESSAGES[cameraProblem(err)];
}
