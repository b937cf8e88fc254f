import type { WorkerFailure } from '../capture/supervised-worker.ts';

/** What the parent is told about the sound analyser's own health (not the microphone's). */
export type WorkerNoticeKind = 'restarting' | 'restarted' | 'gave-up';

export interface WorkerNotice {
  kind: WorkerNoticeKind;
  message: string;
}

/** Said while the cry model cannot be used and another try is coming. */
export const MODEL_RETRYING_REASON = 'The cry model could not load: listening continues, without cry detection or need estimates. Trying again…';

/** Said once the tries are used up. */
export const MODEL_GAVE_UP_REASON =
  'The cry model could not load: listening continues, but crying is not detected and no alert will come. Tap Retry. Reload the page to try again if that does not help.';

/**
 * Said beside "Not listening" once the worker itself is gone for good (its script missing, or
 * crashing on every start): nothing listens then, so "listening continues" would be false.
 */
export const WORKER_GAVE_UP_REASON = 'Sound analysis is not running, so listening has stopped. Reload the page to start it again; your history is safe.';

/** The notice for a crashed or hung worker (a model that failed to load speaks through the model status instead). */
export function noticeForFailure(failure: WorkerFailure): WorkerNotice {
  if (failure.restartInMs === null) {
    return { kind: 'gave-up', message: 'Sound analysis keeps failing and was stopped. Reload the page to start it again; your history is safe.' };
  }
  return { kind: 'restarting', message: 'Sound analysis hit a problem and is restarting…' };
}

/** The notice once a replacement worker is running. */
export function noticeForRestart(wasListening: boolean): WorkerNotice {
  return {
    kind: 'restarted',
    message: wasListening ? 'Listening restarted after a problem.' : 'Sound analysis restarted after a problem. You can start listening.',
  };
}
