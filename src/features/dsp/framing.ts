/**
 * Number of whole frames in a signal. Frames are not centred or padded: frame i covers
 * samples [i·hop, i·hop + frameLength), so a streamed signal yields the same frames as a batch one.
 */
export function frameCount(signalLength: number, frameLength: number, hopLength: number): number {
  if (frameLength <= 0 || hopLength <= 0) throw new RangeError('frameCount: frame and hop must be positive');
  if (signalLength < frameLength) return 0;
  return 1 + Math.floor((signalLength - frameLength) / hopLength);
}

/** Copies frame `index` into `out` multiplied by `window` (out.length = window.length). */
export function windowedFrame(
  signal: Float32Array,
  index: number,
  hopLength: number,
  window: Float32Array,
  out: Float64Array,
): Float64Array {
  const start = index * hopLength;
  for (let n = 0; n < window.length; n++) out[n] = (signal[start + n] ?? 0) * window[n]!;
  return out;
}
