/**
 * TF.js for the audio models in the audio worker. wasm comes first: on the small cry CNN it beats
 * WebGL on machines without a GPU (BENCHMARKS.md) and needs no shader warm-up. Pure-JS cpu is the
 * fallback.
 */
import * as tf from '@tensorflow/tfjs';
import { startTfBackend } from '../src/models/tf-backend.ts';

/** Starts the first backend that works and resolves to its name. */
export function startAudioTf(): Promise<string> {
  return startTfBackend(['wasm', 'cpu']);
}

/** TF.js tensors alive in this worker: steady from one check to the next unless something leaks. */
export function liveTensorCount(): number {
  return tf.memory().numTensors;
}
