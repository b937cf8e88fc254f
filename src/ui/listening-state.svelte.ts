import { startAudioCapture, type AudioCapture } from '../capture/audio-capture.ts';
import { createAudioWorkerClient, type AudioWorkerClient } from '../capture/audio-worker-client.ts';
import { CaptureProblem, captureProblem, problemFromException } from '../capture/capture-errors.ts';
import { isCurrentReply, type AudioWorkerEvent, type PredictionEvent, type SpectrogramEvent } from '../protocol/audio-worker-messages.ts';
import { SILENCE_DBFS } from '../features/dsp/index.ts';

import type { ListeningStatus, ModelStatus } from './listening-types.ts';
import { audioModelsBaseUrl } from './app-urls.ts';

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

  #client: AudioWorkerClient | null = null;
  #capture: AudioCapture | null = null;
  #sessionId: number | null = null;
  #modelsRequestId: number | null = null;
  #sumDb = 0;
  #valueCount = 0;
  #predictionListeners: ((prediction: PredictionEvent) => void)[] = [];

  /** Starts the worker and the model download, so models are ready by the time Start is tapped. */
  init(): void {
    if (this.#client) return;
    this.#client = createAudioWorkerClient(
      (event) => this.#handle(event),
      (message) => this.#fail(captureProblem('analysis-failed', message)),
    );
    const id = this.#client.nextId();
    this.#modelsRequestId = id;
    this.#client.send({ type: 'load-models', id, baseUrl: audioModelsBaseUrl() });
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
    this.framesReceived = 0;
    this.sessionMeanDb = null;
    this.latestFrames = null;
    this.prediction = null;
    this.#sumDb = 0;
    this.#valueCount = 0;
  }

  #handle(event: AudioWorkerEvent): void {
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
        if (isCurrentReply(event, this.#modelsRequestId)) this.models = { kind: 'unavailable', reason: event.reason };
        return;
      case 'started':
      case 'stopped':
        return;
    }
  }
}
