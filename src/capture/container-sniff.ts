/**
 * Recognises a recording by its first bytes, for files whose system-reported type says nothing
 * useful (`application/octet-stream` from a file manager or a chat app's download). Pure.
 */

/** Bytes read from the start of a file: enough for every signature below. */
export const SNIFF_BYTES = 12;

function ascii(bytes: Uint8Array, offset: number, text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

/** True when the bytes start like a sound or video container the browser may decode. */
export function looksLikeRecording(bytes: Uint8Array): boolean {
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WAVE')) return true;
  if (ascii(bytes, 0, 'ID3') || ascii(bytes, 0, 'OggS') || ascii(bytes, 0, 'fLaC') || ascii(bytes, 0, '#!AMR')) return true;
  if (ascii(bytes, 4, 'ftyp')) return true; // MP4, M4A, MOV, 3GP
  if (ascii(bytes, 0, 'FORM') && ascii(bytes, 8, 'AIF')) return true;
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return true; // WebM / Matroska
  const second = bytes[1] ?? 0;
  return bytes[0] === 0xff && (second & 0xe0) === 0xe0; // an MPEG audio frame (MP3 without a tag, ADTS AAC)
}

/** Kilobits per second by bitrate index, MPEG-1 Layer III and MPEG-2/2.5 Layer III. */
const MPEG1_L3_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MPEG2_L3_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const SAMPLE_RATES: Record<number, readonly number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };
const ID3_HEADER_BYTES = 10;
/** How far past any ID3 tag the first frame is searched for (some taggers pad). */
const FRAME_SEARCH_BYTES = 4 * 1024;

/**
 * Roughly how long an MP3 lasts, from its first frame header, before decoding it all (decoding
 * ten hours would run out of memory and look like a damaged file). A "Xing"/"Info" frame gives
 * the exact frame count of a variable-bitrate file; otherwise bitrate × size, exact for constant
 * bitrate. Null when the bytes are not an MP3 this can read (then the decoder decides).
 */
export function mp3DurationSeconds(bytes: Uint8Array, fileBytes: number): number | null {
  let offset = 0;
  if (ascii(bytes, 0, 'ID3') && bytes.length >= ID3_HEADER_BYTES) {
    // The tag size is "syncsafe": 7 bits a byte.
    const size = (((bytes[6] ?? 0) & 0x7f) << 21) | (((bytes[7] ?? 0) & 0x7f) << 14) | (((bytes[8] ?? 0) & 0x7f) << 7) | ((bytes[9] ?? 0) & 0x7f);
    offset = ID3_HEADER_BYTES + size;
  } else if (bytes[0] !== 0xff || ((bytes[1] ?? 0) & 0xe0) !== 0xe0) {
    // Neither a tag nor a frame first: not an MP3 (a sync-like pair deep in an MP4 means nothing).
    return null;
  }
  const end = Math.min(bytes.length - 4, offset + FRAME_SEARCH_BYTES);
  for (; offset < end; offset += 1) {
    const b1 = bytes[offset + 1] ?? 0;
    const b2 = bytes[offset + 2] ?? 0;
    if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) continue;
    const version = (b1 >> 3) & 0x3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
    const layer = (b1 >> 1) & 0x3; // 1 = Layer III
    const bitrateIndex = b2 >> 4;
    const rateIndex = (b2 >> 2) & 0x3;
    const rates = SAMPLE_RATES[version];
    if (layer !== 1 || rates === undefined || rateIndex === 3 || bitrateIndex === 0 || bitrateIndex === 15) continue;
    const sampleRate = rates[rateIndex] ?? 0;
    const kbps = (version === 3 ? MPEG1_L3_KBPS : MPEG2_L3_KBPS)[bitrateIndex] ?? 0;
    const samplesPerFrame = version === 3 ? 1152 : 576;
    const mono = ((bytes[offset + 3] ?? 0) >> 6) === 3;
    const sideInfo = version === 3 ? (mono ? 17 : 32) : mono ? 9 : 17;
    const tag = offset + 4 + sideInfo;
    if ((ascii(bytes, tag, 'Xing') || ascii(bytes, tag, 'Info')) && bytes.length >= tag + 12 && ((bytes[tag + 7] ?? 0) & 0x1) === 1) {
      const frames = new DataView(bytes.buffer, bytes.byteOffset + tag + 8, 4).getUint32(0, false);
      return (frames * samplesPerFrame) / sampleRate;
    }
    return ((fileBytes - offset) * 8) / (kbps * 1000);
  }
  return null;
}
