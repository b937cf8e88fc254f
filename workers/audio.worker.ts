/**
 * The audio worker: receives microphone chunks straight from the capture worklet, turns them into
 * log-Mel frames for the display and, every windowHopSeconds, asks the audio models about the
 * latest window. It talks to the main thread only through src/protocol/audio-worker-messages.ts.
 */
import type {
  AudioWorkerErrorCode,
  AudioWorkerEvent,
  AudioWorkerRequest,
  StartListeningRequest,
} from '../src/protocol/audio-worker-messages.ts';
import type { AudioChunkMessage } from '../src/protocol/worklet-messages.ts';
import { AUDIO_FEATURES } from '../src/features/audio-config.ts';
import { logMelSpectrogram } from '../src/features/dsp/index.ts';
import type { AudioModels } from '../src/models/audio-model-types.ts';
import { createLiveAudioAnalyzer, type LiveAudioAnalyzer } from './live-audio-analyzer.ts';
import { loadAudioModelsIfInstalled } from './audio-model-source.ts';

declare const self: DedicatedWorkerGlobalScope;

interface ListeningSession {
  id: number;
  port: MessagePort;
  analyzer: LiveAudioAnalyzer;
}

let session: ListeningSession | null = null;
let models: AudioModels | null = null;
/** Counts TF.js tensors once TF.js is loaded (with the models); null before. */
let liveTensorCount: (() => number) | null = null;

function post(event: AudioWorkerEvent, transfer: Transferable[] = []): void {
  self.postMessage(event, transfer);
}

function postError(id: number, code: AudioWorkerErrorCode, message: string): void {
  post({ type: 'error', id, code, message });
}

function isChunkMessage(data: unknown): data is AudioChunkMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'chunk' && (data as { samples?: unknown }).samples instanceof Float32Array;
}

function predict(id: number, window: Float32Array, endTimeSeconds: number): void {
  if (!models) return;
  try {
    const logMel = logMelSpectrogram(window, AUDIO_FEATURES);
    const { cryProbability, needProbabilities, embedding } = models.predict(logMel.data, logMel.frameCount);
    post({ type: 'prediction', id, timeSeconds: endTimeSeconds, cryProbability, needProbabilities, embedding }, embedding ? [embedding.buffer] : []);
  } catch (error) {
    postError(id, 'prediction-failed', `The audio models failed on this sound: ${describe(error)}.`);
  }
}

function startListening(request: StartListeningRequest): void {
  stopListening();
  const { id, chunkPort, inputSampleRateHz, spectrogram } = request;
  let analyzer: LiveAudioAnalyzer;
  try {
    analyzer = createLiveAudioAnalyzer(inputSampleRateHz, {
      spectrogram: (update) => post({ type: 'spectrogram', id, ...update }, [update.frames.buffer]),
      window: (window, endTimeSeconds) => predict(id, window, endTimeSeconds),
    }, AUDIO_FEATURES, spectrogram);
  } catch (error) {
    postError(id, 'bad-request', `The microphone’s sample rate (${inputSampleRateHz} Hz) cannot be analysed: ${describe(error)}.`);
    return;
  }
  const current: ListeningSession = { id, port: chunkPort, analyzer };
  session = current;
  let failed = false;
  chunkPort.onmessage = (event: MessageEvent<unknown>) => {
    if (session !== current || failed || !isChunkMessage(event.data)) return;
    try {
      current.analyzer.push(event.data.samples);
    } catch (error) {
      failed = true;
      postError(id, 'analysis-failed', `Analysing the sound failed: ${describe(error)}.`);
    }
  };
  post({ type: 'started', id, analysisSampleRateHz: AUDIO_FEATURES.sampleRateHz });
}

function stopListening(): void {
  if (!session) return;
  session.port.onmessage = null;
  session.port.close();
  session = null;
}

async function loadModels(id: number, baseUrl: string): Promise<void> {
  try {
    const load = await loadAudioModelsIfInstalled(baseUrl, (fraction) => post({ type: 'model-progress', id, fraction }));
    if (load.kind === 'unavailable') {
      post({ type: 'models-unavailable', id, cause: load.cause, reason: load.reason });
      return;
    }
    models?.dispose();
    models = load.models;
    liveTensorCount = load.liveTensorCount;
    const { cryThreshold, notSureThreshold } = load.models.metadata;
    post({ type: 'models-ready', id, backend: load.backend, versions: load.models.versions, thresholds: { cryThreshold, notSureThreshold } });
  } catch (error) {
    // The main thread answers this with a fresh worker and another try (src/session/listening-session.ts).
    post({ type: 'models-unavailable', id, cause: 'load-failed', reason: `The audio models could not be loaded (${describe(error)}).` });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

self.onmessage = (event: MessageEvent<AudioWorkerRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'start':
      startListening(request);
      break;
    case 'stop':
      stopListening();
      post({ type: 'stopped', id: request.id });
      break;
    case 'load-models':
      void loadModels(request.id, request.baseUrl);
      break;
    case 'display':
      if (session?.id === request.id) session.analyzer.setDisplay(request.spectrogram);
      break;
    case 'ping':
      post({ type: 'pong', id: request.id, liveTensors: liveTensorCount?.() ?? null });
      break;
  }
};
