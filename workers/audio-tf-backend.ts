/**
 * Starts TF.js for the audio models in the audio worker. The wasm backend comes first: on the
 * small cry CNN it beats WebGL on machines without a GPU (RESEARCH.md) and needs no shader warm-up;
 * its binaries are bundled by Vite and served from the app's own origin. Pure-JS cpu is the fallback.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** Backends in order of preference; the first that starts wins. */
const PREFERRED_BACKENDS = ['wasm', 'cpu'] as const;

/** Starts the first backend that works and resolves to its name. */
export async function startAudioTf(): Promise<string> {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
  for (const backend of PREFERRED_BACKENDS) {
    try {
      if (await tf.setBackend(backend)) {
        await tf.ready();
        return tf.getBackend();
      }
    } catch {
      // Try the next backend: a slower answer beats none.
    }
  }
  throw new Error('no TensorFlow.js backend could start in this browser');
}

/** TF.js tensors alive in this worker: steady from one check to the next unless something leaks. */
export function liveTensorCount(): number {
  return tf.memory().numTensors;
}
