import type { Need, NeedProbabilities } from '../domain/needs.ts';
import { windowSpanSeconds } from '../features/audio-config.ts';
import { assessNeeds, DEFAULT_NOT_SURE_THRESHOLD, type RankedNeed } from './confidence.ts';
import { MODALITIES, type Modality } from '../domain/modality.ts';
import { type FusionResult } from './types.ts';

/**
 * Default cry threshold on the smoothed cry probability, used only when the audio model's
 * metrics.json gives none (the shipped threshold there was chosen on held-out sources).
 */
export const DEFAULT_CRY_THRESHOLD = 0.5;

/**
 * The release threshold as a fraction of the onset threshold (hysteresis): once an episode is
 * open, a probability hovering just under the onset threshold still counts as crying, so a
 * borderline cry is one episode rather than a string of open/close alerts.
 */
export const RELEASE_THRESHOLD_FRACTION = 0.7;

/**
 * Seconds the smoothed cry probability must stay at or above the threshold before an episode
 * opens, counted from the first such window to the current one: 3 windows, whose ends are two
 * hops (0.992 s) apart; the span of 2 windows leaves half a hop of margin. A cough, a squeal or a
 * door slam is shorter than this; a cry bout lasts several seconds, so the alert comes about 1 s
 * later than the first sign and much more rarely by mistake.
 */
export const MIN_CRY_ONSET_SECONDS = windowSpanSeconds(2);

/**
 * Seconds below the release threshold that close an episode. Crying pauses for breath, hiccups
 * and short lulls (typically 1–3 s) inside one bout; 20 windows after the last crying one (9.9 s)
 * keep those in one episode, while a new bout after a real calm starts a new one.
 */
export const QUIET_GAP_SECONDS = windowSpanSeconds(20);

export interface EpisodeConfig {
  /** Onset threshold on the smoothed cry probability (0–1). */
  readonly cryThreshold: number;
  /** Release threshold (0–1), at most cryThreshold. */
  readonly releaseThreshold: number;
  readonly minCryOnsetSeconds: number;
  readonly quietGapSeconds: number;
  /** Top fused probability below which the episode's answer is "not sure". */
  readonly notSureThreshold: number;
}

export function episodeConfig(
  cryThreshold: number = DEFAULT_CRY_THRESHOLD,
  notSureThreshold: number = DEFAULT_NOT_SURE_THRESHOLD,
): EpisodeConfig {
  return {
    cryThreshold,
    releaseThreshold: cryThreshold * RELEASE_THRESHOLD_FRACTION,
    minCryOnsetSeconds: MIN_CRY_ONSET_SECONDS,
    quietGapSeconds: QUIET_GAP_SECONDS,
    notSureThreshold,
  };
}

/** One analysed window as the segmenter sees it. */
export interface EpisodeStep {
  /** Stream time in seconds. */
  readonly timeSeconds: number;
  /** The window's own cry probability (0–1), for the episode's peak. */
  readonly cryProbability: number;
  /** Smoothed cry probability (0–1), which drives onset and release. */
  readonly smoothedCryProbability: number;
  /** This step's fusion result. */
  readonly fusion: FusionResult;
}

/** Running sums of an open or candidate episode. */
interface Accumulator {
  readonly startSeconds: number;
  readonly lastCrySeconds: number;
  readonly peakCryProbability: number;
  readonly needSum: readonly number[];
  readonly needCount: number;
  readonly modalitySums: Readonly<Partial<Record<Modality, { readonly sum: readonly number[]; readonly count: number }>>>;
}

export type EpisodeState =
  | { readonly phase: 'quiet'; readonly candidate: Accumulator | null }
  | { readonly phase: 'crying'; readonly episode: Accumulator };

export const INITIAL_EPISODE_STATE: EpisodeState = { phase: 'quiet', candidate: null };

/** What the monitor shows and the log stores about one episode. */
export interface EpisodeSummary {
  /** Stream time in seconds of the first window over the threshold. */
  readonly startSeconds: number;
  /** Stream time in seconds of the last window still at or above the release threshold. */
  readonly endSeconds: number;
  readonly durationSeconds: number;
  /** Highest single-window cry probability (0–1). */
  readonly peakCryProbability: number;
  /** Mean fused need vector over the episode's estimates; null when no sense had a need estimate. */
  readonly needProbabilities: NeedProbabilities | null;
  /** Each contributing modality's mean vector. */
  readonly perModality: Readonly<Partial<Record<Modality, NeedProbabilities>>>;
  /** Modalities that contributed at least once, in MODALITIES order. */
  readonly contributed: readonly Modality[];
  readonly topNeed: Need | null;
  /** Top need's fused probability (0–1); null without an estimate. */
  readonly confidence: number | null;
  /** True when the top probability is below the not-sure threshold or there is no estimate. */
  readonly notSure: boolean;
  /** The two best candidates, best first; empty without an estimate. */
  readonly candidates: readonly RankedNeed[];
}

export type EpisodeEvent =
  | { readonly type: 'started'; readonly summary: EpisodeSummary }
  | { readonly type: 'ended'; readonly summary: EpisodeSummary };

export interface EpisodeTransition {
  readonly state: EpisodeState;
  readonly event: EpisodeEvent | null;
}

function addVector(sum: readonly number[], vector: NeedProbabilities): number[] {
  return vector.map((p, i) => (sum[i] ?? 0) + p);
}

function startAccumulator(step: EpisodeStep): Accumulator {
  return accumulate(
    { startSeconds: step.timeSeconds, lastCrySeconds: step.timeSeconds, peakCryProbability: 0, needSum: [0, 0, 0, 0], needCount: 0, modalitySums: {} },
    step,
    true,
  );
}

function accumulate(acc: Accumulator, step: EpisodeStep, stillCrying: boolean): Accumulator {
  let { needSum, needCount, modalitySums } = acc;
  if (step.fusion.status === 'estimate') {
    needSum = addVector(needSum, step.fusion.needProbabilities);
    needCount += 1;
    const sums: Partial<Record<Modality, { sum: readonly number[]; count: number }>> = { ...modalitySums };
    for (const modality of step.fusion.contributed) {
      const vector = step.fusion.perModality[modality];
      if (vector === undefined) continue;
      const previous = sums[modality] ?? { sum: [0, 0, 0, 0], count: 0 };
      sums[modality] = { sum: addVector(previous.sum, vector), count: previous.count + 1 };
    }
    modalitySums = sums;
  }
  return {
    startSeconds: acc.startSeconds,
    lastCrySeconds: stillCrying ? step.timeSeconds : acc.lastCrySeconds,
    peakCryProbability: Math.max(acc.peakCryProbability, step.cryProbability),
    needSum,
    needCount,
    modalitySums,
  };
}

function meanOfSum(sum: readonly number[], count: number): NeedProbabilities {
  return [(sum[0] ?? 0) / count, (sum[1] ?? 0) / count, (sum[2] ?? 0) / count, (sum[3] ?? 0) / count];
}

/** The summary of an accumulator; `endSeconds` defaults to the last crying moment. */
function summarize(acc: Accumulator, notSureThreshold: number): EpisodeSummary {
  const needProbabilities = acc.needCount > 0 ? meanOfSum(acc.needSum, acc.needCount) : null;
  const perModality: Partial<Record<Modality, NeedProbabilities>> = {};
  const contributed: Modality[] = [];
  for (const modality of MODALITIES) {
    const entry = acc.modalitySums[modality];
    if (entry === undefined || entry.count === 0) continue;
    perModality[modality] = meanOfSum(entry.sum, entry.count);
    contributed.push(modality);
  }
  const assessment = needProbabilities === null ? null : assessNeeds(needProbabilities, notSureThreshold);
  return {
    startSeconds: acc.startSeconds,
    endSeconds: acc.lastCrySeconds,
    durationSeconds: acc.lastCrySeconds - acc.startSeconds,
    peakCryProbability: acc.peakCryProbability,
    needProbabilities,
    perModality,
    contributed,
    topNeed: assessment?.topNeed ?? null,
    confidence: assessment?.confidence ?? null,
    notSure: assessment?.notSure ?? true,
    candidates: assessment?.candidates ?? [],
  };
}

/**
 * The episode segmenter: a pure state machine fed one step per analysed window.
 * quiet → (smoothed ≥ cryThreshold for minCryOnsetSeconds) → crying → (below releaseThreshold
 * for quietGapSeconds) → quiet. Steps of the onset period belong to the episode.
 */
export function stepEpisode(state: EpisodeState, step: EpisodeStep, config: EpisodeConfig): EpisodeTransition {
  if (state.phase === 'quiet') {
    if (step.smoothedCryProbability < config.cryThreshold) return { state: INITIAL_EPISODE_STATE, event: null };
    const candidate = state.candidate === null ? startAccumulator(step) : accumulate(state.candidate, step, true);
    if (step.timeSeconds - candidate.startSeconds >= config.minCryOnsetSeconds) {
      return { state: { phase: 'crying', episode: candidate }, event: { type: 'started', summary: summarize(candidate, config.notSureThreshold) } };
    }
    return { state: { phase: 'quiet', candidate }, event: null };
  }
  const stillCrying = step.smoothedCryProbability >= config.releaseThreshold;
  const episode = accumulate(state.episode, step, stillCrying);
  if (!stillCrying && step.timeSeconds - episode.lastCrySeconds >= config.quietGapSeconds) {
    return { state: INITIAL_EPISODE_STATE, event: { type: 'ended', summary: summarize(episode, config.notSureThreshold) } };
  }
  return { state: { phase: 'crying', episode }, event: null };
}

/**
 * Closes an open episode when monitoring stops, so nothing already heard is lost; a candidate
 * that never reached the onset time is dropped.
 */
export function finishEpisode(state: EpisodeState, config: EpisodeConfig): EpisodeEvent | null {
  if (state.phase !== 'crying') return null;
  return { type: 'ended', summary: summarize(state.episode, config.notSureThreshold) };
}

/** The open episode's summary so far, or null when quiet. */
export function currentEpisode(state: EpisodeState, config: EpisodeConfig): EpisodeSummary | null {
  return state.phase === 'crying' ? summarize(state.episode, config.notSureThreshold) : null;
}
