/**
 * Periodic Hann window (the STFT convention: w[n] = 0.5 − 0.5·cos(2πn/N)), so overlapping
 * frames at hop N/2 sum to a constant.
 */
export function hannWindow(length: number): Float32Array {
  const window = new Float32Array(length);
  for (let n = 0; n < length; n++) window[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / length);
  return window;
}
