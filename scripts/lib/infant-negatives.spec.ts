import { describe, expect, it } from 'vitest';
import { espeakAvailable } from './synthetic-negatives.ts';
import { createRandom } from './random.ts';
import { GENERATED_INFANT_FAMILIES, GENERATED_TRAINING_FAMILIES, generateInfantNegatives, type GeneratedInfantFamily, INFANT_FAMILIES, INFANT_FAMILY_PARAMETERS, INFANT_PROXY_FAMILY, INFANT_TRAINING_FAMILIES, synthesizeHouseholdSpeech, synthesizeInfant, tvMix } from './infant-negatives.ts';

const RATE = 8000;
const FRAME = RATE / 100; // 10 ms
const rmsDb = (x: Float32Array): number => 10 * Math.log10(x.reduce((s, v) => s + v * v, 0) / Math.max(1, x.length) + 1e-20);

/** Per-10 ms-frame level in dB. */
function frameLevels(x: Float32Array): number[] {
  const levels: number[] = [];
  for (let start = 0; start + FRAME <= x.length; start += FRAME) levels.push(rmsDb(x.subarray(start, start + FRAME)));
  return levels;
}

/** Sounding segments [startFrame, endFrame) louder than 15 dB below the loudest frame; runs < 20 ms of quiet are bridged. */
function segments(x: Float32Array): Array<[number, number]> {
  const levels = frameLevels(x);
  const threshold = Math.max(...levels) - 15;
  const found: Array<[number, number]> = [];
  let start = -1;
  let quiet = 0;
  levels.forEach((level, i) => {
    if (level > threshold) {
      if (start < 0) start = i;
      quiet = 0;
    } else if (start >= 0 && ++quiet >= 2) {
      found.push([start, i - quiet + 1]);
      start = -1;
      quiet = 0;
    }
  });
  if (start >= 0) found.push([start, levels.length]);
  return found;
}

/** Events per second inside trains: 1 / median onset-to-onset interval, ignoring pauses longer than `maxIntervalS`. */
function eventRate(x: Float32Array, maxIntervalS: number): number {
  const onsets = segments(x).map(([s]) => s / 100);
  const intervals = onsets.slice(1).map((t, i) => t - (onsets[i] ?? 0)).filter((d) => d <= maxIntervalS).sort((a, b) => a - b);
  expect(intervals.length).toBeGreaterThan(3);
  return 1 / (intervals[Math.floor(intervals.length / 2)] ?? Infinity);
}

/**
 * Pitch by autocorrelation of a 40 ms frame over 150–1600 Hz: the shortest lag within 10 % of the
 * best peak (the usual guard against octave errors when f0 moves inside the frame), refined by a
 * parabola through its neighbours (at 8 kHz one lag step is 12 % of a 1 kHz period).
 */
function pitchHz(frame: Float32Array): number {
  const minLag = Math.floor(RATE / 1600);
  const maxLag = Math.ceil(RATE / 150);
  const r = new Float64Array(maxLag + 2);
  for (let lag = minLag - 1; lag <= maxLag + 1; lag++) {
    let c = 0;
    for (let i = 0; i + lag < frame.length; i++) c += (frame[i] ?? 0) * (frame[i + lag] ?? 0);
    r[lag] = c;
  }
  let best = -Infinity;
  for (let lag = minLag; lag <= maxLag; lag++) best = Math.max(best, r[lag] ?? -Infinity);
  let chosen = maxLag;
  for (let lag = minLag; lag <= maxLag; lag++) {
    const c = r[lag] ?? 0;
    if (c >= 0.9 * best && c >= (r[lag - 1] ?? 0) && c >= (r[lag + 1] ?? 0)) {
      chosen = lag;
      break;
    }
  }
  const left = r[chosen - 1] ?? 0;
  const centre = r[chosen] ?? 0;
  const right = r[chosen + 1] ?? 0;
  const curvature = left - 2 * centre + right;
  const shift = curvature < 0 ? (0.5 * (left - right)) / curvature : 0;
  return RATE / (chosen + shift);
}

/** f0 of each sounding segment at its middle (segments of at least 50 ms). */
function segmentPitches(x: Float32Array): number[] {
  const half = (0.02 * RATE) | 0;
  return segments(x)
    .filter(([s, e]) => e - s >= 5)
    .map(([s, e]) => {
      const middle = (((s + e) / 2) * FRAME) | 0; // the middle: past a breathy onset
      return pitchHz(x.subarray(middle - half, middle + half));
    });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const SEEDS = [1, 2, 3];
const SECONDS = 6;
type Generated = GeneratedInfantFamily;
const GENERATED = GENERATED_INFANT_FAMILIES;
/** Synthesis is the slow part (a harmonic sum per sample): each (family, seed) clip is made once. */
const made = new Map<string, Float32Array>();
function clip(family: Generated, seed: number): Float32Array {
  const key = `${family}/${seed}`;
  const cached = made.get(key);
  if (cached !== undefined) return cached;
  const x = synthesizeInfant(family, createRandom(seed), SECONDS * RATE, RATE);
  made.set(key, x);
  return x;
}

describe('infant negatives', { timeout: 120_000 }, () => {
  it('holds exactly the laugh-like family out of training', () => {
    expect(INFANT_PROXY_FAMILY).toBe('infant-laugh');
    expect(INFANT_TRAINING_FAMILIES).not.toContain('infant-laugh');
    expect(INFANT_TRAINING_FAMILIES.length).toBe(INFANT_FAMILIES.length - 1);
    expect(GENERATED_TRAINING_FAMILIES).toEqual(['infant-babble', 'infant-coo', 'infant-squeal', 'infant-fuss']);
  });

  it('is deterministic by seed and differs between seeds', () => {
    for (const family of GENERATED) {
      const a = synthesizeInfant(family, createRandom(7), 2 * RATE, RATE);
      const b = synthesizeInfant(family, createRandom(7), 2 * RATE, RATE);
      const c = synthesizeInfant(family, createRandom(8), 2 * RATE, RATE);
      expect(a).toEqual(b);
      expect(a).not.toEqual(c);
    }
    const one = generateInfantNegatives({ seed: 3, perFamily: 2, seconds: 1, families: ['infant-laugh'] });
    const other = generateInfantNegatives({ seed: 3, perFamily: 2, seconds: 1, families: ['infant-babble', 'infant-laugh'] });
    // Each clip has its own seed: adding a family leaves the others unchanged.
    expect(other.filter((clip) => clip.family === 'infant-laugh').map((clip) => clip.samples)).toEqual(one.map((clip) => clip.samples));
  });

  it('gives finite, unclipped clips of the requested length at the stated level', () => {
    for (const family of GENERATED) {
      for (const seed of SEEDS) {
        const x = synthesizeInfant(family, createRandom(seed), SECONDS * RATE, RATE);
        expect(x.length).toBe(SECONDS * RATE);
        expect(x.every((v) => Number.isFinite(v) && Math.abs(v) < 1)).toBe(true);
        const [low, high] = INFANT_FAMILY_PARAMETERS[family].levelDbfs;
        expect(rmsDb(x)).toBeGreaterThan(low - 0.5);
        expect(rmsDb(x)).toBeLessThan(high + 0.5);
      }
    }
  });

  it('has the f0 each family claims (autocorrelation at the middle of every event)', () => {
    for (const family of GENERATED) {
      const [low, high] = INFANT_FAMILY_PARAMETERS[family].f0Hz;
      for (const seed of SEEDS) {
        const pitches = segmentPitches(clip(family, seed));
        expect(pitches.length, family).toBeGreaterThan(2);
        const m = median(pitches);
        // Events vary around the clip's base (±10 %, glides up to +40 %, laughs step down): allow that spread.
        expect(m, `${family} seed ${seed}`).toBeGreaterThan(low * 0.85);
        expect(m, `${family} seed ${seed}`).toBeLessThan(high * 1.25);
        const inRange = pitches.filter((f) => f > low * 0.8 && f < high * 1.45).length;
        expect(inRange / pitches.length, `${family} seed ${seed}`).toBeGreaterThanOrEqual(0.8);
      }
    }
  });

  it('babbles at 2–4 syllables per second and laughs at 4–6 bursts per second', () => {
    for (const [family, maxIntervalS] of [['infant-babble', 0.55], ['infant-laugh', 0.27]] as const) {
      const [low, high] = INFANT_FAMILY_PARAMETERS[family].eventsPerSecond;
      for (const seed of SEEDS) {
        const rate = eventRate(clip(family, seed), maxIntervalS);
        expect(rate, `${family} seed ${seed}`).toBeGreaterThan(low * 0.9);
        expect(rate, `${family} seed ${seed}`).toBeLessThan(high * 1.1);
      }
    }
  });

  it('makes laugh bursts short, and fussing never sustained like a cry', () => {
    for (const seed of SEEDS) {
      const bursts = segments(clip('infant-laugh', seed)).map(([s, e]) => (e - s) / 100);
      expect(median(bursts)).toBeLessThanOrEqual(0.13);
      const whimpers = segments(clip('infant-fuss', seed)).map(([s, e]) => (e - s) / 100);
      expect(Math.max(...whimpers)).toBeLessThanOrEqual(0.45);
    }
  });

  it('makes squeals glide: f0 late in a squeal differs from f0 early in it', () => {
    for (const seed of SEEDS) {
      const x = clip('infant-squeal', seed);
      const glides = segments(x)
        .filter(([s, e]) => e - s >= 20)
        .map(([s, e]) => {
          const early = pitchHz(x.subarray((s + 3) * FRAME, (s + 7) * FRAME));
          const late = pitchHz(x.subarray((s + Math.floor((e - s) / 2)) * FRAME, (s + Math.floor((e - s) / 2) + 4) * FRAME));
          return late / early;
        });
      expect(glides.length).toBeGreaterThan(1);
      expect(median(glides)).toBeGreaterThan(1.08);
    }
  });

  it('mixes TV speech with music at a plausible level, deterministically', () => {
    const speech = synthesizeInfant('infant-babble', createRandom(1), RATE, RATE);
    const a = tvMix(createRandom(4), speech, 3 * RATE, RATE);
    expect(a).toEqual(tvMix(createRandom(4), speech, 3 * RATE, RATE));
    expect(a.length).toBe(3 * RATE);
    expect(rmsDb(a)).toBeGreaterThan(-40.5);
    expect(rmsDb(a)).toBeLessThan(-19.5);
    // Music fills the speech's pauses: the mixture has fewer near-silent frames than the speech alone.
    const quiet = (x: Float32Array) => frameLevels(x).filter((l) => l < Math.max(...frameLevels(x)) - 30).length;
    expect(quiet(a)).toBeLessThan(quiet(speech.length >= 3 * RATE ? speech : new Float32Array(3 * RATE).map((_, i) => speech[i % speech.length] ?? 0)));
    expect(() => tvMix(createRandom(1), new Float32Array(0), RATE, RATE)).toThrow(/speech/);
  });

  it('speaks sibling sentences and TV mixtures with espeak-ng, grouped by voice', () => {
    const clips = synthesizeHouseholdSpeech({ seed: 1, tvPerVoice: 1, seconds: 2, log: () => undefined });
    if (!espeakAvailable()) {
      expect(clips).toEqual([]);
      return;
    }
    expect(clips.filter((clip) => clip.family === 'sibling-speech').length).toBe(5 * 3 * 2);
    expect(clips.filter((clip) => clip.family === 'tv-mix').length).toBe(5);
    for (const clip of clips) {
      expect(clip.group.startsWith(`${clip.family}:`)).toBe(true);
      expect(clip.samples.length).toBeGreaterThan(RATE / 2);
    }
  });
});
