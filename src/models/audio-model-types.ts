import type { NeedProbabilities } from '../domain/needs.ts';

/** What the audio models say about one analysis window. */
export interface AudioPrediction {
  /** Probability (0–1) that the window holds infant crying. */
  cryProbability: number;
  /** Calibrated need probabilities; null when the models are not loaded. */
  needProbabilities: NeedProbabilities | null;
  /**
   * The cry network's embedding of the window (the input of its last layer), for learning this
   * home's false alarms on the device (src/models/cry-adaptation.ts); null when the model has none.
   */
  embedding: Float32Array | null;
}

/**
 * The audio models behind a small interface, so the worker, the benchmarks and the evaluation
 * script share one implementation and tests can swap the runtime.
 */
export interface AudioModels {
  /** Model versions for logging (e.g. "cry-detector@2026-11-25"). */
  readonly versions: Readonly<Record<string, string>>;
  /**
   * Runs both models on one window of log-Mel frames: frameCount × melBands values in dB,
   * frame-major, exactly as produced by the DSP module.
   */
  predict(logMel: Float32Array, frameCount: number): AudioPrediction;
  dispose(): void;
}
