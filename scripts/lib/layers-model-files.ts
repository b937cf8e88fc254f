/**
 * Writes and reads TF.js LayersModel folders (model.json + one weights file) in Node,
 * where `model.save('file://…')` needs tfjs-node, which cannot be installed here.
 * Kernels can be stored as per-tensor affine uint8 (value = min + q · scale), which
 * tfjs dequantizes at load; biases stay float32.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tf } from './tf-node.ts';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';
const UINT8_LEVELS = 255;

export interface SaveOptions {
  /** 'uint8' quantizes every kernel (≈ 4× smaller); 'none' keeps float32. */
  quantize: 'uint8' | 'none';
  /** Recorded in model.json's convertedBy. */
  convertedBy: string;
}

interface QuantizedWeight {
  spec: tf.io.WeightsManifestEntry;
  bytes: Uint8Array;
}

function quantizeUint8(name: string, shape: number[], values: Float32Array): QuantizedWeight {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const scale = max > min ? (max - min) / UINT8_LEVELS : 1;
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) bytes[i] = Math.round(((values[i] ?? 0) - min) / scale);
  return { spec: { name, shape, dtype: 'float32', quantization: { dtype: 'uint8', scale, min } }, bytes };
}

function float32Weight(name: string, shape: number[], values: Float32Array): QuantizedWeight {
  return { spec: { name, shape, dtype: 'float32' }, bytes: new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)) };
}

/** Saves `model` into `dir` (created if needed); returns the weights file size in bytes. */
export async function saveLayersModel(model: tf.LayersModel, dir: string, options: SaveOptions): Promise<number> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler((a) => {
      artifacts = a;
      return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
    }),
  );
  if (artifacts?.weightSpecs === undefined || artifacts.weightData === undefined) throw new Error('The model produced no weights to save.');
  const weightData = tf.io.CompositeArrayBuffer.join(artifacts.weightData);
  const tensors = tf.io.decodeWeights(weightData, artifacts.weightSpecs);
  const encoded: QuantizedWeight[] = [];
  for (const spec of artifacts.weightSpecs) {
    const tensor = tensors[spec.name];
    if (tensor === undefined) throw new Error(`Weight ${spec.name} is missing.`);
    const values = tensor.dataSync() as Float32Array;
    const isKernel = spec.shape.length > 1;
    encoded.push(options.quantize === 'uint8' && isKernel ? quantizeUint8(spec.name, spec.shape, values) : float32Weight(spec.name, spec.shape, values));
  }
  tf.dispose(tensors);
  // tfjs copies each weight out of the concatenated bytes, so entries need no alignment.
  const specs = encoded.map((w) => w.spec);
  const data = new Uint8Array(encoded.reduce((n, w) => n + w.bytes.byteLength, 0));
  let at = 0;
  for (const w of encoded) {
    data.set(w.bytes, at);
    at += w.bytes.byteLength;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, WEIGHTS_FILE), data);
  const modelJson = {
    format: 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: options.convertedBy,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
  };
  writeFileSync(path.join(dir, MODEL_JSON), JSON.stringify(modelJson));
  return data.byteLength;
}

/** An IOHandler that reads a model folder written by saveLayersModel (or the tfjs converter, single shard). */
export function fileModelHandler(dir: string): tf.io.IOHandler {
  return {
    load: () => {
      const json = JSON.parse(readFileSync(path.join(dir, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of json.weightsManifest) {
        weightSpecs.push(...group.weights);
        for (const p of group.paths) buffers.push(readFileSync(path.join(dir, p)));
      }
      const joined = Buffer.concat(buffers);
      return Promise.resolve({
        modelTopology: json.modelTopology,
        weightSpecs,
        weightData: joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength),
        format: json.format,
      });
    },
  };
}

export function loadLayersModelFromDir(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(fileModelHandler(dir));
}
