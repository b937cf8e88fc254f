import { describe, expect, it } from 'vitest';
import { createRandom } from '../lib/random.ts';
import { cropFrames, mixAtSnrDb, randomCrop, specAugment } from './log-mel-augment.ts';

const spectrogram = (frames: number, bands: number) => ({
  data: Float32Array.from({ length: frames * bands }, (_, i) => i),
  frames,
  melBands: bands,
});

describe('log-Mel augmentation', () => {
  it('crops whole frames and refuses crops outside the clip', () => {
    const s = spectrogram(10, 3);
    expect(Array.from(cropFrames(s, 2, 2))).toEqual([6, 7, 8, 9, 10, 11]);
    expect(() => cropFrames(s, 9, 2)).toThrow(/outside/);
    const crop = randomCrop(s, 4, createRandom(1));
    expect(crop.length).toBe(12);
    expect((crop[0] ?? -1) % 3).toBe(0);
  });

  it('mixes in the power domain at the requested SNR', () => {
    const signal = new Float32Array(8).fill(-20); // power 0.01 everywhere
    const noise = new Float32Array(8).fill(-40); // power 0.0001
    const mixed = mixAtSnrDb(signal, noise, 10); // noise rescaled to power 0.001
    for (const value of mixed) expect(value).toBeCloseTo(10 * Math.log10(0.011), 4);
    // 0 dB SNR doubles the power: +3.01 dB
    for (const value of mixAtSnrDb(signal, noise, 0)) expect(value).toBeCloseTo(-20 + 10 * Math.log10(2), 4);
  });

  it('masks one run of frames (to the band means) and one run of bands (to the mean level), leaving the input untouched', () => {
    const frames = 20;
    const bands = 8;
    // Band b is b dB in even frames and b + 2 dB in odd ones: band means b + 1, overall mean 4.5.
    const input = Float32Array.from({ length: frames * bands }, (_, i) => (i % bands) + 2 * (Math.floor(i / bands) % 2));
    const copy = input.slice();
    const out = specAugment(input, frames, bands, createRandom(3), { maxTimeMaskFrames: 5, maxBandMaskBands: 3, probability: 1 });
    expect(Array.from(input)).toEqual(Array.from(copy));
    const isBandMeans = (f: number) => Array.from({ length: bands }, (_, b) => out[f * bands + b] === b + 1 || out[f * bands + b] === 4.5).every(Boolean);
    const zeroFrames = Array.from({ length: frames }, (_, f) => isBandMeans(f)).filter(Boolean).length;
    const zeroBands = Array.from({ length: bands }, (_, b) => Array.from({ length: frames }, (_, f) => out[f * bands + b]).every((v) => v === 4.5)).filter(Boolean).length;
    expect(zeroFrames).toBeGreaterThanOrEqual(1);
    expect(zeroFrames).toBeLessThanOrEqual(5);
    expect(zeroBands).toBeGreaterThanOrEqual(1);
    expect(zeroBands).toBeLessThanOrEqual(3);
    const none = specAugment(input, frames, bands, createRandom(3), { maxTimeMaskFrames: 5, maxBandMaskBands: 3, probability: 0 });
    expect(Array.from(none)).toEqual(Array.from(input));
  });
});
