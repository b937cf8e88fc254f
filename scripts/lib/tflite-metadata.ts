/**
 * Attaches TFLite model metadata (tflite-support's metadata_schema.fbs, file
 * identifier "M001") to a .tflite model (tensorflow/lite/schema/schema.fbs,
 * identifier "TFL3") without generated code and without re-serializing the model.
 *
 * Why: MediaPipe Tasks refuses float image models that do not declare their input
 * normalization ("it requires specifying NormalizationOptions metadata"). The
 * metadata is written as a new model buffer, listed under the name
 * TFLITE_METADATA in the model's `metadata` vector, as the official populator does.
 *
 * How the model stays intact: the original file is embedded byte-for-byte inside
 * the new one, 16-byte aligned (TFLite buffers are `force_align: 16`), and a new
 * root Model table placed before it re-points at the original tables. FlatBuffers
 * references are forward-only unsigned offsets, so new tables go in front of the
 * old bytes and the new metadata buffer behind them.
 */
import { Builder } from 'flatbuffers';
import { FlatBufferReader } from './flatbuffer-reader.ts';

export const TFLITE_FILE_IDENTIFIER = 'TFL3';
export const METADATA_FILE_IDENTIFIER = 'M001';
export const METADATA_ENTRY_NAME = 'TFLITE_METADATA';
/** Oldest metadata parser that understands every field we write (schema 1.0.0 fields only). */
export const METADATA_MIN_PARSER_VERSION = '1.0.0';

/** Field slots of the TFLite schema tables we read or rebuild. */
export const ModelSlot = {
  version: 0,
  operatorCodes: 1,
  subgraphs: 2,
  description: 3,
  buffers: 4,
  metadataBuffer: 5,
  metadata: 6,
  signatureDefs: 7,
} as const;
const MODEL_SLOT_COUNT = 8;
export const BufferSlot = { data: 0, offset: 1, size: 2 } as const;
export const MetadataSlot = { name: 0, buffer: 1 } as const;
export const SubGraphSlot = { tensors: 0, inputs: 1, outputs: 2, operators: 3, name: 4 } as const;
export const TensorSlot = { shape: 0, type: 1, buffer: 2, name: 3 } as const;

/** Field slots of the metadata schema tables (a union takes two slots: type, then value). */
export const ModelMetadataSlot = {
  name: 0,
  description: 1,
  version: 2,
  subgraphMetadata: 3,
  author: 4,
  license: 5,
  associatedFiles: 6,
  minParserVersion: 7,
} as const;
export const SubGraphMetadataSlot = { name: 0, description: 1, inputTensorMetadata: 2, outputTensorMetadata: 3 } as const;
export const TensorMetadataSlot = { name: 0, description: 1, dimensionNames: 2, content: 3, processUnits: 4, stats: 5 } as const;
export const ContentSlot = { propertiesType: 0, properties: 1, range: 2 } as const;
export const ImagePropertiesSlot = { colorSpace: 0, defaultSize: 1 } as const;
export const ImageSizeSlot = { width: 0, height: 1 } as const;
export const ProcessUnitSlot = { optionsType: 0, options: 1 } as const;
export const NormalizationOptionsSlot = { mean: 0, std: 1 } as const;

/** Union and enum values from metadata_schema.fbs. */
export const CONTENT_PROPERTIES_IMAGE = 2;
export const PROCESS_UNIT_NORMALIZATION = 1;
export const COLOR_SPACE = { UNKNOWN: 0, RGB: 1, GRAYSCALE: 2 } as const;

const TFLITE_BUFFER_ALIGNMENT_BYTES = 16;
const UOFFSET_BYTES = 4;

export interface TensorDescription {
  name: string;
  description: string;
}

export interface ImageInputDescription extends TensorDescription {
  colorSpace: keyof typeof COLOR_SPACE;
  widthPx: number;
  heightPx: number;
  /** Per-channel (or one shared) mean subtracted from 0–255 pixel values. */
  mean: number[];
  /** Per-channel (or one shared) divisor applied after the mean. */
  std: number[];
}

export interface ImageModelMetadata {
  name: string;
  description: string;
  version: string;
  author: string;
  license: string;
  input: ImageInputDescription;
  outputs: TensorDescription[];
}

function createFloatVector(builder: Builder, values: readonly number[]): number {
  builder.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) builder.addFloat32(values[i] ?? 0);
  return builder.endVector();
}

function createOffsetVector(builder: Builder, offsets: readonly number[]): number {
  builder.startVector(UOFFSET_BYTES, offsets.length, UOFFSET_BYTES);
  for (let i = offsets.length - 1; i >= 0; i--) builder.addOffset(offsets[i] ?? 0);
  return builder.endVector();
}

function createPlainTensorMetadata(builder: Builder, tensor: TensorDescription): number {
  const name = builder.createString(tensor.name);
  const description = builder.createString(tensor.description);
  builder.startObject(7);
  builder.addFieldOffset(TensorMetadataSlot.name, name, 0);
  builder.addFieldOffset(TensorMetadataSlot.description, description, 0);
  return builder.endObject();
}

function createImageTensorMetadata(builder: Builder, input: ImageInputDescription): number {
  builder.startObject(2);
  builder.addFieldInt32(ImageSizeSlot.width, input.widthPx, 0);
  builder.addFieldInt32(ImageSizeSlot.height, input.heightPx, 0);
  const defaultSize = builder.endObject();

  builder.startObject(2);
  builder.addFieldInt8(ImagePropertiesSlot.colorSpace, COLOR_SPACE[input.colorSpace], 0);
  builder.addFieldOffset(ImagePropertiesSlot.defaultSize, defaultSize, 0);
  const imageProperties = builder.endObject();

  builder.startObject(3);
  builder.addFieldInt8(ContentSlot.propertiesType, CONTENT_PROPERTIES_IMAGE, 0);
  builder.addFieldOffset(ContentSlot.properties, imageProperties, 0);
  const content = builder.endObject();

  const mean = createFloatVector(builder, input.mean);
  const std = createFloatVector(builder, input.std);
  builder.startObject(2);
  builder.addFieldOffset(NormalizationOptionsSlot.mean, mean, 0);
  builder.addFieldOffset(NormalizationOptionsSlot.std, std, 0);
  const normalization = builder.endObject();

  builder.startObject(2);
  builder.addFieldInt8(ProcessUnitSlot.optionsType, PROCESS_UNIT_NORMALIZATION, 0);
  builder.addFieldOffset(ProcessUnitSlot.options, normalization, 0);
  const processUnit = builder.endObject();
  const processUnits = createOffsetVector(builder, [processUnit]);

  const name = builder.createString(input.name);
  const description = builder.createString(input.description);
  builder.startObject(7);
  builder.addFieldOffset(TensorMetadataSlot.name, name, 0);
  builder.addFieldOffset(TensorMetadataSlot.description, description, 0);
  builder.addFieldOffset(TensorMetadataSlot.content, content, 0);
  builder.addFieldOffset(TensorMetadataSlot.processUnits, processUnits, 0);
  return builder.endObject();
}

/** Serializes a ModelMetadata flatbuffer for a single-input image model. */
export function buildImageModelMetadata(metadata: ImageModelMetadata): Uint8Array {
  if (metadata.input.mean.length === 0 || metadata.input.mean.length !== metadata.input.std.length) {
    throw new Error('Normalization needs as many std values as mean values (one, or one per channel).');
  }
  if (metadata.input.std.some((s) => s === 0)) throw new Error('Normalization std must not be zero.');
  const builder = new Builder(1024);
  const input = createImageTensorMetadata(builder, metadata.input);
  const outputs = metadata.outputs.map((output) => createPlainTensorMetadata(builder, output));
  const inputVector = createOffsetVector(builder, [input]);
  const outputVector = createOffsetVector(builder, outputs);
  builder.startObject(4);
  builder.addFieldOffset(SubGraphMetadataSlot.inputTensorMetadata, inputVector, 0);
  builder.addFieldOffset(SubGraphMetadataSlot.outputTensorMetadata, outputVector, 0);
  const subgraph = builder.endObject();
  const subgraphs = createOffsetVector(builder, [subgraph]);

  const name = builder.createString(metadata.name);
  const description = builder.createString(metadata.description);
  const version = builder.createString(metadata.version);
  const author = builder.createString(metadata.author);
  const license = builder.createString(metadata.license);
  const minParserVersion = builder.createString(METADATA_MIN_PARSER_VERSION);
  builder.startObject(8);
  builder.addFieldOffset(ModelMetadataSlot.name, name, 0);
  builder.addFieldOffset(ModelMetadataSlot.description, description, 0);
  builder.addFieldOffset(ModelMetadataSlot.version, version, 0);
  builder.addFieldOffset(ModelMetadataSlot.subgraphMetadata, subgraphs, 0);
  builder.addFieldOffset(ModelMetadataSlot.author, author, 0);
  builder.addFieldOffset(ModelMetadataSlot.license, license, 0);
  builder.addFieldOffset(ModelMetadataSlot.minParserVersion, minParserVersion, 0);
  builder.finish(builder.endObject(), METADATA_FILE_IDENTIFIER);
  return builder.asUint8Array().slice();
}

/** Throws a readable error unless `model` is a small TFLite flatbuffer we can safely extend. */
function checkAttachable(reader: FlatBufferReader): number {
  if (reader.bytes.byteLength < 8 || reader.fileIdentifier() !== TFLITE_FILE_IDENTIFIER) {
    throw new Error(`Not a TFLite model: expected file identifier "${TFLITE_FILE_IDENTIFIER}".`);
  }
  const model = reader.rootTable();
  if (reader.slotCount(model) > MODEL_SLOT_COUNT) {
    throw new Error('This TFLite model uses schema fields newer than this metadata writer knows; refusing to drop them.');
  }
  for (const buffer of reader.tables(model, ModelSlot.buffers)) {
    if (reader.uint64(buffer, BufferSlot.offset) !== 0n) {
      throw new Error('This TFLite model stores buffers outside the flatbuffer (>2 GB layout); not supported.');
    }
  }
  for (const entry of reader.tables(model, ModelSlot.metadata)) {
    if (reader.string(entry, MetadataSlot.name) === METADATA_ENTRY_NAME) {
      throw new Error(`The model already has a ${METADATA_ENTRY_NAME} entry.`);
    }
  }
  return model;
}

/**
 * Returns a new .tflite file: the original model unchanged plus `metadata` as a new
 * buffer referenced by a TFLITE_METADATA entry.
 */
export function attachTfliteMetadata(model: Uint8Array, metadata: Uint8Array): Uint8Array {
  const reader = new FlatBufferReader(model);
  const root = checkAttachable(reader);
  const builder = new Builder(model.byteLength + metadata.byteLength + 1024);

  // Written first, so it lands last in the file, behind the embedded model.
  builder.startVector(1, metadata.byteLength, TFLITE_BUFFER_ALIGNMENT_BYTES);
  for (let i = metadata.byteLength - 1; i >= 0; i--) builder.addInt8(metadata[i] ?? 0);
  const metadataData = builder.endVector();

  builder.prep(TFLITE_BUFFER_ALIGNMENT_BYTES, model.byteLength);
  for (let i = model.byteLength - 1; i >= 0; i--) builder.writeInt8(model[i] ?? 0);
  const embeddedStart = builder.offset();
  /** Builder offset (distance from the end) of the object at `position` in the original file. */
  const embedded = (position: number): number => embeddedStart - position;

  builder.startObject(3);
  builder.addFieldOffset(BufferSlot.data, metadataData, 0);
  const metadataBuffer = builder.endObject();
  const oldBuffers = reader.tables(root, ModelSlot.buffers).map(embedded);
  const buffers = createOffsetVector(builder, [...oldBuffers, metadataBuffer]);

  const entryName = builder.createString(METADATA_ENTRY_NAME);
  builder.startObject(2);
  builder.addFieldOffset(MetadataSlot.name, entryName, 0);
  builder.addFieldInt32(MetadataSlot.buffer, oldBuffers.length, 0);
  const entry = builder.endObject();
  const oldEntries = reader.tables(root, ModelSlot.metadata).map(embedded);
  const metadataEntries = createOffsetVector(builder, [...oldEntries, entry]);

  builder.startObject(MODEL_SLOT_COUNT);
  builder.addFieldInt32(ModelSlot.version, reader.uint32(root, ModelSlot.version), 0);
  for (const slot of [ModelSlot.operatorCodes, ModelSlot.subgraphs, ModelSlot.description, ModelSlot.metadataBuffer, ModelSlot.signatureDefs]) {
    const target = reader.reference(root, slot);
    if (target !== null) builder.addFieldOffset(slot, embedded(target), 0);
  }
  builder.addFieldOffset(ModelSlot.buffers, buffers, 0);
  builder.addFieldOffset(ModelSlot.metadata, metadataEntries, 0);
  builder.finish(builder.endObject(), TFLITE_FILE_IDENTIFIER);
  return builder.asUint8Array().slice();
}

/** The TFLITE_METADATA flatbuffer of a model, or null if it has none. */
export function readTfliteMetadata(model: Uint8Array): Uint8Array | null {
  const reader = new FlatBufferReader(model);
  const root = reader.rootTable();
  const buffers = reader.tables(root, ModelSlot.buffers);
  for (const entry of reader.tables(root, ModelSlot.metadata)) {
    if (reader.string(entry, MetadataSlot.name) !== METADATA_ENTRY_NAME) continue;
    const buffer = buffers[reader.uint32(entry, MetadataSlot.buffer)];
    if (buffer === undefined) throw new Error('TFLITE_METADATA points at a buffer that does not exist.');
    return reader.bytesOf(buffer, BufferSlot.data);
  }
  return null;
}
