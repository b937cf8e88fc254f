/**
 * A faster MaxPoolGrad for the wasm backend: tfjs 4.22's wasm kernel took about as long as the
 * whole forward pass of a training step. Here one pass over the pooling windows finds each
 * window's first maximum (the position the cpu backend picks on ties) and routes dy to it.
 */
import * as tf from '@tensorflow/tfjs';
import { replaceWasmKernel } from './wasm-kernels.ts';

const KERNEL_NAME = 'MaxPoolGrad';

interface MaxPoolGradAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** dx of a max pool (NHWC): each window's dy added at the first position holding its maximum. */
export function maxPoolGradient(input: Float32Array, dy: Float32Array, info: tf.backend_util.Conv2DInfo): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  const dx = new Float32Array(input.length);
  let o = 0;
  for (let n = 0; n < batchSize; n++) {
    const image = n * inHeight * inWidth * inChannels;
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - padInfo.top;
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * strideWidth - padInfo.left;
        for (let c = 0; c < inChannels; c++, o++) {
          let best = -Infinity;
          let at = -1;
          for (let fy = 0; fy < filterHeight; fy++) {
            const y = y0 + fy;
            if (y < 0 || y >= inHeight) continue;
            for (let fx = 0; fx < filterWidth; fx++) {
              const x = x0 + fx;
              if (x < 0 || x >= inWidth) continue;
              const index = image + (y * inWidth + x) * inChannels + c;
              const value = input[index]!;
              if (value > best || at < 0) {
                best = value;
                at = index;
              }
            }
          }
          if (at >= 0) dx[at] = dx[at]! + dy[o]!;
        }
      }
    }
  }
  return dx;
}

/** Puts the faster kernel in place of the wasm backend's own. */
export function registerFastMaxPoolGradForWasm(): void {
  replaceWasmKernel(KERNEL_NAME, ({ inputs, backend, attrs }) => {
    const { dy, input } = inputs as { dy?: tf.TensorInfo; input?: tf.TensorInfo };
    if (dy === undefined || input === undefined) throw new Error(`${KERNEL_NAME} needs dy and input.`);
    if (input.dtype !== 'float32') return null;
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
    const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
    const dx = maxPoolGradient(backend.readSync(input.dataId) as Float32Array, backend.readSync(dy.dataId) as Float32Array, info);
    return { dataId: backend.write(dx, [...input.shape], 'float32'), shape: [...input.shape], dtype: 'float32' };
  });
}
