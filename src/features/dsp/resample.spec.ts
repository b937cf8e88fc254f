import { describe, expect, it } from 'vitest';
import { rmsDbfs } from './level.ts';
import { createStreamingResampler, resample } from './resample.ts';
import { powerSpectrum } from './spectrum.ts';
import { argmax, seededNoise, sine } from './test-signals.ts';
import { hannWindow } from './window.ts';

/** Frequency of the strongest spectral peak of a 256-sample window from the middle of a signal. */
function peakFrequencyHz(signal: Float32Array, sampleRateHz: number): number {
  const start = Math.floor(signal.length / 2);
  const window = hannWindow(256);
  const frame = Float64Array.from({ length: 256 }, (_, n) => signal[start + n]! * window[n]!);
  return (argmax(powerSpectrum(frame)) * sampleRateHz) / 256;
}

describe('resample', () => {
  it('keeps a tone at its frequency and level when going 48 kHz and 44.1 kHz to 8 kHz', () => {
    for (const from of [48000, 44100, 16000]) {
      const out = resample(sine(1000, from, from), from, 8000);
      expect(out.length).toBe(8000);
      expect(peakFrequencyHz(out, 8000)).toBeCloseTo(1000, -2);
      expect(rmsDbfs(out.subarray(1000, 7000))).toBeCloseTo(-3.01, 1);
    }
  });

  it('removes content above the new Nyquist instead of aliasing it', () => {
    for (const frequency of [4500, 5000, 7000]) {
      const out = resample(sine(frequency, 16000, 16000), 16000, 8000);
      expect(rmsDbfs(out.subarray(1000, 7000))).toBeLessThan(-60);
    }
  });

  it('passes the speech and cry band nearly untouched', () => {
    const out = resample(sine(3000, 48000, 48000), 48000, 8000);
    expect(rmsDbfs(out.subarray(1000, 7000))).toBeGreaterThan(-3.01 - 0.5);
  });

  it('upsamples a tone without moving it', () => {
    const out = resample(sine(440, 8000, 8000), 8000, 16000);
    expect(out.length).toBe(16000);
    expect(peakFrequencyHz(out, 16000)).toBeCloseTo(440, -2);
  });

  it('gives the same samples streamed in uneven chunks as in one call', () => {
    const signal = seededNoise(48000, 11);
    const whole = resample(signal, 48000, 8000);
    const streaming = createStreamingResampler(48000, 8000);
    const parts: number[] = [];
    let offset = 0;
    for (const size of [128, 1, 3000, 127, 44744]) {
      parts.push(...streaming.process(signal.subarray(offset, offset + size)));
      offset += size;
    }
    parts.push(...streaming.flush());
    expect(parts).toHaveLength(whole.length);
    for (let n = 0; n < whole.length; n++) expect(parts[n]).toBeCloseTo(whole[n]!, 6);
  });

  it('returns a copy for equal rates and rejects non-positive rates', () => {
    const input = seededNoise(10, 1);
    const out = resample(input, 8000, 8000);
    expect(out).not.toBe(input);
    expect(Array.from(out)).toEqual(Array.from(input));
    expect(() => resample(input, 0, 8000)).toThrow(RangeError);
  });
});
