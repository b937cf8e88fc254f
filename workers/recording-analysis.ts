import { AUDIO_FEATURES, windowSamples as windowLength, type AudioFeatureConfig } from '../src/features/audio-config.ts';
import { createStreamingResampler, logMelSpectrogram, rmsDbfs } from '../src/features/dsp/index.ts';
import { recordingWindowBounds, windowSamplesOf } from '../src/features/recording-windows.ts';
import type { AudioModels } from '../src/models/audio-model-types.ts';
import type { RecordingAnalysisStage, RecordingErrorCode, RecordingWindowPrediction } from '../src/protocol/recording-worker-messages.ts';

/** Shortest recording worth analysing, in seconds: under a quarter of a model window is too little sound to judge. */
export const MIN_RECORDING_SECONDS = 0.5;

/**
 * A window whose RMS level is below this (dBFS) counts as silent. Phone microphones in a quiet
 * room sit around −60 to −70 dBFS; a recording with every window below it is muted or empty.
 */
export const NEAR_SILENCE_DBFS = -70;

/** Input samples resampled per step (1 s at 48 kHz): progress updates stay frequent, overhead small. */
export const RESAMPLE_CHUNK_SAMPLES = 48_000;

/** Windows analysed between two progress reports / cancellation checks (5 s of audio at the 0.5 s hop). */
export const WINDOWS_PER_STEP = 10;

export interface AnalysisHooks {
  progress(stage: RecordingAnalysisStage, fraction: number): void;
  /** True once the caller cancelled. */
  cancelled(): boolean;
  /** Lets pending messages (a cancel) in between steps. */
  pause(): Promise<void>;
}

export type AnalysisOutcome =
  | { kind: 'done'; durationSeconds: number; windows: RecordingWindowPrediction[]; modelVersions: Record<string, string> }
  | { kind: 'error'; code: RecordingErrorCode; message: string }
  | { kind: 'cancelled' };

/** Models, or a reason for people why there are none. */
export type ModelsSource = () => Promise<AudioModels | { unavailable: string }>;

async function resampleInSteps(samples: Float32Array, fromRateHz: number, toRateHz: number, hooks: AnalysisHooks): Promise<Float32Array | null> {
  const resampler = createStreamingResampler(fromRateHz, toRateHz);
  const out = new Float32Array(Math.round((samples.length * toRateHz) / fromRateHz));
  let written = 0;
  const append = (part: Float32Array): void => {
    const room = Math.min(part.length, out.length - written);
    out.set(part.subarray(0, room), written);
    written += room;
  };
  for (let offset = 0; offset < samples.length; offset += RESAMPLE_CHUNK_SAMPLES) {
    append(resampler.process(samples.subarray(offset, offset + RESAMPLE_CHUNK_SAMPLES)));
    hooks.progress('resampling', Math.min(1, (offset + RESAMPLE_CHUNK_SAMPLES) / samples.length));
    await hooks.pause();
    if (hooks.cancelled()) return null;
  }
  append(resampler.flush());
  return out;
}

/**
 * The "analyse a recording" pipeline, off the main thread: resample to the analysis rate with
 * the same resampler as the live path, refuse silence, then run the models window by window at
 * the live hop, checking for cancellation between steps.
 */
export async function analyseRecording(
  samples: Float32Array,
  sampleRateHz: number,
  getModels: ModelsSource,
  hooks: AnalysisHooks,
  config: AudioFeatureConfig = AUDIO_FEATURES,
): Promise<AnalysisOutcome> {
  const durationSeconds = samples.length / sampleRateHz;
  if (durationSeconds < MIN_RECORDING_SECONDS) {
    return { kind: 'error', code: 'too-short', message: `This recording is only ${durationSeconds.toFixed(1)} s long: at least ${MIN_RECORDING_SECONDS} s of sound is needed.` };
  }
  const analysed = await resampleInSteps(samples, sampleRateHz, config.sampleRateHz, hooks);
  if (analysed === null) return { kind: 'cancelled' };

  const windowSamples = windowLength(config);
  const bounds = recordingWindowBounds(analysed.length, config);
  const levels = bounds.map((b) => rmsDbfs(analysed.subarray(b.start, b.end)));
  if (levels.every((level) => level < NEAR_SILENCE_DBFS)) {
    return { kind: 'error', code: 'silent', message: 'This recording is silent (or almost): there is no sound to analyse. Check that the right file was picked and that the microphone was not muted.' };
  }

  hooks.progress('loading-models', 0);
  const models = await getModels();
  if ('unavailable' in models) return { kind: 'error', code: 'no-models', message: models.unavailable };
  hooks.progress('loading-models', 1);

  const windows: RecordingWindowPrediction[] = [];
  for (let i = 0; i < bounds.length; i += 1) {
    const b = bounds[i];
    if (b === undefined) break;
    const logMel = logMelSpectrogram(windowSamplesOf(analysed, b, windowSamples), config);
    const { cryProbability, needProbabilities, embedding } = models.predict(logMel.data, logMel.frameCount);
    windows.push({
      startSeconds: b.start / config.sampleRateHz,
      endSeconds: b.end / config.sampleRateHz,
      cryProbability,
      needProbabilities,
      levelDbfs: levels[i] ?? rmsDbfs(analysed.subarray(b.start, b.end)),
      embedding,
    });
    if ((i + 1) % WINDOWS_PER_STEP === 0 || i === bounds.length - 1) {
      hooks.progress('analysing', (i + 1) / bounds.length);
      await hooks.pause();
      if (hooks.cancelled()) return { kind: 'cancelled' };
    }
  }
  return { kind: 'done', durationSeconds, windows, modelVersions: { ...models.versions } };
}
