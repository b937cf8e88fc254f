/** Deterministic signals for the DSP tests (kept out of the module's public index). */
export function sine(frequencyHz: number, sampleRateHz: number, length: number, amplitude = 1): Float32Array {
  const out = new Float32Array(length);
  for (let n = 0; n < length; n++) out[n] = amplitude * Math.sin((2 * Math.PI * frequencyHz * n) / sampleRateHz);
  return out;
}

/** mulberry32: a tiny seeded generator so "random" test inputs are the same on every run. */
export function seededNoise(length: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(length);
  for (let n = 0; n < length; n++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[n] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

/** Direct O(N²) DFT power |X[k]|², k = 0 … N/2: the independent reference for the FFT path. */
export function directDftPower(frame: ArrayLike<number>): Float64Array {
  const n = frame.length;
  const bins = Math.floor(n / 2) + 1;
  const power = new Float64Array(bins);
  for (let k = 0; k < bins; k++) {
    let re = 0;
    let im = 0;
    for (let t = 0; t < n; t++) {
      re += frame[t]! * Math.cos((2 * Math.PI * k * t) / n);
      im -= frame[t]! * Math.sin((2 * Math.PI * k * t) / n);
    }
    power[k] = re * re + im * im;
  }
  return power;
}

/** Index of the largest value. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
