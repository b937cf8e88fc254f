/**
 * The filter gradient of a 2D convolution for the wasm backend, which ships without one
 * (tfjs 4.22). Without it training a CNN on wasm fails; the pure-JS cpu backend has it but
 * is about ten times slower (see RESEARCH.md).
 *
 * Method (im2col): every filter tap (row, column, input channel) gets one row of a
 * [taps × positions] matrix holding the (zero-padded) input value that tap saw at each output
 * position; that matrix times dy [positions × outChannels] is the gradient, already in the
 * [filterHeight, filterWidth, inChannels, outChannels] order. The gather is a plain loop (the
 * wasm StridedSlice/Concat route measured ~10× slower) and the product is the wasm SIMD matMul,
 * laid out so that neither operand needs transposing (transposed operands take a slow path).
 */
import * as tf from '@tensorflow/tfjs';
import { isDataBackend } from './wasm-kernels.ts';

const BACKEND_NAME = 'wasm';

type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

interface BackpropFilterAttrs {
  strides: number | [number, number];
  pad: Pad;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

function readAttrs(attrs: tf.NamedAttrMap | undefined): BackpropFilterAttrs {
  if (attrs === undefined) throw new Error('Conv2DBackpropFilter needs its attributes.');
  return attrs as unknown as BackpropFilterAttrs;
}

/** Row k = (row·filterWidth + column)·inChannels + channel; column m = (n·outHeight + oy)·outWidth + ox. */
function im2colTransposed(input: Float32Array, info: tf.backend_util.Conv2DInfo): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  const positions = batchSize * outHeight * outWidth;
  const columns = new Float32Array(filterHeight * filterWidth * inChannels * positions);
  for (let row = 0; row < filterHeight; row++) {
    for (let column = 0; column < filterWidth; column++) {
      for (let channel = 0; channel < inChannels; channel++) {
        const tap = (row * filterWidth + column) * inChannels + channel;
        let m = tap * positions;
        for (let n = 0; n < batchSize; n++) {
          const imageOffset = n * inHeight * inWidth * inChannels;
          for (let oy = 0; oy < outHeight; oy++) {
            const y = oy * strideHeight + row - padInfo.top;
            if (y < 0 || y >= inHeight) {
              m += outWidth; // zero padding: already zero
              continue;
            }
            const rowOffset = imageOffset + y * inWidth * inChannels + channel;
            for (let ox = 0; ox < outWidth; ox++, m++) {
              const x = ox * strideWidth + column - padInfo.left;
              if (x >= 0 && x < inWidth) columns[m] = input[rowOffset + x * inChannels]!;
            }
          }
        }
      }
    }
  }
  return columns;
}

const conv2dBackpropFilterWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  if (!isDataBackend(backend)) throw new Error('Conv2DBackpropFilter: unexpected backend.');
  const { x, dy } = inputs as { x?: tf.TensorInfo; dy?: tf.TensorInfo };
  if (x === undefined || dy === undefined) throw new Error('Conv2DBackpropFilter needs x and dy.');
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = readAttrs(attrs);
  if (dataFormat !== 'NHWC') throw new Error('Conv2DBackpropFilter (wasm) supports NHWC only.');
  if (x.dtype !== 'float32') throw new Error('Conv2DBackpropFilter (wasm) supports float32 only.');

  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const positions = info.batchSize * info.outHeight * info.outWidth;
  const taps = info.filterHeight * info.filterWidth * info.inChannels;

  const columns = im2colTransposed(backend.readSync(x.dataId) as Float32Array, info);
  const columnsId = backend.write(columns, [1, taps, positions], 'float32');
  const matMul = tf.getKernel('BatchMatMul', BACKEND_NAME);
  if (matMul === undefined) throw new Error('The wasm backend has no BatchMatMul kernel.');
  const gradient = matMul.kernelFunc({
    inputs: {
      a: { dataId: columnsId, shape: [1, taps, positions], dtype: 'float32' },
      b: { dataId: dy.dataId, shape: [1, positions, info.outChannels], dtype: 'float32' },
    },
    backend,
    attrs: { transposeA: false, transposeB: false },
  });
  backend.disposeData(columnsId);
  if (Array.isArray(gradient)) throw new Error('BatchMatMul returned several outputs.');
  return { dataId: gradient.dataId, shape: [...filterShape], dtype: 'float32' };
};

/** Registers the kernel once; later calls do nothing. */
export function registerConv2dBackpropFilterForWasm(): void {
  if (tf.getKernel('Conv2DBackpropFilter', BACKEND_NAME) !== undefined) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: BACKEND_NAME,
    kernelFunc: conv2dBackpropFilterWasm,
  });
}
