/**
 * Cutting a recording into model windows. Pure, no browser or Node APIs: the app's "analyse a
 * recording" and the Node evaluation script cut clips the same way.
 *
 * Clips shorter than a window are looped, never zero-padded: a model trained or scored on
 * padded windows learns "padded = not a cry" (see RESEARCH.md), which is a shortcut, not hearing.
 */

/** Crossfade at each loop seam, in samples: 10 ms at 8 kHz, short enough not to blur a cry. */
export const LOOP_CROSSFADE_SAMPLES = 80;

/**
 * Repeats a clip until it is exactly `length` samples, crossfading each seam linearly so the
 * join does not click. A clip at least `length` long is returned as its first `length` samples.
 * @throws RangeError for an empty clip (there is nothing to loop)
 */
export function loopToLength(samples: Float32Array, length: number, crossfadeSamples = LOOP_CROSSFADE_SAMPLES): Float32Array {
  if (samples.length === 0) throw new RangeError('cannot loop an empty clip');
  if (samples.length >= length) return samples.slice(0, length);
  const fade = Math.max(0, Math.min(crossfadeSamples, Math.floor(samples.length / 4)));
  const out = new Float32Array(length);
  out.set(samples.subarray(0, Math.min(samples.length, length)));
  let written = samples.length;
  while (written < length) {
    // Overlap the next copy's first `fade` samples with the last `fade` written ones.
    const start = written - fade;
    for (let i = 0; i < samples.length && start + i < length; i++) {
      const incoming = samples[i] ?? 0;
      if (i < fade) {
        const w = (i + 1) / (fade + 1);
        out[start + i] = (out[start + i] ?? 0) * (1 - w) + incoming * w;
      } else {
        out[start + i] = incoming;
      }
    }
    written = start + samples.length;
  }
  return out;
}

/**
 * Start offsets of windows every `hopSamples`, plus one final window flush with the end so the
 * tail of the clip is never dropped. A clip no longer than one window gives [0].
 */
export function windowStarts(totalSamples: number, windowSamples: number, hopSamples: number): number[] {
  if (!(windowSamples > 0 && hopSamples > 0)) throw new RangeError('window and hop must be positive');
  if (totalSamples <= windowSamples) return [0];
  const starts: number[] = [];
  for (let start = 0; start + windowSamples <= totalSamples; start += hopSamples) starts.push(start);
  const last = totalSamples - windowSamples;
  if ((starts.at(-1) ?? -1) < last) starts.push(last);
  return starts;
}

/** The windows of a clip (views into one buffer), looping a clip shorter than one window. */
export function clipWindows(samples: Float32Array, windowSamples: number, hopSamples: number): Float32Array[] {
  const source = samples.length < windowSamples ? loopToLength(samples, windowSamples) : samples;
  return windowStarts(source.length, windowSamples, hopSamples).map((start) => source.subarray(start, start + windowSamples));
}
