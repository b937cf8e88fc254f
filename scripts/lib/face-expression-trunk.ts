/**
 * Rebuilds face-api's face expression network (@vladmandic/face-api, MIT) as a TF.js
 * LayersModel with two outputs: the 256-d pooled features (our face embedding) and the
 * 7 expression probabilities. face-api ships only a weights manifest and builds the graph
 * in code; the architecture here follows its published structure: four "dense blocks"
 * (a stride-2 conv, then three separable convs whose outputs are summed densely),
 * 7×7 average pooling and one fully connected layer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tf } from './tf-node.ts';
import { EXPRESSION_LABELS, TRUNK_EMBEDDING_SIZE, TRUNK_INPUT_SIZE_PX } from '../../src/models/vision/face-trunk.ts';

export const DENSE_BLOCKS = ['dense0', 'dense1', 'dense2', 'dense3'] as const;
const CONVS_PER_BLOCK = 4;
const KERNEL_SIZE = 3;
const POOL_SIZE = 7;
const POOL_STRIDE = 2;
export const EMBEDDING_OUTPUT = 'embedding';
export const EXPRESSIONS_OUTPUT = 'expressions';

/** Reads a face-api weights manifest and its shards into named tensors (dequantized). */
export function loadFaceApiWeights(manifestPath: string): tf.NamedTensorMap {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as tf.io.WeightsManifestConfig;
  const specs: tf.io.WeightsManifestEntry[] = [];
  const shards: Buffer[] = [];
  for (const group of manifest) {
    specs.push(...group.weights);
    for (const p of group.paths) shards.push(readFileSync(path.join(path.dirname(manifestPath), p)));
  }
  const data = Buffer.concat(shards);
  return tf.io.decodeWeights(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength), specs);
}

function weight(weights: tf.NamedTensorMap, name: string): tf.Tensor {
  const t = weights[name];
  if (t === undefined) throw new Error(`The face expression weights have no ${name}.`);
  return t;
}

/** Output channels of a block, read from its first conv's weights. */
function blockChannels(weights: tf.NamedTensorMap, block: string): number {
  const shape = weight(weights, `${block}/conv0/bias`).shape;
  return shape[0] ?? 0;
}

/** Builds the LayersModel and loads the face-api weights into it. */
export function buildFaceTrunk(weights: tf.NamedTensorMap): tf.LayersModel {
  const input = tf.input({ shape: [TRUNK_INPUT_SIZE_PX, TRUNK_INPUT_SIZE_PX, 3], name: 'face_rgb_normalized' });
  const assignments: [tf.layers.Layer, tf.Tensor[]][] = [];
  const relu = (x: tf.SymbolicTensor, name: string): tf.SymbolicTensor => tf.layers.reLU({ name }).apply(x) as tf.SymbolicTensor;
  const add = (xs: tf.SymbolicTensor[], name: string): tf.SymbolicTensor => tf.layers.add({ name }).apply(xs) as tf.SymbolicTensor;

  let x: tf.SymbolicTensor = input;
  DENSE_BLOCKS.forEach((block, blockIndex) => {
    const filters = blockChannels(weights, block);
    const outs: tf.SymbolicTensor[] = [];
    for (let c = 0; c < CONVS_PER_BLOCK; c++) {
      const prefix = `${block}/conv${c}`;
      const name = `${block}_conv${c}`;
      const strides = c === 0 ? 2 : 1;
      const isPlainConv = blockIndex === 0 && c === 0;
      const layer = isPlainConv
        ? tf.layers.conv2d({ filters, kernelSize: KERNEL_SIZE, strides, padding: 'same', name })
        : tf.layers.separableConv2d({ filters, kernelSize: KERNEL_SIZE, strides, padding: 'same', depthMultiplier: 1, name });
      assignments.push([
        layer,
        isPlainConv
          ? [weight(weights, `${prefix}/filters`), weight(weights, `${prefix}/bias`)]
          : [weight(weights, `${prefix}/depthwise_filter`), weight(weights, `${prefix}/pointwise_filter`), weight(weights, `${prefix}/bias`)],
      ]);
      // conv0 is applied to the block input and rectified; each later conv sees the rectified sum of all earlier outputs.
      const convInput = c === 0 ? x : c === 1 ? (outs[0] as tf.SymbolicTensor) : relu(add(outs.slice(), `${name}_sum`), `${name}_in`);
      const out = layer.apply(convInput) as tf.SymbolicTensor;
      outs.push(c === 0 ? relu(out, `${name}_relu`) : out);
    }
    x = relu(add(outs, `${block}_sum`), `${block}_out`);
  });
  const pooled = tf.layers.averagePooling2d({ poolSize: POOL_SIZE, strides: POOL_STRIDE, padding: 'valid', name: 'pool' }).apply(x) as tf.SymbolicTensor;
  const embedding = tf.layers.flatten({ name: EMBEDDING_OUTPUT }).apply(pooled) as tf.SymbolicTensor;
  const fc = tf.layers.dense({ units: EXPRESSION_LABELS.length, activation: 'softmax', name: EXPRESSIONS_OUTPUT });
  assignments.push([fc, [weight(weights, 'fc/weights'), weight(weights, 'fc/bias')]]);
  const expressions = fc.apply(embedding) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: [embedding, expressions], name: 'face_trunk' });
  for (const [layer, values] of assignments) layer.setWeights(values);
  const embeddingSize = embedding.shape[1];
  if (embeddingSize !== TRUNK_EMBEDDING_SIZE) throw new Error(`Unexpected embedding size ${String(embeddingSize)}.`);
  return model;
}
