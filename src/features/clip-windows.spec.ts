import { describe, expect, it } from 'vitest';
import { clipWindows, loopToLength, windowStarts } from './clip-windows.ts';

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

describe('windowStarts and clipWindows', () => {
  it('steps by the hop and adds a last window flush with the end', () => {
    expect(windowStarts(100, 40, 20)).toEqual([0, 20, 40, 60]);
    expect(windowStarts(105, 40, 20)).toEqual([0, 20, 40, 60, 65]);
    expect(windowStarts(30, 40, 20)).toEqual([0]);
  });

  it('loops a short clip to one full window', () => {
    const windows = clipWindows(Float32Array.from([1, -1, 0.5]), 10, 5);
    expect(windows).toHaveLength(1);
    expect(windows[0]?.length).toBe(10);
    expect(Array.from(windows[0] ?? []).filter((v) => v === 0)).toHaveLength(0);
  });

  it('returns windows of the requested length covering a long clip', () => {
    const samples = new Float32Array(16000 * 3).map((_, i) => i);
    const windows = clipWindows(samples, 16000, 4000);
    expect(windows.map((w) => w[0])).toEqual([0, 4000, 8000, 12000, 16000, 20000, 24000, 28000, 32000]);
    expect(windows.every((w) => w.length === 16000)).toBe(true);
  });
});
