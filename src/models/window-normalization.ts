/**
 * The per-window input normalization shared by training (scripts/) and the app (workers/):
 * one function, so the models never see features prepared differently from what they
 * learned on.
 *
 * Each Mel band's mean over the window is removed, which cancels the recording level and any
 * fixed coloration of the microphone or codec (the Donate-a-Cry iOS and Android recordings
 * differ mostly there, and a model could otherwise learn the platform instead of the cry);
 * then the whole window is divided by its standard deviation, so loud and soft windows look
 * alike. What remains is how the spectrum changes over the two seconds.
 */

/** Smallest standard deviation divided by, in dB: keeps near-silent windows from being blown up. */
export const MIN_WINDOW_STD_DB = 1;

/**
 * Normalizes a frame-major frameCount × melBands log-Mel window (dB) into a new array of the
 * same layout: per-band mean removed, then scaled by the window's standard deviation.
 */
export function normalizeLogMelWindow(
  logMelDb: Float32Array,
  frameCount: number,
  melBands: number,
): Float32Array {
  if (!Number.isInteger(frameCount) || !Number.isInteger(melBands) || frameCount < 1 || melBands < 1) {
    throw new RangeError(`normalizeLogMelWindow: bad shape ${frameCount} frames × ${melBands} bands`);
  }
  if (logMelDb.length !== frameCount * melBands) {
    throw new RangeError(
      `normalizeLogMelWindow: ${logMelDb.length} values do not make ${frameCount} frames × ${melBands} bands`,
    );
  }
  const bandMeans = new Float64Array(melBands);
  for (let frame = 0; frame < frameCount; frame++) {
    const offset = frame * melBands;
    for (let band = 0; band < melBands; band++) bandMeans[band]! += logMelDb[offset + band]!;
  }
  for (let band = 0; band < melBands; band++) bandMeans[band]! /= frameCount;

  const out = new Float32Array(logMelDb.length);
  let sumSquares = 0;
  for (let frame = 0; frame < frameCount; frame++) {
    const offset = frame * melBands;
    for (let band = 0; band < melBands; band++) {
      const centred = logMelDb[offset + band]! - bandMeans[band]!;
      out[offset + band] = centred;
      sumSquares += centred * centred;
    }
  }
  const scale = 1 / Math.max(Math.sqrt(sumSquares / out.length), MIN_WINDOW_STD_DB);
  for (let i = 0; i < out.length; i++) out[i]! *= scale;
  return out;
}
