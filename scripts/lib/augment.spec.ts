import { describe, expect, it } from 'vitest';
import { applyGain, augmentWaveform, butterworthFilter, circularShift, codecLike, DEFAULT_AUGMENT, mixAtSnr, muLawQuantize, rms } from './augment.ts';
import { createRandom, gaussian } from './random.ts';

const RATE = 8000;
const tone = (hz: number, n = 8000): Float32Array => new Float32Array(n).map((_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / RATE));
const noise = (seed: number, n: number): Float32Array => {
  const r = createRandom(seed);
  return new Float32Array(n).map(() => 0.1 * gaussian(r));
};

describe('simple transforms', () => {
  it('applies gain in dB', () => {
    expect(Array.from(applyGain(Float32Array.from([0.1, -0.2]), 20))).toEqual([Math.fround(0.1) * 10, Math.fround(-0.2) * 10].map(Math.fround));
  });

  it('shifts circularly both ways without losing samples', () => {
    const x = Float32Array.from([1, 2, 3, 4, 5]);
    expect(Array.from(circularShift(x, 2))).toEqual([4, 5, 1, 2, 3]);
    expect(Array.from(circularShift(x, -1))).toEqual([2, 3, 4, 5, 1]);
    expect(Array.from(circularShift(x, 7))).toEqual([4, 5, 1, 2, 3]);
  });
});

describe('mixAtSnr', () => {
  it('reaches the requested SNR, looping shorter noise', () => {
    const signal = tone(440);
    const n = noise(1, 3000);
    for (const snr of [0, 10, 20]) {
      const mixed = mixAtSnr(signal, n, snr, 123);
      const added = mixed.map((v, i) => v - (signal[i] ?? 0));
      expect(20 * Math.log10(rms(signal) / rms(added))).toBeCloseTo(snr, 1);
    }
  });

  it('leaves silence alone (no SNR exists)', () => {
    const silent = new Float32Array(100);
    expect(mixAtSnr(silent, noise(2, 50), 10)).toEqual(silent);
  });
});

describe('band-limiting and quantization', () => {
  it('low-pass keeps the passband and cuts above the cut-off', () => {
    const low = butterworthFilter(tone(500), 'lowpass', 3000, RATE);
    const high = butterworthFilter(tone(3900), 'lowpass', 3000, RATE);
    expect(rms(low.subarray(1000)) / rms(tone(500).subarray(1000))).toBeGreaterThan(0.97);
    expect(rms(high.subarray(1000)) / rms(tone(3900).subarray(1000))).toBeLessThan(0.1);
    expect(() => butterworthFilter(tone(500), 'lowpass', 4000, RATE)).toThrow(/cut-off/);
  });

  it('high-pass removes rumble and keeps speech band', () => {
    const rumble = butterworthFilter(tone(30), 'highpass', 200, RATE);
    const voice = butterworthFilter(tone(1000), 'highpass', 200, RATE);
    expect(rms(rumble.subarray(2000)) / rms(tone(30).subarray(2000))).toBeLessThan(0.01);
    expect(rms(voice.subarray(2000)) / rms(tone(1000).subarray(2000))).toBeGreaterThan(0.97);
  });

  it('µ-law keeps 0 and ±1, and its error is larger for loud than for quiet samples', () => {
    expect(Array.from(muLawQuantize(Float32Array.from([0, 1, -1])))).toEqual([0, 1, -1]);
    const loud = Float32Array.from([0.7001]);
    const quiet = Float32Array.from([0.0011]);
    const loudError = Math.abs((muLawQuantize(loud)[0] ?? 0) - 0.7001);
    const quietError = Math.abs((muLawQuantize(quiet)[0] ?? 0) - 0.0011);
    expect(quietError).toBeLessThan(loudError);
    expect(loudError).toBeLessThan(0.02);
  });

  it('codecLike attenuates content near 4 kHz', () => {
    const y = codecLike(tone(3950), createRandom(1), RATE);
    expect(rms(y.subarray(1000))).toBeLessThan(0.2 * rms(tone(3950)));
  });
});

describe('augmentWaveform', () => {
  const options = { ...DEFAULT_AUGMENT, sampleRateHz: RATE, noises: [noise(5, 4000)] };

  it('is deterministic per seed, changes the clip, and stays within [-1, 1]', () => {
    const x = tone(600, 16000);
    const a = augmentWaveform(x, createRandom(9), options);
    expect(augmentWaveform(x, createRandom(9), options)).toEqual(a);
    expect(augmentWaveform(x, createRandom(10), options)).not.toEqual(a);
    expect(a.length).toBe(x.length);
    const loud = applyGain(x, 30);
    const limited = augmentWaveform(loud, createRandom(3), options);
    expect(Math.max(...Array.from(limited).map(Math.abs))).toBeLessThanOrEqual(1);
  });
});
