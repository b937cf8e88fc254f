import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFaceTrunk, DENSE_BLOCKS, loadFaceApiWeights } from './face-expression-trunk.ts';
import { loadModelFromDir, saveModel } from './model-files.ts';
import { UINT8_KERNELS_FLOAT32_VECTORS } from './quantize-weights.ts';
import { initTfNode, tf } from './tf-node.ts';

const require = createRequire(import.meta.url);
const manifest = require.resolve('@vladmandic/face-api/model/face_expression_model-weights_manifest.json');

/** The network written directly with tf ops from the raw weights, independent of the layers graph. */
function referenceForward(w: tf.NamedTensorMap, x: tf.Tensor4D): tf.Tensor[] {
  const get = (n: string): tf.Tensor => {
    const t = w[n];
    if (t === undefined) throw new Error(n);
    return t;
  };
  const sep = (input: tf.Tensor4D, p: string, stride: number): tf.Tensor4D =>
    tf.add(
      tf.separableConv2d(input, get(`${p}/depthwise_filter`) as tf.Tensor4D, get(`${p}/pointwise_filter`) as tf.Tensor4D, stride, 'same'),
      get(`${p}/bias`),
    );
  let out = x;
  DENSE_BLOCKS.forEach((b, i) => {
    const o1 = tf.relu<tf.Tensor4D>(
      i === 0 ? tf.add(tf.conv2d(out, get(`${b}/conv0/filters`) as tf.Tensor4D, 2, 'same'), get(`${b}/conv0/bias`)) : sep(out, `${b}/conv0`, 2),
    );
    const o2 = sep(o1, `${b}/conv1`, 1);
    const o3 = sep(tf.relu(tf.addN([o1, o2])), `${b}/conv2`, 1);
    const o4 = sep(tf.relu(tf.addN([o1, o2, o3])), `${b}/conv3`, 1);
    out = tf.relu(tf.addN([o1, o2, o3, o4]));
  });
  const features = tf.reshape(tf.avgPool(out, 7, 2, 'valid'), [x.shape[0], -1]);
  return [features, tf.softmax(tf.add(tf.matMul(features, get('fc/weights') as tf.Tensor2D), get('fc/bias')))];
}

describe('face expression trunk', () => {
  let weights: tf.NamedTensorMap;
  let dir: string;
  beforeAll(async () => {
    await initTfNode();
    weights = loadFaceApiWeights(manifest);
    dir = mkdtempSync(path.join(os.tmpdir(), 'trunk-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('matches the op-level network on random faces, and still does after uint8 save/load', async () => {
    const model = buildFaceTrunk(weights);
    const x = tf.randomUniform<tf.Rank.R4>([2, 112, 112, 3], -0.5, 0.5, 'float32', 7);
    const [refEmbedding, refExpressions] = tf.tidy(() => referenceForward(weights, x));
    const [embedding, expressions] = model.predict(x) as tf.Tensor[];
    if (!refEmbedding || !refExpressions || !embedding || !expressions) throw new Error('missing outputs');
    expect(embedding.shape).toEqual([2, 256]);
    expect(expressions.shape).toEqual([2, 7]);
    expect(tf.max(tf.abs(tf.sub(embedding, refEmbedding))).dataSync()[0]).toBeLessThan(1e-4);
    expect(tf.max(tf.abs(tf.sub(expressions, refExpressions))).dataSync()[0]).toBeLessThan(1e-5);

    await saveModel(model, dir, { quantization: UINT8_KERNELS_FLOAT32_VECTORS, convertedBy: 'test' });
    const loaded = await loadModelFromDir(dir);
    const [, qExpressions] = loaded.predict(x) as tf.Tensor[];
    if (!qExpressions) throw new Error('missing output');
    expect(tf.max(tf.abs(tf.sub(qExpressions, refExpressions))).dataSync()[0]).toBeLessThan(0.05);
  });
});
