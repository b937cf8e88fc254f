import { describe, expect, it } from 'vitest';
import { distressScore, normalizeTrunkPixels, TRUNK_INPUT_SIZE_PX, TRUNK_MEAN_RGB } from './face-trunk.ts';

describe('distressScore', () => {
  it('sums sad, angry, fearful and disgusted only', () => {
    expect(distressScore([0.1, 0.1, 0.2, 0.1, 0.05, 0.05, 0.4])).toBeCloseTo(0.4, 6);
  });
  it('is 0 for a calm face and 1 for an all-negative one', () => {
    expect(distressScore([0.5, 0.5, 0, 0, 0, 0, 0])).toBe(0);
    expect(distressScore([0, 0, 0.25, 0.25, 0.25, 0.25, 0])).toBeCloseTo(1, 6);
  });
  it('rejects a vector of the wrong length', () => {
    expect(() => distressScore([1, 0])).toThrow(/7 expression probabilities/);
  });
});

describe('normalizeTrunkPixels', () => {
  it('subtracts the per-channel mean and scales by 1/255, dropping alpha', () => {
    const n = TRUNK_INPUT_SIZE_PX * TRUNK_INPUT_SIZE_PX;
    const rgba = new Uint8ClampedArray(n * 4).fill(255);
    const out = normalizeTrunkPixels(rgba, 4);
    expect(out).toHaveLength(n * 3);
    expect(out[0]).toBeCloseTo((255 - TRUNK_MEAN_RGB[0]) / 255, 6);
    expect(out[2]).toBeCloseTo((255 - TRUNK_MEAN_RGB[2]) / 255, 6);
  });
  it('rejects a wrongly sized image', () => {
    expect(() => normalizeTrunkPixels(new Uint8Array(10), 3)).toThrow(/112×112/);
  });
});
