import type { PredictionEvent, ShippedThresholds } from '../protocol/audio-worker-messages.ts';
import type { FaceReadingInput } from './face-reading.ts';
import type { CameraSnapshot, ListeningSnapshot, Subscribable } from './session-snapshot.ts';

/*
 * The seams the monitor session listens on, apart from the sessions that implement them: they
 * pull in no worker or capture code, so the monitor session is unit-tested in Node with fakes.
 */

/** What the monitor session needs from a listening session (a fake in unit tests). */
export interface ListeningSource extends Subscribable<ListeningSnapshot> {
  /** Every prediction of the current session, on the session clock (runs on across worker restarts). */
  onPrediction(listener: (prediction: PredictionEvent) => void): () => void;
  /** The thresholds the loaded model carries, each time a worker reports its models ready. */
  onThresholds(listener: (thresholds: ShippedThresholds) => void): () => void;
}

/** What the monitor session needs from a camera session (a fake in unit tests). */
export interface CameraSource extends Subscribable<CameraSnapshot> {
  /** Each face reading of the running camera session, with its capture time. */
  onFaceReading(listener: (reading: FaceReadingInput) => void): () => void;
  /** The camera stopped (turned off, switched or closed): earlier readings no longer describe the baby. */
  onStop(listener: () => void): () => void;
}
