/**
 * Weight quantization in the tfjs weights-manifest format: each float32 weight is stored as
 * uint8 (value ≈ q·scale + min, 256 levels between the weight's min and max) or float16, and
 * its manifest entry carries `quantization: {dtype, scale, min}` so tf.loadLayersModel
 * dequantizes on load. Only the stored bytes shrink; inference still runs in float32.
 */
import type * as tf from '@tensorflow/tfjs';

export type QuantizationDtype = 'uint8' | 'float16';

/** Picks the stored type of one weight from its spec (e.g. uint8 for kernels, float16 for vectors). */
export type QuantizationPlan = (spec: tf.io.WeightsManifestEntry) => QuantizationDtype | null;

const UINT8_LEVELS = 255;

/** Affine uint8: min maps to 0, max to 255; a constant weight gets scale 0. */
export function quantizeUint8(values: Float32Array): { bytes: Uint8Array; scale: number; min: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) throw new Error('quantizeUint8: weights must be finite');
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  if (values.length === 0) return { bytes: new Uint8Array(0), scale: 0, min: 0 };
  const scale = (max - min) / UINT8_LEVELS;
  const bytes = new Uint8Array(values.length);
  if (scale > 0) {
    for (let i = 0; i < values.length; i++) bytes[i] = Math.round((values[i]! - min) / scale);
  }
  return { bytes, scale, min };
}

/** 2^24: float16 subnormals are multiples of 2^-24. */
const SUBNORMAL_STEPS_PER_UNIT = 2 ** 24;
const float32View = new Float32Array(1);
const uint32View = new Uint32Array(float32View.buffer);

/** IEEE 754 half precision bits of a float32, rounded to nearest even; overflow → ±Infinity. */
export function float32ToFloat16Bits(value: number): number {
  float32View[0] = value;
  const bits = uint32View[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa !== 0 ? 0x200 : 0); // Inf / NaN
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    // Subnormal half: a multiple of 2^-24; 1024 such steps carry exactly into the smallest normal.
    const steps = Math.abs(value) * SUBNORMAL_STEPS_PER_UNIT;
    let rounded = Math.round(steps);
    if (steps - Math.floor(steps) === 0.5 && rounded % 2 === 1) rounded -= 1;
    return sign | rounded;
  }
  let half = sign | (halfExponent << 10) | (mantissa >>> 13);
  const remainder = mantissa & 0x1fff;
  if (remainder > 0x1000 || (remainder === 0x1000 && (half & 1) === 1)) half += 1; // may carry into the exponent, which is right
  return half;
}

export interface QuantizedWeights {
  specs: tf.io.WeightsManifestEntry[];
  data: ArrayBuffer;
}

/** Re-encodes concatenated float32 weights (in spec order) according to the plan. */
export function quantizeWeights(
  specs: readonly tf.io.WeightsManifestEntry[],
  data: ArrayBuffer,
  plan: QuantizationPlan,
): QuantizedWeights {
  const chunks: Uint8Array[] = [];
  const outSpecs: tf.io.WeightsManifestEntry[] = [];
  let offset = 0;
  for (const spec of specs) {
    if (spec.quantization !== undefined) throw new Error(`quantizeWeights: ${spec.name} is already quantized`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const byteLength = size * 4;
    if (offset + byteLength > data.byteLength) throw new Error(`quantizeWeights: weight data ends inside ${spec.name}`);
    const dtype = spec.dtype === 'float32' ? plan(spec) : null;
    const raw = new Uint8Array(data, offset, byteLength);
    offset += byteLength;
    if (dtype === null) {
      chunks.push(raw.slice());
      outSpecs.push({ ...spec });
    } else if (dtype === 'uint8') {
      const { bytes, scale, min } = quantizeUint8(new Float32Array(data.slice(offset - byteLength, offset)));
      chunks.push(bytes);
      outSpecs.push({ ...spec, quantization: { dtype, scale, min } });
    } else {
      const values = new Float32Array(data.slice(offset - byteLength, offset));
      const halves = new Uint16Array(values.length);
      for (let i = 0; i < values.length; i++) halves[i] = float32ToFloat16Bits(values[i]!);
      chunks.push(new Uint8Array(halves.buffer));
      outSpecs.push({ ...spec, quantization: { dtype } });
    }
  }
  if (offset !== data.byteLength) throw new Error('quantizeWeights: weight data longer than its specs');
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const out = new Uint8Array(total);
  let position = 0;
  for (const chunk of chunks) {
    out.set(chunk, position);
    position += chunk.length;
  }
  return { specs: outSpecs, data: out.buffer };
}

/** Convolution and dense kernels have two or more dimensions; biases and BatchNorm vectors one. */
const isKernel = (spec: tf.io.WeightsManifestEntry): boolean => spec.shape.length >= 2;

/** The audio model's plan: the kernels hold nearly all the bytes; float16 halves the small vectors too. */
export const UINT8_KERNELS_FLOAT16_VECTORS: QuantizationPlan = (spec) => (isKernel(spec) ? 'uint8' : 'float16');

/** The face trunk's plan: its biases weigh a few KiB, so they stay exact float32 (as public/models/vision always shipped). */
export const UINT8_KERNELS_FLOAT32_VECTORS: QuantizationPlan = (spec) => (isKernel(spec) ? 'uint8' : null);
