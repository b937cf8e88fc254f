/**
 * The "analyse a recording" worker: resamples a decoded file and runs the audio models over it
 * window by window, with progress and cancellation, so a long file never freezes the screen.
 * It loads the models through the same seam as the live audio worker (audio-model-source.ts).
 */
import type { LoadedAudioModels } from '../src/models/audio-models-runtime.ts';
import type { AnalyseRecordingRequest, RecordingWorkerEvent, RecordingWorkerRequest } from '../src/protocol/recording-worker-messages.ts';
import { loadAudioModelsIfInstalled } from './audio-model-source.ts';
import { analyseRecording } from './recording-analysis.ts';
import { DEFAULT_THRESHOLDS } from '../src/fusion/model-thresholds.ts';

declare const self: DedicatedWorkerGlobalScope;

let models: { baseUrl: string; models: LoadedAudioModels } | null = null;
const cancelledIds = new Set<number>();
let currentId: number | null = null;

function post(event: RecordingWorkerEvent): void {
  self.postMessage(event);
}

async function getModels(id: number, baseUrl: string): Promise<LoadedAudioModels | { unavailable: string }> {
  if (models?.baseUrl === baseUrl) return models.models;
  const load = await loadAudioModelsIfInstalled(baseUrl, (fraction) => post({ type: 'progress', id, stage: 'loading-models', fraction }));
  if (load.kind === 'unavailable') return { unavailable: load.reason };
  models?.models.dispose();
  models = { baseUrl, models: load.models };
  return load.models;
}

async function analyse(request: AnalyseRecordingRequest): Promise<void> {
  const { id } = request;
  currentId = id;
  const isCancelled = (): boolean => cancelledIds.has(id) || currentId !== id;
  try {
    const outcome = await analyseRecording(request.samples, request.sampleRateHz, () => getModels(id, request.modelBaseUrl), {
      progress: (stage, fraction) => {
        if (!isCancelled()) post({ type: 'progress', id, stage, fraction });
      },
      cancelled: isCancelled,
      pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
    });
    if (outcome.kind === 'cancelled' || isCancelled()) post({ type: 'cancelled', id });
    else if (outcome.kind === 'error') post({ type: 'error', id, code: outcome.code, message: outcome.message });
    else {
      // A result means the models loaded, so `models` holds the ones that judged it.
      const { cryThreshold, notSureThreshold } = models?.models.metadata ?? DEFAULT_THRESHOLDS;
      post({ type: 'result', id, durationSeconds: outcome.durationSeconds, windows: outcome.windows, modelVersions: outcome.modelVersions, thresholds: { cryThreshold, notSureThreshold } });
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    post({ type: 'error', id, code: 'failed', message: `Analysing the recording failed: ${reason}.` });
  } finally {
    cancelledIds.delete(id);
    if (currentId === id) currentId = null;
  }
}

self.onmessage = (event: MessageEvent<RecordingWorkerRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'analyse':
      void analyse(request);
      break;
    case 'cancel':
      if (currentId === request.id) cancelledIds.add(request.id);
      break;
    case 'ping':
      // Answered between analysis steps (each ends in a pause), so a long file never looks hung.
      post({ type: 'pong', id: request.id });
      break;
  }
};
