/** What the training kernels written here need from the tfjs wasm backend. */
import * as tf from '@tensorflow/tfjs';

const BACKEND_NAME = 'wasm';

/** The part of the wasm backend used to read and write tensors. */
export interface DataBackend {
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
  readSync(dataId: tf.DataId): unknown;
  write(values: Float32Array, shape: number[], dtype: tf.DataType): tf.DataId;
}

export function isDataBackend(backend: unknown): backend is DataBackend {
  if (typeof backend !== 'object' || backend === null) return false;
  const candidate = backend as Partial<DataBackend>;
  return (
    typeof candidate.disposeData === 'function' &&
    typeof candidate.readSync === 'function' &&
    typeof candidate.write === 'function'
  );
}

/** A replacement kernel: its result, or null to hand the call to the backend's own kernel. */
export type ReplacementKernel = (args: { inputs: tf.NamedTensorInfoMap; backend: DataBackend; attrs: tf.NamedAttrMap | undefined }) => tf.TensorInfo | null;

const replaced = new Set<string>();

/**
 * Puts `kernel` in place of the wasm backend's own `kernelName` (once per process). The
 * original stays registered behind it, with its setup, for the calls `kernel` declines.
 */
export function replaceWasmKernel(kernelName: string, kernel: ReplacementKernel): void {
  if (replaced.has(kernelName)) return;
  const original = tf.getKernel(kernelName, BACKEND_NAME);
  if (original === undefined) throw new Error(`The wasm backend has no ${kernelName} kernel to replace.`);
  replaced.add(kernelName);
  tf.unregisterKernel(kernelName, BACKEND_NAME);
  tf.registerKernel({
    kernelName,
    backendName: BACKEND_NAME,
    setupFunc: original.setupFunc,
    kernelFunc: (args) => {
      if (!isDataBackend(args.backend)) throw new Error(`${kernelName}: unexpected backend.`);
      return kernel({ inputs: args.inputs, backend: args.backend, attrs: args.attrs }) ?? original.kernelFunc(args);
    },
  });
}
