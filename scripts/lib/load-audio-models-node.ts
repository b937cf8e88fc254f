/** The Node counterpart of src/models/audio-models.ts, for scripts/evaluate/evaluate.ts and tests. */
import type { AudioModels } from '../../src/models/audio-model-types.ts';
import { createAudioModels, warmUp, type LoadedAudioModels } from '../../src/models/audio-models-runtime.ts';
import { loadModelFromDir } from './model-files.ts';
import { initTfNode } from './tf-node.ts';

/** Loads the audio model folder (model.json + weights) from disk on the wasm backend. */
export async function loadAudioModelsFromDir(dir: string): Promise<AudioModels & LoadedAudioModels> {
  await initTfNode();
  const models = createAudioModels(await loadModelFromDir(dir));
  warmUp(models);
  return models;
}
