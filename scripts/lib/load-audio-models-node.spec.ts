import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIO_FEATURES, framesPerWindow } from '../../src/features/audio-config.ts';
import { buildCryDetector, buildNeedClassifier, combineAudioNetworks, CRY_OUTPUT_NAME, DEFAULT_FILTERS } from '../../src/models/audio-architecture.ts';
import { WINDOW_NORMALIZATION } from '../../src/models/audio-model-metadata.ts';
import type { AudioModels } from '../../src/models/audio-model-types.ts';
import { NEEDS } from '../../src/domain/needs.ts';
import { loadAudioModelsFromDir } from './load-audio-models-node.ts';
import { loadModelFromDir, serializeModel, writeModelFiles } from './model-files.ts';
import { quantizeWeights, UINT8_KERNELS_FLOAT16_VECTORS } from './quantize-weights.ts';
import { createRandom, gaussian } from './random.ts';
import { initTfNode, tf } from './tf-node.ts';

const FRAMES = framesPerWindow();
const BANDS = AUDIO_FEATURES.melBands;
const WINDOWS = 40;

/** A cry-like spectrogram: a harmonic stack that moves, over a noise floor (dB). */
function testWindow(seed: number): Float32Array {
  const random = createRandom(seed);
  const out = new Float32Array(FRAMES * BANDS);
  for (let f = 0; f < FRAMES; f++) {
    for (let b = 0; b < BANDS; b++) {
      const harmonic = (b + Math.round(4 * Math.sin(f / 9 + seed))) % 7 === 0 ? 30 : 0;
      out[f * BANDS + b] = -70 + harmonic + 3 * gaussian(random);
    }
  }
  return out;
}

describe('loadAudioModelsFromDir', () => {
  let dir = '';
  let float: AudioModels;
  let quantized: AudioModels;

  beforeAll(async () => {
    await initTfNode();
    dir = await mkdtemp(path.join(os.tmpdir(), 'crydecode-audio-model-'));
    const options = { frames: FRAMES, melBands: BANDS, filters: DEFAULT_FILTERS, dropoutRate: 0.3, seed: 5 };
    const cry = buildCryDetector(options);
    const need = buildNeedClassifier({ ...options, seed: 6 });
    const combined = combineAudioNetworks(cry, need, options, options);
    const metadata = {
      version: 'audio@test',
      frames: FRAMES,
      melBands: BANDS,
      normalization: WINDOW_NORMALIZATION,
      needTemperature: 1.5,
      cryThreshold: 0.5,
      notSureThreshold: 0.6,
      needs: [...NEEDS],
    };
    const saved = { ...(await serializeModel(combined)), userDefinedMetadata: metadata };
    [cry, need, combined].forEach((m) => m.dispose());
    await writeModelFiles(path.join(dir, 'float'), saved);
    const small = quantizeWeights(saved.weightSpecs, saved.weightData, UINT8_KERNELS_FLOAT16_VECTORS);
    await writeModelFiles(path.join(dir, 'quantized'), { ...saved, weightSpecs: small.specs, weightData: small.data });
    float = await loadAudioModelsFromDir(path.join(dir, 'float'));
    quantized = await loadAudioModelsFromDir(path.join(dir, 'quantized'));
  });

  afterAll(async () => {
    float.dispose();
    quantized.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('predicts probabilities for every window without leaking tensors', () => {
    const windows = Array.from({ length: WINDOWS }, (_, i) => testWindow(i));
    float.predict(windows[0]!, FRAMES);
    const before = tf.memory().numTensors;
    for (const window of windows) {
      const { cryProbability, needProbabilities } = float.predict(window, FRAMES);
      expect(cryProbability).toBeGreaterThanOrEqual(0);
      expect(cryProbability).toBeLessThanOrEqual(1);
      expect(needProbabilities).toHaveLength(NEEDS.length);
      expect((needProbabilities ?? []).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(float.versions.audio).toBe('audio@test');
  });

  it('returns the cry head\'s input as the embedding: the cry layer applied to it gives the reported probability', async () => {
    const model = await loadModelFromDir(path.join(dir, 'float'));
    const [kernel, bias] = model.getLayer(CRY_OUTPUT_NAME).getWeights().map((w) => w.dataSync());
    model.dispose();
    for (const seed of [7, 8, 9]) {
      const { cryProbability, embedding } = float.predict(testWindow(seed), FRAMES);
      expect(embedding).toBeInstanceOf(Float32Array);
      expect(embedding?.length).toBe(kernel?.length);
      let logit = bias?.[0] ?? NaN;
      embedding?.forEach((v, i) => (logit += v * (kernel?.[i] ?? NaN)));
      expect(1 / (1 + Math.exp(-logit))).toBeCloseTo(cryProbability, 5);
    }
    expect(float.predict(testWindow(7), FRAMES).embedding).toEqual(float.predict(testWindow(7), FRAMES).embedding);
  });

  it('gives quantized outputs close to the float ones', () => {
    let worstCry = 0;
    let worstNeed = 0;
    for (let i = 0; i < WINDOWS; i++) {
      const window = testWindow(100 + i);
      const a = float.predict(window, FRAMES);
      const b = quantized.predict(window, FRAMES);
      worstCry = Math.max(worstCry, Math.abs(a.cryProbability - b.cryProbability));
      (a.needProbabilities ?? []).forEach((p, k) => (worstNeed = Math.max(worstNeed, Math.abs(p - (b.needProbabilities?.[k] ?? NaN)))));
    }
    expect(worstCry).toBeLessThan(0.03);
    expect(worstNeed).toBeLessThan(0.03);
  });

  it('says what is wrong with a window of the wrong size', () => {
    expect(() => float.predict(new Float32Array(10), 1)).toThrow(/expected 124 frames × 40 bands/);
  });

  it('names the folder when there is no model', async () => {
    await expect(loadAudioModelsFromDir(path.join(dir, 'missing'))).rejects.toThrow(/missing/);
  });
});
