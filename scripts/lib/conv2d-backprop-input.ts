/**
 * A faster input gradient of a 2D convolution for the wasm backend. tfjs 4.22's wasm
 * Conv2DBackpropInput was the most expensive kernel of a training step (about a third of it),
 * while its forward Conv2D (XNNPACK) is several times faster on the same sizes. For stride 1 the
 * input gradient *is* a forward convolution: dy convolved with the filter turned by 180° and its
 * in/out channels swapped, padded by (filter size − 1 − original padding) on each side. Other
 * strides keep the backend's own kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { replaceWasmKernel, type DataBackend } from './wasm-kernels.ts';

const KERNEL_NAME = 'Conv2DBackpropInput';
const BACKEND_NAME = 'wasm';

interface BackpropInputAttrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

/** [fh, fw, in, out] → [fh, fw, out, in], turned by 180° in space. */
export function flippedTransposedFilter(filter: Float32Array, shape: readonly [number, number, number, number]): Float32Array {
  const [height, width, inChannels, outChannels] = shape;
  const out = new Float32Array(filter.length);
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      const source = ((height - 1 - i) * width + (width - 1 - j)) * inChannels * outChannels;
      const target = (i * width + j) * outChannels * inChannels;
      for (let c = 0; c < inChannels; c++) {
        for (let o = 0; o < outChannels; o++) out[target + o * inChannels + c] = filter[source + c * outChannels + o]!;
      }
    }
  }
  return out;
}

function viaForwardConvolution(backend: DataBackend, dy: tf.TensorInfo, filter: tf.TensorInfo, attrs: BackpropInputAttrs): tf.TensorInfo | null {
  const filterShape = filter.shape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(attrs.inputShape, filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  if (attrs.dataFormat !== 'NHWC' || info.strideHeight !== 1 || info.strideWidth !== 1 || dy.dtype !== 'float32') return null;
  const conv2d = tf.getKernel('Conv2D', BACKEND_NAME);
  if (conv2d === undefined) return null;
  const { top, bottom, left, right } = info.padInfo;
  const [height, width, inChannels, outChannels] = filterShape;
  const turned = flippedTransposedFilter(backend.readSync(filter.dataId) as Float32Array, filterShape);
  const turnedId = backend.write(turned, [height, width, outChannels, inChannels], 'float32');
  const pad: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [height - 1 - top, height - 1 - bottom],
    [width - 1 - left, width - 1 - right],
    [0, 0],
  ];
  const result = conv2d.kernelFunc({
    inputs: { x: dy, filter: { dataId: turnedId, shape: [height, width, outChannels, inChannels], dtype: 'float32' } },
    backend,
    attrs: { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] },
  });
  backend.disposeData(turnedId);
  if (Array.isArray(result)) throw new Error('Conv2D returned several outputs.');
  return result;
}

/** Puts the faster kernel in place of the wasm backend's own (kept for strides other than 1). */
export function registerFastConv2dBackpropInputForWasm(): void {
  replaceWasmKernel(KERNEL_NAME, ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy?: tf.TensorInfo; filter?: tf.TensorInfo };
    if (dy === undefined || filter === undefined) throw new Error(`${KERNEL_NAME} needs dy and filter.`);
    return viaForwardConvolution(backend, dy, filter, attrs as unknown as BackpropInputAttrs);
  });
}
