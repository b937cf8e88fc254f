import { AUDIO_FEATURES, windowHopSamples as hopSamplesOf, windowSamples as windowSamplesOf, type AudioFeatureConfig } from '../src/features/audio-config.ts';
import { createStreamingResampler, logMelSpectrogram, rmsDbfs } from '../src/features/dsp/index.ts';
import { createSampleRing } from '../src/features/sample-ring.ts';
import { createStreamingFramer } from '../src/features/streaming-frames.ts';

/**
 * Audio between two spectrogram updates, in seconds. 80 ms (5 frames) gives the display about
 * 12 updates a second: smooth to the eye, few messages.
 */
export const SPECTROGRAM_UPDATE_SECONDS = 0.08;

/**
 * Audio between two updates while nobody looks at the spectrogram (screen dark, panel closed,
 * page hidden), in seconds: the level and the frame count still reach the session (the parent
 * unit shows the level), once a second, and no display frame is computed.
 */
export const LEVEL_ONLY_UPDATE_SECONDS = 1;

/** New frames for the live display. */
export interface SpectrogramUpdate {
  /** frameCount × melBands values in dB, frame-major. */
  frames: Float32Array;
  frameCount: number;
  /** Frames analysed but not computed for display since the last update (the display was off). */
  skippedFrameCount: number;
  melBands: number;
  /** RMS level of the audio behind these frames, in dBFS. */
  levelDbfs: number;
  /** Seconds of audio analysed since the start, at the end of these frames. */
  timeSeconds: number;
}

export interface LiveAnalysisSinks {
  spectrogram(update: SpectrogramUpdate): void;
  /** A model window: windowSeconds of audio at the analysis rate, ending `endTimeSeconds` in, on the window grid. */
  window(samples: Float32Array, endTimeSeconds: number): void;
}

export interface LiveAudioAnalyzer {
  /** Feeds one chunk of mono samples at the input rate. */
  push(chunk: Float32Array): void;
  /**
   * Whether anyone draws the spectrogram. Off, no display frame is computed or sent: updates
   * carry the level and the skipped frame count only, once every LEVEL_ONLY_UPDATE_SECONDS.
   * The model windows are the same either way.
   */
  setDisplay(on: boolean): void;
}

/**
 * The live path from microphone chunks to features: anti-aliased resampling to the analysis
 * rate, incremental log-Mel frames for the display (identical to a batch analysis of the whole
 * stream), and on the window grid of audio-config.ts (every windowHopFrames frames) the latest
 * model window, ending exactly on that grid.
 */
export function createLiveAudioAnalyzer(
  inputSampleRateHz: number,
  sinks: LiveAnalysisSinks,
  config: AudioFeatureConfig = AUDIO_FEATURES,
  displayOn = true,
): LiveAudioAnalyzer {
  const rateHz = config.sampleRateHz;
  const resampler = createStreamingResampler(inputSampleRateHz, rateHz);
  const framer = createStreamingFramer(config.frameLengthSamples, config.hopLengthSamples);
  const windowSamples = windowSamplesOf(config);
  const windowHopSamples = hopSamplesOf(config);
  // A chunk can carry the stream up to one hop past a window's end; the ring keeps that much more.
  const ring = createSampleRing(windowSamples + windowHopSamples);
  const framesPerUpdate = Math.max(1, Math.round((SPECTROGRAM_UPDATE_SECONDS * rateHz) / config.hopLengthSamples));
  const framesPerLevelUpdate = Math.max(1, Math.round((LEVEL_ONLY_UPDATE_SECONDS * rateHz) / config.hopLengthSamples));
  let display = displayOn;

  let analysedSamples = 0;
  let nextWindowEndSample = windowSamples;
  let pendingFrames: Float32Array[] = [];
  let pendingFrameCount = 0;
  let pendingSkippedCount = 0;
  let pendingAudio: Float32Array[] = [];

  function flushSpectrogram(): void {
    sinks.spectrogram({
      frames: concat(pendingFrames),
      frameCount: pendingFrameCount,
      skippedFrameCount: pendingSkippedCount,
      melBands: config.melBands,
      levelDbfs: rmsDbfs(concat(pendingAudio)),
      timeSeconds: analysedSamples / rateHz,
    });
    pendingFrames = [];
    pendingFrameCount = 0;
    pendingSkippedCount = 0;
    pendingAudio = [];
  }

  return {
    setDisplay(on) {
      // Frames already computed go out now: the updates while off carry none.
      if (display && !on && pendingFrameCount > 0) flushSpectrogram();
      display = on;
    },
    push(chunk) {
      const samples = resampler.process(chunk);
      if (samples.length === 0) return;
      analysedSamples += samples.length;
      ring.push(samples);
      pendingAudio.push(samples);

      const stretch = framer.push(samples);
      if (stretch && display) {
        const spectrogram = logMelSpectrogram(stretch.samples, config, stretch.previousSample);
        pendingFrames.push(spectrogram.data);
        pendingFrameCount += spectrogram.frameCount;
        if (pendingFrameCount >= framesPerUpdate) flushSpectrogram();
      } else if (stretch) {
        pendingSkippedCount += stretch.frameCount;
        if (pendingSkippedCount + pendingFrameCount >= framesPerLevelUpdate) flushSpectrogram();
      }

      if (analysedSamples >= nextWindowEndSample) {
        // After a stall, skip the missed windows: only the latest audio matters to a live answer.
        let windowEnd = nextWindowEndSample;
        while (nextWindowEndSample <= analysedSamples) {
          windowEnd = nextWindowEndSample;
          nextWindowEndSample += windowHopSamples;
        }
        // The window ends on the grid (training's and the recording path's), not where the chunk happened to end.
        const window = ring.latest(windowSamples, analysedSamples - windowEnd);
        if (window) sinks.window(window, windowEnd / rateHz);
      }
    },
  };
}

function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
