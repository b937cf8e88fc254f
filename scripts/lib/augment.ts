/**
 * Waveform augmentation for TRAINING FOLDS ONLY (augmenting before the split leaks copies of a
 * test clip into training: RESEARCH.md cites 97.9% "accuracy" from exactly that). All seeded.
 *
 * Aims: gain → the model must not key on loudness; time shift → not on where the cry sits in the
 * window; noise mixing at several SNRs → home noise; codec-like band-limiting and quantization →
 * not on the recording platform's codec (Donate-a-Cry iOS vs Android is a measured shortcut).
 */
import { loopToLength } from '../../src/features/loop-to-length.ts';
import { randomInt, uniform, type Random } from './random.ts';

/** RMS below which a signal counts as silent (−120 dBFS): no SNR can be defined against it. */
const SILENT_RMS = 1e-6;
/** Butterworth Q for a 2nd-order section. */
const BUTTERWORTH_Q = Math.SQRT1_2;
/** Standard µ for µ-law companding (G.711). */
export const MU_LAW_MU = 255;

export function rms(x: Float32Array): number {
  let sum = 0;
  for (const v of x) sum += v * v;
  return Math.sqrt(sum / Math.max(1, x.length));
}

/** Multiplies by 10^(dB/20). */
export function applyGain(x: Float32Array, gainDb: number): Float32Array {
  const factor = 10 ** (gainDb / 20);
  return x.map((v) => v * factor);
}

/** Circular shift by `shiftSamples` (positive = later): nothing is lost and nothing is padded. */
export function circularShift(x: Float32Array, shiftSamples: number): Float32Array {
  const n = x.length;
  if (n === 0) return x.slice();
  const shift = ((Math.round(shiftSamples) % n) + n) % n;
  const out = new Float32Array(n);
  out.set(x.subarray(n - shift), 0);
  out.set(x.subarray(0, n - shift), shift);
  return out;
}

/**
 * Adds noise so that signal RMS / noise RMS = snrDb. The noise is looped (never padded) to the
 * signal's length, starting at `noiseOffset`. A silent signal or silent noise is returned unchanged.
 */
export function mixAtSnr(signal: Float32Array, noise: Float32Array, snrDb: number, noiseOffset = 0): Float32Array {
  const signalRms = rms(signal);
  if (noise.length === 0 || signalRms < SILENT_RMS) return signal.slice();
  const start = ((noiseOffset % noise.length) + noise.length) % noise.length;
  const rotated = circularShift(noise, -start);
  const fitted = loopToLength(rotated, signal.length);
  const noiseRms = rms(fitted);
  if (noiseRms < SILENT_RMS) return signal.slice();
  const scale = signalRms / (noiseRms * 10 ** (snrDb / 20));
  return signal.map((v, i) => v + scale * (fitted[i] ?? 0));
}

interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** RBJ audio-EQ-cookbook low- or high-pass, normalised so a0 = 1. */
function butterworthSection(kind: 'lowpass' | 'highpass', cutoffHz: number, sampleRateHz: number): Biquad {
  const w0 = (2 * Math.PI * cutoffHz) / sampleRateHz;
  const alpha = Math.sin(w0) / (2 * BUTTERWORTH_Q);
  const cos = Math.cos(w0);
  const a0 = 1 + alpha;
  const b1 = kind === 'lowpass' ? 1 - cos : -(1 + cos);
  const b0 = kind === 'lowpass' ? (1 - cos) / 2 : (1 + cos) / 2;
  return { b0: b0 / a0, b1: b1 / a0, b2: b0 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

function runBiquad(x: Float32Array, f: Biquad): Float32Array {
  const out = new Float32Array(x.length);
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const x0 = x[i] ?? 0;
    const y0 = f.b0 * x0 + f.b1 * x1 + f.b2 * x2 - f.a1 * y1 - f.a2 * y2;
    out[i] = y0;
    x2 = x1;
    x1 = x0;
    y2 = y1;
    y1 = y0;
  }
  return out;
}

/** 4th-order (two cascaded Butterworth sections) low-pass or high-pass filter. */
export function butterworthFilter(x: Float32Array, kind: 'lowpass' | 'highpass', cutoffHz: number, sampleRateHz: number): Float32Array {
  if (!(cutoffHz > 0 && cutoffHz < sampleRateHz / 2)) throw new RangeError(`cut-off ${cutoffHz} Hz must be between 0 and ${sampleRateHz / 2} Hz`);
  const section = butterworthSection(kind, cutoffHz, sampleRateHz);
  return runBiquad(runBiquad(x, section), section);
}

/** µ-law compand, quantize to `bits`, expand: the grainy low-level noise of telephone codecs. */
export function muLawQuantize(x: Float32Array, bits = 8, mu = MU_LAW_MU): Float32Array {
  const levels = 2 ** (bits - 1) - 1;
  const logMu = Math.log1p(mu);
  return x.map((v) => {
    const clipped = Math.max(-1, Math.min(1, v));
    const compressed = (Math.sign(clipped) * Math.log1p(mu * Math.abs(clipped))) / logMu;
    const quantized = Math.round(compressed * levels) / levels;
    return (Math.sign(quantized) * ((1 + mu) ** Math.abs(quantized) - 1)) / mu;
  });
}

export interface CodecOptions {
  /** Range of the random low-pass cut-off in hertz (phone codecs roll off at 3.4–4 kHz). */
  lowPassHz: readonly [number, number];
  /** Range of the random high-pass cut-off in hertz (small phone microphones lose the lows). */
  highPassHz: readonly [number, number];
  /** Probability of µ-law quantization. */
  quantizeProbability: number;
}

export const DEFAULT_CODEC: CodecOptions = { lowPassHz: [3000, 3800], highPassHz: [60, 300], quantizeProbability: 0.5 };

/** A random phone-codec-like channel: band-pass between a random high-pass and low-pass, maybe µ-law. */
export function codecLike(x: Float32Array, random: Random, sampleRateHz: number, options: CodecOptions = DEFAULT_CODEC): Float32Array {
  let y = butterworthFilter(x, 'lowpass', uniform(random, ...options.lowPassHz), sampleRateHz);
  y = butterworthFilter(y, 'highpass', uniform(random, ...options.highPassHz), sampleRateHz);
  return random() < options.quantizeProbability ? muLawQuantize(y) : y;
}

export interface AugmentOptions {
  sampleRateHz: number;
  /** Gain range in dB. */
  gainDb: readonly [number, number];
  /** Noise clips to mix in (training-fold noise only!); empty disables mixing. */
  noises: readonly Float32Array[];
  /** SNRs in dB to choose from when mixing. */
  snrsDb: readonly number[];
  /** Probabilities of each step. */
  noiseProbability: number;
  codecProbability: number;
  shiftProbability: number;
  codec: CodecOptions;
}

export const DEFAULT_AUGMENT: Omit<AugmentOptions, 'sampleRateHz' | 'noises'> = {
  gainDb: [-12, 6],
  snrsDb: [0, 5, 10, 20],
  noiseProbability: 0.5,
  codecProbability: 0.5,
  shiftProbability: 0.5,
  codec: DEFAULT_CODEC,
};

/**
 * One random augmentation of a training clip: maybe circular shift, maybe noise at a random SNR,
 * maybe a codec-like channel, then a random gain; finally peak-limited to [-1, 1] like a recorder.
 */
export function augmentWaveform(x: Float32Array, random: Random, options: AugmentOptions): Float32Array {
  let y = x;
  if (random() < options.shiftProbability) y = circularShift(y, randomInt(random, Math.max(1, y.length)));
  if (options.noises.length > 0 && options.snrsDb.length > 0 && random() < options.noiseProbability) {
    const noise = options.noises[randomInt(random, options.noises.length)] ?? new Float32Array(0);
    const snr = options.snrsDb[randomInt(random, options.snrsDb.length)] ?? 20;
    y = mixAtSnr(y, noise, snr, randomInt(random, Math.max(1, noise.length)));
  }
  if (random() < options.codecProbability) y = codecLike(y, random, options.sampleRateHz, options.codec);
  y = applyGain(y, uniform(random, ...options.gainDb));
  return y.map((v) => Math.max(-1, Math.min(1, v)));
}
