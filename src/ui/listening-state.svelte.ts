import { startAudioCapture, type AudioCapture } from '../capture/audio-capture.ts';
import { createAudioWorkerClient, type AudioWorkerClient } from '../capture/audio-worker-client.ts';
import { CaptureProblem, captureProblem, problemFromException } from '../capture/capture-errors.ts';
import { isCurrentReply, type AudioWorkerEvent, type PredictionEvent, type SpectrogramEvent } from '../protocol/audio-worker-messages.ts';
import { SILENCE_DBFS } from '../features/dsp/index.ts';

import type { ListeningStatus, ModelStatus } from './listening-types.ts';
import { audioModelsBaseUrl } from './app-urls.ts';
import type { WorkerFailure } from '../capture/supervised-worker.ts';
import { MODEL_GAVE_UP_REASON, MODEL_RETRYING_REASON, WORKER_GAVE_UP_REASON, noticeForFailure, noticeForRestart, type WorkerNotice } from './worker-notice.ts';

/**
 * The home screen's state: the microphone session, what the worker reports and anything that
 * went wrong. Replies to an ended session or an older model request are dropped by id.
 */
export class ListeningState {
  status = $state<ListeningStatus>('idle');
  problem = $state<CaptureProblem | null>(null);
  levelDbfs = $state(SILENCE_DBFS);
  models = $state<ModelStatus>({ kind: 'loading', fraction: 0 });
  /** The latest spectrogram frames, replaced (never mutated) by each update. */
  latestFrames = $state.raw<SpectrogramEvent | null>(null);
  prediction = $state.raw<PredictionEvent | null>(null);
  /** Spectrogram frames received in this session. */
  framesReceived = $state(0);
  /** Mean of every log-Mel value received in this session, in dB; null before the first frame. */
  sessionMeanDb = $state<number | null>(null);
  /** What happened to the sound analyser itself (crash, restart); null while all is well. */
  workerNotice = $state<WorkerNotice | null>(null);

  #client: AudioWorkerClient | null = null;
  #capture: AudioCapture | null = null;
  #sessionId: number | null = null;
  #modelsRequestId: number | null = null;
  #sumDb = 0;
  #valueCount = 0;
  #predictionListeners: ((prediction: PredictionEvent) => void)[] = [];
  /** Added to a restarted worker's stream times (which start again at 0) so the session's clock runs on, in seconds. */
  #timeOffsetSeconds = 0;
  /** Latest stream time of the session, offset included, in seconds. */
  #lastTimeSeconds = 0;
  /** performance.now() when the worker was lost, in ms; null while it runs. */
  #workerLostAtMs: number | null = null;
  /** Whether the last failure was the model not loading (then the model status speaks, not the notice). */
  #modelRetry = false;

  /** Starts the worker and the model download, so models are ready by the time Start is tapped. */
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

  /** A new worker knows nothing: load the models, and carry on the session if one is running. */
  #workerStarted(client: AudioWorkerClient, restarts: number): void {
    const modelsId = client.nextId();
    this.#modelsRequestId = modelsId;
    client.send({ type: 'load-models', id: modelsId, baseUrl: audioModelsBaseUrl() });
    if (restarts === 0) return;
    const capture = this.#capture;
    const wasListening = capture !== null && this.#sessionId !== null;
    if (wasListening) {
      const gapSeconds = this.#workerLostAtMs === null ? 0 : (performance.now() - this.#workerLostAtMs) / 1000;
      this.#timeOffsetSeconds = this.#lastTimeSeconds + gapSeconds;
      const id = client.nextId();
      this.#sessionId = id;
      const chunkPort = capture.reconnectChunkPort();
      client.send({ type: 'start', id, inputSampleRateHz: capture.sampleRateHz, chunkPort }, [chunkPort]);
    }
    this.#workerLostAtMs = null;
    if (!this.#modelRetry) this.workerNotice = noticeForRestart(wasListening);
    this.#modelRetry = false;
  }

  #workerFailed(failure: WorkerFailure): void {
    this.#workerLostAtMs = performance.now();
    this.#modelsRequestId = null;
    if (failure.kind === 'requested' && this.#modelRetry) {
      if (failure.restartInMs === null) this.models = { kind: 'unavailable', reason: WORKER_GAVE_UP_REASON };
      return;
    }
    console.warn(`CryDecode: the audio worker failed (${failure.kind}: ${failure.detail}).`);
    this.workerNotice = noticeForFailure(failure);
    if (failure.restartInMs !== null) {
      this.models = { kind: 'loading', fraction: 0 };
      return;
    }
    this.models = { kind: 'unavailable', reason: WORKER_GAVE_UP_REASON };
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
      this.models = { kind: 'unavailable', reason: MODEL_GAVE_UP_REASON };
      return;
    }
    this.models = { kind: 'unavailable', reason: MODEL_RETRYING_REASON };
    this.#modelRetry = true;
    client.restart(reason);
  }

  /** Calls `listener` with every prediction of the current session; returns the unsubscribe. */
  addPredictionListener(listener: (prediction: PredictionEvent) => void): () => void {
    this.#predictionListeners = [...this.#predictionListeners, listener];
    return () => {
      this.#predictionListeners = this.#predictionListeners.filter((other) => other !== listener);
    };
  }

  async start(): Promise<void> {
    if (this.status !== 'idle') return;
    this.init();
    this.problem = null;
    this.status = 'starting';
    let capture: AudioCapture;
    try {
      capture = await startAudioCapture({
        onMicrophoneLost: (problem) => this.#fail(problem),
        onRunningChange: (running) => this.#setRunning(running),
      });
    } catch (error) {
      this.problem = problemFromException(error);
      this.status = 'idle';
      return;
    }
    const client = this.#client;
    if (!client) {
      await capture.stop();
      this.status = 'idle';
      return;
    }
    this.#capture = capture;
    this.#resetSession();
    const id = client.nextId();
    this.#sessionId = id;
    client.send({ type: 'start', id, inputSampleRateHz: capture.sampleRateHz, chunkPort: capture.chunkPort }, [capture.chunkPort]);
    this.status = 'listening';
    this.#setRunning(capture.running);
  }

  async stop(): Promise<void> {
    const capture = this.#capture;
    if (!capture || this.status === 'stopping') return;
    this.status = 'stopping';
    this.#endSession();
    await capture.stop().catch(() => undefined);
    this.status = 'idle';
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
    if (this.status !== 'listening' && this.status !== 'suspended') return;
    this.status = running ? 'listening' : 'suspended';
    if (!running) this.problem = captureProblem('audio-suspended');
    else if (this.problem?.code === 'audio-suspended') this.problem = null;
  }

  /** Ends the session and keeps the problem on screen until the next Start. */
  #fail(problem: CaptureProblem): void {
    this.problem = problem;
    void this.stop();
  }

  #endSession(): void {
    const client = this.#client;
    if (client && this.#sessionId !== null) client.send({ type: 'stop', id: client.nextId() });
    this.#sessionId = null;
    this.#capture = null;
    this.levelDbfs = SILENCE_DBFS;
  }

  #resetSession(): void {
    this.#timeOffsetSeconds = 0;
    this.#lastTimeSeconds = 0;
    this.framesReceived = 0;
    this.sessionMeanDb = null;
    this.latestFrames = null;
    this.prediction = null;
    this.#sumDb = 0;
    this.#valueCount = 0;
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
        this.framesReceived += event.frameCount;
        this.sessionMeanDb = this.#valueCount > 0 ? this.#sumDb / this.#valueCount : null;
        this.levelDbfs = event.levelDbfs;
        this.latestFrames = event;
        return;
      case 'prediction':
        if (!isCurrentReply(event, this.#sessionId)) return;
        this.prediction = event;
        for (const listener of this.#predictionListeners) listener(event);
        return;
      case 'error':
        if (!isCurrentReply(event, this.#sessionId)) return;
        if (event.code === 'prediction-failed') {
          this.problem = new CaptureProblem('analysis-failed', event.message, 'Listening goes on; if no answer comes, tap Stop, then Start listening.');
        } else {
          this.#fail(new CaptureProblem('analysis-failed', event.message, captureProblem('analysis-failed').action));
        }
        return;
      case 'model-progress':
        if (isCurrentReply(event, this.#modelsRequestId)) this.models = { kind: 'loading', fraction: event.fraction };
        return;
      case 'models-ready':
        if (isCurrentReply(event, this.#modelsRequestId)) this.models = { kind: 'ready', backend: event.backend, versions: event.versions };
        return;
      case 'models-unavailable':
        if (!isCurrentReply(event, this.#modelsRequestId)) return;
        if (event.cause === 'load-failed') this.#modelsFailed(event.reason);
        else this.models = { kind: 'unavailable', reason: event.reason };
        return;
      case 'started':
      case 'stopped':
      case 'pong':
        return;
    }
  }
}
