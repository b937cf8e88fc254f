/** Level below which a signal counts as digital silence, in dBFS. */
export const SILENCE_DBFS = -120;

/** Root-mean-square level in dB relative to a full-scale square wave (±1); SILENCE_DBFS for silence. */
export function rmsDbfs(signal: Float32Array): number {
  if (signal.length === 0) return SILENCE_DBFS;
  let sum = 0;
  for (let n = 0; n < signal.length; n++) sum += signal[n]! * signal[n]!;
  const rms = Math.sqrt(sum / signal.length);
  return rms > 0 ? Math.max(SILENCE_DBFS, 20 * Math.log10(rms)) : SILENCE_DBFS;
}

/**
 * Scales a signal to `targetDbfs` RMS, with the gain capped at `maxGainDb` so near-silence is not
 * blown up into loud noise (a quiet room must stay quiet to the models).
 */
export function normalizeRms(signal: Float32Array, targetDbfs: number, maxGainDb = 40): Float32Array {
  const gainDb = Math.min(targetDbfs - rmsDbfs(signal), maxGainDb);
  const gain = 10 ** (gainDb / 20);
  const out = new Float32Array(signal.length);
  for (let n = 0; n < signal.length; n++) out[n] = signal[n]! * gain;
  return out;
}

/** Scales a signal so its largest absolute sample is `peak` (silence stays silence). */
export function normalizePeak(signal: Float32Array, peak = 1): Float32Array {
  let max = 0;
  for (let n = 0; n < signal.length; n++) max = Math.max(max, Math.abs(signal[n]!));
  const out = new Float32Array(signal.length);
  if (max === 0) return out;
  const gain = peak / max;
  for (let n = 0; n < signal.length; n++) out[n] = signal[n]! * gain;
  return out;
}

/** Averages interleaved or planar channels to mono. */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  const first = channels[0];
  if (!first) return new Float32Array(0);
  if (channels.length === 1) return first.slice();
  const out = new Float32Array(first.length);
  for (const channel of channels) {
    for (let n = 0; n < out.length; n++) out[n] = out[n]! + (channel[n] ?? 0) / channels.length;
  }
  return out;
}
