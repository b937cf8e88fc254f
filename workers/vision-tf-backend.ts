/**
 * TF.js for the face trunk in the vision worker: wasm unless told otherwise (measured fastest for
 * this small network in headless Chromium), then the others; cpu last, slower but everywhere.
 */
import { startTfBackend, type TfBackend } from '../src/models/tf-backend.ts';

export type VisionTfBackend = TfBackend;

let started: Promise<string> | undefined;

/** Starts the backend once per worker; resolves to its name. */
export function startVisionTf(preferred: VisionTfBackend = 'wasm'): Promise<string> {
  const order = [preferred, ...(['wasm', 'webgl', 'cpu'] as const).filter((backend) => backend !== preferred)];
  started ??= startTfBackend(order);
  return started;
}
