/**
 * The filter gradient of a 2D convolution for the wasm backend, which ships without one
 * (tfjs 4.22). Without it training a CNN on wasm fails; the pure-JS cpu backend has it but
 * is about ten times slower (see RESEARCH.md).
 *
 * Method (im2col): for each filter tap (row, column) take the strided slice of the padded
 * input that the tap saw during the forward pass; side by side these slices form a
 * [positions × (taps·inChannels)] matrix whose transpose times dy [positions × outChannels]
 * is the gradient, already in the [filterHeight, filterWidth, inChannels, outChannels] order.
 * Every step runs as an existing wasm kernel, so the heavy work is the SIMD matMul.
 */
import * as tf from '@tensorflow/tfjs';

const BACKEND_NAME = 'wasm';

interface DataBackend {
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
}

function isDataBackend(backend: unknown): backend is DataBackend {
  return (
    typeof backend === 'object' &&
    backend !== null &&
    typeof (backend as Partial<DataBackend>).disposeData === 'function'
  );
}

function runWasmKernel(
  kernelName: string,
  inputs: tf.NamedTensorInfoMap | tf.TensorInfo[],
  backend: DataBackend,
  attrs: tf.NamedAttrMap,
): tf.TensorInfo {
  const kernel = tf.getKernel(kernelName, BACKEND_NAME);
  if (kernel === undefined) throw new Error(`The wasm backend has no ${kernelName} kernel.`);
  // Concat takes its inputs as an array; the kernel signature types them as a map.
  const result = kernel.kernelFunc({ inputs: inputs as tf.NamedTensorInfoMap, backend, attrs });
  if (Array.isArray(result)) throw new Error(`${kernelName} returned several outputs.`);
  return result;
}

function withShape(info: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

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

const conv2dBackpropFilterWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  if (!isDataBackend(backend)) throw new Error('Conv2DBackpropFilter: unexpected backend.');
  const { x, dy } = inputs as { x?: tf.TensorInfo; dy?: tf.TensorInfo };
  if (x === undefined || dy === undefined) throw new Error('Conv2DBackpropFilter needs x and dy.');
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = readAttrs(attrs);
  if (dataFormat !== 'NHWC') throw new Error('Conv2DBackpropFilter (wasm) supports NHWC only.');

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
  const { batchSize, inChannels, outChannels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;

  const owned: tf.TensorInfo[] = [];
  const paddingNeeded =
    padInfo.top > 0 || padInfo.bottom > 0 || padInfo.left > 0 || padInfo.right > 0;
  const padded = paddingNeeded
    ? runWasmKernel('PadV2', { x }, backend, {
        paddings: [
          [0, 0],
          [padInfo.top, padInfo.bottom],
          [padInfo.left, padInfo.right],
          [0, 0],
        ],
        constantValue: 0,
      })
    : x;
  if (paddingNeeded) owned.push(padded);

  const tapSlices: tf.TensorInfo[] = [];
  for (let row = 0; row < filterHeight; row++) {
    for (let column = 0; column < filterWidth; column++) {
      const slice = runWasmKernel('StridedSlice', { x: padded }, backend, {
        begin: [0, row, column, 0],
        end: [
          batchSize,
          row + (outHeight - 1) * strideHeight + 1,
          column + (outWidth - 1) * strideWidth + 1,
          inChannels,
        ],
        strides: [1, strideHeight, strideWidth, 1],
        beginMask: 0,
        endMask: 0,
        ellipsisMask: 0,
        newAxisMask: 0,
        shrinkAxisMask: 0,
      });
      tapSlices.push(slice);
    }
  }
  owned.push(...tapSlices);
  const columns =
    tapSlices.length === 1
      ? (tapSlices[0] as tf.TensorInfo)
      : runWasmKernel('Concat', tapSlices, backend, { axis: 3 });
  if (tapSlices.length > 1) owned.push(columns);

  const positions = batchSize * outHeight * outWidth;
  const taps = filterHeight * filterWidth * inChannels;
  const gradient = runWasmKernel(
    'BatchMatMul',
    { a: withShape(columns, [1, positions, taps]), b: withShape(dy, [1, positions, outChannels]) },
    backend,
    { transposeA: true, transposeB: false },
  );
  for (const tensor of owned) backend.disposeData(tensor.dataId);
  return withShape(gradient, [filterHeight, filterWidth, inChannels, outChannels]);
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
