/**
 * The audio networks, in plain tfjs so the Node training scripts and the browser worker build
 * the very same graph. Input: one normalized log-Mel window, [frames, melBands, INPUT_CHANNELS].
 *
 * Both networks follow the paper's 2D CNN: three Conv2D-BatchNorm-ReLU-MaxPool blocks, then
 * an average over time (keeping coarse frequency, which says where the energy of a cry sits),
 * Dropout and a Dense output. They are kept small (a few thousand weights) because the need
 * labels come from 221 families: a bigger network only memorizes the babies.
 */
import * as tf from '@tensorflow/tfjs';
import { NEEDS } from '../domain/needs.ts';
import { INPUT_CHANNELS } from './window-normalization.ts';

/** Layer names the shipped combined model exposes as its outputs, in this order. */
export const CRY_OUTPUT_NAME = 'cry_probability';
export const NEED_LOGITS_NAME = 'need_logits';

export interface AudioNetworkOptions {
  /** Frames per window (124 for 2 s at a 16 ms hop). */
  frames: number;
  melBands: number;
  /** Output channels of the three convolution blocks. */
  filters: readonly [number, number, number];
  /** Fraction of the pooled features dropped while training. */
  dropoutRate: number;
  /** Seed of the weight initializers, for reproducible training. */
  seed: number;
}

export const DEFAULT_FILTERS = [8, 16, 32] as const;
/**
 * The cry detector's filters: half as many again as DEFAULT_FILTERS. With 8/16/32 the best
 * per-recording F1 out of fold at any threshold was 0.938 (v5); cries against cat calls, sirens
 * and moans need finer detectors, and the cry labels come from far more sources than the need
 * labels, so the extra weights have more to learn from than to memorize.
 */
export const CRY_FILTERS = [12, 24, 48] as const;
export const DEFAULT_DROPOUT_RATE = 0.3;
const KERNEL_SIZE = 3;
const POOL_SIZE = 2;
const HEAD_SEED_OFFSET = 10;
const CRY_PREFIX = 'cry';
const NEED_PREFIX = 'need';
/**
 * Frames averaged in pairs before the first convolution: 32 ms steps resolve a cry's bursts
 * and pauses well enough and halve the cost of every layer (training time is the budget here).
 */
const INPUT_TIME_POOL = 2;

function convBlock(
  input: tf.SymbolicTensor,
  filters: number,
  seed: number,
  prefix: string,
): tf.SymbolicTensor {
  const conv = tf.layers
    .conv2d({
      name: `${prefix}_conv`,
      filters,
      kernelSize: KERNEL_SIZE,
      padding: 'same',
      useBias: false,
      kernelInitializer: tf.initializers.heNormal({ seed }),
    })
    .apply(input) as tf.SymbolicTensor;
  const normalized = tf.layers.batchNormalization({ name: `${prefix}_bn` }).apply(conv) as tf.SymbolicTensor;
  const activated = tf.layers.reLU({ name: `${prefix}_relu` }).apply(normalized) as tf.SymbolicTensor;
  return tf.layers.maxPooling2d({ name: `${prefix}_pool`, poolSize: POOL_SIZE }).apply(activated) as tf.SymbolicTensor;
}

/** The shared shape of both networks up to (and including) the dropout; returns its output. */
function trunk(input: tf.SymbolicTensor, options: AudioNetworkOptions, prefix: string): tf.SymbolicTensor {
  let x = tf.layers
    .averagePooling2d({ name: `${prefix}_frame_pairs`, poolSize: [INPUT_TIME_POOL, 1] })
    .apply(input) as tf.SymbolicTensor;
  options.filters.forEach((filters, block) => {
    x = convBlock(x, filters, options.seed + block, `${prefix}_block${block + 1}`);
  });
  const [, framesLeft] = x.shape;
  if (typeof framesLeft !== 'number') throw new Error('audio network: unknown frame count after pooling');
  const timeAveraged = tf.layers
    .averagePooling2d({ name: `${prefix}_time_average`, poolSize: [framesLeft, 1] })
    .apply(x) as tf.SymbolicTensor;
  const flat = tf.layers.flatten({ name: `${prefix}_flatten` }).apply(timeAveraged) as tf.SymbolicTensor;
  // No seed: tfjs would draw the same mask on every call with one, which is not dropout.
  // Training makes masks reproducible by seeding Math.random instead (train-audio.ts).
  return tf.layers
    .dropout({ name: `${prefix}_dropout`, rate: options.dropoutRate })
    .apply(flat) as tf.SymbolicTensor;
}

function windowInput(options: AudioNetworkOptions, name: string): tf.SymbolicTensor {
  return tf.input({ name, shape: [options.frames, options.melBands, INPUT_CHANNELS] });
}

function cryHead(features: tf.SymbolicTensor, seed: number): tf.SymbolicTensor {
  return tf.layers
    .dense({
      name: CRY_OUTPUT_NAME,
      units: 1,
      activation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + HEAD_SEED_OFFSET }),
    })
    .apply(features) as tf.SymbolicTensor;
}

function needHead(features: tf.SymbolicTensor, seed: number): tf.SymbolicTensor {
  return tf.layers
    .dense({
      name: NEED_LOGITS_NAME,
      units: NEEDS.length,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + HEAD_SEED_OFFSET }),
    })
    .apply(features) as tf.SymbolicTensor;
}

/** Cry detector: one sigmoid output, the probability that the window holds infant crying. */
export function buildCryDetector(options: AudioNetworkOptions): tf.LayersModel {
  const input = windowInput(options, 'cry_window');
  const output = cryHead(trunk(input, options, CRY_PREFIX), options.seed);
  return tf.model({ name: 'cry_detector', inputs: input, outputs: output });
}

/**
 * Need classifier: unnormalized scores (logits) over NEEDS. The app divides them by the
 * calibration temperature before the softmax; training applies the softmax in the loss.
 */
export function buildNeedClassifier(options: AudioNetworkOptions): tf.LayersModel {
  const input = windowInput(options, 'need_window');
  const output = needHead(trunk(input, options, NEED_PREFIX), options.seed);
  return tf.model({ name: 'need_classifier', inputs: input, outputs: output });
}

/**
 * Joins a trained cry detector and need classifier into the one model the app loads: one
 * input window, outputs [cry probability (batch × 1), need logits (batch × 4)], one call per
 * window. The graph is rebuilt flat (both branches side by side) and the weights copied by
 * layer name, which keeps model.json simple to load anywhere.
 */
export function combineAudioNetworks(
  cryDetector: tf.LayersModel,
  needClassifier: tf.LayersModel,
  cryOptions: AudioNetworkOptions,
  needOptions: AudioNetworkOptions,
): tf.LayersModel {
  const input = windowInput(cryOptions, 'log_mel_window');
  const cry = cryHead(trunk(input, cryOptions, CRY_PREFIX), cryOptions.seed);
  const need = needHead(trunk(input, needOptions, NEED_PREFIX), needOptions.seed);
  const combined = tf.model({ name: 'crydecode_audio', inputs: input, outputs: [cry, need] });
  for (const source of [cryDetector, needClassifier]) {
    for (const layer of source.layers) {
      const weights = layer.getWeights();
      if (weights.length > 0) combined.getLayer(layer.name).setWeights(weights);
    }
  }
  return combined;
}
