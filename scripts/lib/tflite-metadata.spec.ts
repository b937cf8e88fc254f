import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FlatBufferReader } from './flatbuffer-reader.ts';
import {
  attachTfliteMetadata,
  buildImageModelMetadata,
  BufferSlot,
  COLOR_SPACE,
  CONTENT_PROPERTIES_IMAGE,
  ContentSlot,
  ImagePropertiesSlot,
  ImageSizeSlot,
  METADATA_ENTRY_NAME,
  METADATA_FILE_IDENTIFIER,
  MetadataSlot,
  ModelMetadataSlot,
  ModelSlot,
  NormalizationOptionsSlot,
  PROCESS_UNIT_NORMALIZATION,
  ProcessUnitSlot,
  readTfliteMetadata,
  SubGraphMetadataSlot,
  SubGraphSlot,
  TensorMetadataSlot,
  TensorSlot,
  type ImageModelMetadata,
} from './tflite-metadata.ts';

const require = createRequire(import.meta.url);
const original = new Uint8Array(readFileSync(require.resolve('@mediapipe/face_detection/face_detection_short_range.tflite')));

const METADATA: ImageModelMetadata = {
  name: 'test detector',
  description: 'for the test',
  version: '1',
  author: 'test',
  license: 'Apache-2.0',
  input: { name: 'image', description: 'RGB', colorSpace: 'RGB', widthPx: 128, heightPx: 128, mean: [127.5], std: [127.5] },
  outputs: [
    { name: 'regressors', description: 'boxes' },
    { name: 'classificators', description: 'scores' },
  ],
};

function tensorsOf(reader: FlatBufferReader): { name: string | null; shape: number[] }[] {
  const [subgraph] = reader.tables(reader.rootTable(), ModelSlot.subgraphs);
  if (subgraph === undefined) throw new Error('no subgraph');
  return reader.tables(subgraph, SubGraphSlot.tensors).map((t) => ({
    name: reader.string(t, TensorSlot.name),
    shape: reader.int32s(t, TensorSlot.shape),
  }));
}

function bufferDataOf(reader: FlatBufferReader): (Uint8Array | null)[] {
  return reader.tables(reader.rootTable(), ModelSlot.buffers).map((b) => reader.bytesOf(b, BufferSlot.data));
}

describe('attachTfliteMetadata', () => {
  const written = attachTfliteMetadata(original, buildImageModelMetadata(METADATA));
  const before = new FlatBufferReader(original);
  const after = new FlatBufferReader(written);

  it('adds one TFLITE_METADATA entry pointing at a new, last buffer', () => {
    expect(after.fileIdentifier()).toBe('TFL3');
    const entries = after.tables(after.rootTable(), ModelSlot.metadata);
    const oldEntries = before.tables(before.rootTable(), ModelSlot.metadata);
    expect(entries).toHaveLength(oldEntries.length + 1);
    const last = entries.at(-1);
    if (last === undefined) throw new Error('no entry');
    expect(after.string(last, MetadataSlot.name)).toBe(METADATA_ENTRY_NAME);
    expect(after.uint32(last, MetadataSlot.buffer)).toBe(bufferDataOf(before).length);
  });

  it('writes RGB image properties and the normalization the detector expects', () => {
    const metadata = readTfliteMetadata(written);
    if (metadata === null) throw new Error('metadata missing');
    const m = new FlatBufferReader(metadata);
    expect(m.fileIdentifier()).toBe(METADATA_FILE_IDENTIFIER);
    const root = m.rootTable();
    expect(m.string(root, ModelMetadataSlot.name)).toBe('test detector');
    const [subgraph] = m.tables(root, ModelMetadataSlot.subgraphMetadata);
    if (subgraph === undefined) throw new Error('no subgraph metadata');
    expect(m.tables(subgraph, SubGraphMetadataSlot.outputTensorMetadata)).toHaveLength(2);
    const [input] = m.tables(subgraph, SubGraphMetadataSlot.inputTensorMetadata);
    if (input === undefined) throw new Error('no input metadata');
    const content = m.reference(input, TensorMetadataSlot.content);
    if (content === null) throw new Error('no content');
    expect(m.uint8(content, ContentSlot.propertiesType)).toBe(CONTENT_PROPERTIES_IMAGE);
    const image = m.reference(content, ContentSlot.properties);
    if (image === null) throw new Error('no image properties');
    expect(m.uint8(image, ImagePropertiesSlot.colorSpace)).toBe(COLOR_SPACE.RGB);
    const size = m.reference(image, ImagePropertiesSlot.defaultSize);
    if (size === null) throw new Error('no default size');
    expect([m.uint32(size, ImageSizeSlot.width), m.uint32(size, ImageSizeSlot.height)]).toEqual([128, 128]);
    const [unit] = m.tables(input, TensorMetadataSlot.processUnits);
    if (unit === undefined) throw new Error('no process unit');
    expect(m.uint8(unit, ProcessUnitSlot.optionsType)).toBe(PROCESS_UNIT_NORMALIZATION);
    const options = m.reference(unit, ProcessUnitSlot.options);
    if (options === null) throw new Error('no options');
    expect(m.float32s(options, NormalizationOptionsSlot.mean)).toEqual([127.5]);
    expect(m.float32s(options, NormalizationOptionsSlot.std)).toEqual([127.5]);
  });

  it('keeps the original model intact: tensors, operators, version and every weight byte', () => {
    expect(tensorsOf(after)).toEqual(tensorsOf(before));
    expect(tensorsOf(before).length).toBeGreaterThan(100);
    expect(after.uint32(after.rootTable(), ModelSlot.version)).toBe(before.uint32(before.rootTable(), ModelSlot.version));
    expect(after.vector(after.rootTable(), ModelSlot.operatorCodes)?.length).toBe(
      before.vector(before.rootTable(), ModelSlot.operatorCodes)?.length,
    );
    const oldData = bufferDataOf(before);
    const newData = bufferDataOf(after);
    expect(newData).toHaveLength(oldData.length + 1);
    oldData.forEach((data, i) => expect(newData[i]).toEqual(data));
  });

  it('keeps each original buffer at the same 16-byte phase and aligns the new one', () => {
    const phases = (reader: FlatBufferReader): number[] =>
      reader.tables(reader.rootTable(), ModelSlot.buffers).map((b) => (reader.vector(b, BufferSlot.data)?.start ?? 0) % 16);
    const oldPhases = phases(before);
    const newPhases = phases(after);
    expect(newPhases.slice(0, oldPhases.length)).toEqual(oldPhases);
    expect(newPhases.at(-1)).toBe(0);
  });

  it('refuses what is not a TFLite model, and a model that already has metadata', () => {
    expect(() => attachTfliteMetadata(new Uint8Array(64), buildImageModelMetadata(METADATA))).toThrow(/Not a TFLite model/);
    expect(() => attachTfliteMetadata(written, buildImageModelMetadata(METADATA))).toThrow(/already has a TFLITE_METADATA/);
  });

  it('rejects normalization that cannot be applied', () => {
    expect(() => buildImageModelMetadata({ ...METADATA, input: { ...METADATA.input, std: [0] } })).toThrow(/zero/);
    expect(() => buildImageModelMetadata({ ...METADATA, input: { ...METADATA.input, std: [1, 2] } })).toThrow(/as many/);
  });
});
