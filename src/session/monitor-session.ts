import type { EpisodeContext, EpisodeRecord } from '../domain/episode.ts';
import type { NeedSource } from '../domain/modality.ts';
import { audioNeedInformedness, contextInformedness, fuseNeed, type FusedNeed, type Informedness } from '../fusion/context-fusion.ts';
import { episodeModelVersions, toEpisodeRecord } from '../fusion/episode-record.ts';
import { RELEASE_THRESHOLD_FRACTION, type EpisodeSummary } from '../fusion/episodes.ts';
import { DEFAULT_THRESHOLDS, thresholdsFromModel, type ModelThresholds } from '../fusion/model-thresholds.ts';
import { MonitorEngine, monitorConfig, type MonitorSnapshot } from '../fusion/monitor-engine.ts';
import { INITIAL_SHOWN_NEED, stepShownNeed, type ShownNeedState } from '../fusion/shown-need.ts';
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

/**
 * The baby's day as a need source (the CareSession): the context estimate at a wall-clock instant
 * from its prebuilt index (no database read), and its prequential record, which decides whether
 * it may enter the need.
 */
export interface ContextSource {
  /** The context at epoch ms `t`; null while no care log is loaded. */
  contextAt(t: number): EpisodeContext | null;
  /** Answered episodes judged so far and how often the first guess matched. */
  readonly contextRecord: { readonly episodes: number; readonly modelHits: number };
}

export interface MonitorSessionOptions {
  /** The care log's context estimate, fused as a third source; without it, sound and face only. */
  context?: ContextSource;
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

const NO_NEED: FusedNeed = { needProbabilities: null, assessment: null, reason: null, contributed: [], leftOut: [] };

/**
 * An episode summary as the screens and alerts show it: its need is the fused one (the senses'
 * own, kept in perModality, may be a source that was left out, e.g. the chance-level sound).
 */
function withFusedNeed(summary: EpisodeSummary, need: FusedNeed): EpisodeSummary {
  const { assessment } = need;
  return {
    ...summary,
    needProbabilities: need.needProbabilities,
    topNeed: assessment?.topNeed ?? null,
    confidence: assessment?.confidence ?? null,
    notSure: assessment?.notSure ?? true,
    candidates: assessment?.candidates ?? [],
  };
}

function readingOf(snapshot: MonitorSnapshot, need: FusedNeed, context: EpisodeContext | null): MonitorReading {
  const { timeSeconds, cryProbability, smoothedCryProbability, crying, face } = snapshot;
  const { needProbabilities, assessment, contributed, leftOut, reason } = need;
  const episode = snapshot.episode === null ? null : withFusedNeed(snapshot.episode, need);
  return { timeSeconds, cryProbability, smoothedCryProbability, crying, needProbabilities, assessment, contributed, leftOut, reason, context, face, episode };
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
  readonly #context: ContextSource | null;
  /** Until the audio model card is read, the sound's need stays out (it has shown no skill yet). */
  #audioInformedness: Informedness = { informed: false, why: 'Cry sound left out of the need: its model card is not read yet.' };
  /** Wall-clock ms the current cry began (the context is read at this instant); null when quiet. */
  #cryStartEpochMs: number | null = null;
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
  /** The need on screen over the current cry (hysteresis), reset when a cry ends and at Start/Stop. */
  #shownNeed: ShownNeedState = INITIAL_SHOWN_NEED;

  constructor(listening: ListeningSource, camera: CameraSource, options: MonitorSessionOptions = {}) {
    this.#listening = listening;
    this.#camera = camera;
    this.#now = options.now ?? Date.now;
    this.#perfNow = options.perfNow ?? (() => performance.now());
    this.#context = options.context ?? null;
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

  /**
   * The audio model card (metrics.json): the sound's need enters fusion only when its by-baby
   * accuracy is above chance; unreadable or missing figures keep it out, with the reason.
   */
  setAudioNeedMetrics(metrics: unknown): void {
    this.#audioInformedness = audioNeedInformedness(metrics);
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
    this.#cryStartEpochMs = null;
    this.#shownNeed = INITIAL_SHOWN_NEED;
    this.#firing = [];
    this.#monitor = { ...this.#monitor, active: true, reading: null };
    this.#publish();
  }

  #stopMonitor(): void {
    if (!this.#monitor.active) return;
    const event = this.#engine.stop();
    this.#shownNeed = INITIAL_SHOWN_NEED;
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
    this.#monitor = { ...this.#monitor, reading: this.#steadied(this.#withNeed(snapshot)) };
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

  /**
   * The need of this reading: the sound and face as the episode so far heard and saw them (its
   * means, steadier than one window), fused with the baby's day at the cry's start. The context
   * is read again each window at that fixed instant, so a feed logged late but dated before the
   * cry still counts, and a feed given during the cry does not.
   */
  #withNeed(snapshot: MonitorSnapshot): MonitorReading {
    const showsNeed = snapshot.crying || snapshot.episode !== null;
    if (!showsNeed) {
      this.#cryStartEpochMs = null;
      return readingOf(snapshot, NO_NEED, null);
    }
    const start = snapshot.episode === null ? snapshot.timeSeconds : snapshot.episode.startSeconds;
    this.#cryStartEpochMs ??= Math.round((this.#streamStartEpochMs ?? this.#now()) + start * MS_PER_SECOND);
    const context = this.#context?.contextAt(this.#cryStartEpochMs) ?? null;
    const perModality = snapshot.episode?.perModality ?? snapshot.fusion.perModality;
    const need = this.#fuse(
      { present: snapshot.crying || snapshot.episode !== null, vector: perModality.audio ?? null },
      snapshot.face === null ? null : { present: snapshot.face.visible, vector: perModality.face ?? null },
      context,
    );
    return readingOf(snapshot, need, context);
  }

  #fuse(
    audio: { present: boolean; vector: MonitorReading['needProbabilities'] },
    face: { present: boolean; vector: MonitorReading['needProbabilities'] } | null,
    context: EpisodeContext | null,
  ): FusedNeed {
    const informedness: Partial<Record<NeedSource, Informedness>> = { audio: this.#audioInformedness };
    if (this.#context !== null) informedness.context = contextInformedness(this.#context.contextRecord);
    return fuseNeed(
      {
        audio: { present: audio.present, needProbabilities: audio.vector },
        ...(face === null ? {} : { face: { present: face.present, needProbabilities: face.vector } }),
        context,
      },
      informedness,
      this.#thresholds.notSureThreshold,
    );
  }

  /** The reading with the need held steady over the cry, so the words on screen do not flip with near ties. */
  #steadied(reading: MonitorReading): MonitorReading {
    const step = stepShownNeed(this.#shownNeed, reading);
    this.#shownNeed = step.state;
    return step.assessment === reading.assessment ? reading : { ...reading, assessment: step.assessment };
  }

  #episodeEnded(summary: EpisodeSummary): void {
    const streamStart = this.#streamStartEpochMs ?? this.#now();
    const cryStart = this.#cryStartEpochMs ?? Math.round(streamStart + summary.startSeconds * MS_PER_SECOND);
    this.#cryStartEpochMs = null;
    const context = this.#context?.contextAt(cryStart) ?? null;
    const need = this.#fuse(
      { present: true, vector: summary.perModality.audio ?? null },
      summary.perModality.face === undefined ? null : { present: true, vector: summary.perModality.face },
      context,
    );
    const shown = withFusedNeed(summary, need);
    this.#monitor = { ...this.#monitor, lastEnded: shown };
    this.#publish();
    const versions = episodeModelVersions(summary.contributed, this.#audioModelVersions, this.#faceModelVersions);
    const record = toEpisodeRecord(summary, streamStart, versions, { need, context });
    const embeddings = this.#embeddingsSince(summary.startSeconds - ONSET_LEAD_SECONDS, summary.endSeconds);
    this.#firing = this.#firing.filter((w) => w.timeSeconds > summary.endSeconds);
    void this.#save(record, embeddings);
    this.#ends.emit({ record, summary: shown });
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
