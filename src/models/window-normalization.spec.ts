import { describe, expect, it } from 'vitest';
import { MIN_WINDOW_STD_DB, normalizeLogMelWindow } from './window-normalization.ts';

describe('normalizeLogMelWindow', () => {
  const frames = 6;
  const bands = 3;
  const window = Float32Array.from({ length: frames * bands }, (_, i) => -60 + 10 * Math.sin(i * 1.7) + (i % bands) * 20);

  it('removes each band’s mean and scales the window to unit standard deviation', () => {
    const out = normalizeLogMelWindow(window, frames, bands);
    for (let b = 0; b < bands; b++) {
      let mean = 0;
      for (let f = 0; f < frames; f++) mean += out[f * bands + b]! / frames;
      expect(mean).toBeCloseTo(0, 5);
    }
    const variance = out.reduce((s, v) => s + v * v, 0) / out.length;
    expect(variance).toBeCloseTo(1, 4);
  });

  it('ignores the recording level and any fixed coloration per band', () => {
    const coloured = window.map((v, i) => v - 25 + 7 * (i % bands));
    const a = normalizeLogMelWindow(window, frames, bands);
    const b = normalizeLogMelWindow(coloured, frames, bands);
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 4));
  });

  it('maps silence to zeros and does not blow up near-silent windows', () => {
    expect(normalizeLogMelWindow(new Float32Array(frames * bands).fill(-100), frames, bands).every((v) => v === 0)).toBe(true);
    const tiny = Float32Array.from({ length: frames * bands }, (_, i) => -100 + (i % 2) * 0.2);
    const out = normalizeLogMelWindow(tiny, frames, bands);
    expect(Math.max(...out.map(Math.abs))).toBeLessThanOrEqual(0.1 / MIN_WINDOW_STD_DB + 1e-6);
  });

  it('refuses a window whose size does not match its shape', () => {
    expect(() => normalizeLogMelWindow(new Float32Array(5), 2, 3)).toThrow(/5 values do not make 2 frames × 3 bands/);
    expect(() => normalizeLogMelWindow(new Float32Array(0), 0, 3)).toThrow(/bad shape/);
  });
});
