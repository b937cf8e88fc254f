import { captureProblem } from './capture-errors.ts';

/**
 * Raw microphone sound: echo cancellation, noise suppression and automatic gain all reshape a
 * cry (they treat it as noise or squash its loudness), so all three are off.
 */
export const MICROPHONE_CONSTRAINTS: MediaStreamConstraints = {
  audio: {
    echoCancellation: false,
    noiseSuppression: false,
    autoGainControl: false,
    channelCount: 1,
  },
  video: false,
};

/** Asks for the microphone; rejects with the browser's DOMException, or a CaptureProblem when there is no API. */
export async function openMicrophone(): Promise<MediaStream> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices || typeof navigator.mediaDevices.getUserMedia !== 'function') {
    throw captureProblem('unsupported');
  }
  return navigator.mediaDevices.getUserMedia(MICROPHONE_CONSTRAINTS);
}
