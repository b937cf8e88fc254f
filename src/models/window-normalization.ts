/**
 * The per-window input normalization shared by training (scripts/) and the app (workers/):
 * one function, so the models never see features prepared differently from what they
 * learned on.
 *
 * Two input channels, both blind to the recording level:
 * 0. how the spectrum changes over the window: each Mel band's mean over the window removed,
 *    then divided by the window's standard deviation. Removing band means also cancels any fixed
 *    coloration of the microphone or codec (the Donate-a-Cry iOS and Android recordings differ
 *    mostly there, and a model could otherwise learn the platform instead of the cry);
 * 1. the window's average spectral shape (band means minus their average, in units of
 *    ENVELOPE_SCALE_DB), the same in every frame: where a sound's energy sits, which tells a
 *    held cry (strong harmonics of a 300–600 Hz voice) from steady noise that channel 0 alone
 *    would reduce to nearly nothing.
 */

/** Channels per time–frequency cell of the model input. */
export const INPUT_CHANNELS = 2;
/** Smallest standard deviation divided by, in dB: keeps near-silent windows from being blown up. */
export const MIN_WINDOW_STD_DB = 1;
/** dB per unit of the spectral-envelope channel (typical envelopes span about ±20 dB). */
export const ENVELOPE_SCALE_DB = 20;

/**
 * Normalizes a frame-major frameCount × melBands log-Mel window (dB) into a new
 * frameCount × melBands × INPUT_CHANNELS array (channels innermost, as tfjs expects).
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
  let overallMean = 0;
  for (let band = 0; band < melBands; band++) {
    bandMeans[band]! /= frameCount;
    overallMean += bandMeans[band]! / melBands;
  }

  const out = new Float32Array(logMelDb.length * INPUT_CHANNELS);
  let sumSquares = 0;
  for (let frame = 0; frame < frameCount; frame++) {
    const offset = frame * melBands;
    for (let band = 0; band < melBands; band++) {
      const centred = logMelDb[offset + band]! - bandMeans[band]!;
      const cell = (offset + band) * INPUT_CHANNELS;
      out[cell] = centred;
      out[cell + 1] = (bandMeans[band]! - overallMean) / ENVELOPE_SCALE_DB;
      sumSquares += centred * centred;
    }
  }
  const scale = 1 / Math.max(Math.sqrt(sumSquares / logMelDb.length), MIN_WINDOW_STD_DB);
  for (let i = 0; i < out.length; i += INPUT_CHANNELS) out[i]! *= scale;
  return out;
}
