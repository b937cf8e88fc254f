/**
 * Model windows cut from clip spectrograms: the fixed, evenly spaced windows that are scored
 * (the app's 2 s window every 0.5 s), and the random augmented windows training draws.
 */
import { AUDIO_FEATURES, framesPerWindow } from '../../src/features/audio-config.ts';
import { NEEDS } from '../../src/domain/needs.ts';
import { INPUT_CHANNELS, normalizeLogMelWindow } from '../../src/models/window-normalization.ts';
import { choice, randomInt, uniform, type Random } from '../lib/random.ts';
import type { CorpusClip } from './corpus.ts';
import type { Batch } from './fit.ts';
import { cropFrames, mixAtSnrDb, randomCrop, specAugment, type SpecAugmentOptions } from './log-mel-augment.ts';

export const WINDOW_FRAMES = framesPerWindow(AUDIO_FEATURES);
export const MEL_BANDS = AUDIO_FEATURES.melBands;
/** The app's hop between windows (31 frames, 0.496 s): the one grid of audio-config.ts. */
export const HOP_FRAMES = AUDIO_FEATURES.windowHopFrames;
const WINDOW_VALUES = WINDOW_FRAMES * MEL_BANDS * INPUT_CHANNELS;

/** Window start frames covering a clip: every HOP_FRAMES, plus one ending at the clip's end. */
export function windowStartFrames(clipFrames: number): number[] {
  if (clipFrames < WINDOW_FRAMES) throw new RangeError(`a clip of ${clipFrames} frames is shorter than one window`);
  const starts: number[] = [];
  for (let start = 0; start + WINDOW_FRAMES <= clipFrames; start += HOP_FRAMES) starts.push(start);
  const last = clipFrames - WINDOW_FRAMES;
  if ((starts.at(-1) ?? -1) < last) starts.push(last);
  return starts;
}

/** Normalized evaluation windows of several clips, with the clip index of each window. */
export interface WindowSet {
  x: Float32Array;
  clipOfWindow: Int32Array;
  count: number;
}

export function evaluationWindows(clips: readonly CorpusClip[]): WindowSet {
  const starts = clips.map((clip) => windowStartFrames(clip.spectrogram.frames));
  const count = starts.reduce((n, s) => n + s.length, 0);
  const x = new Float32Array(count * WINDOW_VALUES);
  const clipOfWindow = new Int32Array(count);
  let w = 0;
  clips.forEach((clip, c) => {
    for (const start of starts[c] ?? []) {
      const raw = cropFrames(clip.spectrogram, start, WINDOW_FRAMES);
      x.set(normalizeLogMelWindow(raw, WINDOW_FRAMES, MEL_BANDS), w * WINDOW_VALUES);
      clipOfWindow[w++] = c;
    }
  });
  return { x, clipOfWindow, count };
}

/** How training windows are drawn and disturbed. */
export interface AugmentPlan {
  /** Probability of mixing a background window into a training window. */
  mixProbability: number;
  /** SNRs (dB) of the window over the mixed-in background. */
  snrsDb: readonly number[];
  specAugment: SpecAugmentOptions;
}

export const CRY_AUGMENT: AugmentPlan = {
  mixProbability: 0.5,
  snrsDb: [0, 5, 10, 20],
  specAugment: { maxTimeMaskFrames: 16, maxBandMaskBands: 6, probability: 0.5 },
};

export const NEED_AUGMENT: AugmentPlan = {
  mixProbability: 0.3,
  snrsDb: [10, 20, 30],
  specAugment: { maxTimeMaskFrames: 16, maxBandMaskBands: 6, probability: 0.5 },
};

function augmentedWindow(clip: CorpusClip, backgrounds: readonly CorpusClip[], random: Random, plan: AugmentPlan): Float32Array {
  let raw = randomCrop(clip.spectrogram, WINDOW_FRAMES, random);
  if (backgrounds.length > 0 && random() < plan.mixProbability) {
    const background = randomCrop(choice(random, backgrounds).spectrogram, WINDOW_FRAMES, random);
    raw = mixAtSnrDb(raw, background, choice(random, plan.snrsDb) + uniform(random, -1, 1));
  }
  return normalizeLogMelWindow(specAugment(raw, WINDOW_FRAMES, MEL_BANDS, random, plan.specAugment), WINDOW_FRAMES, MEL_BANDS);
}

function assemble(windows: Float32Array[], labels: number[]): Batch {
  const x = new Float32Array(windows.length * WINDOW_VALUES);
  windows.forEach((w, i) => x.set(w, i * WINDOW_VALUES));
  return { x, labels: Int32Array.from(labels) };
}

/**
 * How many shares of the negative draws a source gets (others get 1). Household and outdoor
 * noise was the detector's most common false alarm out of fold (v3: specificity 0.76 against
 * ≥ 0.93 for every other kind of sound) and is what a phone in a home hears most; it is also the
 * smallest negative corpus, so it gets twice the draws of the others.
 */
export const NEGATIVE_SOURCE_SHARES: Readonly<Record<string, number>> = { 'esc-noise': 2 };

/**
 * The clips of one label, one list per source; a negative source with n shares is listed n
 * times, so a uniform pick of a list weights it.
 */
export function sourcePool(trainClips: readonly CorpusClip[], isCry: boolean): CorpusClip[][] {
  const groups = new Map<string, CorpusClip[]>();
  for (const clip of trainClips.filter((c) => c.isCry === isCry)) groups.set(clip.source, [...(groups.get(clip.source) ?? []), clip]);
  return [...groups.entries()].flatMap(([source, clips]) => Array.from({ length: isCry ? 1 : (NEGATIVE_SOURCE_SHARES[source] ?? 1) }, () => clips));
}

/**
 * Cry-detector batches: half cries, half not. Negatives are drawn source by source (each
 * negative corpus equally likely, but for NEGATIVE_SOURCE_SHARES), so 2000 spoken digits do not
 * drown out the 80 ESC noises; positives likewise (Donate-a-Cry and ESC cries equally likely),
 * so the detector hears cries from more than one kind of recording. Backgrounds mixed in are
 * training-fold non-cries.
 */
export function cryBatchSampler(trainClips: readonly CorpusClip[], plan: AugmentPlan = CRY_AUGMENT): (random: Random, size: number) => Batch {
  const positives = sourcePool(trainClips, true);
  const negatives = sourcePool(trainClips, false);
  if (positives.length === 0 || negatives.length === 0) throw new Error('cry sampler: training data needs both cries and non-cries');
  const backgrounds = trainClips.filter((c) => !c.isCry);
  return (random, size) => {
    const windows: Float32Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < size; i++) {
      const isCry = random() < 0.5;
      const clip = choice(random, choice(random, isCry ? positives : negatives));
      windows.push(augmentedWindow(clip, backgrounds, random, plan));
      labels.push(isCry ? 1 : 0);
    }
    return assemble(windows, labels);
  };
}

/** Need-classifier batches with balanced sampling: each need equally likely, then a clip of it. */
export function needBatchSampler(
  trainClips: readonly CorpusClip[],
  backgrounds: readonly CorpusClip[],
  plan: AugmentPlan = NEED_AUGMENT,
): (random: Random, size: number) => Batch {
  const byNeed = NEEDS.map((need) => trainClips.filter((c) => c.need === need));
  const present = NEEDS.map((_, i) => i).filter((i) => (byNeed[i]?.length ?? 0) > 0);
  if (present.length < 2) throw new Error('need sampler: training data needs at least two needs');
  return (random, size) => {
    const windows: Float32Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < size; i++) {
      const label = present[randomInt(random, present.length)] ?? 0;
      windows.push(augmentedWindow(choice(random, byNeed[label] ?? []), backgrounds, random, plan));
      labels.push(label);
    }
    return assemble(windows, labels);
  };
}

/** Index of a clip's need in NEEDS (throws for clips without one). */
export function needIndex(clip: CorpusClip): number {
  const index = clip.need === undefined ? -1 : NEEDS.indexOf(clip.need);
  if (index < 0) throw new Error(`clip ${clip.id} has no need label`);
  return index;
}
