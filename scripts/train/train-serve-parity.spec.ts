/**
 * Train/serve parity: the same audio through the training path (the scripts' decoding,
 * resampling, clip spectrogram and window crops), the live path (the streaming analyser fed in
 * worklet-sized chunks, then what the audio worker does with each window) and the recording path
 * (analyseRecording, as the recording worker runs it) must give the same window starts, the same
 * log-Mel features and, with the shipped model, the same cry probabilities. A change to one
 * path's window step or resampler fails here.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIO_FEATURES, windowSamples } from '../../src/features/audio-config.ts';
import { logMelSpectrogram } from '../../src/features/dsp/index.ts';
import type { AudioModels, AudioPrediction } from '../../src/models/audio-model-types.ts';
import { createAudioModels, runAudioNetwork, type LoadedAudioModels } from '../../src/models/audio-models-runtime.ts';
import { CHUNK_SAMPLES } from '../../src/protocol/worklet-messages.ts';
import { createLiveAudioAnalyzer } from '../../workers/live-audio-analyzer.ts';
import { analyseRecording, type AnalysisHooks } from '../../workers/recording-analysis.ts';
import { loadAudio } from '../lib/datasets.ts';
import { loadModelFromDir } from '../lib/model-files.ts';
import { initTfNode, tf } from '../lib/tf-node.ts';
import { decodeWav, encodeWavPcm16 } from '../lib/wav.ts';
import { cropFrames } from './log-mel-augment.ts';
import { evaluationWindows, MEL_BANDS, WINDOW_FRAMES, windowStartFrames } from './window-sampling.ts';
import type { CorpusClip } from './corpus.ts';

/** Largest allowed difference between two paths' log-Mel values, in dB. */
const FEATURE_TOLERANCE_DB = 1e-4;
/** Largest allowed difference between two paths' cry probabilities (0–1). */
const PROBABILITY_TOLERANCE = 1e-4;

const RATE = AUDIO_FEATURES.sampleRateHz;
const WINDOW_SAMPLES = windowSamples();
const MODEL_DIR = path.join(import.meta.dirname, '../..', 'public', 'models', 'audio');
const CRY_FIXTURE = path.join(import.meta.dirname, '../..', 'tests', 'fixtures', 'cry-48k.wav');

/** One window as a path sees it: where it starts (samples at the analysis rate), its log-Mel, its cry probability. */
interface PathWindow {
  startSample: number;
  logMel: Float32Array;
  cryProbability: number;
}

/**
 * A cry-like synthetic signal at 44.1 kHz (a ratio to 8 kHz that is not a whole number): a
 * harmonic stack gliding around 450 Hz in bursts of 0.6 s for 2.6 s, then faint noise alone, 5.3 s
 * in all (so the windows' cry probabilities differ).
 */
function syntheticCry(rateHz: number, seconds: number): Float32Array {
  let seed = 12345;
  const noise = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31 - 0.5;
  };
  let phase = 0;
  return Float32Array.from({ length: Math.round(rateHz * seconds) }, (_, n) => {
    const t = n / rateHz;
    const f0 = 450 + 80 * Math.sin(2 * Math.PI * 0.7 * t);
    phase += (2 * Math.PI * f0) / rateHz;
    const burst = t < 2.6 ? Math.max(0, Math.sin((2 * Math.PI * t) / 1.2)) : 0;
    let voiced = 0;
    for (let h = 1; h <= 6; h++) voiced += Math.sin(h * phase) / h;
    return 0.25 * burst * voiced + 0.01 * noise();
  });
}

/** Training: loadAudio (decode + our resampler), the clip's spectrogram as corpus.ts makes it, windows cropped at windowStartFrames. */
function trainingPath(wavPath: string, model: tf.LayersModel): PathWindow[] {
  const samples = loadAudio(wavPath, { cacheDir: null });
  const { data, frameCount, melBands } = logMelSpectrogram(samples, AUDIO_FEATURES);
  const clip: CorpusClip = { id: 'parity', source: 'synthetic', group: 'parity', isCry: true, augmentedCopy: false, spectrogram: { data, frames: frameCount, melBands } };
  const starts = windowStartFrames(frameCount);
  // The normalized windows evaluate-folds scores, run as it runs them: one batch.
  const windows = evaluationWindows([clip]);
  const outputs = runAudioNetwork(model, windows.x, windows.count, WINDOW_FRAMES, MEL_BANDS);
  return starts.map((start, i) => ({
    startSample: start * AUDIO_FEATURES.hopLengthSamples,
    logMel: cropFrames(clip.spectrogram, start, WINDOW_FRAMES),
    cryProbability: outputs[i]?.cryProbability ?? NaN,
  }));
}

/** Live: the analyser fed CHUNK_SAMPLES at a time, each window through the audio worker's two steps. */
function livePath(samples: Float32Array, rateHz: number, models: AudioModels): PathWindow[] {
  const windows: PathWindow[] = [];
  const analyzer = createLiveAudioAnalyzer(rateHz, {
    spectrogram: () => undefined,
    window: (window, endTimeSeconds) => {
      // As workers/audio.worker.ts predict().
      const logMel = logMelSpectrogram(window, AUDIO_FEATURES);
      const { cryProbability } = models.predict(logMel.data, logMel.frameCount);
      windows.push({ startSample: Math.round(endTimeSeconds * RATE) - WINDOW_SAMPLES, logMel: logMel.data, cryProbability });
    },
  });
  for (let offset = 0; offset < samples.length; offset += CHUNK_SAMPLES) analyzer.push(samples.slice(offset, offset + CHUNK_SAMPLES));
  return windows;
}

const NO_HOOKS: AnalysisHooks = { progress: () => undefined, cancelled: () => false, pause: () => Promise.resolve() };

/** Recording: analyseRecording on the decoded file, with the model wrapped to keep the log-Mel it is given. */
async function recordingPath(samples: Float32Array, rateHz: number, models: AudioModels): Promise<PathWindow[]> {
  const seen: Float32Array[] = [];
  const spy: AudioModels = {
    versions: models.versions,
    predict(logMel: Float32Array, frameCount: number): AudioPrediction {
      seen.push(logMel.slice());
      return models.predict(logMel, frameCount);
    },
    dispose: () => undefined,
  };
  const outcome = await analyseRecording(samples, rateHz, () => Promise.resolve(spy), NO_HOOKS);
  if (outcome.kind !== 'done') throw new Error(`recording path: ${outcome.kind === 'error' ? outcome.message : 'cancelled'}`);
  return outcome.windows.map((w, i) => ({ startSample: Math.round(w.startSeconds * RATE), logMel: seen[i] ?? new Float32Array(0), cryProbability: w.cryProbability }));
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** Checks `other` against the training windows it shares (the live path cannot see the last one). */
function expectSameAs(training: readonly PathWindow[], other: readonly PathWindow[]): { featureDb: number; probability: number } {
  expect(other.map((w) => w.startSample)).toEqual(training.slice(0, other.length).map((w) => w.startSample));
  let featureDb = 0;
  let probability = 0;
  other.forEach((w, i) => {
    const reference = training[i]!;
    featureDb = Math.max(featureDb, maxAbsDiff(w.logMel, reference.logMel));
    probability = Math.max(probability, Math.abs(w.cryProbability - reference.cryProbability));
  });
  expect(featureDb).toBeLessThanOrEqual(FEATURE_TOLERANCE_DB);
  expect(probability).toBeLessThanOrEqual(PROBABILITY_TOLERANCE);
  return { featureDb, probability };
}

describe('train/serve parity with the shipped audio model', () => {
  let network: tf.LayersModel;
  let models: LoadedAudioModels;
  let dir = '';
  let syntheticWav = '';

  beforeAll(async () => {
    await initTfNode();
    // Two handles on one model file: the raw network (training's batch scoring) and the app's wrapper.
    network = await loadModelFromDir(MODEL_DIR);
    models = createAudioModels(await loadModelFromDir(MODEL_DIR));
    dir = await mkdtemp(path.join(os.tmpdir(), 'crydecode-parity-'));
    syntheticWav = path.join(dir, 'synthetic-44k1.wav');
    await writeFile(syntheticWav, encodeWavPcm16([syntheticCry(44_100, 5.3)], 44_100));
  });

  afterAll(async () => {
    network.dispose();
    models.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const cases = [
    { name: 'the committed 48 kHz cry fixture', file: (): string => CRY_FIXTURE, minWindows: 6 },
    { name: 'a synthetic 44.1 kHz cry-like signal', file: (): string => syntheticWav, minWindows: 8 },
  ];

  for (const { name, file, minWindows } of cases) {
    it(`${name}: same window starts, log-Mel (≤ ${FEATURE_TOLERANCE_DB} dB) and cry probability (≤ ${PROBABILITY_TOLERANCE}) on all three paths`, async () => {
      // What the browser hands the app for a WAV decoded at its own rate, and what a microphone would: the file's samples.
      const decoded = decodeWav(new Uint8Array(readFileSync(file())));
      const training = trainingPath(file(), network);
      const live = livePath(decoded.samples, decoded.sampleRateHz, models);
      const recording = await recordingPath(decoded.samples, decoded.sampleRateHz, models);

      expect(training.length).toBeGreaterThanOrEqual(minWindows);
      // The recording path sees every window training does, the trailing one included.
      expect(recording).toHaveLength(training.length);
      // Live has no end of stream: all but at most the trailing window.
      expect(live.length).toBeGreaterThanOrEqual(training.length - 1);
      expectSameAs(training, recording);
      expectSameAs(training, live);
      // The probabilities are not all one value: the comparison means something.
      const probabilities = training.map((w) => w.cryProbability);
      expect(Math.max(...probabilities) - Math.min(...probabilities)).toBeGreaterThan(0.01);
      // Three feature passes and two model runs: seconds when the machine is idle, far more on a shared one.
    }, 180_000);
  }

  it('the grid is one step: 31 frames of 128 samples in every path', () => {
    expect(AUDIO_FEATURES.windowHopFrames * AUDIO_FEATURES.hopLengthSamples).toBe(3968);
    expect(windowStartFrames(WINDOW_FRAMES + 2 * AUDIO_FEATURES.windowHopFrames)).toEqual([0, 31, 62]);
  });
});
