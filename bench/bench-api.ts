import type { VisionBenchEvent } from '../src/protocol/vision-worker-messages.ts';
import type { AudioBenchResult } from './audio-bench.ts';

/** What the bench page offers its driver (scripts/bench/bench.ts). */
export interface BenchApi {
  audio(backend: string): Promise<AudioBenchResult>;
  vision(backend: 'wasm' | 'webgl'): Promise<VisionBenchEvent>;
}

declare global {
  interface Window {
    crydecodeBench: BenchApi;
  }
}
