/**
 * The one TensorFlow.js bundle of the build: every worker imports TF.js from the file built from
 * this module (scripts/build/vite-plugin-shared-tfjs.ts), so the browser downloads and caches it once.
 * Everything is re-exported because the workers, built one by one, each use a different part.
 */
export * from '@tensorflow/tfjs';
export * from '@tensorflow/tfjs-backend-wasm';
