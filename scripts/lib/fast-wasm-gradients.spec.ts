import { beforeAll, describe, expect, it } from 'vitest';
import { flippedTransposedFilter } from './conv2d-backprop-input.ts';
import { initTfNode, tf } from './tf-node.ts';

type Shape4 = [number, number, number, number];

/** Relative tolerance: float32 sums of a few hundred products taken in another order. */
const TOLERANCE = 1e-4;

function worstRelativeError(actual: Float32Array, expected: Float32Array): number {
  expect(actual.length).toBe(expected.length);
  const scale = Math.max(1e-12, ...expected.map(Math.abs));
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs((actual[i] ?? NaN) - (expected[i] ?? NaN)));
  return worst / scale;
}

/** Runs `compute` on wasm (with the kernels registered by initTfNode) and on the cpu backend. */
async function onBothBackends(compute: () => Float32Array): Promise<{ wasm: Float32Array; cpu: Float32Array }> {
  const wasm = compute();
  await tf.setBackend('cpu');
  const cpu = compute();
  await tf.setBackend('wasm');
  return { wasm, cpu };
}

describe('flippedTransposedFilter', () => {
  it('turns a filter by 180° and swaps its channels', () => {
    // [2, 1, 1, 2]: tap 0 holds (in0→out0, in0→out1) = (1, 2), tap 1 holds (3, 4).
    const turned = flippedTransposedFilter(Float32Array.of(1, 2, 3, 4), [2, 1, 1, 2]);
    // [2, 1, 2, 1]: tap 0 now holds the old tap 1, per old output channel: (3, 4).
    expect(Array.from(turned)).toEqual([3, 4, 1, 2]);
  });
});

describe('wasm input gradient of conv2d', () => {
  beforeAll(async () => {
    expect((await initTfNode()).backend).toBe('wasm');
  });

  const cases: { name: string; input: Shape4; filter: Shape4; strides: [number, number]; pad: 'same' | 'valid' }[] = [
    { name: '3×3 same', input: [2, 9, 7, 3], filter: [3, 3, 3, 4], strides: [1, 1], pad: 'same' },
    { name: '3×3 valid', input: [3, 8, 6, 2], filter: [3, 3, 2, 5], strides: [1, 1], pad: 'valid' },
    { name: '5×3 same', input: [1, 11, 7, 2], filter: [5, 3, 2, 6], strides: [1, 1], pad: 'same' },
    { name: '2×2 same (uneven padding)', input: [2, 6, 5, 3], filter: [2, 2, 3, 2], strides: [1, 1], pad: 'same' },
    { name: '3×3 same stride 2 (backend kernel)', input: [2, 9, 8, 3], filter: [3, 3, 3, 2], strides: [2, 2], pad: 'same' },
  ];
  for (const c of cases) {
    it(`matches the cpu backend: ${c.name}`, async () => {
      const seed = c.input.reduce((a, b) => a * 31 + b, 11);
      const x = tf.randomNormal<tf.Rank.R4>(c.input, 0, 1, 'float32', seed);
      const w = tf.randomNormal<tf.Rank.R4>(c.filter, 0, 1, 'float32', seed + 1);
      const probe = tf.conv2d(x, w, c.strides, c.pad);
      const dy = tf.randomNormal<tf.Rank.R4>(probe.shape, 0, 1, 'float32', seed + 2);
      probe.dispose();
      const inputGradient = () =>
        tf.tidy(() => tf.grad((input: tf.Tensor) => tf.conv2d(input as tf.Tensor4D, w, c.strides, c.pad).mul(dy).sum())(x).dataSync() as Float32Array);
      const { wasm, cpu } = await onBothBackends(inputGradient);
      expect(worstRelativeError(wasm, cpu)).toBeLessThan(TOLERANCE);
      tf.dispose([x, w, dy]);
    });
  }

  it('leaves no tensors behind', () => {
    const x = tf.randomNormal<tf.Rank.R4>([2, 12, 8, 2], 0, 1, 'float32', 3);
    const w = tf.randomNormal<tf.Rank.R4>([3, 3, 2, 4], 0, 1, 'float32', 4);
    const gradient = () => tf.tidy(() => tf.grad((input: tf.Tensor) => tf.conv2d(input as tf.Tensor4D, w, 1, 'same').square().sum())(x).dataSync());
    gradient();
    const before = tf.memory().numTensors;
    gradient();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w]);
  });
});

describe('wasm gradient of max pooling', () => {
  beforeAll(async () => {
    expect((await initTfNode()).backend).toBe('wasm');
  });

  const cases: { name: string; input: Shape4; size: [number, number]; strides: [number, number]; pad: 'same' | 'valid' }[] = [
    { name: '2×2 stride 2 valid (odd sizes)', input: [2, 9, 7, 3], size: [2, 2], strides: [2, 2], pad: 'valid' },
    { name: '3×3 stride 1 same (overlapping windows)', input: [1, 6, 5, 2], size: [3, 3], strides: [1, 1], pad: 'same' },
    { name: '3×2 stride 2×1 same', input: [2, 7, 6, 4], size: [3, 2], strides: [2, 1], pad: 'same' },
  ];
  for (const c of cases) {
    it(`matches the cpu backend: ${c.name}`, async () => {
      const seed = c.input.reduce((a, b) => a * 17 + b, 5);
      const x = tf.randomNormal<tf.Rank.R4>(c.input, 0, 1, 'float32', seed);
      const probe = tf.maxPool(x, c.size, c.strides, c.pad);
      const dy = tf.randomNormal<tf.Rank.R4>(probe.shape, 0, 1, 'float32', seed + 1);
      probe.dispose();
      const poolGradient = () =>
        tf.tidy(() => tf.grad((input: tf.Tensor) => tf.maxPool(input as tf.Tensor4D, c.size, c.strides, c.pad).mul(dy).sum())(x).dataSync() as Float32Array);
      const { wasm, cpu } = await onBothBackends(poolGradient);
      expect(worstRelativeError(wasm, cpu)).toBeLessThan(TOLERANCE);
      tf.dispose([x, dy]);
    });
  }

  it('sends a tied window’s gradient to its first maximum only', () => {
    const x = tf.tensor4d([1, 1, 1, 1], [1, 2, 2, 1]);
    const dx = tf.tidy(() => tf.grad((input: tf.Tensor) => tf.maxPool(input as tf.Tensor4D, 2, 2, 'valid').sum())(x).dataSync());
    expect(Array.from(dx)).toEqual([1, 0, 0, 0]);
    x.dispose();
  });
});
