import { AUDIO_FEATURES, type AudioFeatureConfig } from '../audio-config.ts';
import { frameCount, windowedFrame } from './framing.ts';
import { melFilterBank } from './mel.ts';
import { preEmphasize } from './pre-emphasis.ts';
import { powerSpectrum } from './spectrum.ts';
import { hannWindow } from './window.ts';

export interface LogMelSpectrogram {
  /** frameCount × melBands values in dB, frame-major (frame 0's bands first). */
  data: Float32Array;
  frameCount: number;
  melBands: number;
}

interface AnalysisTables {
  window: Float32Array;
  bank: Float32Array[];
  floorPower: number;
}

// Building the window and filter bank costs more than a frame; configs are long-lived objects.
const tablesCache = new WeakMap<AudioFeatureConfig, AnalysisTables>();

function analysisTables(config: AudioFeatureConfig): AnalysisTables {
  let tables = tablesCache.get(config);
  if (!tables) {
    tables = {
      window: hannWindow(config.frameLengthSamples),
      bank: melFilterBank({
        sampleRateHz: config.sampleRateHz,
        fftSize: config.frameLengthSamples,
        melBands: config.melBands,
        minFrequencyHz: config.minFrequencyHz,
        maxFrequencyHz: config.maxFrequencyHz,
      }),
      floorPower: 10 ** (config.logFloorDb / 10),
    };
    tablesCache.set(config, tables);
  }
  return tables;
}

/** Mel band powers of one already-windowed frame, in dB with the config's floor. */
export function logMelFrame(windowed: Float64Array, config: AudioFeatureConfig, out: Float32Array, offset = 0): void {
  const { bank, floorPower } = analysisTables(config);
  const power = powerSpectrum(windowed);
  for (let band = 0; band < bank.length; band++) {
    const weights = bank[band]!;
    let sum = 0;
    for (let k = 0; k < weights.length; k++) sum += weights[k]! * power[k]!;
    out[offset + band] = 10 * Math.log10(Math.max(sum, floorPower));
  }
}

/**
 * Pre-emphasis, framing, periodic Hann window, power spectrum, Mel filter bank and
 * 10·log10 with a floor, on a signal already at config.sampleRateHz.
 * `previousSample` is the sample just before `samples` (0 for a stand-alone clip).
 */
export function logMelSpectrogram(
  samples: Float32Array,
  config: AudioFeatureConfig = AUDIO_FEATURES,
  previousSample = 0,
): LogMelSpectrogram {
  const { window } = analysisTables(config);
  const emphasized = preEmphasize(samples, config.preEmphasis, previousSample);
  const frames = frameCount(emphasized.length, config.frameLengthSamples, config.hopLengthSamples);
  const data = new Float32Array(frames * config.melBands);
  const scratch = new Float64Array(config.frameLengthSamples);
  for (let i = 0; i < frames; i++) {
    windowedFrame(emphasized, i, config.hopLengthSamples, window, scratch);
    logMelFrame(scratch, config, data, i * config.melBands);
  }
  return { data, frameCount: frames, melBands: config.melBands };
}
