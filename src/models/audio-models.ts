/**
 * Loads the shipped audio model in the browser worker (the backend is the caller's choice:
 * call tf.setBackend before this).
 */
import * as tf from '@tensorflow/tfjs';
import { createAudioModels, warmUp, type LoadedAudioModels } from './audio-models-runtime.ts';

/** File name of the model topology and weights manifest inside the model folder. */
export const AUDIO_MODEL_FILE = 'model.json';

/**
 * Fetches `${baseUrl}/model.json` and its weights, reporting download progress (0–1), then
 * runs one warm-up window before resolving.
 */
export async function loadAudioModels(
  baseUrl: string,
  onProgress: (fraction: number) => void,
): Promise<LoadedAudioModels> {
  const url = `${baseUrl.replace(/\/+$/, '')}/${AUDIO_MODEL_FILE}`;
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(url, { onProgress });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not load the audio model from ${url}: ${reason}`, { cause: error });
  }
  const models = createAudioModels(model);
  warmUp(models);
  onProgress(1);
  return models;
}
