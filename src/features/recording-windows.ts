import { AUDIO_FEATURES, windowHopSamples, windowSamples, type AudioFeatureConfig } from './audio-config.ts';

/** One model window over a recording, in samples at the analysis rate. */
export interface WindowBounds {
  /** First sample (inclusive). */
  readonly start: number;
  /** One past the last sample; may be less than start + window length only for a looped short clip. */
  readonly end: number;
}

/**
 * The model windows over a whole recording, on the one window grid training uses
 * (scripts/train/window-sampling.ts): window k starts at k·windowHopSamples, and when the hop does
 * not land on the end, one last window starts at the last frame position that still holds a whole
 * window, so the final seconds are not ignored. Every start is a whole number of frame hops, so
 * each window's log-Mel frames are the recording's own frames. A recording shorter than one window
 * gets a single window over all of it (looped later, never zero-padded).
 */
export function recordingWindowBounds(sampleCount: number, config: AudioFeatureConfig = AUDIO_FEATURES): WindowBounds[] {
  if (sampleCount <= 0) return [];
  const length = windowSamples(config);
  const hop = windowHopSamples(config);
  if (sampleCount <= length) return [{ start: 0, end: sampleCount }];
  const bounds: WindowBounds[] = [];
  for (let start = 0; start + length <= sampleCount; start += hop) bounds.push({ start, end: start + length });
  const lastStart = Math.floor((sampleCount - length) / config.hopLengthSamples) * config.hopLengthSamples;
  if ((bounds.at(-1)?.start ?? -1) < lastStart) bounds.push({ start: lastStart, end: lastStart + length });
  return bounds;
}

/**
 * The samples of one window, exactly `windowSamples` long. A short clip is repeated end to end
 * to fill it: zero padding would teach nothing but "padded = silence" (see RESEARCH.md).
 */
export function windowSamplesOf(samples: Float32Array, bounds: WindowBounds, windowSamples: number): Float32Array {
  const span = bounds.end - bounds.start;
  if (span >= windowSamples) return samples.subarray(bounds.start, bounds.start + windowSamples);
  if (span <= 0) throw new RangeError('recording window: empty window');
  const out = new Float32Array(windowSamples);
  const clip = samples.subarray(bounds.start, bounds.end);
  for (let offset = 0; offset < windowSamples; offset += span) out.set(clip.subarray(0, Math.min(span, windowSamples - offset)), offset);
  return out;
}
