/**
 * First-order high-pass y[n] = x[n] − a·x[n−1]. It lifts the weak upper harmonics of a cry
 * relative to the strong fundamental. `previousSample` carries state across streamed chunks.
 */
export function preEmphasize(signal: Float32Array, coefficient: number, previousSample = 0): Float32Array {
  const out = new Float32Array(signal.length);
  let previous = previousSample;
  for (let n = 0; n < signal.length; n++) {
    const sample = signal[n]!;
    out[n] = sample - coefficient * previous;
    previous = sample;
  }
  return out;
}
