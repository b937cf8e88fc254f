import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { batchNormGradientConfig, registerFastBatchNormGradient } from './batch-norm-gradient.ts';

/** Gradients of a loss through batchNorm w.r.t. every input, flattened, in a fixed order. */
function batchNormGradients(): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.randomNormal([3, 5, 4, 6], 0, 2, 'float32', 1);
    const mean = tf.randomNormal([6], 0, 1, 'float32', 2);
    const variance = tf.randomUniform([6], 0.5, 2, 'float32', 3);
    const offset = tf.randomNormal([6], 0, 1, 'float32', 4);
    const scale = tf.randomNormal([6], 1, 0.2, 'float32', 5);
    const weights = tf.randomNormal([3, 5, 4, 6], 0, 1, 'float32', 6);
    const loss = (a: tf.Tensor, m: tf.Tensor, v: tf.Tensor, o: tf.Tensor, s: tf.Tensor) =>
      tf.batchNorm(a, m, v, o, s, 1e-3).mul(weights).square().sum();
    return tf.grads(loss)([x, mean, variance, offset, scale]).map((g) => g.dataSync() as Float32Array);
  });
}

describe('fast FusedBatchNorm gradient', () => {
  it('gives the same gradients as tfjs’s own for x, mean, variance, offset and scale', async () => {
    await tf.setBackend('cpu');
    const original = batchNormGradients();
    registerFastBatchNormGradient();
    expect(tf.getGradient('FusedBatchNorm')).toBe(batchNormGradientConfig);
    const fast = batchNormGradients();
    expect(fast.map((g) => g.length)).toEqual(original.map((g) => g.length));
    original.forEach((expected, input) => {
      const actual = fast[input]!;
      const scale = Math.max(...expected.map(Math.abs));
      expected.forEach((value, i) => {
        expect(Math.abs(actual[i]! - value) / scale).toBeLessThan(1e-5);
      });
    });
  });
});
