/**
 * Training-time augmentation done on log-Mel spectrograms (frame-major, frames × bands, dB), so
 * features are computed once per clip instead of once per augmented crop. Applied to training
 * folds only.
 *
 * Mixing two sounds adds their powers; band powers of a sum are the sum of band powers up to the
 * cross terms, which average out over a Mel band. So mixing at an SNR is done exactly like
 * adding noise to the waveform, minus those cross terms.
 */
import type { Random } from '../lib/random.ts';
import { randomInt } from '../lib/random.ts';

/** A whole clip's log-Mel spectrogram. */
export interface Spectrogram {
  /** frames × melBands values in dB, frame-major. */
  data: Float32Array;
  frames: number;
  melBands: number;
}

/** Copies `frames` frames starting at startFrame; the clip must be long enough. */
export function cropFrames(source: Spectrogram, startFrame: number, frames: number): Float32Array {
  if (startFrame < 0 || startFrame + frames > source.frames) {
    throw new RangeError(`cropFrames: frames ${startFrame}…${startFrame + frames} outside a ${source.frames}-frame clip`);
  }
  return source.data.slice(startFrame * source.melBands, (startFrame + frames) * source.melBands);
}

/** A random crop of `frames` frames (a random time shift of the window within the clip). */
export function randomCrop(source: Spectrogram, frames: number, random: Random): Float32Array {
  return cropFrames(source, randomInt(random, source.frames - frames + 1), frames);
}

function meanPower(logMelDb: Float32Array): number {
  let sum = 0;
  for (const value of logMelDb) sum += 10 ** (value / 10);
  return sum / logMelDb.length;
}

/**
 * Adds `noiseDb` to `signalDb` (same layout) in the power domain, with the noise scaled so that
 * the signal-to-noise power ratio over the window is snrDb. A silent signal gets the noise at
 * its own level (nothing to be relative to).
 */
export function mixAtSnrDb(signalDb: Float32Array, noiseDb: Float32Array, snrDb: number): Float32Array {
  if (signalDb.length !== noiseDb.length) throw new RangeError('mixAtSnrDb: signal and noise windows differ in size');
  const signalPower = meanPower(signalDb);
  const noisePower = meanPower(noiseDb);
  const gain = signalPower > 0 && noisePower > 0 ? signalPower / (noisePower * 10 ** (snrDb / 10)) : 1;
  const out = new Float32Array(signalDb.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = 10 * Math.log10(10 ** (signalDb[i]! / 10) + gain * 10 ** (noiseDb[i]! / 10));
  }
  return out;
}

export interface SpecAugmentOptions {
  /** Longest time mask in frames (0 disables). */
  maxTimeMaskFrames: number;
  /** Widest frequency mask in bands (0 disables). */
  maxBandMaskBands: number;
  /** Probability of each mask. */
  probability: number;
}

/**
 * SpecAugment-style masks on a raw dB window, before normalization: at most one run of frames
 * set to each band's window mean (nothing happens there once band means are removed), and one
 * run of bands set to the window's overall mean level (that part of the spectrum goes missing).
 * Returns a new array.
 */
export function specAugment(
  logMelDb: Float32Array,
  frames: number,
  melBands: number,
  random: Random,
  options: SpecAugmentOptions,
): Float32Array {
  const out = logMelDb.slice();
  const bandMeans = new Float64Array(melBands);
  for (let i = 0; i < out.length; i++) bandMeans[i % melBands]! += out[i]! / frames;
  const overallMean = bandMeans.reduce((a, b) => a + b, 0) / melBands;
  if (options.maxTimeMaskFrames > 0 && random() < options.probability) {
    const width = 1 + randomInt(random, Math.min(options.maxTimeMaskFrames, frames));
    const start = randomInt(random, frames - width + 1);
    for (let frame = start; frame < start + width; frame++) {
      for (let band = 0; band < melBands; band++) out[frame * melBands + band] = bandMeans[band]!;
    }
  }
  if (options.maxBandMaskBands > 0 && random() < options.probability) {
    const width = 1 + randomInt(random, Math.min(options.maxBandMaskBands, melBands));
    const start = randomInt(random, melBands - width + 1);
    for (let frame = 0; frame < frames; frame++) out.fill(overallMean, frame * melBands + start, frame * melBands + start + width);
  }
  return out;
}
