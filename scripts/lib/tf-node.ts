/**
 * TensorFlow.js for the Node scripts: the wasm backend (tfjs-node cannot be installed here),
 * loaded from node_modules by file path, plus the kernels training needs that wasm lacks or
 * runs slowly.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';
import { registerFastBatchNormGradient } from './batch-norm-gradient.ts';
import { registerConv2dBackpropFilterForWasm } from './conv2d-backprop-filter.ts';
import { registerFastConv2dBackpropInputForWasm } from './conv2d-backprop-input.ts';
import { registerFastMaxPoolGradForWasm } from './max-pool-gradient.ts';

export interface TfNodeInfo {
  backend: string;
  /** Whether the wasm binary in use is the SIMD build (several times faster). */
  simd: boolean;
}

let ready: Promise<TfNodeInfo> | undefined;

function wasmDirectory(): string {
  const require = createRequire(import.meta.url);
  const wasmFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
  return path.dirname(wasmFile) + path.sep;
}

async function initialize(): Promise<TfNodeInfo> {
  setWasmPaths(wasmDirectory());
  registerConv2dBackpropFilterForWasm();
  registerFastConv2dBackpropInputForWasm();
  registerFastMaxPoolGradForWasm();
  registerFastBatchNormGradient();
  if (!(await tf.setBackend('wasm'))) throw new Error('The tfjs wasm backend failed to start.');
  await tf.ready();
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  return { backend: tf.getBackend(), simd };
}

/** Starts tfjs on the wasm backend (once per process) and says whether SIMD is in use. */
export function initTfNode(): Promise<TfNodeInfo> {
  ready ??= initialize();
  return ready;
}

export { tf };
