/**
 * WAV (RIFF/WAVE) decoding to mono float samples, and a 16-bit PCM encoder for fixtures.
 * Supported: integer PCM 8 (unsigned), 16, 24, 32 bit; IEEE float 32 and 64 bit; G.711 µ-law and
 * A-law (telephone and voice-recorder WAVs); plain and WAVE_FORMAT_EXTENSIBLE headers; any
 * sample rate and channel count (channels are averaged).
 */

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_ALAW = 0x0006;
const WAVE_FORMAT_MULAW = 0x0007;
/** G.711 µ-law bias added before the segment shift (ITU-T G.711). */
const MULAW_BIAS = 0x84;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
/** Smallest valid fmt chunk body (PCM without cbSize). */
const MIN_FMT_BYTES = 16;
/** fmt body size of WAVE_FORMAT_EXTENSIBLE: 18 + 22 bytes of extension. */
const EXTENSIBLE_FMT_BYTES = 40;
/** Offset of the SubFormat GUID's first two bytes (the format code) inside an extensible fmt body. */
const EXTENSIBLE_SUBFORMAT_OFFSET = 24;
/**
 * Streaming writers that cannot seek back put a placeholder in the data size: 0, 0xFFFFFFFF
 * (ffmpeg to a pipe) or 0x7FFFF000 (espeak-ng --stdout). Sizes from here up mean "to the end".
 */
const STREAMING_DATA_SIZE = 0x7ffff000;

export class WavDecodeError extends Error {
  constructor(fileName: string, problem: string) {
    super(`${fileName}: ${problem}`);
    this.name = 'WavDecodeError';
  }
}

export interface DecodedAudio {
  /** Mono samples in [-1, 1] (average of all channels). */
  samples: Float32Array;
  sampleRateHz: number;
  /** Channel count of the file before down-mixing. */
  channels: number;
}

interface WavFormat {
  encoding: 'int' | 'float' | 'mulaw' | 'alaw';
  bitsPerSample: number;
  channels: number;
  sampleRateHz: number;
  blockAlign: number;
}

function fourCc(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

function parseFormat(view: DataView, offset: number, size: number, fail: (p: string) => never): WavFormat {
  if (size < MIN_FMT_BYTES) fail(`fmt chunk is ${size} bytes, shorter than the ${MIN_FMT_BYTES} a WAV needs`);
  let formatTag = view.getUint16(offset, true);
  const channels = view.getUint16(offset + 2, true);
  const sampleRateHz = view.getUint32(offset + 4, true);
  const blockAlign = view.getUint16(offset + 12, true);
  const bitsPerSample = view.getUint16(offset + 14, true);
  if (formatTag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < EXTENSIBLE_FMT_BYTES) fail('WAVE_FORMAT_EXTENSIBLE header is too short');
    formatTag = view.getUint16(offset + EXTENSIBLE_SUBFORMAT_OFFSET, true);
  }
  if (channels === 0) fail('the header says 0 channels');
  if (sampleRateHz === 0) fail('the header says a sample rate of 0 Hz');
  let encoding: WavFormat['encoding'];
  if (formatTag === WAVE_FORMAT_MULAW || formatTag === WAVE_FORMAT_ALAW) {
    if (bitsPerSample !== 8) fail(`G.711 ${formatTag === WAVE_FORMAT_MULAW ? 'µ-law' : 'A-law'} must be 8-bit, the header says ${bitsPerSample}`);
    encoding = formatTag === WAVE_FORMAT_MULAW ? 'mulaw' : 'alaw';
  } else if (formatTag === WAVE_FORMAT_PCM) {
    if (![8, 16, 24, 32].includes(bitsPerSample)) fail(`${bitsPerSample}-bit integer PCM is not supported (8, 16, 24 or 32)`);
    encoding = 'int';
  } else if (formatTag === WAVE_FORMAT_IEEE_FLOAT) {
    if (bitsPerSample !== 32 && bitsPerSample !== 64) fail(`${bitsPerSample}-bit float is not supported (32 or 64)`);
    encoding = 'float';
  } else {
    fail(
      `compressed or unknown WAV encoding (format code 0x${formatTag.toString(16)}); ` +
        'convert it to PCM first, e.g. `ffmpeg -i in.wav -c:a pcm_s16le out.wav`',
    );
  }
  const bytesPerSample = bitsPerSample / 8;
  if (blockAlign !== channels * bytesPerSample) {
    fail(`inconsistent header: block align ${blockAlign} ≠ ${channels} channels × ${bytesPerSample} bytes`);
  }
  return { encoding, bitsPerSample, channels, sampleRateHz, blockAlign };
}

/** G.711 µ-law byte → linear value on the 16-bit scale (±32124). */
export function decodeMuLaw(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + MULAW_BIAS) << exponent) - MULAW_BIAS;
  return u & 0x80 ? -magnitude : magnitude;
}

/** G.711 A-law byte → linear value on the 16-bit scale (±32256; A-law has no exact zero). */
export function decodeALaw(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a >> 4) & 0x07;
  const mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

function readSample(view: DataView, offset: number, format: WavFormat): number {
  if (format.encoding === 'mulaw') return decodeMuLaw(view.getUint8(offset)) / 32768;
  if (format.encoding === 'alaw') return decodeALaw(view.getUint8(offset)) / 32768;
  if (format.encoding === 'float') {
    const value = format.bitsPerSample === 32 ? view.getFloat32(offset, true) : view.getFloat64(offset, true);
    // Some writers overshoot slightly; NaN would poison every later sum.
    return Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
  }
  switch (format.bitsPerSample) {
    case 8:
      return (view.getUint8(offset) - 128) / 128;
    case 16:
      return view.getInt16(offset, true) / 32768;
    case 24: {
      const unsigned = view.getUint8(offset) | (view.getUint8(offset + 1) << 8) | (view.getUint8(offset + 2) << 16);
      const signed = unsigned & 0x800000 ? unsigned - 0x1000000 : unsigned;
      return signed / 8388608;
    }
    default:
      return view.getInt32(offset, true) / 2147483648;
  }
}

/**
 * Decodes a WAV file to mono float samples.
 * @param bytes the whole file
 * @param fileName used in error messages so the user knows which file is broken
 * @throws WavDecodeError for anything that is not a readable WAV
 */
export function decodeWav(bytes: Uint8Array, fileName = 'WAV data'): DecodedAudio {
  const fail = (problem: string): never => {
    throw new WavDecodeError(fileName, problem);
  };
  if (bytes.byteLength < RIFF_HEADER_BYTES) fail(`only ${bytes.byteLength} bytes: too short to be a WAV file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riff = fourCc(view, 0);
  if (riff === 'RIFX') fail('big-endian WAV (RIFX) is not supported');
  if (riff === 'RF64') fail('RF64 (WAV over 4 GB) is not supported: cut the recording into shorter files');
  if (riff !== 'RIFF' || fourCc(view, 8) !== 'WAVE') fail('not a WAV file (no RIFF/WAVE header)');

  let format: WavFormat | null = null;
  let dataOffset = -1;
  let dataBytes = 0;
  let offset = RIFF_HEADER_BYTES;
  while (offset + CHUNK_HEADER_BYTES <= bytes.byteLength) {
    const id = fourCc(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + CHUNK_HEADER_BYTES;
    if (id === 'fmt ') {
      if (body + size > bytes.byteLength) fail('truncated: the fmt chunk runs past the end of the file');
      format = parseFormat(view, body, size, fail);
    } else if (id === 'data') {
      const available = bytes.byteLength - body;
      if (size >= STREAMING_DATA_SIZE || size === 0) {
        dataBytes = available;
      } else if (size > available) {
        fail(`truncated: the data chunk declares ${size} bytes but only ${available} are present`);
      } else {
        dataBytes = size;
      }
      dataOffset = body;
      break;
    }
    // Chunks are padded to an even length.
    offset = body + size + (size % 2);
  }
  if (format === null) fail('no fmt chunk before the audio data');
  if (dataOffset < 0) fail('no data chunk (no audio in the file)');
  const fmt = format as WavFormat;

  const frameCount = Math.floor(dataBytes / fmt.blockAlign);
  if (frameCount === 0) fail('the data chunk holds no complete sample frame');
  const bytesPerSample = fmt.bitsPerSample / 8;
  const samples = new Float32Array(frameCount);
  for (let frame = 0; frame < frameCount; frame++) {
    const frameOffset = dataOffset + frame * fmt.blockAlign;
    let sum = 0;
    for (let channel = 0; channel < fmt.channels; channel++) {
      sum += readSample(view, frameOffset + channel * bytesPerSample, fmt);
    }
    samples[frame] = sum / fmt.channels;
  }
  return { samples, sampleRateHz: fmt.sampleRateHz, channels: fmt.channels };
}

/**
 * Encodes channels of float samples in [-1, 1] as a 16-bit PCM WAV file.
 * @param channels one array per channel, all the same length
 */
export function encodeWavPcm16(channels: readonly Float32Array[], sampleRateHz: number): Uint8Array {
  const first = channels[0];
  if (first === undefined) throw new RangeError('encodeWavPcm16 needs at least one channel');
  if (channels.some((c) => c.length !== first.length)) throw new RangeError('all channels must have the same length');
  if (!Number.isInteger(sampleRateHz) || sampleRateHz <= 0) throw new RangeError(`bad sample rate ${sampleRateHz}`);
  const bytesPerSample = 2;
  const blockAlign = channels.length * bytesPerSample;
  const dataBytes = first.length * blockAlign;
  const out = new Uint8Array(RIFF_HEADER_BYTES + CHUNK_HEADER_BYTES + MIN_FMT_BYTES + CHUNK_HEADER_BYTES + dataBytes);
  const view = new DataView(out.buffer);
  const writeText = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  writeText(0, 'RIFF');
  view.setUint32(4, out.byteLength - 8, true);
  writeText(8, 'WAVE');
  writeText(12, 'fmt ');
  view.setUint32(16, MIN_FMT_BYTES, true);
  view.setUint16(20, WAVE_FORMAT_PCM, true);
  view.setUint16(22, channels.length, true);
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, sampleRateHz * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bytesPerSample * 8, true);
  writeText(36, 'data');
  view.setUint32(40, dataBytes, true);
  let offset = 44;
  for (let i = 0; i < first.length; i++) {
    for (const channel of channels) {
      const clamped = Math.max(-1, Math.min(1, channel[i] ?? 0));
      view.setInt16(offset, Math.round(clamped < 0 ? clamped * 32768 : clamped * 32767), true);
      offset += bytesPerSample;
    }
  }
  return out;
}
