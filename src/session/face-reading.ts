import type { NeedProbabilities } from '../domain/needs.ts';
import type { VisionResultEvent } from '../protocol/vision-worker-messages.ts';

/** A face reading as the monitor fuses it. */
export interface FaceReadingInput {
  faceVisible: boolean;
  /** Null while no face need head is trained: the face is then seen but uninformed. */
  needProbabilities: NeedProbabilities | null;
  /** When the frame was captured, ms on the performance clock; the monitor maps it onto the audio stream clock. */
  capturedAtMs: number;
  /** Version tags of the vision models behind the reading, recorded with episodes the face contributed to. */
  modelVersions: Readonly<Record<string, string>>;
}

/**
 * What one vision result tells the monitor. A face counts as seen only in a picture good enough
 * to read (status "face-visible"), the same rule the worker applies before running a need head;
 * a dark, distant or blurry face is left out of fusion rather than voting.
 */
export function faceReadingFromVision(
  result: Pick<VisionResultEvent, 'status' | 'needProbabilities' | 'timestampMs'>,
  modelVersions: Readonly<Record<string, string>>,
): FaceReadingInput {
  const faceVisible = result.status === 'face-visible';
  return { faceVisible, needProbabilities: faceVisible ? result.needProbabilities : null, capturedAtMs: result.timestampMs, modelVersions };
}
