import type { VisionResultEvent } from '../../protocol/vision-worker-messages.ts';
import type { FaceReadingInput } from './monitor-state.svelte.ts';

/**
 * What one vision result tells the monitor. A face counts as seen only in a picture good enough
 * to read (status "face-visible"), the same rule the worker applies before running a need head;
 * a dark, distant or blurry face is left out of fusion rather than voting.
 */
export function faceReadingFromVision(
  result: Pick<VisionResultEvent, 'status' | 'needProbabilities'>,
  modelVersions: Readonly<Record<string, string>>,
): FaceReadingInput {
  const faceVisible = result.status === 'face-visible';
  return { faceVisible, needProbabilities: faceVisible ? result.needProbabilities : null, modelVersions };
}
