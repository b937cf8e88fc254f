import { AUDIO_FEATURES, type AudioFeatureConfig } from './audio-config.ts';

/** One model window over a recording, in samples at the analysis rate. */
export interface WindowBounds {
  /** First sample (inclusive). */
  readonly start: number;
  /** One past the last sample; may be less than start + window length only for a looped short clip. */
  readonly end: number;
}

/**
 * The model windows over a whole recording, placed as the live monitor places them: the first
 * ends windowSeconds in, then one every windowHopSeconds. When the hop does not land on the end,
 * one last window ends exactly at the end, so the final seconds are not ignored. A recording
 * shorter than one window gets a single window over all of it (looped later, never zero-padded).
 */
export function recordingWindowBounds(sampleCount: number, config: AudioFeatureConfig = AUDIO_FEATURES): WindowBounds[] {
  if (sampleCount <= 0) return [];
  const windowSamples = Math.round(config.windowSeconds * config.sampleRateHz);
  const hopSamples = Math.round(config.windowHopSeconds * config.sampleRateHz);
  if (sampleCount <= windowSamples) return [{ start: 0, end: sampleCount }];
  const bounds: WindowBounds[] = [];
  let end = windowSamples;
  for (; end <= sampleCount; end += hopSamples) bounds.push({ start: end - windowSamples, end });
  const lastEnd = bounds.at(-1)?.end ?? 0;
  if (lastEnd < sampleCount) bounds.push({ start: sampleCount - windowSamples, end: sampleCount });
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
