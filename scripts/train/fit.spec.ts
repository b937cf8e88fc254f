import { beforeAll, describe, expect, it } from 'vitest';
import { buildCryDetector, buildNeedClassifier } from '../../src/models/audio-architecture.ts';
import { INPUT_CHANNELS } from '../../src/models/window-normalization.ts';
import { createRandom, gaussian, randomInt, type Random } from '../lib/random.ts';
import { initTfNode, tf } from '../lib/tf-node.ts';
import { cosineLearningRate, fitWithEarlyStopping, predictWindows, type Batch } from './fit.ts';

const FRAMES = 16;
const BANDS = 8;

/** Class k lights up band 2k in every frame; everything else is noise. */
function batch(random: Random, size: number, classes: number): Batch {
  const x = new Float32Array(size * FRAMES * BANDS * INPUT_CHANNELS);
  const labels = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const label = randomInt(random, classes);
    labels[i] = label;
    for (let f = 0; f < FRAMES; f++) {
      for (let b = 0; b < BANDS; b++) x[((i * FRAMES + f) * BANDS + b) * INPUT_CHANNELS] = 0.5 * gaussian(random) + (b === 2 * label ? 2 : 0);
    }
  }
  return { x, labels };
}

// No dropout: its masks come from Math.random, and this test must not depend on it.
const options = { frames: FRAMES, melBands: BANDS, filters: [4, 4, 4] as const, dropoutRate: 0, seed: 3 };
const common = { frames: FRAMES, melBands: BANDS, batchSize: 16, learningRate: 1e-2, patience: 3, examplesPerEpoch: 128 };

describe('fitWithEarlyStopping', () => {
  beforeAll(async () => {
    await initTfNode();
  });

  it('learns a separable 4-class task, records every epoch and frees what it allocated', () => {
    const model = buildNeedClassifier(options);
    const validation = batch(createRandom(99), 64, 4);
    const before = tf.memory().numTensors;
    const result = fitWithEarlyStopping(model, {
      ...common,
      output: 'logits',
      classCount: 4,
      sampleBatch: (random, size) => batch(random, size, 4),
      validation,
      maxEpochs: 8,
      seed: 1,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.history.length).toBeGreaterThanOrEqual(1);
    expect(result.history.length).toBeLessThanOrEqual(8);
    const best = result.history[result.bestEpoch - 1]!;
    expect(best.valLoss).toBe(Math.min(...result.history.map((r) => r.valLoss)));
    expect(best.valAccuracy).toBeGreaterThan(0.9);
    // The restored weights are the best epoch's: scoring the validation set again agrees.
    const logits = predictWindows(model, validation.x, FRAMES, BANDS);
    const recalls = [0, 1, 2, 3].map((c) => {
      const members = Array.from(validation.labels).flatMap((label, i) => (label === c ? [i] : []));
      const right = members.filter((i) => {
        const row = Array.from(logits.subarray(i * 4, i * 4 + 4));
        return row.indexOf(Math.max(...row)) === c;
      });
      return right.length / members.length;
    });
    expect(recalls.reduce((x, y) => x + y, 0) / 4).toBeCloseTo(best.valAccuracy, 6);
    model.dispose();
  });

  it('trains a fixed number of epochs when there is no validation set', () => {
    const model = buildCryDetector(options);
    const result = fitWithEarlyStopping(model, {
      ...common,
      output: 'binary',
      classCount: 2,
      sampleBatch: (random, size) => batch(random, size, 2),
      validation: null,
      maxEpochs: 3,
      seed: 2,
    });
    expect(result.history).toHaveLength(3);
    expect(result.bestEpoch).toBe(3);
    expect(result.history[2]!.trainAccuracy).toBeGreaterThan(0.8);
    model.dispose();
  });

  it('with a decaying step size, the last epoch moves the weights far less than the first', () => {
    const model = buildCryDetector(options);
    const snapshot = () => model.getWeights().flatMap((w) => Array.from(w.dataSync()));
    const epochMoves: number[] = [];
    let previous = snapshot();
    fitWithEarlyStopping(model, {
      ...common,
      output: 'binary',
      classCount: 2,
      sampleBatch: (random, size) => batch(random, size, 2),
      validation: null,
      maxEpochs: 4,
      finalLearningRate: 1e-5,
      seed: 4,
      onEpoch: () => {
        const now = snapshot();
        epochMoves.push(now.reduce((sum, v, i) => sum + Math.abs(v - (previous[i] ?? v)), 0));
        previous = now;
      },
    });
    expect(epochMoves).toHaveLength(4);
    // Steps of 1e-2 in epoch 1, 1e-5 in epoch 4 (batch-norm statistics move regardless, a little).
    expect(epochMoves[3]!).toBeLessThan(epochMoves[0]! * 0.1);
    model.dispose();
  });
});

describe('cosineLearningRate', () => {
  it('starts at the start, ends at the end and only decreases between', () => {
    const rates = Array.from({ length: 10 }, (_, i) => cosineLearningRate(i + 1, 10, 1e-3, 1e-4));
    expect(rates[0]).toBeCloseTo(1e-3, 12);
    expect(rates[9]).toBeCloseTo(1e-4, 12);
    expect(rates.every((r, i) => i === 0 || r < (rates[i - 1] ?? Infinity))).toBe(true);
    expect(cosineLearningRate(6, 11, 1e-3, 1e-4)).toBeCloseTo(5.5e-4, 12);
    expect(cosineLearningRate(1, 1, 1e-3, 1e-4)).toBe(1e-3);
  });
});
