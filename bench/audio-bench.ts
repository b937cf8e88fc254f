/**
 * The audio path per model window, as the worker runs it: log-Mel features of a 2 s window,
 * then both models (cry detector and need classifier) in one call, on the chosen backend.
 */
import * as tf from '@tensorflow/tfjs';
import { AUDIO_FEATURES } from '../src/features/audio-config.ts';
import { logMelSpectrogram } from '../src/features/dsp/index.ts';
import { loadAudioModels } from '../src/models/audio-models.ts';
import { percentile } from './percentiles.ts';

/** Windows timed after warm-up; enough for a stable p95. */
const TIMED_WINDOWS = 200;
/** Untimed windows first: the first WebGL calls compile shaders. */
const WARMUP_WINDOWS = 10;

export interface AudioBenchResult {
  backend: string;
  windows: number;
  featureP50Ms: number;
  featureP95Ms: number;
  inferenceP50Ms: number;
  inferenceP95Ms: number;
  totalP50Ms: number;
  totalP95Ms: number;
  /** Processing time per window ÷ new audio per window (the 0.5 s hop): below 1 keeps up. */
  realTimeFactorP95: number;
  leakedTensors: number;
}

/** A cry-like test window: a 450 Hz harmonic tone with vibrato, bursts and a little noise. */
function testWindow(): Float32Array {
  const rate = AUDIO_FEATURES.sampleRateHz;
  const samples = new Float32Array(AUDIO_FEATURES.windowSeconds * rate);
  let phase = 0;
  let noiseState = 1;
  for (let n = 0; n < samples.length; n++) {
    const t = n / rate;
    phase += (2 * Math.PI * (450 + 30 * Math.sin(2 * Math.PI * 5 * t))) / rate;
    const burst = Math.sin(Math.PI * ((t % 1) / 1)) ** 2;
    noiseState = (noiseState * 1103515245 + 12345) % 2147483648;
    const noise = (noiseState / 2147483648 - 0.5) * 0.01;
    samples[n] = 0.3 * burst * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase)) + noise;
  }
  return samples;
}

export async function benchmarkAudioPath(backend: string, modelBaseUrl: string): Promise<AudioBenchResult> {
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not start`);
  await tf.ready();
  const models = await loadAudioModels(modelBaseUrl, () => undefined);
  const window = testWindow();
  const features: number[] = [];
  const inference: number[] = [];
  const totals: number[] = [];
  const tensorsBefore = tf.memory().numTensors;
  for (let i = 0; i < WARMUP_WINDOWS + TIMED_WINDOWS; i++) {
    const started = performance.now();
    const spectrogram = logMelSpectrogram(window);
    const featured = performance.now();
    models.predict(spectrogram.data, spectrogram.frameCount);
    const done = performance.now();
    if (i < WARMUP_WINDOWS) continue;
    features.push(featured - started);
    inference.push(done - featured);
    totals.push(done - started);
  }
  const leakedTensors = tf.memory().numTensors - tensorsBefore;
  models.dispose();
  const totalP95Ms = percentile(totals, 95);
  return {
    backend: tf.getBackend(),
    windows: TIMED_WINDOWS,
    featureP50Ms: percentile(features, 50),
    featureP95Ms: percentile(features, 95),
    inferenceP50Ms: percentile(inference, 50),
    inferenceP95Ms: percentile(inference, 95),
    totalP50Ms: percentile(totals, 50),
    totalP95Ms,
    realTimeFactorP95: totalP95Ms / 1000 / AUDIO_FEATURES.windowHopSeconds,
    leakedTensors,
  };
}
