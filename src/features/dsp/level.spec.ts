import { describe, expect, it } from 'vitest';
import { mixToMono, normalizePeak, normalizeRms, rmsDbfs, SILENCE_DBFS } from './level.ts';
import { sine } from './test-signals.ts';

describe('levels', () => {
  it('measures a full-scale sine at −3.01 dBFS and silence at the silence floor', () => {
    expect(rmsDbfs(sine(1000, 8000, 8000))).toBeCloseTo(-3.0103, 3);
    expect(rmsDbfs(new Float32Array(100))).toBe(SILENCE_DBFS);
    expect(rmsDbfs(new Float32Array(0))).toBe(SILENCE_DBFS);
  });

  it('normalizes RMS to the target but caps the gain on near-silence', () => {
    expect(rmsDbfs(normalizeRms(sine(500, 8000, 8000, 0.01), -20))).toBeCloseTo(-20, 3);
    const whisper = sine(500, 8000, 8000, 1e-5);
    expect(rmsDbfs(normalizeRms(whisper, -20, 40))).toBeCloseTo(rmsDbfs(whisper) + 40, 3);
  });

  it('normalizes peak and leaves silence silent', () => {
    const scaled = normalizePeak(Float32Array.of(0.1, -0.25, 0.2), 1);
    expect(Array.from(scaled)).toEqual([expect.closeTo(0.4, 6), -1, expect.closeTo(0.8, 6)]);
    expect(Array.from(normalizePeak(new Float32Array(3)))).toEqual([0, 0, 0]);
  });

  it('mixes channels to mono by averaging', () => {
    expect(Array.from(mixToMono([Float32Array.of(1, 0), Float32Array.of(0, 1)]))).toEqual([0.5, 0.5]);
  });
});
