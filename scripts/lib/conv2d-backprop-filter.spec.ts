import { describe, expect, it, beforeAll } from 'vitest';
import { initTfNode, tf } from './tf-node.ts';

type Shape4 = [number, number, number, number];
interface Case {
  name: string;
  input: Shape4;
  filter: Shape4;
  strides: [number, number];
  pad: 'same' | 'valid';
}

const CASES: Case[] = [
  { name: '3×3 same stride 1', input: [2, 9, 7, 3], filter: [3, 3, 3, 4], strides: [1, 1], pad: 'same' },
  { name: '3×3 valid stride 1', input: [3, 8, 6, 2], filter: [3, 3, 2, 5], strides: [1, 1], pad: 'valid' },
  { name: '3×3 same stride 2', input: [2, 9, 8, 3], filter: [3, 3, 3, 2], strides: [2, 2], pad: 'same' },
  { name: '5×3 same, stride 2×1', input: [1, 11, 7, 1], filter: [5, 3, 1, 6], strides: [2, 1], pad: 'same' },
  { name: '1×1 valid', input: [4, 5, 5, 6], filter: [1, 1, 6, 3], strides: [1, 1], pad: 'valid' },
  { name: 'one input channel, spectrogram-like', input: [2, 31, 10, 1], filter: [3, 3, 1, 8], strides: [1, 1], pad: 'same' },
];

/** Relative tolerance: float32 sums over a few hundred products in a different order. */
const TOLERANCE = 1e-4;

/** d/dW of sum(conv2d(x, W) · dy) is exactly the filter gradient for upstream gradient dy. */
function filterGradient(c: Case, x: tf.Tensor4D, dy: tf.Tensor4D): Float32Array {
  return tf.tidy(() => {
    const weighted = (filter: tf.Tensor) => tf.conv2d(x, filter as tf.Tensor4D, c.strides, c.pad).mul(dy).sum();
    return tf.grad(weighted)(tf.zeros<tf.Rank.R4>(c.filter)).dataSync() as Float32Array;
  });
}

describe('wasm Conv2DBackpropFilter', () => {
  beforeAll(async () => {
    const info = await initTfNode();
    expect(info.backend).toBe('wasm');
  });

  for (const c of CASES) {
    it(`matches the cpu backend: ${c.name}`, async () => {
      const seed = c.input.reduce((a, b) => a * 31 + b, 7);
      const x = tf.randomNormal<tf.Rank.R4>(c.input, 0, 1, 'float32', seed);
      const forward = tf.conv2d(x, tf.zeros<tf.Rank.R4>(c.filter), c.strides, c.pad);
      const dy = tf.randomNormal<tf.Rank.R4>(forward.shape, 0, 1, 'float32', seed + 1);
      forward.dispose();

      const onWasm = filterGradient(c, x, dy);
      await tf.setBackend('cpu');
      const onCpu = filterGradient(c, x, dy);
      await tf.setBackend('wasm');

      expect(onWasm.length).toBe(onCpu.length);
      const scale = Math.max(...onCpu.map(Math.abs));
      let worst = 0;
      for (let i = 0; i < onCpu.length; i++) {
        worst = Math.max(worst, Math.abs((onWasm[i] ?? NaN) - (onCpu[i] ?? NaN)));
      }
      expect(worst / scale).toBeLessThan(TOLERANCE);
      x.dispose();
      dy.dispose();
    });
  }

  it('gives a conv layer the same weight gradient as cpu and frees its intermediates', async () => {
    const x = tf.randomNormal<tf.Rank.R4>([2, 12, 8, 2], 0, 1, 'float32', 3);
    const w = tf.randomNormal<tf.Rank.R4>([3, 3, 2, 4], 0, 1, 'float32', 4);
    const loss = (filter: tf.Tensor) => tf.conv2d(x, filter as tf.Tensor4D, 1, 'same').square().sum();
    const gradOf = () => tf.tidy(() => tf.grad(loss)(w).dataSync() as Float32Array);

    gradOf(); // first call lets the backend allocate what it keeps
    const before = tf.memory().numTensors;
    const onWasm = gradOf();
    expect(tf.memory().numTensors).toBe(before);
    await tf.setBackend('cpu');
    const onCpu = gradOf();
    await tf.setBackend('wasm');
    const scale = Math.max(...onCpu.map(Math.abs));
    onCpu.forEach((value, i) => {
      expect(Math.abs((onWasm[i] ?? NaN) - value) / scale).toBeLessThan(TOLERANCE);
    });
    x.dispose();
    w.dispose();
  });
});
