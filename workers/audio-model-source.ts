import type { LoadedAudioModels } from '../src/models/audio-models-runtime.ts';
import type { ModelsUnavailableCause } from '../src/protocol/audio-worker-messages.ts';

/** The one place the worker gets its models from: either they are usable, or a reason for people. */
export type AudioModelsLoad =
  | { kind: 'ready'; models: LoadedAudioModels; backend: string; liveTensorCount: () => number }
  | { kind: 'unavailable'; cause: ModelsUnavailableCause; reason: string };

const NOT_INSTALLED_REASON =
  'This build has no audio models (models/audio/model.json is missing), so CryDecode shows what it hears but cannot tell crying yet.';

/**
 * Checks that the model files are present before anything heavy is loaded (a build without
 * models still listens and draws the spectrogram, and says plainly why no answer comes), then
 * starts TF.js and loads and warms up the models. Rejects if present models fail to load.
 */
export async function loadAudioModelsIfInstalled(baseUrl: string, onProgress: (fraction: number) => void): Promise<AudioModelsLoad> {
  const manifestUrl = new URL('model.json', baseUrl).href;
  let response: Response;
  try {
    response = await fetch(manifestUrl);
  } catch {
    return { kind: 'unavailable', cause: 'load-failed', reason: 'The audio models could not be read from this device’s copy of the app. Reload the page to try again.' };
  }
  // A single-page server answers a missing file with index.html, so check that it is JSON.
  const isJson = response.ok && (response.headers.get('content-type') ?? '').includes('json');
  if (!isJson) return { kind: 'unavailable', cause: 'not-installed', reason: NOT_INSTALLED_REASON };
  onProgress(0);
  // Loaded on demand so the spectrogram never waits for TF.js to download and compile.
  const [{ startAudioTf, liveTensorCount }, { loadAudioModels }] = await Promise.all([import('./audio-tf-backend.ts'), import('../src/models/audio-models.ts')]);
  const backend = await startAudioTf();
  const models = await loadAudioModels(baseUrl, onProgress);
  return { kind: 'ready', models, backend, liveTensorCount };
}
