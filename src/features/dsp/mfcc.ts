import { AUDIO_FEATURES, type AudioFeatureConfig } from '../audio-config.ts';

/**
 * MFCCs as the orthonormal DCT-II of each log-Mel frame (dB in, first
 * config.mfccCoefficients coefficients out, frame-major).
 */
export function mfccFromLogMel(
  logMel: Float32Array,
  frames: number,
  config: AudioFeatureConfig = AUDIO_FEATURES,
): Float32Array {
  const bands = config.melBands;
  const coefficients = config.mfccCoefficients;
  if (logMel.length !== frames * bands) throw new RangeError('mfccFromLogMel: data length does not match frames × bands');
  const basis = new Float64Array(coefficients * bands);
  for (let c = 0; c < coefficients; c++) {
    const scale = Math.sqrt((c === 0 ? 1 : 2) / bands);
    for (let m = 0; m < bands; m++) basis[c * bands + m] = scale * Math.cos((Math.PI * c * (m + 0.5)) / bands);
  }
  const out = new Float32Array(frames * coefficients);
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < coefficients; c++) {
      let sum = 0;
      for (let m = 0; m < bands; m++) sum += basis[c * bands + m]! * logMel[f * bands + m]!;
      out[f * coefficients + c] = sum;
    }
  }
  return out;
}
