/**
 * Starts TF.js for the face trunk in the vision worker: the wasm backend with its binaries
 * served from the app's own origin (bundled by Vite), falling back to the pure-JS cpu backend.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

let started: Promise<string> | undefined;

async function start(): Promise<string> {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
  try {
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return tf.getBackend();
    }
  } catch {
    // Fall through to cpu: slower, but the face branch still works.
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return tf.getBackend();
}

/** Starts the backend once per worker; resolves to its name. */
export function startVisionTf(): Promise<string> {
  started ??= start();
  return started;
}
