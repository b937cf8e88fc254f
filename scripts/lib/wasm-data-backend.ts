/** The part of the wasm backend that the training kernels written here use to read and write tensors. */
import type * as tf from '@tensorflow/tfjs';

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
