import type { Modality } from './modality.ts';
import type { Need, NeedProbabilities } from './needs.ts';

/** What the parent says the cry really was: one of the needs, something else, or not answered. */
export type ActualReason = Need | 'other' | null;

/** Per-modality need probabilities, present only for the modalities that produced an estimate. */
export interface ModalityProbabilities {
  audio?: NeedProbabilities;
  face?: NeedProbabilities;
}

/** One cry episode as produced by the monitor's fusion, before the parent annotates it. */
export interface EpisodeRecord {
  /** Epoch milliseconds of the first crying window. */
  startedAt: number;
  /** Epoch milliseconds when crying stopped. */
  endedAt: number;
  durationSeconds: number;
  /** Highest cry probability (0–1) seen during the episode. */
  peakCryProbability: number;
  /** Fused need probabilities in NEEDS order, or null when no need model ran. */
  needProbabilities: NeedProbabilities | null;
  modalities: ModalityProbabilities;
  contributed: Modality[];
  /** Most likely need, or null when there is no estimate. */
  topNeed: Need | null;
  /** Confidence (0–1) in topNeed, or null when there is no estimate. */
  confidence: number | null;
  /** True when the estimate was too uncertain to name a need. */
  notSure: boolean;
  /** Model name → version, e.g. { "cry-detector": "2026-11-25" }. */
  modelVersions: Record<string, string>;
}
