import type { EpisodeRecord } from '../domain/episode.ts';
import { episodeModelVersions, toEpisodeRecord } from '../fusion/episode-record.ts';
import { RELEASE_THRESHOLD_FRACTION, type EpisodeSummary } from '../fusion/episodes.ts';
import { DEFAULT_THRESHOLDS, thresholdsFromModel, type ModelThresholds } from '../fusion/model-thresholds.ts';
import { MonitorEngine, monitorConfig, type MonitorSnapshot } from '../fusion/monitor-engine.ts';
import { EpisodeLogger, type LoggingStatus } from '../log/episode-logger.ts';
import { connectHistory } from '../log/history-store.ts';
import type { CryCorrection } from '../log/types.ts';
import type { PredictionEvent } from '../protocol/audio-worker-messages.ts';
import type { CryCorrectionsSession } from './cry-corrections-session.ts';
import { Emitter } from './emitter.ts';
import type { FaceReadingInput } from './face-reading.ts';
import type { CameraSource, ListeningSource } from './sources.ts';
import type { ListeningSnapshot, LoggingSnapshot, MonitorReading, MonitorSessionSnapshot, SessionSnapshot, Subscribable } from './session-snapshot.ts';

/** An episode that just opened, and when it began (epoch ms), for alerts and a parent unit. */
export interface EpisodeStart {
  readonly episode: EpisodeSummary;
  readonly startedAtEpochMs: number;
}

/** An episode that just closed: the record as saved, and the summary it was made from. */
export interface EpisodeEnd {
  readonly record: EpisodeRecord;
  readonly summary: EpisodeSummary;
}

/** Where ended episodes go: the EpisodeLogger (a fake in unit tests). It must never throw. */
export interface EpisodeSink {
  /** Resolves to something non-null once the episode is saved, null when it was not. */
  logEpisode(record: EpisodeRecord): Promise<unknown>;
  retry(): void;
}

export interface MonitorSessionOptions {
  /** Makes the sink; it reports logging status changes through `onStatus`. */
  createSink?: (onStatus: (status: LoggingStatus) => void) => EpisodeSink;
  /** Wall clock, epoch ms: dates the episodes. */
  now?: () => number;
  /** Monotonic clock, ms (performance.now()): the clock face readings are captured on. */
  perfNow?: () => number;
  /** "That wasn't crying": the veto on each window and where episodes' embeddings go; none in unit tests that do not need it. */
  corrections?: CryCorrectionsSession | null;
}

/** Stream times are in seconds, the performance clock in ms. */
const MS_PER_SECOND = 1000;

/**
 * Embeddings of crying windows kept in memory for the episode they belong to: 4000 windows is
 * over half an hour of crying, far more than the few dozen an episode keeps (MAX_EMBEDDINGS_PER_SOUND).
 */
const MAX_FIRING_WINDOWS = 4000;

/** Seconds before an episode's start whose crying windows still belong to it (the onset needs ~1 s of them). */
const ONSET_LEAD_SECONDS = 2;

/** A window at or above the cry threshold, with the cry network's embedding of it. */
interface FiringWindow {
  readonly timeSeconds: number;
  readonly embedding: Float32Array;
}

function isMonitoring(status: ListeningSnapshot['status']): boolean {
  return status === 'listening' || status === 'suspended';
}

function readingOf(snapshot: MonitorSnapshot): MonitorReading {
  const { timeSeconds, cryProbability, smoothedCryProbability, crying, needProbabilities, assessment, contributed, face, episode } = snapshot;
  return { timeSeconds, cryProbability, smoothedCryProbability, crying, needProbabilities, assessment, contributed, face, episode };
}

/**
 * The one session the UI renders and a parent unit will send: it owns fusion (MonitorEngine)
 * and saving (EpisodeLogger), listens to the listening and camera sessions itself, and keeps a
 * single snapshot of everything. The monitor runs from the first 'listening' to the next 'idle';
 * an episode still open when listening stops is closed and saved.
 */
export class MonitorSession implements Subscribable<SessionSnapshot> {
  readonly #listening: ListeningSource;
  readonly #camera: CameraSource;
  readonly #sink: EpisodeSink;
  readonly #now: () => number;
  readonly #perfNow: () => number;
  readonly #changes = new Emitter<SessionSnapshot>();
  readonly #starts = new Emitter<EpisodeStart>();
  readonly #ends = new Emitter<EpisodeEnd>();
  readonly #unsubscribe: (() => void)[];
  readonly #corrections: CryCorrectionsSession | null;
  #firing: FiringWindow[] = [];

  #thresholds: ModelThresholds = DEFAULT_THRESHOLDS;
  /** The parent's alert sensitivity, when it is not the shipped threshold. */
  #cryThresholdOverride: number | null = null;
  #engine: MonitorEngine;
  #monitor: MonitorSessionSnapshot;
  #logging: LoggingSnapshot = { enabled: true, error: null, savedCount: 0 };
  #snapshot: SessionSnapshot;
  #audioModelVersions: Readonly<Record<string, string>> = {};
  #faceModelVersions: Readonly<Record<string, string>> = {};
  /** Wall-clock epoch ms at stream time 0, fixed by the first window of a monitoring session. */
  #streamStartEpochMs: number | null = null;
  /**
   * Performance-clock ms at stream time 0, from the latest window: re-anchored every window so a
   * suspended audio clock (which stops while the performance clock runs) cannot skew face times.
   */
  #streamStartPerfMs: number | null = null;

  constructor(listening: ListeningSource, camera: CameraSource, options: MonitorSessionOptions = {}) {
    this.#listening = listening;
    this.#camera = camera;
    this.#now = options.now ?? Date.now;
    this.#perfNow = options.perfNow ?? (() => performance.now());
    this.#corrections = options.corrections ?? null;
    const createSink = options.createSink ?? ((onStatus) => new EpisodeLogger(connectHistory, onStatus));
    this.#sink = createSink((status) => this.#loggingChanged(status));
    this.#engine = this.#newEngine();
    this.#monitor = { active: false, reading: null, lastEnded: null, thresholds: this.#thresholdsView() };
    this.#snapshot = this.#compose();
    this.#unsubscribe = [
      listening.subscribe((snapshot) => this.#listeningChanged(snapshot)),
      listening.onPrediction((prediction) => this.#ingestAudio(prediction)),
      listening.onThresholds((shipped) => this.#setThresholds(thresholdsFromModel(shipped))),
      camera.subscribe(() => this.#publish()),
      camera.onFaceReading((reading) => this.#ingestFace(reading)),
      camera.onStop(() => this.#engine.clearFace()),
    ];
    this.#listeningChanged(listening.snapshot);
  }

  get snapshot(): SessionSnapshot {
    return this.#snapshot;
  }

  subscribe(listener: (snapshot: SessionSnapshot) => void): () => void {
    return this.#changes.on(listener);
  }

  /** Each episode as it opens (once per episode): the alert's cue. */
  onEpisodeStart(listener: (start: EpisodeStart) => void): () => void {
    return this.#starts.on(listener);
  }

  /** Each episode as it closes (once per episode), after it was handed to the logger. */
  onEpisodeEnd(listener: (end: EpisodeEnd) => void): () => void {
    return this.#ends.on(listener);
  }

  /**
   * Episode onset at this cry threshold instead of the model's (the alert sensitivity); null
   * returns to the model's. A running session keeps its engine, so smoothing and an open episode
   * are not thrown away mid-cry: it applies from the next Start.
   */
  setCryThreshold(threshold: number | null): void {
    if (threshold === this.#cryThresholdOverride) return;
    this.#cryThresholdOverride = threshold;
    if (!this.#monitor.active) this.#engine = this.#newEngine();
  }

  /** The onset threshold the current or next monitoring session uses. */
  get cryThreshold(): number {
    return this.#cryThresholdOverride ?? this.#thresholds.cryThreshold;
  }

  /** Turns saving back on after the parent fixed the storage problem. */
  retryLogging(): void {
    this.#sink.retry();
  }

  /**
   * The parent's word on the episode open now: "That wasn't crying" makes the rest of that sound
   * stop counting at once (the episode then closes as usual and is saved flagged as a false alarm).
   * Returns false when no episode is open.
   */
  correctOpenEpisode(correction: CryCorrection | null): boolean {
    const episode = this.#monitor.reading?.episode ?? null;
    if (!this.#monitor.active || episode === null || this.#corrections === null) return false;
    this.#corrections.correctOpenEpisode(correction, this.#embeddingsSince(episode.startSeconds - ONSET_LEAD_SECONDS, Number.POSITIVE_INFINITY));
    return true;
  }

  /** Stops listening to the other sessions; an open episode is closed and saved first. */
  dispose(): void {
    this.#stopMonitor();
    for (const off of this.#unsubscribe) off();
  }

  #listeningChanged(listening: ListeningSnapshot): void {
    if (listening.models.kind === 'ready') {
      this.#audioModelVersions = { ...listening.models.versions };
      const version = listening.models.versions.audio ?? Object.values(listening.models.versions).join(';');
      void this.#corrections?.setModelVersion(version);
    }
    if (isMonitoring(listening.status) && !this.#monitor.active) this.#startMonitor();
    else if (listening.status === 'idle' && this.#monitor.active) this.#stopMonitor();
    else this.#publish();
  }

  #startMonitor(): void {
    this.#engine = this.#newEngine();
    this.#streamStartEpochMs = null;
    this.#streamStartPerfMs = null;
    this.#firing = [];
    this.#monitor = { ...this.#monitor, active: true, reading: null };
    this.#publish();
  }

  #stopMonitor(): void {
    if (!this.#monitor.active) return;
    const event = this.#engine.stop();
    this.#monitor = { ...this.#monitor, active: false, reading: null };
    if (event?.type === 'ended') this.#episodeEnded(event.summary);
    else this.#publish();
  }

  #setThresholds(thresholds: ModelThresholds): void {
    this.#thresholds = thresholds;
    // A running session keeps the thresholds it started with; the next one uses these.
    if (!this.#monitor.active) this.#engine = this.#newEngine();
    this.#monitor = { ...this.#monitor, thresholds: this.#thresholdsView() };
    this.#publish();
  }

  #ingestAudio(prediction: PredictionEvent): void {
    if (!this.#monitor.active) return;
    const { timeSeconds, cryProbability, needProbabilities, embedding } = prediction;
    this.#streamStartEpochMs ??= this.#now() - timeSeconds * MS_PER_SECOND;
    this.#streamStartPerfMs = this.#perfNow() - timeSeconds * MS_PER_SECOND;
    const threshold = this.#engine.config.cryThreshold;
    if (embedding && cryProbability >= threshold) {
      this.#firing.push({ timeSeconds, embedding });
      if (this.#firing.length > MAX_FIRING_WINDOWS) this.#firing.splice(0, this.#firing.length - MAX_FIRING_WINDOWS);
    }
    // A sound this home marked "That wasn't crying" counts as no cry: it opens no episode and no alert.
    const vetoed = embedding != null && cryProbability >= threshold * RELEASE_THRESHOLD_FRACTION && this.#corrections !== null && this.#corrections.vetoes(embedding);
    const { snapshot, event } = this.#engine.ingestAudio({ timeSeconds, cryProbability: vetoed ? 0 : cryProbability, needProbabilities });
    this.#monitor = { ...this.#monitor, reading: readingOf(snapshot) };
    if (event?.type === 'ended') {
      this.#episodeEnded(event.summary);
      return;
    }
    this.#publish();
    if (event?.type === 'started') {
      const startedAtEpochMs = this.#streamStartEpochMs + event.summary.startSeconds * MS_PER_SECOND;
      this.#starts.emit({ episode: event.summary, startedAtEpochMs });
    }
  }

  /** The reading at its own capture time, on the audio stream clock; dropped before the first window. */
  #ingestFace(reading: FaceReadingInput): void {
    this.#faceModelVersions = { ...reading.modelVersions };
    const streamStartPerfMs = this.#streamStartPerfMs;
    if (!this.#monitor.active || streamStartPerfMs === null) return;
    const timeSeconds = faceStreamSeconds(reading.capturedAtMs, streamStartPerfMs);
    this.#engine.ingestFace({ timeSeconds, faceVisible: reading.faceVisible, needProbabilities: reading.needProbabilities });
  }

  #episodeEnded(summary: EpisodeSummary): void {
    this.#monitor = { ...this.#monitor, lastEnded: summary };
    this.#publish();
    const versions = episodeModelVersions(summary.contributed, this.#audioModelVersions, this.#faceModelVersions);
    const record = toEpisodeRecord(summary, this.#streamStartEpochMs ?? this.#now(), versions);
    const embeddings = this.#embeddingsSince(summary.startSeconds - ONSET_LEAD_SECONDS, summary.endSeconds);
    this.#firing = this.#firing.filter((w) => w.timeSeconds > summary.endSeconds);
    void this.#save(record, embeddings);
    this.#ends.emit({ record, summary });
  }

  async #save(record: EpisodeRecord, embeddings: readonly Float32Array[]): Promise<void> {
    const saved = await this.#sink.logEpisode(record);
    await this.#corrections?.episodeSaved(savedId(saved), embeddings);
    if (saved === null) return;
    this.#logging = { ...this.#logging, savedCount: this.#logging.savedCount + 1 };
    this.#publish();
  }

  #embeddingsSince(fromSeconds: number, toSeconds: number): Float32Array[] {
    return this.#firing.filter((w) => w.timeSeconds >= fromSeconds && w.timeSeconds <= toSeconds).map((w) => w.embedding);
  }

  #loggingChanged(status: LoggingStatus): void {
    const error = status.error === null ? null : { kind: status.error.kind, message: status.error.message };
    this.#logging = { ...this.#logging, enabled: status.enabled, error };
    this.#publish();
  }

  #newEngine(): MonitorEngine {
    return new MonitorEngine(monitorConfig({ cryThreshold: this.cryThreshold, notSureThreshold: this.#thresholds.notSureThreshold }));
  }

  #thresholdsView(): MonitorSessionSnapshot['thresholds'] {
    const { cryThreshold, notSureThreshold, source } = this.#thresholds;
    return { cryThreshold, notSureThreshold, source };
  }

  #compose(): SessionSnapshot {
    return { listening: this.#listening.snapshot, camera: this.#camera.snapshot, monitor: this.#monitor, logging: this.#logging };
  }

  #publish(): void {
    this.#snapshot = this.#compose();
    this.#changes.emit(this.#snapshot);
  }
}

/** The id of what the sink saved (an Episode), or null. */
function savedId(saved: unknown): string | null {
  return typeof saved === 'object' && saved !== null && 'id' in saved && typeof saved.id === 'string' ? saved.id : null;
}

/**
 * A frame captured at `capturedAtMs` (performance clock), in seconds on the audio stream clock
 * whose zero was at `streamStartPerfMs`: the face votes at the moment it was seen, not when the
 * vision worker's answer happened to arrive.
 */
export function faceStreamSeconds(capturedAtMs: number, streamStartPerfMs: number): number {
  return (capturedAtMs - streamStartPerfMs) / MS_PER_SECOND;
}
