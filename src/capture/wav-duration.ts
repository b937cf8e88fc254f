/**
 * Reads how long a WAV file's sound lasts from its header alone, so that an hours-long file is
 * turned away before the browser decodes it (decoding holds every sample in memory at once).
 * Pure: it reads bytes, nothing else.
 */

const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
/** Offsets inside the 'fmt ' chunk body: channel count, sample rate, byte rate (bytes of sound per second). */
const FMT_CHANNELS_OFFSET = 2;
const FMT_SAMPLE_RATE_OFFSET = 4;
const FMT_BYTE_RATE_OFFSET = 8;

function fourCc(view: DataView, offset: number): string {
  return String.fromCharCode(view.getUint8(offset), view.getUint8(offset + 1), view.getUint8(offset + 2), view.getUint8(offset + 3));
}

/** What a WAV header says about its sound. */
export interface WavHeader {
  /** Seconds of sound (see wavDurationSeconds). */
  readonly durationSeconds: number;
  /** The file's own sample rate, in hertz. */
  readonly sampleRateHz: number;
  readonly channels: number;
}

/**
 * Seconds, rate and channels of a RIFF/WAVE file's sound: the 'data' chunk's bytes over the
 * 'fmt ' byte rate. A 'data' size that runs past the end of the file (a truncated file, or a
 * streaming writer's placeholder) counts only the bytes really there. Null when the bytes are
 * not a WAV this can read (then the browser's decoder decides).
 */
export function wavHeader(bytes: ArrayBuffer): WavHeader | null {
  if (bytes.byteLength < RIFF_HEADER_BYTES) return null;
  const view = new DataView(bytes);
  if (fourCc(view, 0) !== 'RIFF' || fourCc(view, 8) !== 'WAVE') return null;
  let format: { byteRate: number; sampleRateHz: number; channels: number } | null = null;
  let offset = RIFF_HEADER_BYTES;
  while (offset + CHUNK_HEADER_BYTES <= bytes.byteLength) {
    const id = fourCc(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + CHUNK_HEADER_BYTES;
    if (id === 'fmt ' && body + FMT_BYTE_RATE_OFFSET + 4 <= bytes.byteLength) {
      format = {
        channels: view.getUint16(body + FMT_CHANNELS_OFFSET, true),
        sampleRateHz: view.getUint32(body + FMT_SAMPLE_RATE_OFFSET, true),
        byteRate: view.getUint32(body + FMT_BYTE_RATE_OFFSET, true),
      };
    } else if (id === 'data') {
      if (format === null || format.byteRate === 0) return null;
      const present = Math.min(size, bytes.byteLength - body);
      return { durationSeconds: present / format.byteRate, sampleRateHz: format.sampleRateHz, channels: format.channels };
    }
    // Chunks are padded to an even length.
    offset = body + size + (size % 2);
  }
  return null;
}

/** Seconds of sound a RIFF/WAVE file holds (see wavHeader); null when it is not a WAV this can read. */
export function wavDurationSeconds(bytes: ArrayBuffer): number | null {
  return wavHeader(bytes)?.durationSeconds ?? null;
}
