import { fftInPlace } from './fft.ts';

/**
 * One-sided power spectrum |X[k]|² for k = 0 … N/2 of a real frame whose length N is a power
 * of two. Unnormalised (the librosa `power=2` convention) so values are easy to check by hand.
 */
export function powerSpectrum(frame: Float32Array | Float64Array): Float32Array {
  const n = frame.length;
  const real = Float64Array.from(frame);
  const imag = new Float64Array(n);
  fftInPlace(real, imag);
  const bins = (n >> 1) + 1;
  const power = new Float32Array(bins);
  for (let k = 0; k < bins; k++) power[k] = real[k]! * real[k]! + imag[k]! * imag[k]!;
  return power;
}
