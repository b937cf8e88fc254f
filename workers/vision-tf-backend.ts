/**
 * Starts TF.js for the face trunk in the vision worker: the wasm backend with its binaries
 * served from the app's own origin (bundled by Vite); webgl and the pure-JS cpu backend as fallbacks.
 * Measured in headless Chromium here: wasm is the fastest for this small network.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export type VisionTfBackend = 'wasm' | 'webgl' | 'cpu';

let started: Promise<string> | undefined;

async function start(preferred: VisionTfBackend): Promise<string> {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
  // cpu last: slower, but the face branch still works everywhere.
  const order = [preferred, ...(['wasm', 'webgl', 'cpu'] as const).filter((b) => b !== preferred)];
  for (const backend of order) {
    try {
      if (await tf.setBackend(backend)) {
        await tf.ready();
        return tf.getBackend();
      }
    } catch {
      // Try the next one.
    }
  }
  throw new Error('No TensorFlow.js backend could start.');
}

/** Starts the backend once per worker (wasm unless told otherwise); resolves to its name. */
export function startVisionTf(preferred: VisionTfBackend = 'wasm'): Promise<string> {
  started ??= start(preferred);
  return started;
}
