/**
 * A cascade of two-pole resonators, one per formant: the classic formant-synthesizer filter that
 * the speech-like and the infant-like negatives both voice their sources through. A formant at or
 * above Nyquist (less its bandwidth) is skipped, so one table of formants serves every sample rate.
 */
export function formantFilter(
  x: Float32Array,
  formantsHz: readonly number[],
  bandwidthsHz: readonly number[],
  fallbackBandwidthHz: number,
  sampleRateHz: number,
): Float32Array {
  let y = x;
  formantsHz.forEach((f, k) => {
    const bandwidth = bandwidthsHz[k] ?? fallbackBandwidthHz;
    if (f >= sampleRateHz / 2 - bandwidth) return;
    const r = Math.exp((-Math.PI * bandwidth) / sampleRateHz);
    const a1 = -2 * r * Math.cos((2 * Math.PI * f) / sampleRateHz);
    const a2 = r * r;
    const gain = 1 + a1 + a2;
    const input = y;
    const out = new Float32Array(input.length);
    let y1 = 0;
    let y2 = 0;
    for (let i = 0; i < input.length; i++) {
      const v = gain * (input[i] ?? 0) - a1 * y1 - a2 * y2;
      out[i] = v;
      y2 = y1;
      y1 = v;
    }
    y = out;
  });
  return y;
}
