/**
 * The one description of the audio features. The app's worker and the Node training and
 * evaluation scripts both read it, so a model always sees the features it was trained on.
 */
export const AUDIO_FEATURES = {
  /** Rate every signal is resampled to before analysis, in hertz: the Donate-a-Cry corpus rate. */
  sampleRateHz: 8000,
  /** Pre-emphasis coefficient y[n] = x[n] - a·x[n-1] (dimensionless). */
  preEmphasis: 0.97,
  /** Analysis frame length in samples at sampleRateHz (256 = 32 ms). Also the FFT size. */
  frameLengthSamples: 256,
  /** Step between frame starts in samples at sampleRateHz (128 = 16 ms). */
  hopLengthSamples: 128,
  /** Number of triangular Mel bands. */
  melBands: 40,
  /** Lowest Mel band edge in hertz: below it there is mostly hum and handling noise. */
  minFrequencyHz: 50,
  /** Highest Mel band edge in hertz: the Nyquist frequency at 8 kHz. */
  maxFrequencyHz: 4000,
  /** Number of cepstral coefficients kept from the DCT of the log-Mel bands. */
  mfccCoefficients: 13,
  /** Floor of the log-Mel spectrogram in decibels (power 1e-10); silence maps exactly here. */
  logFloorDb: -100,
  /** Length of one analysis window fed to the models, in seconds. */
  windowSeconds: 2,
  /** Step between successive model windows while listening, in seconds. */
  windowHopSeconds: 0.5,
} as const;

export type AudioFeatureConfig = typeof AUDIO_FEATURES;

/** Number of spectrogram frames in one model window (124 with the defaults). */
export function framesPerWindow(config: AudioFeatureConfig = AUDIO_FEATURES): number {
  const windowSamples = Math.round(config.windowSeconds * config.sampleRateHz);
  return 1 + Math.floor((windowSamples - config.frameLengthSamples) / config.hopLengthSamples);
}
