/**
 * Reading and writing tfjs LayersModels as model.json + one weights file on disk, for every
 * Node script (audio and vision), without tfjs-node (whose file:// handler cannot be
 * installed here). Weights can be quantized on the way out (see quantize-weights.ts); tfjs
 * dequantizes them at load.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { quantizeWeights, type QuantizationPlan } from './quantize-weights.ts';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';
/** model.json's convertedBy when the caller names no script: what the audio models have always carried. */
const DEFAULT_CONVERTED_BY = 'CryDecode scripts/lib/model-files.ts';

/** The artifacts tfjs would save: topology, weight specs, concatenated weights, metadata. */
export interface SavedModel {
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
  userDefinedMetadata?: Record<string, unknown>;
}

/** Captures a model's artifacts in memory. */
export async function serializeModel(model: tf.LayersModel): Promise<SavedModel> {
  let saved: SavedModel | undefined;
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      if (artifacts.modelTopology === undefined || artifacts.weightSpecs === undefined || artifacts.weightData === undefined) {
        throw new Error('serializeModel: tfjs produced incomplete artifacts');
      }
      if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error('serializeModel: expected a JSON topology');
      saved = {
        modelTopology: artifacts.modelTopology,
        weightSpecs: artifacts.weightSpecs,
        weightData: tf.io.CompositeArrayBuffer.join(artifacts.weightData),
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
    }),
  );
  if (saved === undefined) throw new Error('serializeModel: the save handler was not called');
  return saved;
}

/** Re-encodes a saved model's weights by the plan (e.g. uint8 kernels); topology and metadata are kept. */
export function quantizeSavedModel(saved: SavedModel, plan: QuantizationPlan): SavedModel {
  const { specs, data } = quantizeWeights(saved.weightSpecs, saved.weightData, plan);
  return { ...saved, weightSpecs: specs, weightData: data };
}

export interface ModelFileOptions {
  /** Recorded in model.json's convertedBy, so a published folder says which script wrote it. */
  convertedBy?: string;
}

/** Writes model.json and weights.bin into dir (created if needed); returns the weights' size in bytes. */
export async function writeModelFiles(dir: string, saved: SavedModel, options: ModelFileOptions = {}): Promise<number> {
  await mkdir(dir, { recursive: true });
  const modelJson = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: options.convertedBy ?? DEFAULT_CONVERTED_BY,
    modelTopology: saved.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: saved.weightSpecs }],
    ...(saved.userDefinedMetadata ? { userDefinedMetadata: saved.userDefinedMetadata } : {}),
  };
  await writeFile(path.join(dir, MODEL_JSON), JSON.stringify(modelJson));
  await writeFile(path.join(dir, WEIGHTS_FILE), new Uint8Array(saved.weightData));
  return saved.weightData.byteLength;
}

export interface SaveModelOptions extends ModelFileOptions {
  /** How to store the weights; without a plan every weight stays float32. */
  quantization?: QuantizationPlan;
}

/** Serializes model (optionally quantized) into dir; returns the weights' size in bytes. */
export async function saveModel(model: tf.LayersModel, dir: string, options: SaveModelOptions = {}): Promise<number> {
  const saved = await serializeModel(model);
  const stored = options.quantization === undefined ? saved : quantizeSavedModel(saved, options.quantization);
  return writeModelFiles(dir, stored, options);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads model.json and its weight files from dir into tfjs model artifacts. */
export async function readModelArtifacts(dir: string): Promise<tf.io.ModelArtifacts> {
  const jsonPath = path.join(dir, MODEL_JSON);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(jsonPath, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot read the model ${jsonPath}: ${reason}`, { cause: error });
  }
  if (!isRecord(parsed) || !isRecord(parsed.modelTopology) || !Array.isArray(parsed.weightsManifest)) {
    throw new Error(`${jsonPath} is not a tfjs layers model (no modelTopology or weightsManifest)`);
  }
  const manifest = parsed.weightsManifest as tf.io.WeightsManifestConfig;
  const buffers: ArrayBuffer[] = [];
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  for (const group of manifest) {
    for (const file of group.paths) {
      const bytes = await readFile(path.join(dir, file)).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Cannot read weights ${file} of ${jsonPath}: ${reason}`, { cause: error });
      });
      buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    }
    weightSpecs.push(...group.weights);
  }
  return {
    modelTopology: parsed.modelTopology,
    weightSpecs,
    weightData: tf.io.CompositeArrayBuffer.join(buffers),
    format: typeof parsed.format === 'string' ? parsed.format : 'layers-model',
    ...(isRecord(parsed.userDefinedMetadata)
      ? { userDefinedMetadata: parsed.userDefinedMetadata as tf.io.ModelArtifacts['userDefinedMetadata'] }
      : {}),
  };
}

/** Loads a layers model saved by writeModelFiles (quantized weights are dequantized by tfjs). */
export async function loadModelFromDir(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory(await readModelArtifacts(dir)));
}
