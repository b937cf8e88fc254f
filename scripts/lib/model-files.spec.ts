import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelFromDir, MODEL_JSON, quantizeSavedModel, saveModel, serializeModel, WEIGHTS_FILE, writeModelFiles } from './model-files.ts';
import { UINT8_KERNELS_FLOAT16_VECTORS, UINT8_KERNELS_FLOAT32_VECTORS } from './quantize-weights.ts';
import { initTfNode, tf } from './tf-node.ts';

const INPUT_UNITS = 6;
const HIDDEN_UNITS = 5;
const OUTPUT_UNITS = 3;
/** Float32 bytes of the test model: two kernels and two biases. */
const FLOAT_BYTES = 4 * (INPUT_UNITS * HIDDEN_UNITS + HIDDEN_UNITS + HIDDEN_UNITS * OUTPUT_UNITS + OUTPUT_UNITS);

function testModel(): tf.LayersModel {
  const input = tf.input({ shape: [INPUT_UNITS] });
  const hidden = tf.layers
    .dense({ units: HIDDEN_UNITS, activation: 'relu', biasInitializer: tf.initializers.randomNormal({ seed: 2 }), kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })
    .apply(input) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({ units: OUTPUT_UNITS, biasInitializer: tf.initializers.randomNormal({ seed: 4 }), kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) })
    .apply(hidden) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

async function weightValues(model: tf.LayersModel): Promise<Float32Array[]> {
  return Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
}

describe('model files', () => {
  let dir = '';
  let model: tf.LayersModel;

  beforeAll(async () => {
    await initTfNode();
    dir = await mkdtemp(path.join(os.tmpdir(), 'crydecode-model-files-'));
    model = testModel();
  });

  afterAll(async () => {
    model.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('saves float32 weights that load back exactly, under the script name given', async () => {
    const folder = path.join(dir, 'float');
    expect(await saveModel(model, folder, { convertedBy: 'CryDecode test' })).toBe(FLOAT_BYTES);
    const json = JSON.parse(await readFile(path.join(folder, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
    expect(json.convertedBy).toBe('CryDecode test');
    expect(json.weightsManifest[0]?.paths).toEqual([WEIGHTS_FILE]);
    expect(json.weightsManifest[0]?.weights.some((w) => w.quantization !== undefined)).toBe(false);
    const loaded = await loadModelFromDir(folder);
    expect(await weightValues(loaded)).toEqual(await weightValues(model));
    loaded.dispose();
  });

  it('stores kernels as uint8 and keeps biases exact under the float32-vector plan', async () => {
    const folder = path.join(dir, 'uint8');
    const kernelValues = INPUT_UNITS * HIDDEN_UNITS + HIDDEN_UNITS * OUTPUT_UNITS;
    const biasValues = HIDDEN_UNITS + OUTPUT_UNITS;
    expect(await saveModel(model, folder, { quantization: UINT8_KERNELS_FLOAT32_VECTORS })).toBe(kernelValues + 4 * biasValues);
    const loaded = await loadModelFromDir(folder);
    const [kernel, bias] = await weightValues(loaded);
    const [kernelBefore, biasBefore] = await weightValues(model);
    expect(bias).toEqual(biasBefore);
    const json = JSON.parse(await readFile(path.join(folder, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
    const step = json.weightsManifest[0]?.weights[0]?.quantization?.scale ?? 0;
    expect(step).toBeGreaterThan(0);
    kernelBefore?.forEach((v, i) => expect(Math.abs((kernel?.[i] ?? NaN) - v)).toBeLessThanOrEqual(step / 2 + 1e-6));
    loaded.dispose();
  });

  it('keeps the metadata when quantizing, and writes it into model.json', async () => {
    const folder = path.join(dir, 'metadata');
    const saved = { ...(await serializeModel(model)), userDefinedMetadata: { version: 'test@1' } };
    const small = quantizeSavedModel(saved, UINT8_KERNELS_FLOAT16_VECTORS);
    expect(small.modelTopology).toBe(saved.modelTopology);
    expect(small.weightSpecs.map((s) => s.quantization?.dtype)).toEqual(['uint8', 'float16', 'uint8', 'float16']);
    await writeModelFiles(folder, small);
    const json = JSON.parse(await readFile(path.join(folder, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
    expect(json.userDefinedMetadata).toEqual({ version: 'test@1' });
    expect(json.convertedBy).toMatch(/model-files\.ts$/);
  });

  it('says which file is missing when a folder holds no model', async () => {
    await expect(loadModelFromDir(path.join(dir, 'nothing-here'))).rejects.toThrow(/Cannot read the model .*nothing-here.*model\.json/);
  });
});
