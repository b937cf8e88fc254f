import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  float32ToFloat16Bits,
  quantizeUint8,
  quantizeWeights,
  UINT8_KERNELS_FLOAT16_VECTORS,
  UINT8_KERNELS_FLOAT32_VECTORS,
} from './quantize-weights.ts';

function specsAndData(weights: Record<string, { shape: number[]; values: number[] }>) {
  const specs: tf.io.WeightsManifestEntry[] = Object.entries(weights).map(([name, w]) => ({ name, shape: w.shape, dtype: 'float32' }));
  const data = new Float32Array(Object.values(weights).flatMap((w) => w.values));
  return { specs, data: data.buffer };
}

describe('weight quantization', () => {
  it('uint8 maps min to 0 and max to 255 and stays within half a step', () => {
    const values = Float32Array.from([-1, -0.5, 0, 0.25, 1]);
    const { bytes, scale, min } = quantizeUint8(values);
    expect(bytes[0]).toBe(0);
    expect(bytes[4]).toBe(255);
    expect(min).toBe(-1);
    expect(scale).toBeCloseTo(2 / 255, 9);
    values.forEach((v, i) => expect(Math.abs((bytes[i] ?? 0) * scale + min - v)).toBeLessThanOrEqual(scale / 2 + 1e-9));
    expect(quantizeUint8(Float32Array.from([0.3, 0.3])).scale).toBe(0);
    expect(() => quantizeUint8(Float32Array.from([NaN]))).toThrow(/finite/);
  });

  it('encodes float16 bits like IEEE 754 half precision', () => {
    expect(float32ToFloat16Bits(1)).toBe(0x3c00);
    expect(float32ToFloat16Bits(-2)).toBe(0xc000);
    expect(float32ToFloat16Bits(0.5)).toBe(0x3800);
    expect(float32ToFloat16Bits(65504)).toBe(0x7bff);
    expect(float32ToFloat16Bits(1e6)).toBe(0x7c00);
    expect(float32ToFloat16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(float32ToFloat16Bits(2 ** -14)).toBe(0x0400); // smallest normal
    expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie rounds to even
    expect(float32ToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
  });

  it('writes a manifest tfjs decodes back to the original weights within the quantization error', () => {
    const kernel = Array.from({ length: 24 }, (_, i) => Math.sin(i) * 0.7);
    const bias = [0.001, -3.5, 12.25];
    const { specs, data } = specsAndData({ kernel: { shape: [2, 3, 4], values: kernel }, bias: { shape: [3], values: bias } });
    const out = quantizeWeights(specs, data, UINT8_KERNELS_FLOAT16_VECTORS);
    expect(out.specs.map((s) => s.quantization?.dtype)).toEqual(['uint8', 'float16']);
    expect(out.data.byteLength).toBe(24 + 3 * 2);
    const decoded = tf.io.decodeWeights(out.data, out.specs);
    const kernelBack = decoded.kernel?.dataSync() ?? new Float32Array();
    const step = out.specs[0]?.quantization?.scale ?? 0;
    kernel.forEach((v, i) => expect(Math.abs((kernelBack[i] ?? NaN) - v)).toBeLessThanOrEqual(step / 2 + 1e-6));
    const biasBack = decoded.bias?.dataSync() ?? new Float32Array();
    bias.forEach((v, i) => expect(Math.abs((biasBack[i] ?? NaN) - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 1e-7));
    Object.values(decoded).forEach((t) => t.dispose());
  });

  it('copies vectors byte for byte when the plan keeps them float32', () => {
    const bias = [0.001, -3.5, 12.25];
    const { specs, data } = specsAndData({ kernel: { shape: [2, 2], values: [1, 2, 3, 4] }, bias: { shape: [3], values: bias } });
    const out = quantizeWeights(specs, data, UINT8_KERNELS_FLOAT32_VECTORS);
    expect(out.specs.map((s) => s.quantization?.dtype)).toEqual(['uint8', undefined]);
    expect(out.specs[1]).toEqual(specs[1]);
    expect(Array.from(new Float32Array(out.data.slice(4)))).toEqual(Array.from(Float32Array.from(bias)));
  });

  it('refuses weight data that does not match the specs', () => {
    const { specs, data } = specsAndData({ kernel: { shape: [2, 2], values: [1, 2, 3, 4] } });
    expect(() => quantizeWeights(specs, data.slice(0, 8), UINT8_KERNELS_FLOAT16_VECTORS)).toThrow(/ends inside kernel/);
    expect(() => quantizeWeights([], data, UINT8_KERNELS_FLOAT16_VECTORS)).toThrow(/longer/);
  });
});
