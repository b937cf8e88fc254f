/**
 * The training loop shared by both audio networks: Adam on freshly sampled (augmented)
 * batches, a class-balanced validation loss after every epoch, early stopping, and the best
 * epoch's weights restored at the end (checkpointing in memory).
 */
import type { EpochRecord } from '../lib/metrics-report.ts';
import { createRandom, type Random } from '../lib/random.ts';
import { tf } from '../lib/tf-node.ts';
import { INPUT_CHANNELS } from '../../src/models/window-normalization.ts';

/** 'binary': one sigmoid output, labels 0/1. 'logits': one logit per class, labels 0…classes-1. */
export type OutputKind = 'binary' | 'logits';

/** A batch of normalized windows (count × frames × melBands × INPUT_CHANNELS) and their labels. */
export interface Batch {
  x: Float32Array;
  labels: Int32Array;
}

export interface FitOptions {
  output: OutputKind;
  classCount: number;
  frames: number;
  melBands: number;
  /** Draws a fresh augmented training batch of the given size. */
  sampleBatch: (random: Random, size: number) => Batch;
  /** Early-stopping set; null trains exactly maxEpochs and keeps the last weights. */
  validation: Batch | null;
  maxEpochs: number;
  /** Examples drawn per epoch (epochs are sampled, not passes over a fixed set). */
  examplesPerEpoch: number;
  batchSize: number;
  /** Epochs without a better validation loss before stopping. */
  patience: number;
  /** Adam's step size at the first epoch. */
  learningRate: number;
  /** Step size reached at the last epoch (cosine decay from learningRate); omitted = constant. */
  finalLearningRate?: number;
  seed: number;
  onEpoch?: (record: EpochRecord) => void;
}

export interface FitResult {
  history: EpochRecord[];
  /** 1-based epoch whose weights the model now holds. */
  bestEpoch: number;
}

/** Adam whose step size can change between epochs (tfjs keeps it protected). */
class ScheduledAdam extends tf.AdamOptimizer {
  constructor(learningRate: number) {
    // tf.train.adam's defaults.
    super(learningRate, 0.9, 0.999);
  }
  setLearningRate(value: number): void {
    this.learningRate = value;
  }
}

/**
 * Cosine decay from `start` to `end` over epochs 1…maxEpochs: late epochs take small steps, so
 * the weights settle instead of jumping between equally noisy minibatch directions.
 */
export function cosineLearningRate(epoch: number, maxEpochs: number, start: number, end: number): number {
  if (maxEpochs <= 1) return start;
  const progress = (epoch - 1) / (maxEpochs - 1);
  return end + ((start - end) * (1 + Math.cos(Math.PI * progress))) / 2;
}

/** Probabilities are clipped away from 0 and 1 before the log, as Keras does. */
const PROBABILITY_EPSILON = 1e-7;
const PREDICT_BATCH = 256;

/** Loss of each example (a vector). */
function perExampleLoss(output: OutputKind, predictions: tf.Tensor, labels: tf.Tensor1D, classCount: number): tf.Tensor {
  if (output === 'binary') {
    const p = tf.clipByValue(predictions.reshape([-1]), PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON);
    const y = labels.toFloat();
    return tf.neg(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p)))));
  }
  const oneHot = tf.oneHot(labels, classCount);
  return tf.losses.softmaxCrossEntropy(oneHot, predictions, undefined, undefined, tf.Reduction.NONE);
}

function predictedClasses(output: OutputKind, predictions: tf.Tensor): tf.Tensor {
  return output === 'binary'
    ? predictions.reshape([-1]).greaterEqual(0.5).toInt()
    : predictions.argMax(-1);
}

/** Raw model outputs on many windows, in batches; a (count × outputs) Float32Array. */
export function predictWindows(model: tf.LayersModel, x: Float32Array, frames: number, melBands: number): Float32Array {
  const windowSize = frames * melBands * INPUT_CHANNELS;
  const count = x.length / windowSize;
  const parts: Float32Array[] = [];
  for (let start = 0; start < count; start += PREDICT_BATCH) {
    const end = Math.min(count, start + PREDICT_BATCH);
    parts.push(
      tf.tidy(() => {
        const input = tf.tensor4d(x.subarray(start * windowSize, end * windowSize), [end - start, frames, melBands, INPUT_CHANNELS]);
        return (model.predict(input) as tf.Tensor).dataSync() as Float32Array;
      }),
    );
  }
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Mean loss with every class weighted equally, and balanced accuracy, on a fixed set. */
function validate(model: tf.LayersModel, validation: Batch, options: FitOptions): { loss: number; balancedAccuracy: number } {
  const { output, classCount, frames, melBands } = options;
  const raw = predictWindows(model, validation.x, frames, melBands);
  const count = validation.labels.length;
  const outputs = raw.length / count;
  const [losses, predicted] = tf.tidy(() => {
    const predictions = tf.tensor2d(raw, [count, outputs]);
    const labels = tf.tensor1d(validation.labels, 'int32');
    return [
      perExampleLoss(output, predictions, labels, classCount).dataSync(),
      predictedClasses(output, predictions).dataSync(),
    ];
  });
  const classes = output === 'binary' ? 2 : classCount;
  const lossSum = new Float64Array(classes);
  const correct = new Float64Array(classes);
  const support = new Float64Array(classes);
  validation.labels.forEach((label, i) => {
    lossSum[label]! += losses[i]!;
    support[label]! += 1;
    if (predicted[i] === label) correct[label]! += 1;
  });
  const present = [...support.keys()].filter((c) => support[c]! > 0);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return {
    loss: mean(present.map((c) => lossSum[c]! / support[c]!)),
    balancedAccuracy: mean(present.map((c) => correct[c]! / support[c]!)),
  };
}

/**
 * Trains the model in place. The validation loss and accuracy recorded are class-balanced
 * (each class counts equally), because the need labels are 84% hunger.
 */
export function fitWithEarlyStopping(model: tf.LayersModel, options: FitOptions): FitResult {
  const random = createRandom(options.seed);
  const optimizer = new ScheduledAdam(options.learningRate);
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const history: EpochRecord[] = [];
  let best: { loss: number; epoch: number; weights: tf.Tensor[] } | null = null;
  const batchesPerEpoch = Math.max(1, Math.round(options.examplesPerEpoch / options.batchSize));

  for (let epoch = 1; epoch <= options.maxEpochs; epoch++) {
    optimizer.setLearningRate(cosineLearningRate(epoch, options.maxEpochs, options.learningRate, options.finalLearningRate ?? options.learningRate));
    let lossSum = 0;
    let correct = 0;
    let seen = 0;
    for (let b = 0; b < batchesPerEpoch; b++) {
      const batch = options.sampleBatch(random, options.batchSize);
      const size = batch.labels.length;
      tf.tidy(() => {
        const x = tf.tensor4d(batch.x, [size, options.frames, options.melBands, INPUT_CHANNELS]);
        const labels = tf.tensor1d(batch.labels, 'int32');
        const loss = optimizer.minimize(
          () => {
            const predictions = model.apply(x, { training: true }) as tf.Tensor;
            correct += predictedClasses(options.output, predictions).equal(labels).sum().dataSync()[0] ?? 0;
            return perExampleLoss(options.output, predictions, labels, options.classCount).mean<tf.Scalar>();
          },
          true,
          variables,
        );
        lossSum += (loss?.dataSync()[0] ?? NaN) * size;
      });
      seen += size;
    }
    const validation = options.validation === null ? { loss: NaN, balancedAccuracy: NaN } : validate(model, options.validation, options);
    const record: EpochRecord = {
      epoch,
      trainLoss: lossSum / seen,
      trainAccuracy: correct / seen,
      valLoss: validation.loss,
      valAccuracy: validation.balancedAccuracy,
    };
    history.push(record);
    options.onEpoch?.(record);
    if (options.validation === null) {
      if (epoch === options.maxEpochs) best = { loss: NaN, epoch, weights: model.getWeights().map((w) => w.clone()) };
    } else if (best === null || validation.loss < best.loss) {
      best?.weights.forEach((w) => w.dispose());
      best = { loss: validation.loss, epoch, weights: model.getWeights().map((w) => w.clone()) };
    } else if (epoch - best.epoch >= options.patience) {
      break;
    }
  }
  optimizer.dispose();
  if (best === null) throw new Error('fit: no epoch ran');
  model.setWeights(best.weights);
  best.weights.forEach((w) => w.dispose());
  return { history, bestEpoch: best.epoch };
}
