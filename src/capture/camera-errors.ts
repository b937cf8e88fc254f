/**
 * Everything that can stop the camera, with words for a tired parent and a way forward.
 * Pure, so the mapping is tested without a browser.
 */
export type CameraErrorCode = 'camera-denied' | 'no-camera' | 'camera-busy' | 'camera-unsupported' | 'camera-unknown';

export interface CameraProblem {
  code: CameraErrorCode;
  message: string;
  action: string;
}

const PROBLEMS: Readonly<Record<CameraErrorCode, Omit<CameraProblem, 'code'>>> = {
  'camera-denied': {
    message: 'CryDecode is not allowed to use the camera.',
    action: 'Allow the camera for this site in the browser’s site settings, then turn the camera on again. Listening works without it.',
  },
  'no-camera': {
    message: 'No camera was found on this device (or none that faces that way).',
    action: 'Connect a camera, or switch between the front and back camera, then try again.',
  },
  'camera-busy': {
    message: 'The camera is in use by another app or could not be started.',
    action: 'Close other apps or tabs that use the camera (video calls), then turn the camera on again.',
  },
  'camera-unsupported': {
    message: 'This browser cannot give CryDecode the camera here.',
    action: 'Open CryDecode in a recent Chrome, Edge, Firefox or Safari, over https or on localhost.',
  },
  'camera-unknown': {
    message: 'The camera could not start.',
    action: 'Turn the camera on again; if it fails again, reload the page.',
  },
};

const CODE_BY_EXCEPTION_NAME: Readonly<Record<string, CameraErrorCode>> = {
  NotAllowedError: 'camera-denied',
  PermissionDeniedError: 'camera-denied',
  SecurityError: 'camera-denied',
  NotFoundError: 'no-camera',
  DevicesNotFoundError: 'no-camera',
  OverconstrainedError: 'no-camera',
  NotReadableError: 'camera-busy',
  TrackStartError: 'camera-busy',
  AbortError: 'camera-busy',
  NotSupportedError: 'camera-unsupported',
};

export function cameraProblem(code: CameraErrorCode, detail?: string): CameraProblem {
  const p = PROBLEMS[code];
  return { code, message: detail ? `${p.message} (${detail})` : p.message, action: p.action };
}

export function isCameraProblem(value: unknown): value is CameraProblem {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string' && (value as { code: string }).code in PROBLEMS;
}

/** Turns whatever getUserMedia threw into a problem a person can act on. */
export function cameraProblemFromException(error: unknown): CameraProblem {
  if (isCameraProblem(error)) return error;
  const name = typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string' ? (error as { name: string }).name : '';
  const code = CODE_BY_EXCEPTION_NAME[name];
  if (code) return cameraProblem(code);
  return cameraProblem('camera-unknown', error instanceof Error && error.message ? error.message : undefined);
}
