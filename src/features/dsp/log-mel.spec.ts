import { describe, expect, it } from 'vitest';
import { AUDIO_FEATURES, framesPerWindow } from '../audio-config.ts';
import { logMelSpectrogram } from './log-mel.ts';
import { hzToMel, melFilterBank, melToHz } from './mel.ts';
import { mfccFromLogMel } from './mfcc.ts';
import { preEmphasize } from './pre-emphasis.ts';
import { argmax, directDftPower, seededNoise, sine } from './test-signals.ts';

const config = AUDIO_FEATURES;

/** Band whose triangle peaks nearest to a frequency, computed from the Mel formula alone. */
function bandNearest(frequencyHz: number): number {
  const minMel = hzToMel(config.minFrequencyHz);
  const step = (hzToMel(config.maxFrequencyHz) - minMel) / (config.melBands + 1);
  return Math.round((hzToMel(frequencyHz) - minMel) / step) - 1;
}

describe('Mel scale', () => {
  it('maps 1000 Hz to about 1000 mel (HTK) and inverts exactly', () => {
    expect(hzToMel(1000)).toBeCloseTo(999.99, 1);
    for (const f of [0, 50, 440, 3999]) expect(melToHz(hzToMel(f))).toBeCloseTo(f, 6);
  });

  it('builds unit-peak triangles between the configured edges', () => {
    const bank = melFilterBank({ sampleRateHz: 8000, fftSize: 256, melBands: 40, minFrequencyHz: 50, maxFrequencyHz: 4000 });
    expect(bank).toHaveLength(40);
    for (const weights of bank) {
      expect(weights).toHaveLength(129);
      expect(Math.max(...weights)).toBeGreaterThan(0.5);
      expect(Math.max(...weights)).toBeLessThanOrEqual(1);
    }
    expect(bank[0]![0]).toBe(0); // DC sits below the 50 Hz edge
  });
});

describe('logMelSpectrogram', () => {
  it('gives the window shape the models expect', () => {
    const window = new Float32Array(config.windowSeconds * config.sampleRateHz);
    const spectrogram = logMelSpectrogram(window);
    expect(spectrogram.frameCount).toBe(framesPerWindow());
    expect(spectrogram.frameCount).toBe(124);
    expect(spectrogram.data).toHaveLength(124 * 40);
  });

  it('maps silence exactly to the floor value', () => {
    const spectrogram = logMelSpectrogram(new Float32Array(4000));
    for (const value of spectrogram.data) expect(value).toBe(config.logFloorDb);
  });

  it('puts a 1 kHz tone in the Mel band centred nearest 1 kHz, in every frame', () => {
    const spectrogram = logMelSpectrogram(sine(1000, 8000, 8000, 0.5));
    const expected = bandNearest(1000);
    for (let f = 0; f < spectrogram.frameCount; f++) {
      const frame = spectrogram.data.subarray(f * 40, (f + 1) * 40);
      expect(argmax(frame)).toBe(expected);
    }
  });

  it('matches an independent direct-DFT computation (golden values)', () => {
    const signal = seededNoise(1024, 42);
    const spectrogram = logMelSpectrogram(signal);
    // Independent path: pre-emphasis by hand, symmetric formula for the periodic Hann, O(N²) DFT.
    const emphasized = signal.map((x, n) => x - config.preEmphasis * (n > 0 ? signal[n - 1]! : 0));
    expect(Array.from(preEmphasize(signal, config.preEmphasis))).toEqual(Array.from(emphasized));
    const bank = melFilterBank({ sampleRateHz: 8000, fftSize: 256, melBands: 40, minFrequencyHz: 50, maxFrequencyHz: 4000 });
    for (const frameIndex of [0, 3, spectrogram.frameCount - 1]) {
      const frame = Array.from({ length: 256 }, (_, n) => emphasized[frameIndex * 128 + n]! * Math.sin((Math.PI * n) / 256) ** 2);
      const power = directDftPower(frame);
      for (const band of [0, 10, 39]) {
        const energy = bank[band]!.reduce((sum, w, k) => sum + w * power[k]!, 0);
        expect(spectrogram.data[frameIndex * 40 + band]).toBeCloseTo(10 * Math.log10(energy), 3);
      }
    }
  });

  it('continues a stream seamlessly when given the previous sample', () => {
    const signal = seededNoise(4096, 3);
    const whole = logMelSpectrogram(signal);
    const tail = logMelSpectrogram(signal.subarray(1280), config, signal[1279]);
    expect(Array.from(tail.data)).toEqual(Array.from(whole.data.subarray(10 * 40)));
  });
});

describe('mfccFromLogMel', () => {
  it('is the orthonormal DCT-II: a flat frame has only c0 = value·√bands', () => {
    const flat = new Float32Array(2 * 40).fill(-20);
    const mfcc = mfccFromLogMel(flat, 2);
    expect(mfcc).toHaveLength(2 * 13);
    expect(mfcc[0]).toBeCloseTo(-20 * Math.sqrt(40), 4);
    for (let c = 1; c < 13; c++) expect(Math.abs(mfcc[c]!)).toBeLessThan(1e-4);
  });

  it('matches the DCT formula on a random frame', () => {
    const frame = Float32Array.from(seededNoise(40, 9), (x) => x * 30);
    const mfcc = mfccFromLogMel(frame, 1);
    for (const c of [1, 5, 12]) {
      let expected = 0;
      for (let m = 0; m < 40; m++) expected += frame[m]! * Math.cos((Math.PI * c * (m + 0.5)) / 40);
      expect(mfcc[c]).toBeCloseTo(expected * Math.sqrt(2 / 40), 3);
    }
  });
});
