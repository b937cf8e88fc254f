import { startAudioCapture, type AudioCapture } from '../capture/audio-capture.ts';
import { createAudioWorkerClient, type AudioWorkerClient } from '../capture/audio-worker-client.ts';
import { CaptureProblem, captureProblem, problemFromException } from '../capture/capture-errors.ts';
import type { WorkerFailure } from '../capture/supervised-worker.ts';
import { SILENCE_DBFS } from '../features/dsp/index.ts';
import {
  isCurrentReply,
  type AudioWorkerEvent,
  type PredictionEvent,
  type ShippedThresholds,
  type SpectrogramEvent,
} from '../protocol/audio-worker-messages.ts';
import { Emitter } from './emitter.ts';
import type { ListeningSnapshot, SessionProblem } from './session-snapshot.ts';
import type { ListeningSource } from './sources.ts';
import { MODEL_GAVE_UP_REASON, MODEL_RETRYING_REASON, WORKER_GAVE_UP_REASON, noticeForFailure, noticeForRestart } from './worker-notice.ts';

const INITIAL: ListeningSnapshot = {
  status: 'idle',
  models: { kind: 'loading', fraction: 0 },
  problem: null,
  workerNotice: null,
  levelDbfs: SILENCE_DBFS,
  framesReceived: 0,
  sessionMeanDb: null,
};

function plainProblem(problem: CaptureProblem): SessionProblem<CaptureProblem['code']> {
  return { code: problem.code, message: problem.message, action: problem.action };
}

/**
 * The microphone session: the audio worker (started early so the models are ready by the time
 * Start is tapped), capture, worker restarts and model retries, and the session clock. Replies
 * to an ended session or an older model request are dropped by id. Headless: the UI mirrors
 * `snapshot`; spectrogram frames go to `onSpectrogram` listeners, never into the snapshot.
 */
export class ListeningSession implements ListeningSource {
  #snapshot: ListeningSnapshot = INITIAL;
  readonly #changes = new Emitter<ListeningSnapshot>();
  readonly #predictions = new Emitter<PredictionEvent>();
  readonly #spectrogram = new Emitter<SpectrogramEvent | null>();
  readonly #thresholds = new Emitter<ShippedThresholds>();

  #client: AudioWorkerClient | null = null;
  #capture: AudioCapture | null = null;
  #sessionId: number | null = null;
  #modelsRequestId: number | null = null;
  #sumDb = 0;
  #valueCount = 0;
  /** Added to a restarted worker's stream times (which start again at 0) so the session's clock runs on, in seconds. */
  #timeOffsetSeconds = 0;
  /** Latest stream time of the session, offset included, in seconds. */
  #lastTimeSeconds = 0;
  /** performance.now() when the worker was lost, in ms; null while it runs. */
  #workerLostAtMs: number | null = null;
  /** Whether anyone draws the spectrogram: off, the worker sends the level only, once a second. */
  #spectrogramWanted = true;
  /** Whether the last failure was the model not loading (then the model status speaks, not the notice). */
  #modelRetry = false;

  /** `modelsBaseUrl`: absolute URL of the audio models' folder (ends in '/'). */
  constructor(private readonly modelsBaseUrl: string) {}

  get snapshot(): ListeningSnapshot {
    return this.#snapshot;
  }

  subscribe(listener: (snapshot: ListeningSnapshot) => void): () => void {
    return this.#changes.on(listener);
  }

  onPrediction(listener: (prediction: PredictionEvent) => void): () => void {
    return this.#predictions.on(listener);
  }

  onThresholds(listener: (thresholds: ShippedThresholds) => void): () => void {
    return this.#thresholds.on(listener);
  }

  /** The latest spectrogram frames (null when a new session starts): for drawing, ~12 a second. */
  onSpectrogram(listener: (frames: SpectrogramEvent | null) => void): () => void {
    return this.#spectrogram.on(listener);
  }

  /**
   * Whether the spectrogram is on screen. Off (screen dark, panel closed, page hidden), the worker
   * computes and posts no display frames, so nothing works for a picture nobody sees; the level
   * and the frame count still come, once a second, and listening goes on unchanged.
   */
  setSpectrogramWanted(wanted: boolean): void {
    if (wanted === this.#spectrogramWanted) return;
    this.#spectrogramWanted = wanted;
    if (this.#client && this.#sessionId !== null) this.#client.send({ type: 'display', id: this.#sessionId, spectrogram: wanted });
  }

  #set(patch: Partial<ListeningSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    this.#changes.emit(this.#snapshot);
  }

  /** Starts the worker and the model download. */
  init(): void {
    if (this.#client) return;
    const client = createAudioWorkerClient({
      onEvent: (event) => this.#handle(event),
      onStart: (restarts) => this.#workerStarted(client, restarts),
      onFailure: (failure) => this.#workerFailed(failure),
    });
    this.#client = client;
    client.start();
  }

  dismissWorkerNotice(): void {
    this.#set({ workerNotice: null });
  }

  /** A new worker knows nothing: load the models, and carry on the session if one is running. */
  #workerStarted(client: AudioWorkerClient, restarts: number): void {
    const modelsId = client.nextId();
    this.#modelsRequestId = modelsId;
    client.send({ type: 'load-models', id: modelsId, baseUrl: this.modelsBaseUrl });
    if (restarts === 0) return;
    const capture = this.#capture;
    const wasListening = capture !== null && this.#sessionId !== null;
    if (wasListening) {
      const gapSeconds = this.#workerLostAtMs === null ? 0 : (performance.now() - this.#workerLostAtMs) / 1000;
      this.#timeOffsetSeconds = this.#lastTimeSeconds + gapSeconds;
      const id = client.nextId();
      this.#sessionId = id;
      const chunkPort = capture.reconnectChunkPort();
      client.send({ type: 'start', id, inputSampleRateHz: capture.sampleRateHz, chunkPort, spectrogram: this.#spectrogramWanted }, [chunkPort]);
    }
    this.#workerLostAtMs = null;
    if (!this.#modelRetry) this.#set({ workerNotice: noticeForRestart(wasListening) });
    this.#modelRetry = false;
  }

  #workerFailed(failure: WorkerFailure): void {
    this.#workerLostAtMs = performance.now();
    this.#modelsRequestId = null;
    if (failure.kind === 'requested' && this.#modelRetry) {
      if (failure.restartInMs === null) this.#set({ models: { kind: 'unavailable', reason: WORKER_GAVE_UP_REASON } });
      return;
    }
    console.warn(`CryDecode: the audio worker failed (${failure.kind}: ${failure.detail}).`);
    if (failure.restartInMs !== null) {
      this.#set({ workerNotice: noticeForFailure(failure), models: { kind: 'loading', fraction: 0 } });
      return;
    }
    this.#set({ workerNotice: noticeForFailure(failure), models: { kind: 'unavailable', reason: WORKER_GAVE_UP_REASON } });
    if (this.#capture !== null) this.#fail(captureProblem('analysis-failed', 'the sound analyser stopped'));
  }

  /**
   * The models are there but did not load: a fresh worker gets another try, within the restart
   * bounds. After the last try the worker that runs is kept: it still listens and draws the sound.
   */
  #modelsFailed(reason: string): void {
    console.warn(`CryDecode: ${reason}`);
    const client = this.#client;
    if (client === null || !client.canRestart) {
      this.#set({ models: { kind: 'unavailable', reason: MODEL_GAVE_UP_REASON, retryable: client !== null } });
      return;
    }
    this.#set({ models: { kind: 'unavailable', reason: MODEL_RETRYING_REASON } });
    this.#modelRetry = true;
    client.restart(reason);
  }

  /**
   * Another try at the cry model after the automatic tries were used up, from the parent's tap:
   * the running worker (which still listens) loads it again, so listening is not interrupted.
   */
  retryModels(): void {
    const { models } = this.#snapshot;
    const client = this.#client;
    if (models.kind !== 'unavailable' || models.retryable !== true || client === null) return;
    const modelsId = client.nextId();
    this.#modelsRequestId = modelsId;
    this.#set({ models: { kind: 'loading', fraction: 0 } });
    client.send({ type: 'load-models', id: modelsId, baseUrl: this.modelsBaseUrl });
  }

  async start(): Promise<void> {
    if (this.#snapshot.status !== 'idle') return;
    this.init();
    this.#set({ problem: null, status: 'starting' });
    let capture: AudioCapture;
    try {
      capture = await startAudioCapture({
        onMicrophoneLost: (problem) => this.#fail(problem),
        onRunningChange: (running) => this.#setRunning(running),
      });
    } catch (error) {
      this.#set({ problem: plainProblem(problemFromException(error)), status: 'idle' });
      return;
    }
    const client = this.#client;
    if (!client) {
      await capture.stop();
      this.#set({ status: 'idle' });
      return;
    }
    this.#capture = capture;
    this.#resetSession();
    const id = client.nextId();
    this.#sessionId = id;
    client.send({ type: 'start', id, inputSampleRateHz: capture.sampleRateHz, chunkPort: capture.chunkPort, spectrogram: this.#spectrogramWanted }, [capture.chunkPort]);
    this.#set({ status: 'listening' });
    this.#setRunning(capture.running);
  }

  async stop(): Promise<void> {
    const capture = this.#capture;
    if (!capture || this.#snapshot.status === 'stopping') return;
    this.#set({ status: 'stopping' });
    this.#endSession();
    await capture.stop().catch(() => undefined);
    this.#set({ status: 'idle' });
  }

  /** Retries audio the browser held back; must be called from a tap. */
  async resumeAudio(): Promise<void> {
    const capture = this.#capture;
    if (!capture) return;
    this.#setRunning(await capture.resume());
  }

  dispose(): void {
    void this.stop();
    this.#client?.terminate();
    this.#client = null;
  }

  #setRunning(running: boolean): void {
    const { status, problem } = this.#snapshot;
    if (status !== 'listening' && status !== 'suspended') return;
    if (!running) this.#set({ status: 'suspended', problem: plainProblem(captureProblem('audio-suspended')) });
    else this.#set({ status: 'listening', problem: problem?.code === 'audio-suspended' ? null : problem });
  }

  /** Ends the session and keeps the problem on screen until the next Start. */
  #fail(problem: CaptureProblem): void {
    this.#set({ problem: plainProblem(problem) });
    void this.stop();
  }

  #endSession(): void {
    const client = this.#client;
    if (client && this.#sessionId !== null) client.send({ type: 'stop', id: client.nextId() });
    this.#sessionId = null;
    this.#capture = null;
    this.#set({ levelDbfs: SILENCE_DBFS });
  }

  #resetSession(): void {
    this.#timeOffsetSeconds = 0;
    this.#lastTimeSeconds = 0;
    this.#sumDb = 0;
    this.#valueCount = 0;
    this.#set({ framesReceived: 0, sessionMeanDb: null });
    this.#spectrogram.emit(null);
  }

  /** The event with the session's stream time, which runs on across worker restarts. */
  #onSessionClock<T extends { timeSeconds: number }>(event: T): T {
    const timeSeconds = event.timeSeconds + this.#timeOffsetSeconds;
    this.#lastTimeSeconds = timeSeconds;
    return this.#timeOffsetSeconds === 0 ? event : { ...event, timeSeconds };
  }

  #handle(workerEvent: AudioWorkerEvent): void {
    const isSessionTimed = (workerEvent.type === 'spectrogram' || workerEvent.type === 'prediction') && isCurrentReply(workerEvent, this.#sessionId);
    const event = isSessionTimed ? this.#onSessionClock(workerEvent) : workerEvent;
    switch (event.type) {
      case 'spectrogram':
        if (!isCurrentReply(event, this.#sessionId)) return;
        for (const value of event.frames) this.#sumDb += value;
        this.#valueCount += event.frames.length;
        this.#set({
          framesReceived: this.#snapshot.framesReceived + event.frameCount + event.skippedFrameCount,
          sessionMeanDb: this.#valueCount > 0 ? this.#sumDb / this.#valueCount : null,
          levelDbfs: event.levelDbfs,
        });
        if (event.frameCount > 0) this.#spectrogram.emit(event);
        return;
      case 'prediction':
        if (!isCurrentReply(event, this.#sessionId)) return;
        this.#predictions.emit(event);
        return;
      case 'error':
        if (!isCurrentReply(event, this.#sessionId)) return;
        if (event.code === 'prediction-failed') {
          this.#set({ problem: { code: 'analysis-failed', message: event.message, action: 'Listening goes on; if no answer comes, tap Stop, then Start listening.' } });
        } else {
          this.#fail(new CaptureProblem('analysis-failed', event.message, captureProblem('analysis-failed').action));
        }
        return;
      case 'model-progress':
        if (isCurrentReply(event, this.#modelsRequestId)) this.#set({ models: { kind: 'loading', fraction: event.fraction } });
        return;
      case 'models-ready':
        if (!isCurrentReply(event, this.#modelsRequestId)) return;
        // Thresholds first: by the time anyone sees 'ready', the monitor already judges with them.
        this.#thresholds.emit(event.thresholds);
        this.#set({ models: { kind: 'ready', backend: event.backend, versions: event.versions } });
        return;
      case 'models-unavailable':
        if (!isCurrentReply(event, this.#modelsRequestId)) return;
        if (event.cause === 'load-failed') this.#modelsFailed(event.reason);
        else this.#set({ models: { kind: 'unavailable', reason: event.reason } });
        return;
      case 'started':
      case 'stopped':
      case 'pong':
        return;
    }
  }
}
