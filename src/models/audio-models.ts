/**
 * Loads the shipped audio model in the browser worker (the backend is the caller's choice:
 * call tf.setBackend before this).
 */
import * as tf from '@tensorflow/tfjs';
import { createAudioModels, warmUp, type LoadedAudioModels } from './audio-models-runtime.ts';

/** File name of the model topology and weights manifest inside the model folder. */
export const AUDIO_MODEL_FILE = 'model.json';

/** Share of the progress bar the downloads fill; the rest is parsing and the warm-up window. */
const DOWNLOAD_SHARE = 0.9;

/**
 * `fetch` that reports the share of requests answered so far. TF.js's own `onProgress` is not
 * used: it watches each weight download with a `.then` that has no rejection handler, so a
 * failed download (offline, a dropped connection) also surfaced as an uncaught "Failed to
 * fetch" beside the load's own, properly caught error.
 */
export function progressFetch(fetchFn: typeof fetch, onProgress: (fraction: number) => void): typeof fetch {
  let started = 0;
  let answered = 0;
  return (input, init) => {
    started += 1;
    const request = fetchFn(input, init);
    request.then(
      () => {
        answered += 1;
        onProgress((DOWNLOAD_SHARE * answered) / started);
      },
      // The caller (TF.js's Promise.all) gets this rejection; here it only stops the count.
      () => undefined,
    );
    return request;
  };
}

/**
 * Fetches `${baseUrl}/model.json` and its weights, reporting download progress (0–1), then
 * runs one warm-up window before resolving.
 */
export async function loadAudioModels(
  baseUrl: string,
  onProgress: (fraction: number) => void,
  fetchFn: typeof fetch = (input, init) => fetch(input, init),
): Promise<LoadedAudioModels> {
  const url = `${baseUrl.replace(/\/+$/, '')}/${AUDIO_MODEL_FILE}`;
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(tf.io.http(url, { fetchFunc: progressFetch(fetchFn, onProgress) }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not load the audio model from ${url}: ${reason}`, { cause: error });
  }
  const models = createAudioModels(model);
  warmUp(models);
  onProgress(1);
  return models;
}
