import { describe, expect, it } from 'vitest';
import { createSampleRing } from './sample-ring.ts';

function range(from: number, to: number): Float32Array {
  return Float32Array.from({ length: to - from }, (_, i) => from + i);
}

describe('createSampleRing', () => {
  it('returns the most recent samples in order across wrap-arounds', () => {
    const ring = createSampleRing(10);
    let next = 0;
    for (const size of [3, 4, 7, 1, 9, 2]) {
      ring.push(range(next, next + size));
      next += size;
      const count = Math.min(ring.size, 6);
      expect(ring.latest(count)).toEqual(range(next - count, next));
    }
    expect(ring.size).toBe(10);
    expect(ring.latest(10)).toEqual(range(next - 10, next));
  });

  it('keeps only the newest samples of a chunk longer than its capacity', () => {
    const ring = createSampleRing(4);
    ring.push(range(0, 2));
    ring.push(range(2, 13));
    expect(ring.latest(4)).toEqual(range(9, 13));
  });

  it('answers null when asked for more than it holds, and rejects bad sizes', () => {
    const ring = createSampleRing(8);
    ring.push(range(0, 5));
    expect(ring.latest(6)).toBeNull();
    expect(ring.latest(0)).toEqual(new Float32Array(0));
    expect(() => ring.latest(-1)).toThrow(RangeError);
    expect(() => createSampleRing(0)).toThrow(RangeError);
  });

  it('gives a window that ends some samples before the newest, across the wrap', () => {
    const ring = createSampleRing(6);
    ring.push(range(0, 9));
    expect(ring.latest(3, 2)).toEqual(range(4, 7));
    expect(ring.latest(4, 2)).toEqual(range(3, 7));
    expect(ring.latest(5, 2)).toBeNull();
    expect(() => ring.latest(2, -1)).toThrow(RangeError);
  });
});
