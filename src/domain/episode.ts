import type { NeedSource } from './modality.ts';
import type { Need, NeedProbabilities } from './needs.ts';

/** What the parent says the cry really was: one of the needs, something else, or not answered. */
export type ActualReason = Need | 'other' | null;

/** Per-modality need probabilities, present only for the modalities that produced an estimate. */
export interface ModalityProbabilities {
  audio?: NeedProbabilities;
  face?: NeedProbabilities;
}

/** A need source kept out of the fused need, and why, in words. */
export interface LeftOutSource {
  source: NeedSource;
  why: string;
}

/**
 * What the care log said at the time of the cry: the context estimate the parent saw, and the
 * features it came from. Kept with the episode so that an answer given later is learned (and
 * judged) against the context at the cry, and a backup carries it to another phone.
 */
export interface EpisodeContext {
  /** Epoch ms the context was read at (the cry's start). */
  atMs: number;
  needProbabilities: NeedProbabilities;
  /** The most likely need even when not sure. */
  firstGuess: Need;
  /** The need named, or null when not sure. */
  topNeed: Need | null;
  /** Probability of firstGuess (0–1). */
  confidence: number;
  notSure: boolean;
  /** True when no feed was logged before the cry. */
  noLog: boolean;
  /** The reason in plain words ("Last feed 2 h 50 min ago — …"). */
  reason: string;
  /** The coarse context bin the learner counts the answer in ("due|fresh"). */
  bin: string;
  minutesSinceFeed: number | null;
  minutesAwake: number | null;
  asleep: boolean | null;
  minutesSinceNappy: number | null;
  /** Answers the baby's model had learned from when it made this estimate. */
  answersLearned: number;
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
  /** Need sources behind needProbabilities, in NEED_SOURCES order. */
  contributed: NeedSource[];
  /** Sources that had something to say but were kept out, with the reason (absent in older records). */
  leftOut?: LeftOutSource[];
  /** The reason shown for the need, in plain words; absent or null when there was none. */
  reason?: string | null;
  /** The care-log context at the time of the cry; absent in older records, null without a log. */
  context?: EpisodeContext | null;
  /** Most likely need, or null when there is no estimate. */
  topNeed: Need | null;
  /** Confidence (0–1) in topNeed, or null when there is no estimate. */
  confidence: number | null;
  /** True when the estimate was too uncertain to name a need. */
  notSure: boolean;
  /** Model name → version, e.g. { "cry-detector": "2026-11-25" }. */
  modelVersions: Record<string, string>;
}

/**
 * The parent's word on whether the detector was right: "That wasn't crying" (a false alarm, kept
 * in the log but left out of patterns and counts) or "Yes, crying".
 */
export type CryCorrection = 'false-alarm' | 'cry';
export const CRY_CORRECTIONS: readonly CryCorrection[] = ['false-alarm', 'cry'];
