import type { VisionBenchEvent, VisionResultEvent } from '../src/protocol/vision-worker-messages.ts';
import type { AudioBenchResult } from './audio-bench.ts';

/** The vision scenes timed by `npm run bench` (see bench-page.ts). */
export const VISION_SCENES = ['upright face, followed', 'face turned 90°, searched afresh', 'no face, searched afresh'] as const;
export type VisionScene = (typeof VISION_SCENES)[number];

/** One picture's face report as the evaluation reads it: the worker's result with its pixels and features left out. */
export type FaceEvaluationResult = VisionResultEvent & { cropImage: null; embedding: null };

/** What the bench page offers its drivers (scripts/bench/bench.ts, scripts/evaluate/evaluate-faces.ts). */
export interface BenchApi {
  audio(backend: string): Promise<AudioBenchResult>;
  vision(backend: 'wasm' | 'webgl', scene: VisionScene): Promise<VisionBenchEvent & { scene: VisionScene }>;
  /** Starts the app's vision worker for an evaluation; resolves to the trunk's backend. */
  startFaces(backend: 'wasm' | 'webgl'): Promise<string>;
  /**
   * Analyses one picture (bytes as base64) in that worker as `frames` consecutive camera frames,
   * the first searched afresh; one report per frame.
   */
  analyzeFace(base64: string, mimeType: string, frames: number): Promise<FaceEvaluationResult[]>;
}

declare global {
  interface Window {
    crydecodeBench: BenchApi;
  }
}
