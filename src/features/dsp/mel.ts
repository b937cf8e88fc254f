/** HTK Mel scale: m = 2595·log10(1 + f/700). */
export function hzToMel(frequencyHz: number): number {
  return 2595 * Math.log10(1 + frequencyHz / 700);
}

export function melToHz(mel: number): number {
  return 700 * (10 ** (mel / 2595) - 1);
}

export interface MelFilterBankOptions {
  sampleRateHz: number;
  /** FFT size in samples; the bank has fftSize/2 + 1 weights per band. */
  fftSize: number;
  melBands: number;
  minFrequencyHz: number;
  maxFrequencyHz: number;
}

/**
 * Triangular filters with peaks of 1, centres equally spaced in Mel between the band edges.
 * Returns melBands rows of fftSize/2 + 1 weights. Unit-peak (not unit-area) keeps a pure tone's
 * band energy independent of band width, which makes the log-Mel values interpretable.
 */
export function melFilterBank(options: MelFilterBankOptions): Float32Array[] {
  const { sampleRateHz, fftSize, melBands, minFrequencyHz, maxFrequencyHz } = options;
  if (maxFrequencyHz > sampleRateHz / 2) throw new RangeError('melFilterBank: maxFrequencyHz above Nyquist');
  if (minFrequencyHz < 0 || minFrequencyHz >= maxFrequencyHz) throw new RangeError('melFilterBank: bad band edges');
  const bins = (fftSize >> 1) + 1;
  const minMel = hzToMel(minFrequencyHz);
  const maxMel = hzToMel(maxFrequencyHz);
  const edgesHz = Array.from({ length: melBands + 2 }, (_, i) => melToHz(minMel + ((maxMel - minMel) * i) / (melBands + 1)));
  const bank: Float32Array[] = [];
  for (let band = 0; band < melBands; band++) {
    const lower = edgesHz[band]!;
    const centre = edgesHz[band + 1]!;
    const upper = edgesHz[band + 2]!;
    const weights = new Float32Array(bins);
    for (let k = 0; k < bins; k++) {
      const frequency = (k * sampleRateHz) / fftSize;
      const rising = (frequency - lower) / (centre - lower);
      const falling = (upper - frequency) / (upper - centre);
      weights[k] = Math.max(0, Math.min(rising, falling));
    }
    bank.push(weights);
  }
  return bank;
}
