/**
 * Lengthening a short clip by looping it, for training data (pure, no browser or Node APIs).
 * Clips shorter than a window are looped, never zero-padded: a model trained on padded windows
 * learns "padded = not a cry" (see RESEARCH.md), which is a shortcut, not hearing. Cutting a
 * recording into model windows lives in recording-windows.ts, shared by the app and evaluation.
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
