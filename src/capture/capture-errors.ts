/**
 * Everything that can stop the app from hearing, each with words for a tired parent and a way
 * forward. Pure, so the mapping is tested without a browser.
 */
export type CaptureErrorCode =
  | 'permission-denied'
  | 'no-microphone'
  | 'microphone-busy'
  | 'unsupported'
  | 'microphone-lost'
  | 'microphone-silent'
  | 'audio-suspended'
  | 'analysis-failed'
  | 'unknown';

/** A problem with the microphone, explained: `message` says what happened, `action` what to do. */
export class CaptureProblem extends Error {
  override readonly name = 'CaptureProblem';
  constructor(
    readonly code: CaptureErrorCode,
    message: string,
    readonly action: string,
  ) {
    super(message);
  }
}

const PROBLEMS: Readonly<Record<CaptureErrorCode, { message: string; action: string }>> = {
  'permission-denied': {
    message: 'CryDecode is not allowed to use the microphone.',
    action: 'Allow the microphone for this site (tap the icon next to the address, or open the browser’s site settings), then tap Start listening again.',
  },
  'no-microphone': {
    message: 'No microphone was found on this device.',
    action: 'Plug in or switch on a microphone (or headset), then tap Start listening.',
  },
  'microphone-busy': {
    message: 'The microphone is busy or could not be started.',
    action: 'Close other apps or tabs that use the microphone (calls, recorders), then tap Start listening.',
  },
  unsupported: {
    message: 'This browser cannot give CryDecode the microphone here.',
    action: 'Open CryDecode in a recent Chrome, Edge, Firefox or Safari, over https or on this device’s localhost address.',
  },
  'microphone-lost': {
    message: 'The microphone stopped: it was unplugged, switched off, taken by another app or its permission was withdrawn.',
    action: 'Reconnect it (or allow the microphone again), then tap Start listening to carry on.',
  },
  'microphone-silent': {
    message: 'The microphone stopped sending sound: it was muted, switched off or stopped, so crying cannot be heard.',
    action: 'Unmute or reconnect the microphone, then tap Start listening to carry on.',
  },
  'audio-suspended': {
    message: 'The browser is holding audio until you tap the screen.',
    action: 'Tap to start audio.',
  },
  'analysis-failed': {
    message: 'Analysing the sound failed.',
    // Shown once the analyser gave up and listening stopped: no Stop button is there to tap.
    action: 'Reload the page to start sound analysis again; your history is safe.',
  },
  unknown: {
    message: 'Listening could not start.',
    action: 'Tap Start listening to try again; if it fails again, reload the page.',
  },
};

export function captureProblem(code: CaptureErrorCode, detail?: string): CaptureProblem {
  const problem = PROBLEMS[code];
  return new CaptureProblem(code, detail ? `${problem.message} (${detail})` : problem.message, problem.action);
}

/** Names of the DOMExceptions getUserMedia and the Web Audio API throw, mapped to problems. */
const CODE_BY_EXCEPTION_NAME: Readonly<Record<string, CaptureErrorCode>> = {
  NotAllowedError: 'permission-denied',
  PermissionDeniedError: 'permission-denied',
  SecurityError: 'permission-denied',
  NotFoundError: 'no-microphone',
  DevicesNotFoundError: 'no-microphone',
  OverconstrainedError: 'no-microphone',
  NotReadableError: 'microphone-busy',
  TrackStartError: 'microphone-busy',
  AbortError: 'microphone-busy',
  NotSupportedError: 'unsupported',
  TypeError: 'unsupported',
};

/** Turns whatever starting the microphone threw into a problem a person can act on. */
export function problemFromException(error: unknown): CaptureProblem {
  if (error instanceof CaptureProblem) return error;
  const name = typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string' ? (error as { name: string }).name : '';
  const code = CODE_BY_EXCEPTION_NAME[name];
  if (code) return captureProblem(code);
  const detail = error instanceof Error && error.message ? error.message : undefined;
  return captureProblem('unknown', detail);
}
