import type { NeedProbabilities } from '../../domain/needs.ts';
import type { EpisodeRecord } from '../../domain/episode.ts';
import { episodeModelVersions, toEpisodeRecord } from '../../fusion/episode-record.ts';
import type { EpisodeSummary } from '../../fusion/episodes.ts';
import { DEFAULT_THRESHOLDS, type ModelThresholds } from '../../fusion/model-thresholds.ts';
import { MonitorEngine, monitorConfig, type MonitorSnapshot } from '../../fusion/monitor-engine.ts';

/** An audio prediction as the audio worker reports it. */
export interface AudioPredictionInput {
  /** Seconds of audio analysed since listening started, at the window's end. */
  timeSeconds: number;
  cryProbability: number;
  needProbabilities: NeedProbabilities | null;
}

/** A face reading as the vision worker reports it (its own clock is not used). */
export interface FaceReadingInput {
  faceVisible: boolean;
  /** Null while no face need head is trained: the face is then seen but uninformed. */
  needProbabilities: NeedProbabilities | null;
  /** Version tags of the vision models behind the reading, recorded with episodes the face contributed to. */
  modelVersions?: Readonly<Record<string, string>>;
}

export type EpisodeStartListener = (episode: EpisodeSummary, startedAtEpochMs: number) => void;
export type EpisodeEndListener = (episode: EpisodeRecord, summary: EpisodeSummary) => void;

/**
 * The monitor's state for the UI: feeds prediction events through fusion, smoothing and the
 * episode segmenter (MonitorEngine), exposes the latest reading, and tells listeners when an
 * episode starts and ends. It knows nothing about storage or alerts: callers subscribe.
 */
export class MonitorState {
  /** Latest reading; null before the first window of a session. */
  snapshot = $state.raw<MonitorSnapshot | null>(null);
  /** The last episode that ended in this app session. */
  lastEnded = $state.raw<EpisodeSummary | null>(null);
  thresholds = $state.raw<ModelThresholds>(DEFAULT_THRESHOLDS);
  /** True between start() and stop(). */
  active = $state(false);

  #engine = new MonitorEngine(monitorConfig());
  /** The parent's sensitivity, when it is not the shipped threshold. */
  #cryThresholdOverride: number | null = null;
  #audioModelVersions: Readonly<Record<string, string>> = {};
  #faceModelVersions: Readonly<Record<string, string>> = {};
  /** Wall-clock epoch ms at stream time 0, fixed by the first window of a session. */
  #streamStartEpochMs: number | null = null;
  // Plain arrays: listeners are wiring, not state the UI renders.
  #startListeners: EpisodeStartListener[] = [];
  #endListeners: EpisodeEndListener[] = [];
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Uses the model card's thresholds from now on (applies to the next session if one is running). */
  setThresholds(thresholds: ModelThresholds): void {
    this.thresholds = thresholds;
    if (!this.active) this.#engine = this.#newEngine();
  }

  /**
   * Episode onset at this cry threshold instead of the model card's (the alert sensitivity);
   * null returns to the card's. Like setThresholds, a running session keeps its engine: the
   * smoothing and an open episode are not thrown away mid-cry, so it applies from the next Start.
   */
  setCryThreshold(threshold: number | null): void {
    if (threshold === this.#cryThresholdOverride) return;
    this.#cryThresholdOverride = threshold;
    if (!this.active) this.#engine = this.#newEngine();
  }

  /** The onset threshold the current or next session uses. */
  get cryThreshold(): number {
    return this.#cryThresholdOverride ?? this.thresholds.cryThreshold;
  }

  /** Version tags of the audio models (the worker's models-ready event), recorded with every episode. */
  setModelVersions(versions: Readonly<Record<string, string>>): void {
    this.#audioModelVersions = { ...versions };
  }

  onEpisodeStart(listener: EpisodeStartListener): () => void {
    this.#startListeners = [...this.#startListeners, listener];
    return () => {
      this.#startListeners = this.#startListeners.filter((l) => l !== listener);
    };
  }

  onEpisodeEnd(listener: EpisodeEndListener): () => void {
    this.#endListeners = [...this.#endListeners, listener];
    return () => {
      this.#endListeners = this.#endListeners.filter((l) => l !== listener);
    };
  }

  start(): void {
    this.stop();
    this.#engine = this.#newEngine();
    this.#streamStartEpochMs = null;
    this.snapshot = null;
    this.active = true;
  }

  /** Ends the session; an open episode is closed and handed to the end listeners. */
  stop(): void {
    if (!this.active) return;
    this.active = false;
    const event = this.#engine.stop();
    if (event?.type === 'ended') this.#emitEnd(event.summary);
    this.snapshot = null;
  }

  ingestAudio(prediction: AudioPredictionInput): void {
    if (!this.active) return;
    this.#streamStartEpochMs ??= this.#now() - prediction.timeSeconds * 1000;
    const { snapshot, event } = this.#engine.ingestAudio(prediction);
    this.snapshot = snapshot;
    if (event?.type === 'started') {
      const startedAt = this.#streamStartEpochMs + event.summary.startSeconds * 1000;
      for (const listener of this.#startListeners) listener(event.summary, startedAt);
    } else if (event?.type === 'ended') {
      this.#emitEnd(event.summary);
    }
  }

  ingestFace(reading: FaceReadingInput): void {
    if (reading.modelVersions) this.#faceModelVersions = { ...reading.modelVersions };
    if (!this.active || this.#streamStartEpochMs === null) return;
    const timeSeconds = (this.#now() - this.#streamStartEpochMs) / 1000;
    this.#engine.ingestFace({ timeSeconds, faceVisible: reading.faceVisible, needProbabilities: reading.needProbabilities });
  }

  /** The camera was switched off: its last reading must not keep voting. */
  clearFace(): void {
    this.#engine.clearFace();
  }

  #newEngine(): MonitorEngine {
    const { notSureThreshold } = this.thresholds;
    return new MonitorEngine(monitorConfig({ cryThreshold: this.cryThreshold, notSureThreshold }));
  }

  #emitEnd(summary: EpisodeSummary): void {
    this.lastEnded = summary;
    const versions = episodeModelVersions(summary.contributed, this.#audioModelVersions, this.#faceModelVersions);
    const record = toEpisodeRecord(summary, this.#streamStartEpochMs ?? this.#now(), versions);
    for (const listener of this.#endListeners) listener(record, summary);
  }
}
