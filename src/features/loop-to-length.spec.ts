import { describe, expect, it } from 'vitest';
import { loopToLength } from './loop-to-length.ts';

describe('loopToLength', () => {
  it('repeats without crossfade exactly', () => {
    expect(Array.from(loopToLength(Float32Array.from([1, 2, 3]), 8, 0))).toEqual([1, 2, 3, 1, 2, 3, 1, 2]);
  });

  it('never leaves a run of zeros where a loud clip is looped (no padding)', () => {
    const clip = new Float32Array(1000).map((_, i) => 0.5 + 0.4 * Math.sin(i / 10));
    const out = loopToLength(clip, 16000);
    expect(out.length).toBe(16000);
    expect(Math.min(...Array.from(out))).toBeGreaterThan(0.09);
  });

  it('crossfades the seam linearly', () => {
    // clip of 8 ones then 8 threes; fade 2: seam blends the last two 3s with the first two 1s.
    const clip = Float32Array.from([...new Array<number>(8).fill(1), ...new Array<number>(8).fill(3)]);
    const out = loopToLength(clip, 20, 2);
    expect(out[14]).toBeCloseTo(3 * (2 / 3) + 1 * (1 / 3), 6);
    expect(out[15]).toBeCloseTo(3 * (1 / 3) + 1 * (2 / 3), 6);
    expect(out[16]).toBe(1);
  });

  it('truncates a long clip and refuses an empty one', () => {
    expect(Array.from(loopToLength(Float32Array.from([1, 2, 3, 4]), 2))).toEqual([1, 2]);
    expect(() => loopToLength(new Float32Array(0), 10)).toThrow(/empty clip/);
  });
});
