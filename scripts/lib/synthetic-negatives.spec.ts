import { describe, expect, it } from 'vitest';
import { createRandom } from './random.ts';
import { ESPEAK_PITCHES, ESPEAK_SENTENCES, ESPEAK_VOICES, espeakAvailable, generateSyntheticNegatives, GENERATOR_PURPOSE, synthesize, SYNTHETIC_KINDS, synthesizeEspeakSpeech } from './synthetic-negatives.ts';

const RATE = 8000;
const rmsDb = (x: Float32Array): number => 10 * Math.log10(x.reduce((s, v) => s + v * v, 0) / x.length);
/** Ratio of the RMS of the first difference to the RMS: ≈ √2 for white noise, small for low-frequency signals. */
const roughness = (x: Float32Array): number => {
  let d = 0;
  let s = 0;
  for (let i = 1; i < x.length; i++) {
    d += ((x[i] ?? 0) - (x[i - 1] ?? 0)) ** 2;
    s += (x[i] ?? 0) ** 2;
  }
  return Math.sqrt(d / s);
};

/** Pitch in hertz from the autocorrelation peak of a frame (search 70–600 Hz). */
function pitchHz(frame: Float32Array): number {
  let bestLag = 0;
  let best = -Infinity;
  for (let lag = Math.floor(RATE / 600); lag <= Math.ceil(RATE / 70); lag++) {
    let c = 0;
    for (let i = 0; i + lag < frame.length; i++) c += (frame[i] ?? 0) * (frame[i + lag] ?? 0);
    if (c > best) {
      best = c;
      bestLag = lag;
    }
  }
  return RATE / bestLag;
}

/** Longest run of consecutive 20 ms frames louder than 20 dB below the loudest frame, in seconds. */
function longestSoundSeconds(x: Float32Array): number {
  const hop = RATE / 50;
  const energies: number[] = [];
  for (let start = 0; start + hop <= x.length; start += hop) energies.push(rmsDb(x.subarray(start, start + hop)));
  const threshold = Math.max(...energies) - 20;
  let longest = 0;
  let run = 0;
  for (const e of energies) {
    run = e > threshold ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest / 50;
}

describe('synthesize', () => {
  it('documents every kind', () => {
    for (const kind of SYNTHETIC_KINDS) expect(GENERATOR_PURPOSE[kind].length).toBeGreaterThan(10);
  });

  it('gives finite, unclipped clips of the requested length at plausible levels', () => {
    for (const kind of SYNTHETIC_KINDS) {
      const x = synthesize(kind, createRandom(1), 2 * RATE, RATE);
      expect(x.length).toBe(2 * RATE);
      expect(x.every((v) => Number.isFinite(v) && Math.abs(v) < 1)).toBe(true);
      const level = rmsDb(x);
      if (kind === 'silence') expect(level).toBeLessThan(-50);
      else {
        expect(level).toBeGreaterThan(-41);
        expect(level).toBeLessThan(-14);
      }
    }
  });

  it('colours noise as named: white rough, pink smoother, brown smoothest', () => {
    const white = roughness(synthesize('white-noise', createRandom(2), RATE * 2, RATE));
    const pink = roughness(synthesize('pink-noise', createRandom(2), RATE * 2, RATE));
    const brown = roughness(synthesize('brown-noise', createRandom(2), RATE * 2, RATE));
    expect(white).toBeGreaterThan(1.3);
    expect(pink).toBeLessThan(white);
    expect(brown).toBeLessThan(pink);
    expect(brown).toBeLessThan(0.2);
  });

  it('pitches voiced kinds like adults or like high voices, with speech-like gaps instead of sustained wails', () => {
    for (const [kind, low, high] of [
      ['voiced-adult', 60, 250],
      ['voiced-high', 200, 600],
    ] as const) {
      for (let seed = 0; seed < 3; seed++) {
        const x = synthesize(kind, createRandom(seed), 3 * RATE, RATE);
        // Loudest 64 ms frame: inside a syllable.
        let bestStart = 0;
        let bestEnergy = -Infinity;
        for (let s = 0; s + 512 <= x.length; s += 256) {
          const e = rmsDb(x.subarray(s, s + 512));
          if (e > bestEnergy) {
            bestEnergy = e;
            bestStart = s;
          }
        }
        const f0 = pitchHz(x.subarray(bestStart, bestStart + 512));
        expect(f0).toBeGreaterThan(low);
        expect(f0).toBeLessThan(high);
        expect(longestSoundSeconds(x)).toBeLessThan(0.4);
      }
    }
  });

  it('is deterministic per seed', () => {
    expect(synthesize('melody', createRandom(5), 4000, RATE)).toEqual(synthesize('melody', createRandom(5), 4000, RATE));
    expect(synthesize('melody', createRandom(5), 4000, RATE)).not.toEqual(synthesize('melody', createRandom(6), 4000, RATE));
  });
});

describe('generateSyntheticNegatives', () => {
  it('makes perKind clips of each kind, each its own group, stable when other kinds are added', () => {
    const clips = generateSyntheticNegatives({ seed: 3, perKind: 2, seconds: 0.5 });
    expect(clips).toHaveLength(SYNTHETIC_KINDS.length * 2);
    expect(new Set(clips.map((c) => c.group)).size).toBe(clips.length);
    const onlyChirps = generateSyntheticNegatives({ seed: 3, perKind: 2, seconds: 0.5, kinds: ['chirp'] });
    expect(onlyChirps[1]?.samples).toEqual(clips.find((c) => c.id === 'synthetic/chirp/1')?.samples);
  });
});

describe('synthesizeEspeakSpeech', () => {
  it('skips with a notice when espeak-ng is not on PATH', () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    const messages: string[] = [];
    try {
      expect(synthesizeEspeakSpeech({ log: (m) => messages.push(m) })).toEqual([]);
    } finally {
      process.env.PATH = saved;
    }
    expect(messages[0]).toMatch(/espeak-ng not found on PATH/);
  });

  // espeak-ng is part of the training setup (README, .ci/run): without it the card's numbers differ.
  it('makes every sentence × voice × pitch at 8 kHz with espeak-ng, grouped by voice', () => {
    expect(espeakAvailable()).toBe(true);
    const clips = synthesizeEspeakSpeech({ log: () => undefined });
    expect(clips).toHaveLength(ESPEAK_SENTENCES.length * ESPEAK_VOICES.length * ESPEAK_PITCHES.length);
    expect(new Set(clips.map((c) => c.group)).size).toBe(ESPEAK_VOICES.length);
    for (const clip of clips.slice(0, 5)) {
      expect(clip.samples.length).toBeGreaterThan(RATE);
      expect(rmsDb(clip.samples)).toBeGreaterThan(-40);
    }
  }, 60_000);
});
