/**
 * Messages of the capture path that runs outside the main thread: the AudioWorklet's own port
 * (main → worklet) and the MessagePort from the worklet to the audio worker. Kept free of DOM
 * and WebWorker types because the worklet type-checks with neither.
 */

/** Main thread → worklet: the port on which to post chunks (transferred with the message). */
export interface ConnectChunkPortMessage {
  type: 'connect-chunk-port';
  /** A MessagePort; typed loosely because the worklet's lib has no MessagePort type. */
  port: unknown;
}

/** Worklet → audio worker: one fixed-size chunk of mono samples at the context's rate. */
export interface AudioChunkMessage {
  type: 'chunk';
  /** Mono samples in [-1, 1], transferred (the worklet keeps no reference). */
  samples: Float32Array;
}

/** Options handed to the worklet processor when the node is created. */
export interface ChunkProcessorOptions {
  /** Samples per posted chunk at the AudioContext rate. */
  chunkSamples: number;
}

/** Samples per chunk the worklet posts to the worker: ≈ 43 ms at 48 kHz, ≈ 23 chunks a second. */
export const CHUNK_SAMPLES = 2048;

/** Name the processor registers under; the node is created with the same name. */
export const CHUNK_PROCESSOR_NAME = 'crydecode-chunk-processor';
