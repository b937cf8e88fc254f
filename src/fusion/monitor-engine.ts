import type { NeedProbabilities } from '../domain/needs.ts';
import { assessNeeds, DEFAULT_NOT_SURE_THRESHOLD, type NeedAssessment } from './confidence.ts';
import {
  currentEpisode,
  DEFAULT_CRY_THRESHOLD,
  episodeConfig,
  finishEpisode,
  INITIAL_EPISODE_STATE,
  stepEpisode,
  type EpisodeConfig,
  type EpisodeEvent,
  type EpisodeState,
  type EpisodeSummary,
} from './episodes.ts';
import { fuse } from './fuse.ts';
import { DEFAULT_SMOOTHING, Smoother, type SmoothingSpans } from './smoothing.ts';
import type { Modality } from '../domain/modality.ts';
import type { AudioObservation, FaceObservation, FusionResult } from './types.ts';

/**
 * A face reading older than this (seconds, on the audio clock) is not used: the camera samples
 * 2–4 frames a second, so a gap this long means it stalled or was switched off.
 */
export const FACE_STALE_SECONDS = 1.5;

export interface MonitorConfig {
  /** Onset threshold on the smoothed cry probability (0–1): the model's shipped threshold. */
  readonly cryThreshold: number;
  /** Top fused probability below which the answer is "not sure" (0–1). */
  readonly notSureThreshold: number;
  readonly smoothing: SmoothingSpans;
  readonly faceStaleSeconds: number;
}

export function monitorConfig(overrides: Partial<MonitorConfig> = {}): MonitorConfig {
  return {
    cryThreshold: DEFAULT_CRY_THRESHOLD,
    notSureThreshold: DEFAULT_NOT_SURE_THRESHOLD,
    smoothing: DEFAULT_SMOOTHING,
    faceStaleSeconds: FACE_STALE_SECONDS,
    ...overrides,
  };
}

/** Everything the monitor screen shows after one audio window. */
export interface MonitorSnapshot {
  /** Stream time in seconds of the latest audio window. */
  readonly timeSeconds: number;
  /** That window's own cry probability (0–1). */
  readonly cryProbability: number;
  /** Moving average of cry probability (0–1). */
  readonly smoothedCryProbability: number;
  /** Crying now: smoothed probability over the onset threshold, or over the release one inside an episode. */
  readonly crying: boolean;
  /** This window's fusion result. */
  readonly fusion: FusionResult;
  /**
   * The need vector shown while crying or inside an episode: the recent smoothed estimate, else
   * the open episode's mean; null otherwise.
   */
  readonly needProbabilities: NeedProbabilities | null;
  readonly assessment: NeedAssessment | null;
  /** Senses behind the shown vector. */
  readonly contributed: readonly Modality[];
  /** Whether a fresh face reading exists, and whether it carries need probabilities. */
  readonly face: { readonly visible: boolean; readonly informed: boolean } | null;
  /** The open episode so far, or null. */
  readonly episode: EpisodeSummary | null;
}

export interface MonitorUpdate {
  readonly snapshot: MonitorSnapshot;
  readonly event: EpisodeEvent | null;
}

/**
 * Fusion, smoothing and episode segmentation for one listening session, driven by audio windows
 * (2 per second) with the latest face reading folded in. Plain TypeScript so it is unit-tested
 * without a browser; the Svelte state class only wraps it.
 */
export class MonitorEngine {
  readonly config: MonitorConfig;
  readonly #episodeConfig: EpisodeConfig;
  readonly #smoother: Smoother;
  #episodeState: EpisodeState = INITIAL_EPISODE_STATE;
  #face: FaceObservation | null = null;
  #recentContributors: readonly Modality[] = [];

  constructor(config: MonitorConfig = monitorConfig()) {
    this.config = config;
    this.#episodeConfig = episodeConfig(config.cryThreshold, config.notSureThreshold);
    this.#smoother = new Smoother(config.smoothing);
  }

  /** Records the latest face reading; `timeSeconds` must be on the audio stream clock. */
  ingestFace(observation: FaceObservation): void {
    this.#face = observation;
  }

  /** Forgets the face (camera switched off). */
  clearFace(): void {
    this.#face = null;
  }

  ingestAudio(observation: AudioObservation): MonitorUpdate {
    const { timeSeconds, cryProbability } = observation;
    const smoothedCryProbability = this.#smoother.pushCryProbability(timeSeconds, cryProbability);
    const face = this.#freshFace(timeSeconds);
    const cryDetected = smoothedCryProbability >= this.config.cryThreshold;
    const fusion = fuse({
      audio: { present: cryDetected, needProbabilities: observation.needProbabilities },
      ...(face === null ? {} : { face: { present: face.faceVisible, needProbabilities: face.needProbabilities } }),
    });
    const smoothedNeeds = this.#smoother.pushNeedProbabilities(timeSeconds, fusion.status === 'estimate' ? fusion.needProbabilities : null);
    if (fusion.status === 'estimate') this.#recentContributors = fusion.contributed;

    const transition = stepEpisode(
      this.#episodeState,
      { timeSeconds, cryProbability, smoothedCryProbability, fusion },
      this.#episodeConfig,
    );
    this.#episodeState = transition.state;
    const episode = currentEpisode(this.#episodeState, this.#episodeConfig);
    const inEpisode = episode !== null;
    const crying = inEpisode ? smoothedCryProbability >= this.#episodeConfig.releaseThreshold : cryDetected;
    // A need is shown while crying or inside an episode (its pauses included), never next to
    // "not crying" after a lone burst.
    const needProbabilities = crying || inEpisode ? (smoothedNeeds ?? episode?.needProbabilities ?? null) : null;
    const contributed = smoothedNeeds !== null ? this.#recentContributors : (episode?.contributed ?? []);
    if (needProbabilities === null) this.#recentContributors = [];

    return {
      snapshot: {
        timeSeconds,
        cryProbability,
        smoothedCryProbability,
        crying,
        fusion,
        needProbabilities,
        assessment: needProbabilities === null ? null : assessNeeds(needProbabilities, this.config.notSureThreshold),
        contributed: needProbabilities === null ? [] : contributed,
        face: face === null ? null : { visible: face.faceVisible, informed: face.needProbabilities !== null },
        episode,
      },
      event: transition.event,
    };
  }

  /** Ends the session: returns the closing event of an open episode, then resets. */
  stop(): EpisodeEvent | null {
    const event = finishEpisode(this.#episodeState, this.#episodeConfig);
    this.#episodeState = INITIAL_EPISODE_STATE;
    this.#smoother.reset();
    this.#face = null;
    this.#recentContributors = [];
    return event;
  }

  #freshFace(nowSeconds: number): FaceObservation | null {
    const face = this.#face;
    if (face === null || nowSeconds - face.timeSeconds > this.config.faceStaleSeconds) return null;
    return face;
  }
}
