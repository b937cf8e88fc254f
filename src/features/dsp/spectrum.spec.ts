import Meyda from 'meyda';
import { describe, expect, it } from 'vitest';
import { fftInPlace } from './fft.ts';
import { powerSpectrum } from './spectrum.ts';
import { directDftPower, seededNoise, sine } from './test-signals.ts';
import { hannWindow } from './window.ts';

describe('powerSpectrum', () => {
  it('matches a direct DFT on random frames of several sizes', () => {
    for (const size of [8, 64, 256]) {
      const frame = seededNoise(size, size);
      const fast = powerSpectrum(frame);
      const reference = directDftPower(frame);
      expect(fast.length).toBe(size / 2 + 1);
      for (let k = 0; k < reference.length; k++) expect(fast[k]).toBeCloseTo(reference[k]!, 2);
    }
  });

  it('agrees with meyda on the bins meyda reports', () => {
    const frame = seededNoise(256, 7);
    Meyda.bufferSize = 256;
    Meyda.windowingFunction = 'rect';
    const meyda = Meyda.extract('powerSpectrum', frame) as unknown as Float32Array;
    const ours = powerSpectrum(frame);
    for (let k = 0; k < meyda.length; k++) expect(ours[k]! / meyda[k]!).toBeCloseTo(1, 3);
  });

  it('puts a bin-centred tone in its bin with power (N·A/2)²', () => {
    const size = 256;
    const frame = sine((8000 * 32) / size, 8000, size);
    const power = powerSpectrum(frame);
    expect(power[32]).toBeCloseTo((size / 2) ** 2, 0);
    expect(power[31]! + power[33]!).toBeLessThan(1e-6);
  });

  it('rejects lengths that are not a power of two', () => {
    expect(() => fftInPlace(new Float64Array(6), new Float64Array(6))).toThrow(/power of two/);
  });
});

describe('hannWindow', () => {
  it('is periodic: zero at 0, one at N/2, and overlapping halves sum to one', () => {
    const window = hannWindow(256);
    expect(window[0]).toBe(0);
    expect(window[128]).toBeCloseTo(1, 12);
    for (let n = 0; n < 128; n++) expect(window[n]! + window[n + 128]!).toBeCloseTo(1, 6);
  });
});
