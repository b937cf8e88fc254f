import { describe, expect, it } from 'vitest';
import { ENVELOPE_SCALE_DB, INPUT_CHANNELS, MIN_WINDOW_STD_DB, normalizeLogMelWindow } from './window-normalization.ts';

const channel = (values: Float32Array, c: number) => values.filter((_, i) => i % INPUT_CHANNELS === c);

describe('normalizeLogMelWindow', () => {
  const frames = 6;
  const bands = 3;
  const window = Float32Array.from({ length: frames * bands }, (_, i) => -60 + 10 * Math.sin(i * 1.7) + (i % bands) * 20);

  it('channel 0: removes each band’s mean and scales the window to unit standard deviation', () => {
    const all = normalizeLogMelWindow(window, frames, bands);
    expect(all.length).toBe(frames * bands * INPUT_CHANNELS);
    const out = channel(all, 0);
    for (let b = 0; b < bands; b++) {
      let mean = 0;
      for (let f = 0; f < frames; f++) mean += out[f * bands + b]! / frames;
      expect(mean).toBeCloseTo(0, 5);
    }
    const variance = out.reduce((s, v) => s + v * v, 0) / out.length;
    expect(variance).toBeCloseTo(1, 4);
  });

  it('channel 0 ignores fixed coloration per band; neither channel sees the recording level', () => {
    const coloured = window.map((v, i) => v + 7 * (i % bands));
    const quieter = window.map((v) => v - 25);
    const a = normalizeLogMelWindow(window, frames, bands);
    channel(normalizeLogMelWindow(coloured, frames, bands), 0).forEach((v, i) => expect(v).toBeCloseTo(channel(a, 0)[i]!, 4));
    normalizeLogMelWindow(quieter, frames, bands).forEach((v, i) => expect(v).toBeCloseTo(a[i]!, 4));
  });

  it('channel 1 is the window’s spectral envelope around its mean level, the same in every frame', () => {
    const envelope = channel(normalizeLogMelWindow(window, frames, bands), 1);
    const bandMean = (b: number) => Array.from({ length: frames }, (_, f) => window[f * bands + b]!).reduce((s, v) => s + v, 0) / frames;
    const level = Array.from({ length: bands }, (_, b) => bandMean(b)).reduce((s, v) => s + v, 0) / bands;
    for (let f = 0; f < frames; f++) {
      for (let b = 0; b < bands; b++) expect(envelope[f * bands + b]).toBeCloseTo((bandMean(b) - level) / ENVELOPE_SCALE_DB, 5);
    }
  });

  it('maps silence to zeros and does not blow up near-silent windows', () => {
    expect(normalizeLogMelWindow(new Float32Array(frames * bands).fill(-100), frames, bands).every((v) => v === 0)).toBe(true);
    const tiny = Float32Array.from({ length: frames * bands }, (_, i) => -100 + (i % 2) * 0.2);
    const out = channel(normalizeLogMelWindow(tiny, frames, bands), 0);
    expect(Math.max(...out.map(Math.abs))).toBeLessThanOrEqual(0.1 / MIN_WINDOW_STD_DB + 1e-6);
  });

  it('refuses a window whose size does not match its shape', () => {
    expect(() => normalizeLogMelWindow(new Float32Array(5), 2, 3)).toThrow(/5 values do not make 2 frames × 3 bands/);
    expect(() => normalizeLogMelWindow(new Float32Array(0), 0, 3)).toThrow(/bad shape/);
  });
});
