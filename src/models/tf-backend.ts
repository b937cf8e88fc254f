/**
 * Starts TF.js with the wasm binaries bundled by Vite and served from the app's own origin
 * (never a CDN). Shared by the audio and vision workers and the bench page, so every place
 * that runs a model finds the same files.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export type TfBackend = 'wasm' | 'webgl' | 'cpu';

/** Points the wasm backend at our own copies of its binaries. Safe to call more than once. */
export function useBundledWasmBinaries(): void {
  // Absolute: the workers start from a blob: wrapper (src/capture/start-worker.ts), against
  // whose URL a path like /assets/… cannot be resolved. This module's own URL always can.
  const absolute = (url: string): string => new URL(url, import.meta.url).href;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': absolute(wasmUrl),
    'tfjs-backend-wasm-simd.wasm': absolute(wasmSimdUrl),
    'tfjs-backend-wasm-threaded-simd.wasm': absolute(wasmThreadedSimdUrl),
  });
}

/** Starts the first backend of `order` that works and resolves to its name. */
export async function startTfBackend(order: readonly TfBackend[]): Promise<string> {
  useBundledWasmBinaries();
  for (const backend of order) {
    try {
      if (await tf.setBackend(backend)) {
        await tf.ready();
        return tf.getBackend();
      }
    } catch {
      // Try the next backend: a slower answer beats none.
    }
  }
  throw new Error('No TensorFlow.js backend could start in this browser.');
}
