/**
 * AudioModels on top of a loaded tfjs LayersModel: the part shared by the browser loader
 * (audio-models.ts) and the Node loader (scripts/lib/load-audio-models-node.ts), so the app,
 * the benchmarks and `npm run evaluate` compute predictions the same way.
 */
import * as tf from '@tensorflow/tfjs';
import type { AudioModels, AudioPrediction } from './audio-model-types.ts';
import { parseAudioModelMetadata, type AudioModelMetadata } from './audio-model-metadata.ts';
import type { NeedProbabilities } from '../domain/needs.ts';
import { INPUT_CHANNELS, normalizeLogMelWindow } from './window-normalization.ts';
import { CRY_OUTPUT_NAME } from './audio-architecture.ts';

const OUTPUT_COUNT = 2;

function softmaxWithTemperature(logits: Float32Array, temperature: number): NeedProbabilities {
  const scaled = Array.from(logits, (logit) => logit / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((value) => Math.exp(value - max));
  const total = exps.reduce((a, b) => a + b, 0);
  const [discomfort = 0, hunger = 0, pain = 0, tired = 0] = exps.map((value) => value / total);
  return [discomfort, hunger, pain, tired];
}

/** Raw outputs of the combined network for one already normalized window. */
export interface RawAudioOutputs {
  cryProbability: number;
  needLogits: Float32Array;
}

/**
 * Runs the combined network on a batch of normalized windows (windows × frames × melBands ×
 * INPUT_CHANNELS) and returns raw outputs; every tensor is freed before returning.
 */
export function runAudioNetwork(
  model: tf.LayersModel,
  normalizedWindows: Float32Array,
  windowCount: number,
  frames: number,
  melBands: number,
): RawAudioOutputs[] {
  const [cry, need] = tf.tidy(() => {
    const input = tf.tensor4d(normalizedWindows, [windowCount, frames, melBands, INPUT_CHANNELS]);
    const outputs = model.predict(input);
    if (!Array.isArray(outputs) || outputs.length !== OUTPUT_COUNT) {
      throw new Error('audio model: expected two outputs (cry probability, need logits)');
    }
    return outputs.map((output) => output.dataSync() as Float32Array);
  });
  if (cry === undefined || need === undefined) throw new Error('audio model: missing outputs');
  const needCount = need.length / windowCount;
  return Array.from({ length: windowCount }, (_, i) => ({
    cryProbability: cry[i] ?? NaN,
    needLogits: need.slice(i * needCount, (i + 1) * needCount),
  }));
}

/**
 * The same network with the cry head's input (the embedding) as a third output, sharing the
 * weights; null when the model has no cry layer of that name (then no embedding is reported).
 */
function withEmbedding(model: tf.LayersModel): tf.LayersModel | null {
  let cryLayer: tf.layers.Layer;
  try {
    cryLayer = model.getLayer(CRY_OUTPUT_NAME);
  } catch {
    return null;
  }
  const embedding = cryLayer.input;
  if (Array.isArray(embedding)) return null;
  return tf.model({ inputs: model.inputs, outputs: [...model.outputs, embedding] });
}

export interface LoadedAudioModels extends AudioModels {
  readonly metadata: AudioModelMetadata;
}

/** Wraps a loaded combined model; reads and checks its metadata. */
export function createAudioModels(model: tf.LayersModel): LoadedAudioModels {
  let metadata: AudioModelMetadata;
  try {
    metadata = parseAudioModelMetadata(model.getUserDefinedMetadata());
  } catch (error) {
    model.dispose();
    throw error;
  }
  const { frames, melBands, needTemperature, version } = metadata;
  const embedder = withEmbedding(model);
  let disposed = false;
  return {
    metadata,
    versions: { audio: version },
    predict(logMel: Float32Array, frameCount: number): AudioPrediction {
      if (disposed) throw new Error('audio model: predict() after dispose()');
      if (frameCount !== frames || logMel.length !== frames * melBands) {
        throw new Error(
          `audio model: expected ${frames} frames × ${melBands} bands, got ${frameCount} frames (${logMel.length} values)`,
        );
      }
      const normalized = normalizeLogMelWindow(logMel, frameCount, melBands);
      if (embedder === null) {
        const [raw] = runAudioNetwork(model, normalized, 1, frames, melBands);
        if (raw === undefined) throw new Error('audio model: no output');
        return { cryProbability: raw.cryProbability, needProbabilities: softmaxWithTemperature(raw.needLogits, needTemperature), embedding: null };
      }
      const [cry, need, embedding] = tf.tidy(() => {
        const outputs = embedder.predict(tf.tensor4d(normalized, [1, frames, melBands, INPUT_CHANNELS]));
        if (!Array.isArray(outputs) || outputs.length !== OUTPUT_COUNT + 1) throw new Error('audio model: expected three outputs (cry probability, need logits, embedding)');
        return outputs.map((output) => output.dataSync() as Float32Array);
      });
      if (cry === undefined || need === undefined || embedding === undefined) throw new Error('audio model: missing outputs');
      return { cryProbability: cry[0] ?? NaN, needProbabilities: softmaxWithTemperature(need, needTemperature), embedding: Float32Array.from(embedding) };
    },
    dispose(): void {
      if (disposed) return;
      disposed = true;
      model.dispose();
    },
  };
}

/** One prediction on a silent window, so shader compilation and allocation happen at load time. */
export function warmUp(models: LoadedAudioModels): void {
  const { frames, melBands } = models.metadata;
  models.predict(new Float32Array(frames * melBands).fill(-100), frames);
}
