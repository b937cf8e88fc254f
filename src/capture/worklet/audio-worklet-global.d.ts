/**
 * The little of AudioWorkletGlobalScope that the chunk processor uses. TypeScript ships no lib
 * for worklets, so these are declared by hand from the Web Audio API specification.
 */

interface WorkletMessagePort {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

interface AudioWorkletNodeOptionsInScope {
  processorOptions?: unknown;
}

declare abstract class AudioWorkletProcessor {
  constructor(options?: AudioWorkletNodeOptionsInScope);
  /** The processor's end of the AudioWorkletNode's port. */
  readonly port: WorkletMessagePort;
  /**
   * Called once per render quantum (usually 128 frames). `inputs[input][channel]` holds the
   * samples; returning true keeps the processor alive.
   */
  abstract process(inputs: Float32Array[][], outputs: Float32Array[][], parameters: Record<string, Float32Array>): boolean;
}

declare function registerProcessor(
  name: string,
  processorCtor: new (options?: AudioWorkletNodeOptionsInScope) => AudioWorkletProcessor,
): void;

/** Sample rate of the AudioContext this worklet runs in, in hertz. */
declare const sampleRate: number;
