import { describe, expect, it } from 'vitest';
import { percentile } from './percentile.ts';

describe('percentile', () => {
  it('interpolates between order statistics regardless of input order', () => {
    expect(percentile([4, 1, 3, 2, 5], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10, 20], 0.95)).toBeCloseTo(19.5, 9);
  });
  it('is NaN for no values and rejects a bad quantile', () => {
    expect(percentile([], 0.5)).toBeNaN();
    expect(() => percentile([1], 2)).toThrow(/between 0 and 1/);
  });
});
