import { mixToMono } from '../features/dsp/index.ts';
import { wavHeader, type WavHeader } from './wav-duration.ts';
import { looksLikeRecording, mp3DurationSeconds, SNIFF_BYTES } from './container-sniff.ts';

/**
 * Largest file accepted, in bytes. Decoding holds the whole recording in memory (about 64 KB per
 * second per channel at the decode rate), so this keeps a phone clear of running out of memory.
 */
export const MAX_RECORDING_FILE_BYTES = 200 * 1024 * 1024;

/** Longest recording analysed, in seconds (1 hour ≈ 7 200 model windows, about a minute of work). */
export const MAX_RECORDING_SECONDS = 60 * 60;

/**
 * Rate the browser decodes to when the file's own rate cannot be used, in hertz: twice the
 * analysis rate, then our own anti-aliased resampler does the last step. Used for compressed
 * files (MP3, M4A, WebM...), whose rate is unknown until decoded: decodeAudioData always
 * resamples to the context's rate, and guessing 48 kHz would triple the memory of an hour-long
 * recording. BENCHMARKS.md measures what the browser's first step changes.
 */
export const DECODE_SAMPLE_RATE_HZ = 16_000;

/**
 * Most decoded sound held at once when decoding at a WAV's own rate, in bytes (float32 samples,
 * every channel): 256 MB is 23 minutes of 48 kHz stereo. Longer files decode at DECODE_SAMPLE_RATE_HZ.
 */
export const OWN_RATE_DECODE_BUDGET_BYTES = 256 * 1024 * 1024;

/** Rates every browser's OfflineAudioContext accepts (the Web Audio spec's required range). */
const MIN_CONTEXT_RATE_HZ = 8_000;
const MAX_CONTEXT_RATE_HZ = 96_000;

/**
 * The rate to decode at. A WAV decodes at its own rate, so our resampler alone takes it to the
 * analysis rate, exactly as training does (scripts/lib/datasets.ts loadAudio); anything else, or
 * a WAV too long to hold at its own rate, at DECODE_SAMPLE_RATE_HZ.
 */
export function decodeRateHz(header: WavHeader | null): number {
  if (header === null) return DECODE_SAMPLE_RATE_HZ;
  const { sampleRateHz, channels, durationSeconds } = header;
  if (!(sampleRateHz >= MIN_CONTEXT_RATE_HZ && sampleRateHz <= MAX_CONTEXT_RATE_HZ)) return DECODE_SAMPLE_RATE_HZ;
  const decodedBytes = durationSeconds * sampleRateHz * Math.max(1, channels) * Float32Array.BYTES_PER_ELEMENT;
  return decodedBytes <= OWN_RATE_DECODE_BUDGET_BYTES ? sampleRateHz : DECODE_SAMPLE_RATE_HZ;
}

/** File name endings browsers commonly decode, for files whose type the system did not say. */
const KNOWN_EXTENSIONS = ['wav', 'wave', 'mp3', 'm4a', 'aac', 'mp4', 'm4v', 'mov', 'webm', 'weba', 'ogg', 'oga', 'opus', 'flac', '3gp', 'amr', 'caf'];

export type RecordingFileErrorCode = 'empty' | 'too-large' | 'unsupported-type' | 'undecodable' | 'too-long' | 'cancelled';

/** A problem with the picked file, with a message written for the parent. */
export class RecordingFileError extends Error {
  readonly code: RecordingFileErrorCode;
  constructor(code: RecordingFileErrorCode, message: string) {
    super(message);
    this.name = 'RecordingFileError';
    this.code = code;
  }
}

export interface FileFacts {
  readonly name: string;
  /** Bytes. */
  readonly size: number;
  /** MIME type as the system reports it; often '' for .m4a or .amr. */
  readonly type: string;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/**
 * Checks what can be checked before decoding the file; null when it is worth decoding. `header`,
 * the file's first bytes, lets a recording with a useless type (application/octet-stream) through.
 */
export function checkRecordingFile(file: FileFacts, header?: Uint8Array): RecordingFileError | null {
  if (file.size === 0) return new RecordingFileError('empty', `“${file.name}” is empty (0 bytes): there is nothing to analyse.`);
  if (file.size > MAX_RECORDING_FILE_BYTES) {
    return new RecordingFileError(
      'too-large',
      `“${file.name}” is ${megabytes(file.size)}; files up to ${megabytes(MAX_RECORDING_FILE_BYTES)} can be analysed. Trim it to the part with the crying.`,
    );
  }
  const type = file.type.toLowerCase();
  if (type.startsWith('audio/') || type.startsWith('video/')) return null;
  const extension = file.name.toLowerCase().split('.').pop() ?? '';
  if (type === '' && KNOWN_EXTENSIONS.includes(extension)) return null;
  if (header !== undefined && looksLikeRecording(header)) return null;
  const what = type === '' ? `a “.${extension}” file` : `a ${type} file`;
  return new RecordingFileError('unsupported-type', `“${file.name}” is ${what}, not a sound or video recording. Pick an audio or video file (WAV, MP3, M4A, WebM, MP4).`);
}

export interface DecodedRecording {
  /** Mono samples in [-1, 1]. */
  samples: Float32Array;
  sampleRateHz: number;
  durationSeconds: number;
}

function abortError(): RecordingFileError {
  return new RecordingFileError('cancelled', 'Analysis cancelled.');
}

/** Resolves with `promise` unless `signal` aborts first (the work itself cannot be stopped, only ignored). */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function tooLongError(name: string, durationSeconds: number): RecordingFileError {
  return new RecordingFileError(
    'too-long',
    `“${name}” lasts ${Math.round(durationSeconds / 60)} minutes; up to ${MAX_RECORDING_SECONDS / 60} minutes can be analysed. Trim it to the part with the crying.`,
  );
}

function noSoundError(name: string): RecordingFileError {
  return new RecordingFileError('empty', `“${name}” holds no sound (its audio lasts 0 seconds): there is nothing to analyse.`);
}

/**
 * Reads and decodes an audio or video file (its sound track) with the browser's decoder, mixed
 * to mono at decodeRateHz (a WAV's own rate when it can). Every failure is a RecordingFileError with a clear message.
 */
export async function decodeRecordingFile(file: File, signal?: AbortSignal): Promise<DecodedRecording> {
  if (checkRecordingFile(file) !== null) {
    const problem = checkRecordingFile(file, new Uint8Array(await unlessAborted(file.slice(0, SNIFF_BYTES).arrayBuffer(), signal)));
    if (problem) throw problem;
  }
  if (typeof OfflineAudioContext === 'undefined') {
    throw new RecordingFileError('undecodable', 'This browser cannot decode recordings (no Web Audio support).');
  }
  const bytes = await unlessAborted(file.arrayBuffer(), signal);
  // A WAV says how long it is, an MP3 nearly: turn an hours-long or soundless one away before
  // decoding it all (ten hours decoded would run out of memory and look like a damaged file).
  const header = wavHeader(bytes);
  const headerSeconds = header?.durationSeconds ?? mp3DurationSeconds(new Uint8Array(bytes), bytes.byteLength);
  if (headerSeconds !== null) {
    if (headerSeconds === 0) throw noSoundError(file.name);
    if (headerSeconds > MAX_RECORDING_SECONDS) throw tooLongError(file.name, headerSeconds);
  }
  const context = new OfflineAudioContext(1, 1, decodeRateHz(header));
  let buffer: AudioBuffer;
  try {
    buffer = await unlessAborted(context.decodeAudioData(bytes), signal);
  } catch (error) {
    if (error instanceof RecordingFileError) throw error;
    const isVideo = file.type.startsWith('video/');
    throw new RecordingFileError(
      'undecodable',
      isVideo
        ? // A video without sound is turned away even if its pictures could be read: crying is found by its sound, and
          // the face alone (an adult-expression network, no need model) would look like an answer without being one.
          `The sound of “${file.name}” could not be read: the video may have no sound track, be damaged, or use a format this browser cannot play. CryDecode finds crying by its sound, so a video needs its sound track.`
        : `“${file.name}” could not be read as audio: it may be damaged, or in a format this browser cannot play. Try WAV, MP3, M4A or WebM.`,
    );
  }
  if (buffer.length === 0) throw noSoundError(file.name);
  if (buffer.duration > MAX_RECORDING_SECONDS) throw tooLongError(file.name, buffer.duration);
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
  return { samples: mixToMono(channels), sampleRateHz: buffer.sampleRate, durationSeconds: buffer.duration };
}
