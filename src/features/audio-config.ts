/** Spectrogram frames between successive model windows: the one window grid (see windowHopFrames). */
const WINDOW_HOP_FRAMES = 31;
const HOP_LENGTH_SAMPLES = 128;
const SAMPLE_RATE_HZ = 8000;

/**
 * The one description of the audio features. The app's worker and the Node training and
 * evaluation scripts both read it, so a model always sees the features it was trained on.
 */
export const AUDIO_FEATURES = {
  /** Rate every signal is resampled to before analysis, in hertz: the Donate-a-Cry corpus rate. */
  sampleRateHz: SAMPLE_RATE_HZ,
  /** Pre-emphasis coefficient y[n] = x[n] - a·x[n-1] (dimensionless). */
  preEmphasis: 0.97,
  /** Analysis frame length in samples at sampleRateHz (256 = 32 ms). Also the FFT size. */
  frameLengthSamples: 256,
  /** Step between frame starts in samples at sampleRateHz (128 = 16 ms). */
  hopLengthSamples: HOP_LENGTH_SAMPLES,
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
  /**
   * Step between successive model windows, in spectrogram frames, for training, the live monitor
   * and "analyse a recording" alike. A whole number of frames keeps every window's frames on the
   * clip's own frame grid, so a window cut from a clip's spectrogram (training) and the log-Mel of
   * that window's samples (the app) are the same numbers. 31 × 128 = 3 968 samples (0.496 s).
   */
  windowHopFrames: WINDOW_HOP_FRAMES,
  /** The same step in seconds (0.496), for timelines and smoothing spans; derived, never set apart. */
  windowHopSeconds: (WINDOW_HOP_FRAMES * HOP_LENGTH_SAMPLES) / SAMPLE_RATE_HZ,
} as const;

export type AudioFeatureConfig = typeof AUDIO_FEATURES;

/** Number of spectrogram frames in one model window (124 with the defaults). */
export function framesPerWindow(config: AudioFeatureConfig = AUDIO_FEATURES): number {
  const windowSamples = Math.round(config.windowSeconds * config.sampleRateHz);
  return 1 + Math.floor((windowSamples - config.frameLengthSamples) / config.hopLengthSamples);
}

/** Samples in one model window at the analysis rate (16 000 with the defaults). */
export function windowSamples(config: AudioFeatureConfig = AUDIO_FEATURES): number {
  return Math.round(config.windowSeconds * config.sampleRateHz);
}

/**
 * A time span holding exactly `count` successive model windows' end times, with half a hop of
 * margin at the edge: a span of whole seconds (1.5 s) would hold 3 windows at a 0.5 s hop but
 * 4 at the grid's 0.496 s, so spans counted in windows are set with this instead.
 */
export function windowSpanSeconds(count: number, config: AudioFeatureConfig = AUDIO_FEATURES): number {
  return (count - 0.5) * (config.windowHopFrames * config.hopLengthSamples) / config.sampleRateHz;
}

/** Samples between successive model windows at the analysis rate (3 968 with the defaults). */
export function windowHopSamples(config: AudioFeatureConfig = AUDIO_FEATURES): number {
  return config.windowHopFrames * config.hopLengthSamples;
}
